import { rowToEntry } from '../approvals/entry-store.ts';
import type { ApprovalEntry } from '../approvals/types.ts';
import type { EngineContext } from '../engine/context.ts';

/**
 * Where a record's approval history goes when the record is posted or becomes another record
 * (reference §5.10): approval entries with their history, and approval comments.
 */
export interface RecordTarget {
  readonly table: string;
  readonly key: string;
}

export interface PostedApprovalEntryEvent {
  readonly action: string;
  readonly fromStatus: string;
  readonly toStatus: string;
  readonly fromApprover: string;
  readonly toApprover: string;
  readonly byUser: string;
  readonly at: string;
  readonly channel: string;
  readonly reason: string;
}

export interface PostedApprovalEntry {
  readonly id: number;
  readonly postedTable: string;
  readonly postedKey: string;
  /** The id the entry had while it was live. */
  readonly entryId: number;
  /** The record the entry asked approval for (the document before posting). */
  readonly table: string;
  readonly recordKey: string;
  readonly documentType: string;
  readonly documentNo: string;
  readonly sequence: number;
  readonly approvalCode: string;
  readonly senderId: string;
  readonly approverId: string;
  readonly status: string;
  readonly sentAt: string;
  readonly modifiedAt: string;
  readonly modifiedBy: string;
  readonly dueDate: string;
  readonly amount: string;
  readonly amountLcy: string;
  readonly currencyCode: string;
  readonly approvalType: string;
  readonly limitType: string;
  readonly instanceId: string;
  readonly reason: string;
  readonly closedByPeer: boolean;
  readonly postedBy: string;
  readonly postedAt: string;
  readonly history: readonly PostedApprovalEntryEvent[];
}

export interface PostedApprovalComment {
  readonly id: number;
  readonly postedTable: string;
  readonly postedKey: string;
  readonly table: string;
  readonly recordKey: string;
  readonly instanceId: string;
  readonly userId: string;
  readonly createdAt: string;
  readonly comment: string;
}

export interface MovedHistory {
  readonly entries: number;
  readonly comments: number;
}

/**
 * Moves the approval entries (with their history) and comments of `from` to the posted tables,
 * linked to the posted record `to`, and removes them from the live tables (reference §5.10).
 * Entry ids are kept on the posted rows (`entryId`), so notifications still waiting about an
 * entry find it there (`findPostedEntry`).
 */
