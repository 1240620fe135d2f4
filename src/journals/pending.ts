import type { EngineContext } from '../engine/context.ts';
import { conflict } from '../shared/errors.ts';

/** Refuses (`journal-approval-pending`) while the record has approval entries waiting for a decision. */
export async function assertNoPendingApproval(
  ctx: EngineContext,
  table: string,
  key: string,
  what: string,
): Promise<void> {
  const waiting = await ctx.tx
    .selectFrom('approval_entry')
    .select('id')
    .where('company_id', '=', ctx.companyId)
    .where('table_name', '=', table)
    .where('record_key', '=', key)
    .where('status', 'in', ['Created', 'Open'])
    .executeTakeFirst();
  if (waiting) {
    throw conflict(
      'journal-approval-pending',
      `${what} waits for an approval decision; cancel the request before deleting it.`,
      { table, key },
    );
  }
}
