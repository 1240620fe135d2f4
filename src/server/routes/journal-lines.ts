import { z } from 'zod';
import {
  cancelJournalBatchApproval,
  cancelJournalLineApproval,
  checkBatchBalance,
  createJournalLine,
  deleteJournalLine,
  getJournalBatch,
  getJournalLine,
  JOURNAL_DOCUMENT_TYPES,
  type JournalLine,
  LINE_FIELDS,
  listJournalLines,
  postJournalBatch,
  type SavedJournalLine,
  sendJournalBatchForApproval,
  sendJournalLineForApproval,
  TEMPLATE_TYPES,
  updateJournalLine,
} from '../../journals/index.ts';
import type { Restriction } from '../../records/restrictions.ts';
import { expectedRevision, ifMatchHeaders, setEtag } from '../etag.ts';
import { listPage, listQuerySchema } from '../list-query.ts';
import { errorResponses, okSchema, pageOf } from '../schemas.ts';
import { inCompany } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';
import { registerRequestRoutes } from './approvals.ts';
import {
  accountType,
  BATCH,
  balAccountType,
  batchParams,
  decimal,
  JOURNAL_TAG,
  LINE,
  LINES,
  lineParams,
  revision,
  withEtag,
} from './journal-schemas.ts';

/**
 * Journal lines, and what is done to a whole batch of them: its balance, posting it, and sending
 * a batch or a line for approval.
 */

const documentType = z
  .union([z.enum(JOURNAL_DOCUMENT_TYPES), z.literal('')])
  .describe('Blank for a plain entry; payment, invoice, credit-memo or refund');

const lineSchema = z.object({
  templateName: z.string(),
  batchName: z.string(),
  lineNo: z.number().int(),
  templateType: z.enum(TEMPLATE_TYPES),
  postingDate: z.string(),
  documentType,
  documentNo: z.string(),
  accountType,
  accountNo: z.string(),
  description: z.string(),
  amount: decimal('Signed amount in local currency, debit positive'),
  balAccountType,
  balAccountNo: z.string(),
  appliesToDocNo: z.string().describe('The open customer/vendor document this line settles'),
  systemCreated: z.boolean().describe('Made by a workflow (a payment line), not typed in'),
  createdBy: z.string(),
  createdAt: z.string(),
  revision,
});
const lineChanges = {
  postingDate: z.string().describe('YYYY-MM-DD; default today'),
  documentType,
  documentNo: z.string().max(20).describe('Default: the next number of the batch’s number series'),
  accountType,
  accountNo: z.string().max(20),
  description: z.string().max(100),
  amount: decimal('Signed amount in local currency, debit positive, not 0'),
  balAccountType,
  balAccountNo: z.string().max(20),
  appliesToDocNo: z.string().max(20),
};
const lineCreateBody = z.strictObject({
  ...lineChanges,
  lineNo: z.number().int().min(1).optional().describe('Default: the next multiple of 10000'),
  accountType,
  accountNo: z.string().min(1).max(20),
  amount: lineChanges.amount,
  postingDate: lineChanges.postingDate.optional(),
  documentType: documentType.optional(),
  documentNo: lineChanges.documentNo.optional(),
  description: lineChanges.description.optional(),
  balAccountType: balAccountType.optional().describe('Default: the batch’s balancing account'),
  balAccountNo: lineChanges.balAccountNo.optional(),
  appliesToDocNo: lineChanges.appliesToDocNo.optional(),
});
const restrictionSchema = z.object({ workflowCode: z.string(), details: z.string(), createdAt: z.string() });
const savedLineSchema = z.object({
  line: lineSchema,
  restriction: restrictionSchema
    .nullable()
    .describe(
      'Set when an enabled approval workflow covers the line or its batch: it cannot be posted before approval',
    ),
  messages: z.array(z.string()),
});

const balanceSchema = z.object({
  balanced: z.boolean(),
  difference: decimal('What the whole batch is off by'),
  lineCount: z.number().int(),
  unbalancedDocuments: z.array(z.object({ postingDate: z.string(), documentNo: z.string(), difference: z.string() })),
});
const postedBatchSchema = z.object({
  templateName: z.string(),
  batchName: z.string(),
  lineCount: z.number().int(),
  documents: z.array(
    z.object({
      postingDate: z.string(),
      documentNo: z.string(),
      registerId: z.number().int().describe('The G/L register of the posting'),
      lineCount: z.number().int(),
    }),
  ),
});

const lineView = (l: JournalLine) => ({ ...l });
const restrictionView = (r: Restriction | undefined) =>
  r ? { workflowCode: r.workflowCode, details: r.details, createdAt: r.createdAt } : null;
const savedView = (saved: SavedJournalLine) => ({
  line: lineView(saved.line),
  restriction: restrictionView(saved.restriction),
  messages: [...saved.messages],
});

