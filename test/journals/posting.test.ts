import { expect, it } from 'vitest';
import { postJournalBatch } from '../../src/journals/index.ts';
import { updateGlAccount } from '../../src/ledger/accounts.ts';
import { postTransaction } from '../../src/ledger/post-transaction.ts';
import { listGlEntries, listPartyEntries } from '../../src/ledger/queries.ts';
import { Dec } from '../../src/records/decimals.ts';
import { addRestriction } from '../../src/records/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import type { TestCompany } from '../support/harness.ts';
import {
  addJournalLine,
  BATCH_KEY,
  balancedPair,
  failsWith,
  GENERAL,
  journalsCompany,
  ledgerFootprint,
  lineKeyOf,
  linesOf,
  PAYMENTS,
} from './fixtures.ts';

const post = (t: TestCompany, batch: { templateName: string; batchName: string } = GENERAL, userId = 'ALICIA') =>
  t.run((ctx) => postJournalBatch(ctx, batch.templateName, batch.batchName), userId);

/** An open purchase invoice PI-100 of vendor V1000 over 300.00 (payables −300, purchases +300). */
async function openVendorInvoice(t: TestCompany) {
  await t.run((ctx) =>
    postTransaction(ctx, {
      source: 'purchase-posting',
      postingDate: '2026-03-01',
      documentType: 'invoice',
      documentNo: 'PI-100',
      description: 'Invoice PI-100',
      lines: [
        { accountType: 'vendor', accountNo: 'V1000', amount: '-300' },
        { accountType: 'gl-account', accountNo: '5000', amount: '300' },
      ],
    }),
  );
}

