import { z } from 'zod';
import type { ApprovalRecordTable } from '../../approvals/event-codes.ts';
import { sendApprovalRequest } from '../../approvals/index.ts';
import { APPROVAL_STATUSES } from '../../approvals/types.ts';
import type { EngineContext } from '../../engine/context.ts';
import { findWorkflowRow } from '../../engine/definition/workflow-store.ts';
import { getInstance } from '../../engine/execution/instance-queries.ts';
import { areaOfHeaderTable, findDocument, parseDocumentKey } from '../../records/index.ts';
import { isWerkstroomError } from '../../shared/errors.ts';
import { companyParams, errorResponses } from '../schemas.ts';
import { companyScope } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';
import { approvalEntrySchema, COMPANY_PATH, recordBody } from './approval-schemas.ts';

/**
 * "What would happen if I sent this for approval?" The request is really sent, inside a
 * transaction that is always rolled back, and the entries it created are read back with the
 * reason each approver was chosen. Nothing is kept: no entries, no instance, no status change,
 * no notifications.
 */

const plannedEntrySchema = approvalEntrySchema
  .pick({
    sequence: true,
    approverId: true,
    status: true,
    reason: true,
    groupCode: true,
    dueDate: true,
    amount: true,
    amountLcy: true,
    currencyCode: true,
    approvalType: true,
    limitType: true,
  })
  .extend({
    status: z.enum(APPROVAL_STATUSES).describe('Open: asked now; Created: asked after earlier sequences approve'),
  });

const dryRunSchema = z.object({
  table: z.string(),
  key: z.string(),
  wouldStart: z.boolean().describe('Would sending start an approval workflow?'),
  workflow: z
    .object({ code: z.string(), description: z.string() })
    .nullable()
    .describe('The workflow that would start'),
  entries: z.array(plannedEntrySchema).describe('The approval entries that would be created, each with its reason'),
  messages: z.array(z.string()).describe('What the workflow would do, in words'),
  documentStatus: z.string().optional().describe('Documents: the status the document would have afterwards'),
  summary: z.string(),
});

type DryRun = z.infer<typeof dryRunSchema>;

/** Refusals that mean "nothing would start": no workflow takes the record, or a request is waiting. */
const NOT_STARTING = new Set(['approval-workflow-missing', 'approval-request-exists']);

async function trySending(ctx: EngineContext, table: ApprovalRecordTable, key: string): Promise<DryRun> {
  let sent: Awaited<ReturnType<typeof sendApprovalRequest>>;
  try {
    sent = await sendApprovalRequest(ctx, table, key);
  } catch (error) {
    if (isWerkstroomError(error) && NOT_STARTING.has(error.code)) {
      return {
        table,
        key,
        wouldStart: false,
        workflow: null,
        entries: [],
        messages: [],
        summary: `No workflow would start: ${error.message}`,
      };
    }
    throw error;
  }
  const code =
    sent.entries[0]?.approvalCode ?? (sent.instanceId ? (await getInstance(ctx, sent.instanceId)).workflowCode : '');
  const row = code ? await findWorkflowRow(ctx, code) : undefined;
  const area = areaOfHeaderTable(table);
  const document = area ? await findDocument(ctx, { area, ...parseDocumentKey(key) }) : undefined;
  const entries = sent.entries.map((e) => ({
    sequence: e.sequence,
    approverId: e.approverId,
    status: e.status,
    reason: e.reason,
    groupCode: e.groupCode,
    dueDate: e.dueDate,
    amount: e.amount,
    amountLcy: e.amountLcy,
    currencyCode: e.currencyCode,
    approvalType: e.approvalType,
    limitType: e.limitType,
  }));
  const asked = entries.filter((e) => e.status !== 'Approved').map((e) => e.approverId);
  return {
    table,
    key,
    wouldStart: true,
    workflow: code ? { code, description: row?.description ?? '' } : null,
    entries,
    messages: [...sent.messages],
    ...(document ? { documentStatus: document.status } : {}),
    summary:
      `Workflow ${code || '(unknown)'} would start and create ${entries.length} approval ${entries.length === 1 ? 'entry' : 'entries'}` +
      (asked.length > 0 ? `, asking ${[...new Set(asked)].join(', ')}.` : '.'),
  };
}

export function registerDryRunRoutes(server: Server, options: ServerOptions): void {
  server.post(
    `${COMPANY_PATH}/approval-requests/dry-run`,
    {
      schema: {
        tags: ['approval requests'],
        summary: 'Which workflow would start and which approval entries it would create, without sending anything',
        params: companyParams,
        body: recordBody,
        response: { 200: dryRunSchema, ...errorResponses },
      },
    },
    async (request) => {
      const scope = await companyScope(options, request, request.params.company, 'write');
      return options.app.dryRun({ company: scope.company.id, userId: scope.principal.userId }, (ctx) =>
        trySending(ctx, request.body.table, request.body.key),
      );
    },
  );
}
