import type { Selectable } from 'kysely';
import type { GlEntryTable, PartyLedgerEntryTable } from '../db/schema-ledger.ts';
import type { EngineContext } from '../engine/context.ts';
import { lookupCode } from '../records/codes.ts';
import { Dec, decimalText, parseDecimal } from '../records/decimals.ts';
import { conflict, invalid, notFound } from '../shared/errors.ts';
import { findBankAccount, findGlAccount, getPostingSetup, type PostingSetup } from './accounts.ts';
import { type GlEntry, PARTY_LEDGER_TABLES, type PartyLedgerEntry, toGlEntry, toPartyEntry } from './entries.ts';

export type LedgerAccountType = 'gl-account' | 'customer' | 'vendor' | 'bank-account';
export const LEDGER_ACCOUNT_TYPES: readonly LedgerAccountType[] = ['gl-account', 'customer', 'vendor', 'bank-account'];

export interface LedgerLine {
  readonly accountType: LedgerAccountType;
  readonly accountNo: string;
  /** LCY, signed: debit positive, credit negative. */
  readonly amount: string;
  readonly description?: string;
  /** Party entries: the document's currency (blank = LCY). */
  readonly currencyCode?: string;
  /** Party entries: the amount in that currency (default: the LCY amount). */
  readonly amountFcy?: string;
  /** Party lines: the document no. of this party's open entry that this line settles (a payment). */
  readonly appliesToDocNo?: string;
}

export interface LedgerTransaction {
  readonly source: 'sales-posting' | 'purchase-posting' | 'journal';
  /** YYYY-MM-DD */
  readonly postingDate: string;
  readonly documentType: string;
  readonly documentNo: string;
  readonly description: string;
  readonly lines: readonly LedgerLine[];
}

