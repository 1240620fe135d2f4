import type { EngineContext } from '../engine/context.ts';
import { lookupCode } from '../records/codes.ts';
import { Dec, decimalText } from '../records/decimals.ts';
import {
  type GlEntry,
  type LedgerParty,
  PARTY_LEDGER_TABLES,
  type PartyLedgerEntry,
  toGlEntry,
  toPartyEntry,
} from './entries.ts';

/** G/L entries in posting order, optionally of one document or one posting (register). */
export async function listGlEntries(
  ctx: EngineContext,
  filter: { readonly documentNo?: string; readonly registerId?: number; readonly accountNo?: string } = {},
): Promise<GlEntry[]> {
  let query = ctx.tx.selectFrom('gl_entry').selectAll().where('company_id', '=', ctx.companyId);
  if (filter.documentNo !== undefined) query = query.where('document_no', '=', lookupCode(filter.documentNo));
  if (filter.registerId !== undefined) query = query.where('register_id', '=', filter.registerId);
  if (filter.accountNo !== undefined) query = query.where('account_no', '=', lookupCode(filter.accountNo));
  return (await query.orderBy('id').execute()).map(toGlEntry);
}

/** Customer, vendor or bank account ledger entries in posting order. */
export async function listPartyEntries(
  ctx: EngineContext,
  party: LedgerParty,
  filter: { readonly partyNo?: string; readonly documentNo?: string; readonly open?: boolean } = {},
): Promise<PartyLedgerEntry[]> {
  let query = ctx.tx.selectFrom(PARTY_LEDGER_TABLES[party]).selectAll().where('company_id', '=', ctx.companyId);
  if (filter.partyNo !== undefined) query = query.where('party_no', '=', lookupCode(filter.partyNo));
  if (filter.documentNo !== undefined) query = query.where('document_no', '=', lookupCode(filter.documentNo));
  if (filter.open !== undefined) query = query.where('open', '=', filter.open ? 1 : 0);
  return (await query.orderBy('id').execute()).map((row) => toPartyEntry(party, row));
}

/** What the customer owes (LCY): the remaining amounts of its open entries. */
export async function customerBalanceLcy(ctx: EngineContext, customerNo: string): Promise<string> {
  const open = await listPartyEntries(ctx, 'customer', { partyNo: customerNo, open: true });
  return decimalText(open.reduce((sum, e) => sum.plus(e.remainingAmountLcy), new Dec(0)));
}

/** What is owed to the vendor (LCY, negative = owed), from its open entries. */
export async function vendorBalanceLcy(ctx: EngineContext, vendorNo: string): Promise<string> {
  const open = await listPartyEntries(ctx, 'vendor', { partyNo: vendorNo, open: true });
  return decimalText(open.reduce((sum, e) => sum.plus(e.remainingAmountLcy), new Dec(0)));
}