export async function postApprovalHistory(
  ctx: EngineContext,
  from: RecordTarget,
  to: RecordTarget,
): Promise<MovedHistory> {
  const postedAt = ctx.now.toISOString();
  const entries = await ctx.tx
    .selectFrom('approval_entry')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('table_name', '=', from.table)
    .where('record_key', '=', from.key)
    .orderBy('id')
    .execute();
  for (const entry of entries) {
    const { id: entryId, company_id: _company, revision: _revision, ...values } = entry;
    const posted = await ctx.tx
      .insertInto('posted_approval_entry')
      .values({
        ...values,
        company_id: ctx.companyId,
        posted_table: to.table,
        posted_key: to.key,
        entry_id: entryId,
        posted_by: ctx.userId,
        posted_at: postedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const events = await ctx.tx
      .selectFrom('approval_entry_event')
      .selectAll()
      .where('company_id', '=', ctx.companyId)
      .where('entry_id', '=', entryId)
      .orderBy('id')
      .execute();
    for (const { id: _id, entry_id: _entry, company_id: _c, ...event } of events) {
      await ctx.tx
        .insertInto('posted_approval_entry_event')
        .values({ ...event, company_id: ctx.companyId, posted_entry_id: Number(posted.id) })
        .execute();
    }
  }
  const ids = entries.map((e) => e.id);
  if (ids.length > 0) {
    await ctx.tx
      .deleteFrom('approval_entry_event')
      .where('company_id', '=', ctx.companyId)
      .where('entry_id', 'in', ids)
      .execute();
    // Notifications still waiting about these entries (the sender's "approved", say) are kept:
    // they now speak of the posted record, and the message reads the posted entry.
    await ctx.tx
      .updateTable('notification_entry')
      .set({ table_name: to.table, record_key: to.key })
      .where('company_id', '=', ctx.companyId)
      .where('approval_entry_id', 'in', ids)
      .execute();
    await ctx.tx.deleteFrom('approval_entry').where('company_id', '=', ctx.companyId).where('id', 'in', ids).execute();
  }

  const comments = await ctx.tx
    .selectFrom('approval_comment')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('table_name', '=', from.table)
    .where('record_key', '=', from.key)
    .orderBy('id')
    .execute();
  for (const { id: _id, company_id: _c, ...comment } of comments) {
    await ctx.tx
      .insertInto('posted_approval_comment')
      .values({ ...comment, company_id: ctx.companyId, posted_table: to.table, posted_key: to.key })
      .execute();
  }
  if (comments.length > 0) {
    await ctx.tx
      .deleteFrom('approval_comment')
      .where('company_id', '=', ctx.companyId)
      .where('table_name', '=', from.table)
      .where('record_key', '=', from.key)
      .execute();
  }
  return { entries: entries.length, comments: comments.length };
}

/** The approval entries of a posted record, each with its history, in entry order. */
export async function listPostedApprovalEntries(
  ctx: EngineContext,
  posted: RecordTarget,
): Promise<PostedApprovalEntry[]> {
  const rows = await ctx.tx
    .selectFrom('posted_approval_entry')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('posted_table', '=', posted.table)
    .where('posted_key', '=', posted.key)
    .orderBy('entry_id')
    .execute();
  const entries: PostedApprovalEntry[] = [];
  for (const row of rows) {
    const history = await ctx.tx
      .selectFrom('posted_approval_entry_event')
      .selectAll()
      .where('company_id', '=', ctx.companyId)
      .where('posted_entry_id', '=', row.id)
      .orderBy('id')
      .execute();
    entries.push({
      id: Number(row.id),
      postedTable: row.posted_table,
      postedKey: row.posted_key,
      entryId: Number(row.entry_id),
      table: row.table_name,
      recordKey: row.record_key,
      documentType: row.document_type,
      documentNo: row.document_no,
      sequence: Number(row.sequence),
      approvalCode: row.approval_code,
      senderId: row.sender_id,
      approverId: row.approver_id,
      status: row.status,
      sentAt: row.sent_at,
      modifiedAt: row.modified_at,
      modifiedBy: row.modified_by,
      dueDate: row.due_date,
      amount: row.amount,
      amountLcy: row.amount_lcy,
      currencyCode: row.currency_code,
      approvalType: row.approval_type,
      limitType: row.limit_type,
      instanceId: row.instance_id,
      reason: row.reason,
      closedByPeer: Number(row.closed_by_peer) === 1,
      postedBy: row.posted_by,
      postedAt: row.posted_at,
      history: history.map((h) => ({
        action: h.action,
        fromStatus: h.from_status,
        toStatus: h.to_status,
        fromApprover: h.from_approver,
        toApprover: h.to_approver,
        byUser: h.by_user,
        at: h.at,
        channel: h.channel,
        reason: h.reason,
      })),
    });
  }
  return entries;
}

export async function listPostedApprovalComments(
  ctx: EngineContext,
  posted: RecordTarget,
): Promise<PostedApprovalComment[]> {
  const rows = await ctx.tx
    .selectFrom('posted_approval_comment')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('posted_table', '=', posted.table)
    .where('posted_key', '=', posted.key)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    postedTable: r.posted_table,
    postedKey: r.posted_key,
    table: r.table_name,
    recordKey: r.record_key,
    instanceId: r.instance_id,
    userId: r.user_id,
    createdAt: r.created_at,
    comment: r.comment,
  }));
}

/**
 * A live approval entry id that was posted, as the entry it was, but on the posted record:
 * what a notification queued before the posting still talks about.
 */
export async function findPostedEntry(ctx: EngineContext, entryId: number): Promise<ApprovalEntry | undefined> {
  const row = await ctx.tx
    .selectFrom('posted_approval_entry')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('entry_id', '=', entryId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!row) return undefined;
  const { id: _id, entry_id, posted_table, posted_key, posted_by: _by, posted_at: _at, ...live } = row;
  return rowToEntry({ ...live, id: entry_id, table_name: posted_table, record_key: posted_key, revision: 0 });
}