export function registerJournalBatchActionRoutes(server: Server, options: ServerOptions): void {
  const tags = [JOURNAL_TAG];
  server.get(
    `${BATCH}/balance`,
    {
      schema: {
        tags,
        summary: 'Whether each document of the batch adds up to 0',
        params: batchParams,
        response: { 200: balanceSchema, ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'read', async (ctx) => {
        const balance = await checkBatchBalance(ctx, request.params.template, request.params.batch);
        return { ...balance, unbalancedDocuments: [...balance.unbalancedDocuments] };
      }),
  );
  server.post(
    `${BATCH}/post`,
    {
      schema: {
        tags,
        summary: 'Post every line of the batch to the ledger (refused when unbalanced or restricted)',
        params: batchParams,
        response: { 200: postedBatchSchema, ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'write', async (ctx) => {
        const posted = await postJournalBatch(ctx, request.params.template, request.params.batch);
        return { ...posted, documents: [...posted.documents] };
      }),
  );
  registerRequestRoutes(server, options, {
    path: BATCH,
    params: batchParams,
    tags: [JOURNAL_TAG],
    what: 'a journal batch',
    send: (ctx, p) => sendJournalBatchForApproval(ctx, p.template, p.batch),
    cancel: (ctx, p) => cancelJournalBatchApproval(ctx, p.template, p.batch),
  });
}

export function registerJournalLineRoutes(server: Server, options: ServerOptions): void {
  const tags = [JOURNAL_TAG];
  server.get(
    LINES,
    {
      schema: {
        tags,
        summary: 'List the lines of a journal batch',
        params: batchParams,
        querystring: listQuerySchema(LINE_FIELDS),
        response: { 200: pageOf(lineSchema), ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'read', async (ctx) => {
        const batch = await getJournalBatch(ctx, request.params.template, request.params.batch);
        return listPage((await listJournalLines(ctx, batch.templateName, batch.name)).map(lineView), request.query, {
          table: 'journal line',
          fields: LINE_FIELDS,
        });
      }),
  );
  server.post(
    LINES,
    {
      schema: {
        tags,
        summary: 'Add a line to a journal batch (restricted at once when an approval workflow covers it)',
        params: batchParams,
        body: lineCreateBody,
        response: { 201: savedLineSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const saved = await inCompany(options, request, request.params.company, 'write', (ctx) =>
        createJournalLine(ctx, {
          ...request.body,
          templateName: request.params.template,
          batchName: request.params.batch,
        }),
      );
      setEtag(reply, saved.line.revision);
      return reply.code(201).send(savedView(saved));
    },
  );
  server.get(
    LINE,
    {
      schema: {
        tags,
        summary: 'Get a journal line (ETag: its revision)',
        params: lineParams,
        response: { 200: lineSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        inCompany(options, request, request.params.company, 'read', async (ctx) =>
          lineView(await getJournalLine(ctx, request.params.template, request.params.batch, request.params.lineNo)),
        ),
      ),
  );
  server.patch(
    LINE,
    {
      schema: {
        tags,
        summary: 'Change a journal line (If-Match: the ETag you read); a changed line may need approval again',
        params: lineParams,
        headers: ifMatchHeaders,
        body: z.strictObject(
          Object.fromEntries(Object.entries(lineChanges).map(([k, v]) => [k, v.optional()])) as {
            [K in keyof typeof lineChanges]: z.ZodOptional<(typeof lineChanges)[K]>;
          },
        ),
        response: { 200: savedLineSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedRevision(request);
      const { template, batch, lineNo } = request.params;
      const saved = await inCompany(options, request, request.params.company, 'write', (ctx) =>
        updateJournalLine(ctx, template, batch, lineNo, request.body, expected),
      );
      setEtag(reply, saved.line.revision);
      return savedView(saved);
    },
  );
  server.delete(
    LINE,
    {
      schema: {
        tags,
        summary: 'Delete a journal line (If-Match: the ETag you read)',
        params: lineParams,
        headers: ifMatchHeaders,
        response: { 200: okSchema, ...errorResponses },
      },
    },
    async (request) => {
      const expected = expectedRevision(request);
      const { template, batch, lineNo } = request.params;
      await inCompany(options, request, request.params.company, 'write', (ctx) =>
        deleteJournalLine(ctx, template, batch, lineNo, expected),
      );
      return { ok: true as const };
    },
  );
  registerRequestRoutes(server, options, {
    path: LINE,
    params: lineParams,
    tags: [JOURNAL_TAG],
    what: 'a journal line',
    send: (ctx, p) => sendJournalLineForApproval(ctx, p.template, p.batch, p.lineNo),
    cancel: (ctx, p) => cancelJournalLineApproval(ctx, p.template, p.batch, p.lineNo),
  });
}