export interface PostedTransaction {
  readonly registerId: number;
  readonly glEntries: readonly GlEntry[];
  readonly partyEntries: readonly PartyLedgerEntry[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface ResolvedLine {
  readonly line: LedgerLine;
  readonly accountNo: string;
  readonly amount: InstanceType<typeof Dec>;
  /** The G/L account the line's G/L entry goes to. */
  readonly glAccount: string;
}

/**
 * Posts one balanced transaction: a register row, one G/L entry per line (party lines go to the
 * receivables / payables account, bank lines to the bank's G/L account) and a ledger entry per
 * customer, vendor or bank line. Accounts and the balance are checked before the first row is
 * written; settling an open entry is checked as it happens, and the caller's transaction makes
 * the whole posting one unit with whatever else it does.
 */
export async function postTransaction(ctx: EngineContext, transaction: LedgerTransaction): Promise<PostedTransaction> {
  if (!DATE.test(transaction.postingDate)) {
    throw invalid(
      'posting-date-invalid',
      `The posting date must be a date (YYYY-MM-DD); got "${transaction.postingDate}".`,
      {
        field: 'postingDate',
      },
    );
  }
  if (transaction.lines.length === 0) {
    throw invalid('ledger-transaction-empty', `Nothing to post for ${transaction.documentNo}: no lines.`);
  }
  const setup = await getPostingSetup(ctx);
  const resolved: ResolvedLine[] = [];
  for (const line of transaction.lines) resolved.push(await resolveLine(ctx, setup, line));
  const total = resolved.reduce((sum, r) => sum.plus(r.amount), new Dec(0));
  if (!total.isZero()) {
    throw conflict(
      'ledger-transaction-unbalanced',
      `${transaction.documentNo} does not balance: its amounts add up to ${decimalText(total)} instead of 0.`,
      { difference: decimalText(total), documentNo: transaction.documentNo },
    );
  }

  const register = await ctx.tx
    .insertInto('gl_register')
    .values({
      company_id: ctx.companyId,
      source: transaction.source,
      document_no: transaction.documentNo,
      posting_date: transaction.postingDate,
      created_by: ctx.userId,
      created_at: ctx.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const registerId = Number(register.id);

  const glEntries: GlEntry[] = [];
  const partyEntries: PartyLedgerEntry[] = [];
  for (const { line, accountNo, amount, glAccount } of resolved) {
    const description = line.description ?? transaction.description;
    const party = line.accountType === 'gl-account' ? undefined : line.accountType;
    const gl: Selectable<GlEntryTable> = await ctx.tx
      .insertInto('gl_entry')
      .values({
        company_id: ctx.companyId,
        register_id: registerId,
        posting_date: transaction.postingDate,
        document_type: transaction.documentType,
        document_no: transaction.documentNo,
        account_no: glAccount,
        description,
        amount: decimalText(amount),
        source_type: party ?? '',
        source_no: party ? accountNo : '',
        created_by: ctx.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    glEntries.push(toGlEntry(gl));
    if (!party) continue;

    let remaining = amount;
    if (line.appliesToDocNo) remaining = await applyToOpenEntry(ctx, party, accountNo, line.appliesToDocNo, amount);
    const entry: Selectable<PartyLedgerEntryTable> = await ctx.tx
      .insertInto(PARTY_LEDGER_TABLES[party])
      .values({
        company_id: ctx.companyId,
        register_id: registerId,
        party_no: accountNo,
        posting_date: transaction.postingDate,
        document_type: transaction.documentType,
        document_no: transaction.documentNo,
        description,
        currency_code: line.currencyCode ?? '',
        amount: line.amountFcy ?? decimalText(amount),
        amount_lcy: decimalText(amount),
        remaining_amount_lcy: decimalText(remaining),
        open: remaining.isZero() ? 0 : 1,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    partyEntries.push(toPartyEntry(party, entry));
  }
  return { registerId, glEntries, partyEntries };
}

async function resolveLine(ctx: EngineContext, setup: PostingSetup, line: LedgerLine): Promise<ResolvedLine> {
  const amount = parseDecimal(line.amount, { code: 'ledger-amount', field: 'amount', label: 'Amount' });
  const accountNo = lookupCode(line.accountNo ?? '');
  switch (line.accountType) {
    case 'gl-account': {
      await usableGlAccount(ctx, accountNo);
      return { line, accountNo, amount, glAccount: accountNo };
    }
    case 'bank-account': {
      const bank = await findBankAccount(ctx, accountNo);
      if (!bank)
        throw notFound('bank-account-not-found', `Bank account ${accountNo} does not exist.`, { no: accountNo });
      if (bank.blocked)
        throw conflict('ledger-party-blocked', `Bank account ${accountNo} is blocked; nothing can be posted to it.`);
      await usableGlAccount(ctx, bank.glAccountNo);
      return { line, accountNo, amount, glAccount: bank.glAccountNo };
    }
    case 'customer':
    case 'vendor': {
      const table = line.accountType;
      const row = await ctx.tx
        .selectFrom(table)
        .select(['no', 'blocked'])
        .where('company_id', '=', ctx.companyId)
        .where('no', '=', accountNo)
        .executeTakeFirst();
      const label = table === 'customer' ? 'Customer' : 'Vendor';
      if (!row) throw notFound(`ledger-${table}-not-found`, `${label} ${accountNo} does not exist.`, { no: accountNo });
      if (Number(row.blocked) === 1) {
        throw conflict('ledger-party-blocked', `${label} ${accountNo} is blocked; nothing can be posted to it.`);
      }
      const glAccount = table === 'customer' ? setup.receivablesAccount : setup.payablesAccount;
      await usableGlAccount(ctx, glAccount);
      return { line, accountNo, amount, glAccount };
    }
    default:
      throw invalid('ledger-account-type-invalid', `Unknown account type "${String(line.accountType)}".`, {
        field: 'accountType',
      });
  }
}

async function usableGlAccount(ctx: EngineContext, no: string): Promise<void> {
  const account = await findGlAccount(ctx, no);
  if (!account) throw notFound('gl-account-not-found', `G/L account ${no} does not exist.`, { no });
  if (account.blocked)
    throw conflict('gl-account-blocked', `G/L account ${no} is blocked; nothing can be posted to it.`);
}

/**
 * Settles the party's open entry of `documentNo` with `amount` (a payment of an invoice); the
 * part of the payment that is more than what was open stays open on the payment itself.
 */
async function applyToOpenEntry(
  ctx: EngineContext,
  party: 'customer' | 'vendor' | 'bank-account',
  partyNo: string,
  documentNo: string,
  amount: InstanceType<typeof Dec>,
): Promise<InstanceType<typeof Dec>> {
  const table = PARTY_LEDGER_TABLES[party];
  const open = await ctx.tx
    .selectFrom(table)
    .select(['id', 'remaining_amount_lcy'])
    .where('company_id', '=', ctx.companyId)
    .where('party_no', '=', partyNo)
    .where('document_no', '=', lookupCode(documentNo))
    .where('open', '=', 1)
    .orderBy('id')
    .executeTakeFirst();
  if (!open) {
    throw conflict(
      'ledger-applies-to-not-open',
      `There is no open entry of ${partyNo} for document ${lookupCode(documentNo)} to settle.`,
      { appliesToDocNo: documentNo },
    );
  }
  const before = new Dec(open.remaining_amount_lcy);
  if (before.isNegative() === amount.isNegative()) {
    throw conflict(
      'ledger-applies-to-same-sign',
      `Document ${lookupCode(documentNo)} of ${partyNo} cannot be settled by an amount of the same sign (${decimalText(amount)}).`,
      { appliesToDocNo: documentNo },
    );
  }
  // Opposite signs settle each other; what the payment does not cover stays open.
  const settled = Dec.min(before.abs(), amount.abs()).times(before.isNegative() ? -1 : 1);
  const after = before.minus(settled);
  // Conditional on what was read: two payments settling one entry at once must not both win.
  const updated = await ctx.tx
    .updateTable(table)
    .set({ remaining_amount_lcy: decimalText(after), open: after.isZero() ? 0 : 1 })
    .where('id', '=', open.id)
    .where('remaining_amount_lcy', '=', open.remaining_amount_lcy)
    .where('open', '=', 1)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) {
    throw conflict(
      'ledger-entry-changed',
      `The open entry of ${partyNo} for document ${lookupCode(documentNo)} was settled by someone else meanwhile; post again.`,
      { appliesToDocNo: documentNo },
    );
  }
  return amount.plus(settled);
}
