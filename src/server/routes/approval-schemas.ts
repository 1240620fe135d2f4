import { z } from 'zod';
import type { ApprovalComment } from '../../approvals/comments.ts';
import { entryHistory, findEntry } from '../../approvals/entry-store.ts';
import { APPROVAL_TABLES, type ApprovalRecordTable } from '../../approvals/event-codes.ts';
import { APPROVAL_STATUSES, APPROVER_TYPES, type ApprovalEntry } from '../../approvals/types.ts';
import { approvalAdministrator } from '../../approvals/user-setup.ts';
import type { EngineContext } from '../../engine/context.ts';
import { forbidden, isWerkstroomError, WerkstroomError } from '../../shared/errors.ts';
import { companyParams } from '../schemas.ts';

/** Request and response schemas of the approval routes; they are also the OpenAPI description. */

export const COMPANY_PATH = '/api/v1/companies/:company';

export const approvalTableSchema = z
  .enum(APPROVAL_TABLES as [ApprovalRecordTable, ...ApprovalRecordTable[]])
  .describe('The kind of record sent for approval');

export const recordKeySchema = z
  .string()
  .min(1)
  .max(250)
  .describe('The record key: a number such as "C10000", or for documents ["order","PO-0001"]');

export const recordBody = z.object({ table: approvalTableSchema, key: recordKeySchema });

export const approvalEntrySchema = z.object({
  id: z.number().int(),
  table: z.string(),
  recordKey: z.string(),
  documentType: z.string(),
  documentNo: z.string(),
  sequence: z.number().int().describe('Entries of one sequence are asked at the same time'),
  approvalCode: z.string().describe('The workflow that created the entry'),
  senderId: z.string(),
  salespersonCode: z.string(),
  approverId: z.string(),
  status: z.enum(APPROVAL_STATUSES),
  sentAt: z.string(),
  modifiedAt: z.string(),
  modifiedBy: z.string(),
  dueDate: z.string(),
  amount: z.string().describe('Exact decimal text'),
  amountLcy: z.string().describe('Exact decimal text, in local currency'),
  currencyCode: z.string(),
  approvalType: z.enum(APPROVER_TYPES),
  limitType: z.enum(['approval-limits', 'no-limits', 'credit-limits', 'request-limits']),
  availableCreditLcy: z
    .string()
    .nullable()
    .describe("Sales documents, customers: the customer's available credit (LCY) then; null without a limit"),
  delegationFormula: z.string(),
  groupCode: z.string(),
  instanceId: z.string(),
  reason: z.string().describe('Why this approver was asked'),
  closedByPeer: z.boolean().describe('Closed because others of its sequence already decided'),
  revision: z.number().int(),
  relatedToChange: z
    .boolean()
    .optional()
    .describe('The entry approves held field changes of the record (lists and single entries say so)'),
  changeDetails: z
    .string()
    .optional()
    .describe('The held changes, e.g. "Credit limit (LCY) changed from 1000 to 5000"'),
});

export const requestResultSchema = z.object({
  instanceId: z.string().optional().describe('The workflow instance that runs the request'),
  entries: z.array(approvalEntrySchema).describe('The approval entries of the request'),
  messages: z.array(z.string()).describe('What the workflow did, in words'),
});

export const decisionResultSchema = z.object({
  entry: approvalEntrySchema,
  messages: z.array(z.string()),
});

export const commentSchema = z.object({
  id: z.number().int(),
  table: z.string(),
  recordKey: z.string(),
  instanceId: z.string(),
  userId: z.string(),
  createdAt: z.string(),
  comment: z.string(),
});

export const historyEventSchema = z.object({
  action: z.string().describe('created, approved, rejected, delegated, canceled, …'),
  fromStatus: z.string(),
  toStatus: z.string(),
  fromApprover: z.string(),
  toApprover: z.string(),
  byUser: z.string(),
  at: z.string(),
  channel: z.string(),
  reason: z.string(),
});

export const entryParams = companyParams.extend({
  id: z.coerce.number().int().positive().describe('Approval entry no.'),
});

export const commentText = z.string().describe('At most 250 characters');

type RequestView = z.infer<typeof requestResultSchema>;
type DecisionView = z.infer<typeof decisionResultSchema>;

/** The answer to send or cancel: the entries of the request and what the workflow did. */
export function requestView(result: {
  readonly instanceId?: string;
  readonly entries: readonly ApprovalEntry[];
  readonly messages: readonly string[];
}): RequestView {
  return {
    ...(result.instanceId !== undefined ? { instanceId: result.instanceId } : {}),
    entries: [...result.entries],
    messages: [...result.messages],
  };
}

export function decisionView(result: {
  readonly entry: ApprovalEntry;
  readonly messages: readonly string[];
}): DecisionView {
  return { entry: result.entry, messages: [...result.messages] };
}

export function commentView(comment: ApprovalComment): z.infer<typeof commentSchema> {
  return { ...comment };
}

export async function historyOf(ctx: EngineContext, entryId: number): Promise<z.infer<typeof historyEventSchema>[]> {
  const rows = await entryHistory(ctx, entryId);
  return rows.map((r) => ({
    action: r.action,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    fromApprover: r.from_approver,
    toApprover: r.to_approver,
    byUser: r.by_user,
    at: r.at,
    channel: r.channel,
    reason: r.reason,
  }));
}

/**
 * May the acting user see an entry? Its approver and sender may, anyone it passed through
 * (delegation), and the approval administrator: the same people who find it in some list.
 */
export async function assertEntryVisible(ctx: EngineContext, entry: ApprovalEntry): Promise<void> {
  const user = ctx.userId;
  if (entry.approverId === user || entry.senderId === user) return;
  if ((await approvalAdministrator(ctx))?.userId === user) return;
  const history = await entryHistory(ctx, entry.id);
  if (history.some((h) => h.from_approver === user || h.to_approver === user || h.by_user === user)) return;
  throw forbidden(
    'approval-entry-not-visible',
    `Approval entry ${entry.id} is for ${entry.approverId}, sent by ${entry.senderId}; only they, earlier approvers and the approval administrator can see it.`,
    { entryId: entry.id },
  );
}

/**
 * Runs a decision on one entry and makes its errors say which entry failed (`entryId`); when the
 * entry was already decided, they also say by whom and when (`entryStatus`, `decidedBy`,
 * `decidedAt`). The entry's status travels as `entryStatus`: a problem's own `status` is the
 * HTTP status.
 */
export async function onEntry<T>(ctx: EngineContext, id: number, decide: () => Promise<T>): Promise<T> {
  try {
    return await decide();
  } catch (error) {
    if (!isWerkstroomError(error)) throw error;
    const { status, ...rest } = error.details;
    let details: Record<string, unknown> = {
      entryId: id,
      ...rest,
      ...(status !== undefined ? { entryStatus: status } : {}),
    };
    if (error.kind === 'conflict' && details.decidedBy === undefined) {
      const current = await findEntry(ctx, id);
      if (current && current.status !== 'Open' && current.status !== 'Created') {
        details = {
          ...details,
          entryStatus: current.status,
          decidedBy: current.modifiedBy,
          decidedAt: current.modifiedAt,
        };
      }
    }
    throw new WerkstroomError(error.code, error.message, details, error.kind);
  }
}

/** The ids of a batch, each once, in the order given. */
export function distinctIds(ids: readonly number[]): number[] {
  return [...new Set(ids)];
}