describeEachDialect('posting a general journal batch', (db) => {
  it('each document no. and posting date becomes one balanced posting; a balancing account posts the other side; the lines are gone', async () => {
    const t = await journalsCompany(db());
    await balancedPair(t);
    await addJournalLine(t, {
      postingDate: '2026-03-02',
      documentNo: 'GJ-2',
      accountType: 'customer',
      accountNo: 'C1000',
      documentType: 'invoice',
      amount: '120.40',
      balAccountType: 'gl-account',
      balAccountNo: '4000',
    });
    const posted = await post(t);
    expect(posted.documents.map((d) => [d.documentNo, d.postingDate, d.lineCount])).toEqual([
      ['GJ-1', '2026-03-02', 2],
      ['GJ-2', '2026-03-02', 1],
    ]);
    expect(posted.lineCount).toBe(3);
    expect(await linesOf(t)).toEqual([]);
    await t.run(async (ctx) => {
      for (const document of posted.documents) {
        const entries = await listGlEntries(ctx, { registerId: document.registerId });
        expect(entries.reduce((sum, e) => sum.plus(e.amount), new Dec(0)).isZero()).toBe(true);
      }
      expect((await listGlEntries(ctx, { documentNo: 'GJ-1' })).map((e) => [e.accountNo, e.amount])).toEqual([
        ['5000', '500'],
        ['1100', '-500'],
      ]);
      // The customer line goes to receivables and a customer ledger entry; its balancing account to sales.
      expect(
        (await listGlEntries(ctx, { documentNo: 'GJ-2' })).map((e) => [e.accountNo, e.amount, e.documentType]),
      ).toEqual([
        ['1300', '120.4', 'invoice'],
        ['4000', '-120.4', 'invoice'],
      ]);
      expect(
        (await listPartyEntries(ctx, 'customer', { partyNo: 'C1000' })).map((e) => [e.documentNo, e.amountLcy, e.open]),
      ).toEqual([['GJ-2', '120.4', true]]);
    });
  });

  it('a payment line that applies to an open vendor invoice settles it', async () => {
    const t = await journalsCompany(db());
    await openVendorInvoice(t);
    await addJournalLine(
      t,
      {
        documentType: 'payment',
        documentNo: 'PAY-1',
        accountType: 'vendor',
        accountNo: 'V1000',
        amount: '300',
        appliesToDocNo: 'PI-100',
      },
      'ALICIA',
      PAYMENTS,
    );
    await post(t, PAYMENTS);
    await t.run(async (ctx) => {
      expect(
        (await listPartyEntries(ctx, 'vendor', { partyNo: 'V1000' })).map((e) => [
          e.documentType,
          e.documentNo,
          e.amountLcy,
          e.remainingAmountLcy,
          e.open,
        ]),
      ).toEqual([
        ['invoice', 'PI-100', '-300', '0', false],
        ['payment', 'PAY-1', '300', '0', false],
      ]);
      expect((await listPartyEntries(ctx, 'bank-account', { partyNo: 'BANK1' })).map((e) => e.amountLcy)).toEqual([
        '-300',
      ]);
      expect((await listGlEntries(ctx, { documentNo: 'PAY-1' })).map((e) => [e.accountNo, e.amount])).toEqual([
        ['2100', '300'],
        ['1100', '-300'],
      ]);
    });
  });

  it('an unbalanced or empty batch is refused and nothing is written', async () => {
    const t = await journalsCompany(db());
    await failsWith(post(t), 'journal-batch-empty');
    await balancedPair(t);
    await addJournalLine(t, {
      postingDate: '2026-03-02',
      documentNo: 'GJ-9',
      accountType: 'gl-account',
      accountNo: '5000',
      amount: '0.01',
    });
    const before = await ledgerFootprint(t);
    const error = await failsWith(post(t), 'journal-batch-not-balanced');
    expect(error.details.unbalancedDocuments).toEqual([
      { postingDate: '2026-03-02', documentNo: 'GJ-9', difference: '0.01' },
    ]);
    expect(await ledgerFootprint(t)).toEqual(before);
    expect(before).toMatchObject({ registers: 0, glEntries: 0, lines: 3 });
  });

  it('a ledger refusal on a later document undoes the earlier ones: nothing is written', async () => {
    const t = await journalsCompany(db());
    await balancedPair(t);
    await addJournalLine(t, {
      postingDate: '2026-03-02',
      documentNo: 'GJ-2',
      accountType: 'gl-account',
      accountNo: '4000',
      amount: '-10',
      balAccountType: 'bank-account',
      balAccountNo: 'BANK1',
    });
    await t.run((ctx) => updateGlAccount(ctx, '4000', { blocked: true }));
    const before = await ledgerFootprint(t);
    await failsWith(post(t), 'gl-account-blocked');
    expect(await ledgerFootprint(t)).toEqual(before);
  });

  it('posting is refused for a restricted batch, a restricted line, and a restricted customer or vendor on an account or balancing account', async () => {
    const t = await journalsCompany(db());
    const [first] = await balancedPair(t);
    await addJournalLine(t, {
      postingDate: '2026-03-02',
      documentNo: 'GJ-2',
      accountType: 'gl-account',
      accountNo: '4000',
      amount: '-20',
      balAccountType: 'customer',
      balAccountNo: 'C2000',
    });
    await addJournalLine(t, {
      postingDate: '2026-03-02',
      documentNo: 'GJ-3',
      accountType: 'vendor',
      accountNo: 'V2000',
      amount: '20',
      balAccountType: 'gl-account',
      balAccountNo: '5000',
    });
    const before = await ledgerFootprint(t);
    const cases = [
      { table: 'gen-journal-batch', key: BATCH_KEY, words: 'General journal batch GENERAL DEFAULT' },
      {
        table: 'gen-journal-line',
        key: lineKeyOf(first?.line.lineNo ?? 0),
        words: 'General journal line GENERAL DEFAULT 10000',
      },
      { table: 'customer', key: 'C2000', words: 'Customer C2000' },
      { table: 'vendor', key: 'V2000', words: 'Vendor V2000' },
    ];
    for (const c of cases) {
      await t.run((ctx) =>
        addRestriction(ctx, c.table, c.key, { workflowCode: 'WF-1', details: 'Waiting for approval.' }),
      );
      const error = await failsWith(post(t), 'record-restricted');
      expect(error.details).toMatchObject({ table: c.table, key: c.key, workflow: 'WF-1' });
      expect(error.message).toContain(c.words);
      expect(error.message).toContain('Waiting for approval.');
      expect(await ledgerFootprint(t)).toEqual(before);
      await t.run((ctx) => ctx.tx.deleteFrom('restricted_record').where('company_id', '=', ctx.companyId).execute());
    }
    expect((await post(t)).documents).toHaveLength(3);
  });
});
