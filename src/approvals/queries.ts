import type { EngineContext } from '../engine/context.ts';
import { type EntryChangeInfo, withChangeDetails } from '../record-changes/change-details.ts';
import { forbidden } from '../shared/errors.ts';
import { companySettings } from './company-settings.ts';
import { rowToEntry } from './entry-store.ts';
import type { ApprovalEntry } from './types.ts';
import { approvalAdministrator } from './user-setup.ts';

export type EntryView = 'to-approve' | 'sent' | 'all' | 'overdue';

/**
 * Approval entries as a user sees them: what waits for me, what I sent, everything (the
 * approval administrator only), and what is overdue (D5: open and due before today).
 */
export async function listEntries(
  ctx: EngineContext,
  view: EntryView,
  filter: { table?: string; key?: string } = {},
): Promise<(ApprovalEntry & EntryChangeInfo)[]> {
  let query = ctx.tx.selectFrom('approval_entry').selectAll().where('company_id', '=', ctx.companyId);
  if (filter.table) query = query.where('table_name', '=', filter.table);
  if (filter.key) query = query.where('record_key', '=', filter.key);
  const admin = (await approvalAdministrator(ctx))?.userId === ctx.userId;
  if (view === 'to-approve') query = query.where('approver_id', '=', ctx.userId).where('status', '=', 'Open');
  else if (view === 'sent') query = query.where('sender_id', '=', ctx.userId);
  else if (view === 'all') {
    if (!admin)
      throw forbidden('approval-administrator-only', 'Only the approval administrator sees every approval entry.');
  } else {
    const { today } = await companySettings(ctx);
    // Only entries sent to their approver: a later sequence still Created cannot be acted on yet.
    query = query.where('status', '=', 'Open').where('due_date', '<', today);
    if (!admin)
      query = query.where((eb) => eb.or([eb('approver_id', '=', ctx.userId), eb('sender_id', '=', ctx.userId)]));
  }
  const rows = await query.orderBy('id').execute();
  // Entries of a held field change say which change they approve (reference §8.2).
  return withChangeDetails(ctx, rows.map(rowToEntry));
}

/** D5: an open entry is overdue when its due date is before today in the company's time zone. */
export function isOverdue(entry: ApprovalEntry, today: string): boolean {
  return entry.status === 'Open' && entry.dueDate < today;
}
