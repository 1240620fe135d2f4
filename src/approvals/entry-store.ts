import type { Insertable, Selectable } from 'kysely';
import type { ApprovalEntryTable } from '../db/schema.ts';
import type { EngineContext } from '../engine/context.ts';
import { conflict, notFound } from '../shared/errors.ts';
import type { ApprovalEntry, ApprovalStatus, ApproverType, DecisionChannel } from './types.ts';

export function rowToEntry(row: Selectable<ApprovalEntryTable>): ApprovalEntry {
  return {
    id: row.id,
    table: row.table_name,
    recordKey: row.record_key,
    documentType: row.document_type,
    documentNo: row.document_no,
    sequence: row.sequence,
    approvalCode: row.approval_code,
    senderId: row.sender_id,
    salespersonCode: row.salesperson_code,
    approverId: row.approver_id,
    status: row.status as ApprovalStatus,
    sentAt: row.sent_at,
    modifiedAt: row.modified_at,
    modifiedBy: row.modified_by,
    dueDate: row.due_date,
    amount: row.amount,
    amountLcy: row.amount_lcy,
    currencyCode: row.currency_code,
    approvalType: row.approval_type as ApproverType,
    limitType: row.limit_type as ApprovalEntry['limitType'],
    availableCreditLcy: row.available_credit_lcy,
    delegationFormula: row.delegation_formula,
    groupCode: row.group_code,
    instanceId: row.instance_id,
    reason: row.reason,
    closedByPeer: row.closed_by_peer === 1,
    revision: row.revision,
  };
}

export async function findEntry(ctx: EngineContext, id: number): Promise<ApprovalEntry | undefined> {
  const row = await ctx.tx
    .selectFrom('approval_entry')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? rowToEntry(row) : undefined;
}

export async function getEntry(ctx: EngineContext, id: number): Promise<ApprovalEntry> {
  const entry = await findEntry(ctx, id);
  if (!entry) throw notFound('approval-entry-not-found', `Approval entry ${id} does not exist.`, { entryId: id });
  return entry;
}

/** Entries of one request: a record within one workflow instance, by sequence. */
export async function entriesOfRequest(
  ctx: EngineContext,
  table: string,
  key: string,
  instanceId?: string,
): Promise<ApprovalEntry[]> {
  let query = ctx.tx
    .selectFrom('approval_entry')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('table_name', '=', table)
    .where('record_key', '=', key);
  if (instanceId !== undefined) query = query.where('instance_id', '=', instanceId);
  const rows = await query.orderBy('sequence').orderBy('id').execute();
  return rows.map(rowToEntry);
}

export async function insertEntry(
  ctx: EngineContext,
  values: Omit<
    Insertable<ApprovalEntryTable>,
    'company_id' | 'id' | 'revision' | 'modified_at' | 'modified_by' | 'reason'
  >,
  reason: string,
): Promise<ApprovalEntry> {
  const now = ctx.now.toISOString();
  const row = await ctx.tx
    .insertInto('approval_entry')
    .values({ ...values, company_id: ctx.companyId, modified_at: now, modified_by: ctx.userId, revision: 1, reason })
    .returningAll()
    .executeTakeFirstOrThrow();
  const entry = rowToEntry(row);
  await recordEntryEvent(ctx, entry.id, {
    action: 'created',
    toStatus: entry.status,
    toApprover: entry.approverId,
    channel: 'workflow',
    reason,
  });
  return entry;
}

export interface EntryChange {
  readonly status?: ApprovalStatus;
  readonly approverId?: string;
  readonly sentAt?: string;
  readonly closedByPeer?: boolean;
}

/**
 * Changes an entry only if it is still as the caller read it (same revision): an entry is
 * decided exactly once, whoever comes first; the other gets a conflict.
 */
export async function changeEntry(
  ctx: EngineContext,
  entry: ApprovalEntry,
  change: EntryChange,
  audit: { action: string; channel: DecisionChannel; reason?: string },
): Promise<ApprovalEntry> {
  const now = ctx.now.toISOString();
  const result = await ctx.tx
    .updateTable('approval_entry')
    .set({
      ...(change.status ? { status: change.status } : {}),
      ...(change.approverId ? { approver_id: change.approverId } : {}),
      ...(change.sentAt ? { sent_at: change.sentAt } : {}),
      ...(change.closedByPeer !== undefined ? { closed_by_peer: change.closedByPeer ? 1 : 0 } : {}),
      modified_at: now,
      modified_by: ctx.userId,
      revision: entry.revision + 1,
    })
    .where('company_id', '=', ctx.companyId)
    .where('id', '=', entry.id)
    .where('revision', '=', entry.revision)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    const current = await findEntry(ctx, entry.id);
    throw conflict(
      'approval-entry-changed',
      current && current.status !== entry.status
        ? `Approval entry ${entry.id} was already ${current.status.toLowerCase()} by ${current.modifiedBy} at ${current.modifiedAt}.`
        : `Approval entry ${entry.id} was changed by someone else; reload it and try again.`,
      { entryId: entry.id, status: current?.status, decidedBy: current?.modifiedBy, decidedAt: current?.modifiedAt },
    );
  }
  await recordEntryEvent(ctx, entry.id, {
    action: audit.action,
    fromStatus: entry.status,
    toStatus: change.status ?? entry.status,
    fromApprover: entry.approverId,
    toApprover: change.approverId ?? entry.approverId,
    channel: audit.channel,
    reason: audit.reason ?? '',
  });
  return getEntry(ctx, entry.id);
}

export async function recordEntryEvent(
  ctx: EngineContext,
  entryId: number,
  event: {
    action: string;
    fromStatus?: string;
    toStatus?: string;
    fromApprover?: string;
    toApprover?: string;
    channel: DecisionChannel;
    reason?: string;
  },
): Promise<void> {
  await ctx.tx
    .insertInto('approval_entry_event')
    .values({
      company_id: ctx.companyId,
      entry_id: entryId,
      action: event.action,
      from_status: event.fromStatus ?? '',
      to_status: event.toStatus ?? '',
      from_approver: event.fromApprover ?? '',
      to_approver: event.toApprover ?? '',
      by_user: ctx.userId,
      at: ctx.now.toISOString(),
      channel: event.channel,
      reason: event.reason ?? '',
    })
    .execute();
}

export async function entryHistory(ctx: EngineContext, entryId: number) {
  return ctx.tx
    .selectFrom('approval_entry_event')
    .select([
      'action',
      'from_status',
      'to_status',
      'from_approver',
      'to_approver',
      'by_user',
      'at',
      'channel',
      'reason',
    ])
    .where('company_id', '=', ctx.companyId)
    .where('entry_id', '=', entryId)
    .orderBy('id')
    .execute();
}

/** Entries still waiting (Created or Open) in one request: what "pending approvals" counts. */
export async function pendingApprovals(
  ctx: EngineContext,
  table: string,
  key: string,
  instanceId: string,
): Promise<number> {
  const row = await ctx.tx
    .selectFrom('approval_entry')
    .select(({ fn }) => fn.countAll<number>().as('n'))
    .where('company_id', '=', ctx.companyId)
    .where('table_name', '=', table)
    .where('record_key', '=', key)
    .where('instance_id', '=', instanceId)
    .where('status', 'in', ['Created', 'Open'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
