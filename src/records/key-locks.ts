import type { EngineContext } from '../engine/context.ts';
import type { MasterTableName } from './master-table.ts';

/**
 * Holds a customer, vendor or item number for the rest of the transaction before something
 * writes it into another row (a document, a line, a journal line). A rename or delete of that
 * record locks it for update, so the two take turns: the rename then also renames the new row,
 * or the writer finds the number gone. PostgreSQL only (`FOR KEY SHARE`); SQLite runs one writer
 * at a time.
 */
export async function holdMasterKey(ctx: EngineContext, table: MasterTableName, no: string): Promise<void> {
  if (!ctx.capabilities.rowLocks) return;
  await ctx.tx
    .selectFrom(table)
    .select('no')
    .where('company_id', '=', ctx.companyId)
    .where('no', '=', no)
    .forKeyShare()
    .execute();
}
