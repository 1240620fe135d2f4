import type { DatabaseHandle } from '../../src/db/connect.ts';
import type { EngineContext } from '../../src/engine/context.ts';
import {
  createJournalBatch,
  createJournalLine,
  createJournalTemplate,
  type JournalLineInput,
  listJournalLines,
  type SavedJournalLine,
} from '../../src/journals/index.ts';
import { readyCompany } from '../approvals/actions/fixtures.ts';
import type { TestCompany } from '../support/harness.ts';
import { setUpLedger } from '../support/ledger-fixtures.ts';

export { enabledCopy, entriesOf, entryTriples, failsWith, notifications } from '../approvals/actions/fixtures.ts';

/**
 * A company with the approval users of test/approvals/actions/fixtures.ts (SEAN, ADMIN the
 * approval administrator, MARY → SEAN, JOHN → MARY, ALICIA → SEAN, PETER without approver), master
 * data (vendors V1000, V2000; customers C1000, C2000), the ledger of test/support/ledger-fixtures.ts
 * (G/L 1100 Bank, 1300 Receivables, 2100 Payables, 4000 Sales, 5000 Purchases, bank account
 * BANK1) and two journals: GENERAL/DEFAULT (no balancing account) and PAYMENT/BANK (balanced by
 * bank account BANK1).
 */
export async function journalsCompany(handle: DatabaseHandle): Promise<TestCompany> {
  const t = await readyCompany(handle);
  await t.run(async (ctx) => {
    await setUpLedger(ctx);
    await createJournalTemplate(ctx, { name: 'GENERAL', description: 'General journal', type: 'general' });
    await createJournalBatch(ctx, { templateName: 'GENERAL', name: 'DEFAULT', description: 'Default' });
    await createJournalTemplate(ctx, { name: 'PAYMENT', description: 'Payment journal', type: 'payments' });
    await createJournalBatch(ctx, {
      templateName: 'PAYMENT',
      name: 'BANK',
      description: 'Payments from the current account',
      balAccountType: 'bank-account',
      balAccountNo: 'BANK1',
    });
  }, 'ADMIN');
  return t;
}

export const GENERAL = { templateName: 'GENERAL', batchName: 'DEFAULT' } as const;
export const PAYMENTS = { templateName: 'PAYMENT', batchName: 'BANK' } as const;

export const BATCH_KEY = '["GENERAL","DEFAULT"]';
export const lineKeyOf = (lineNo: number, batch: { templateName: string; batchName: string } = GENERAL) =>
  JSON.stringify([batch.templateName, batch.batchName, lineNo]);

type LineFields = Omit<JournalLineInput, 'templateName' | 'batchName'>;

/** A line in GENERAL/DEFAULT (or another batch) created by `userId`. */
export function addJournalLine(
  t: TestCompany,
  fields: LineFields,
  userId = 'ALICIA',
  batch: { templateName: string; batchName: string } = GENERAL,
): Promise<SavedJournalLine> {
  return t.run((ctx) => createJournalLine(ctx, { ...batch, ...fields }), userId);
}

/** Two lines of document GJ-1 that balance: 500 on G/L 5000 (debit) and −500 on G/L 1100 (credit). */
export async function balancedPair(t: TestCompany, userId = 'ALICIA'): Promise<SavedJournalLine[]> {
  return [
    await addJournalLine(
      t,
      { postingDate: '2026-03-02', documentNo: 'GJ-1', accountType: 'gl-account', accountNo: '5000', amount: '500' },
      userId,
    ),
    await addJournalLine(
      t,
      { postingDate: '2026-03-02', documentNo: 'GJ-1', accountType: 'gl-account', accountNo: '1100', amount: '-500' },
      userId,
    ),
  ];
}

/** Row counts of what posting writes and of the journal lines, for "nothing was written" checks. */
export async function ledgerFootprint(t: TestCompany) {
  return t.run(async (ctx: EngineContext) => {
    const count = async (
      table:
        | 'gl_register'
        | 'gl_entry'
        | 'vendor_ledger_entry'
        | 'customer_ledger_entry'
        | 'bank_account_ledger_entry'
        | 'gen_journal_line',
    ) => {
      const row = await ctx.tx
        .selectFrom(table)
        .where('company_id', '=', ctx.companyId)
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    return {
      registers: await count('gl_register'),
      glEntries: await count('gl_entry'),
      vendorEntries: await count('vendor_ledger_entry'),
      customerEntries: await count('customer_ledger_entry'),
      bankEntries: await count('bank_account_ledger_entry'),
      lines: await count('gen_journal_line'),
    };
  });
}

export function linesOf(t: TestCompany, batch: { templateName: string; batchName: string } = GENERAL) {
  return t.run((ctx) => listJournalLines(ctx, batch.templateName, batch.batchName));
}
