import { z } from 'zod';
import {
  addComment,
  approveEntries,
  delegateEntries,
  getEntry,
  listComments,
  listEntries,
  rejectEntries,
} from '../../approvals/index.ts';
import type { EngineContext } from '../../engine/context.ts';
import { entryChangeInfo } from '../../record-changes/change-details.ts';
import { companyParams, errorResponses, page, pageOf, pagingQuery } from '../schemas.ts';
import { inCompany } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';
import {
  approvalEntrySchema,
  approvalTableSchema,
  assertEntryVisible,
  COMPANY_PATH,
  commentSchema,
  commentText,
  commentView,
  decisionResultSchema,
  decisionView,
  distinctIds,
  entryParams,
  historyEventSchema,
  historyOf,
  onEntry,
  recordKeySchema,
} from './approval-schemas.ts';

/** Approval entries as users see them, decisions on them (one or a batch), and comments. */

const CHANNEL = 'api' as const;

type Decision = 'approve' | 'reject' | 'delegate';

interface DecisionInput {
  readonly comment?: string;
  readonly reason?: string;
}

/** One decision on one entry; errors say which entry, and who decided it already. */
function decide(ctx: EngineContext, decision: Decision, id: number, input: DecisionInput) {
  return onEntry(ctx, id, async () => {
    const options = { channel: CHANNEL, ...(input.comment !== undefined ? { comment: input.comment } : {}) };
    const [result] =
      decision === 'approve'
        ? await approveEntries(ctx, [id], options)
        : decision === 'reject'
          ? await rejectEntries(ctx, [id], options)
          : await delegateEntries(ctx, [id], {
              channel: CHANNEL,
              ...(input.reason !== undefined ? { reason: input.reason } : {}),
            });
    if (!result) throw new Error(`No result for approval entry ${id}.`);
    return decisionView(result);
  });
}

const listQuery = pagingQuery.extend({
  view: z
    .enum(['to-approve', 'sent', 'all', 'overdue'])
    .default('to-approve')
    .describe(
      'to-approve: open entries waiting for me; sent: what I sent; all: every entry (approval administrator only); overdue: open and due before today',
    ),
  table: approvalTableSchema.optional(),
  key: recordKeySchema.optional(),
});

const entryDetailSchema = approvalEntrySchema.extend({
  history: z.array(historyEventSchema).describe('Every change of the entry, oldest first'),
  comments: z.array(commentSchema).describe('Comments on the request this entry belongs to'),
});

const commentBody = z.object({ comment: commentText.optional() });
const delegateBody = z.object({ reason: z.string().max(250).optional().describe('Why it is delegated') });
const idsSchema = z
  .array(z.number().int().positive())
  .min(1)
  .max(500)
  .describe('Approval entry nos.; all are decided in one transaction, or none');

const DECISIONS = {
  approve: {
    summary: 'Approve',
    body: commentBody.nullish(),
    batchBody: commentBody.extend({ ids: idsSchema }),
  },
  reject: {
    summary: 'Reject',
    body: commentBody.nullish(),
    batchBody: commentBody.extend({ ids: idsSchema }),
  },
  delegate: {
    summary: 'Delegate (to the substitute, else the approver’s approver, else the approval administrator)',
    body: delegateBody.nullish(),
    batchBody: delegateBody.extend({ ids: idsSchema }),
  },
} as const;

export function registerApprovalEntryRoutes(server: Server, options: ServerOptions): void {
  const tags = ['approval entries'];
  const entriesPath = `${COMPANY_PATH}/approval-entries`;

  server.get(
    entriesPath,
    {
      schema: {
        tags,
        summary: 'Approval entries: mine to approve, sent by me, all, or overdue',
        params: companyParams,
        querystring: listQuery,
        response: { 200: pageOf(approvalEntrySchema), ...errorResponses },
      },
    },
    async (request) => {
      const { view, table, key, limit, offset } = request.query;
      const entries = await inCompany(options, request, request.params.company, 'read', (ctx) =>
        listEntries(ctx, view, { ...(table ? { table } : {}), ...(key ? { key } : {}) }),
      );
      return page(entries, { limit, offset });
    },
  );

  server.get(
    `${entriesPath}/:id`,
    {
      schema: {
        tags,
        summary: 'One approval entry with its history and the comments of its request',
        params: entryParams,
        response: { 200: entryDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'read', async (ctx) => {
        const entry = await getEntry(ctx, request.params.id);
        await assertEntryVisible(ctx, entry);
        const comments = (await listComments(ctx, entry.table, entry.recordKey)).filter(
          (c) => c.instanceId === entry.instanceId,
        );
        const [change] = await entryChangeInfo(ctx, [entry]);
        return {
          ...entry,
          ...change,
          history: await historyOf(ctx, entry.id),
          comments: comments.map(commentView),
        };
      }),
  );

  for (const decision of ['approve', 'reject', 'delegate'] as const) {
    const { summary, body, batchBody } = DECISIONS[decision];

    server.post(
      `${entriesPath}/:id/${decision}`,
      {
        schema: {
          tags,
          summary: `${summary} an approval entry`,
          description: 'The body may be left out. Decisions are recorded with channel "api".',
          params: entryParams,
          body,
          response: { 200: decisionResultSchema, ...errorResponses },
        },
      },
      async (request) =>
        inCompany(options, request, request.params.company, 'write', (ctx) =>
          decide(ctx, decision, request.params.id, request.body ?? {}),
        ),
    );

    server.post(
      `${entriesPath}/${decision}`,
      {
        schema: {
          tags,
          summary: `${summary} several approval entries at once: all of them, or none`,
          params: companyParams,
          body: batchBody,
          response: { 200: z.object({ results: z.array(decisionResultSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        const { ids, ...input } = request.body;
        const results = await inCompany(options, request, request.params.company, 'write', async (ctx) => {
          const done: ReturnType<typeof decisionView>[] = [];
          for (const id of distinctIds(ids)) done.push(await decide(ctx, decision, id, input));
          return done;
        });
        return { results };
      },
    );
  }

  server.post(
    `${entriesPath}/:id/comments`,
    {
      schema: {
        tags,
        summary: 'Comment on the request an approval entry belongs to',
        params: entryParams,
        body: z.object({ comment: commentText }),
        response: { 201: commentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const comment = await inCompany(options, request, request.params.company, 'write', async (ctx) => {
        const entry = await getEntry(ctx, request.params.id);
        await assertEntryVisible(ctx, entry);
        return addComment(ctx, entry.table, entry.recordKey, request.body.comment, entry.instanceId);
      });
      return reply.code(201).send(commentView(comment));
    },
  );

  server.get(
    `${COMPANY_PATH}/comments`,
    {
      schema: {
        tags,
        summary: 'Approval comments on a record, oldest first',
        params: companyParams,
        querystring: z.object({ table: approvalTableSchema, key: recordKeySchema }),
        response: { 200: z.array(commentSchema), ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'read', async (ctx) =>
        (await listComments(ctx, request.query.table, request.query.key)).map(commentView),
      ),
  );
}
