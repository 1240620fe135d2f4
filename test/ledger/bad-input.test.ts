import { expect, it } from 'vitest';
import { businessModules } from '../../src/business-modules.ts';
import {
  createBankAccount,
  createGlAccount,
  listBankAccounts,
  listGlAccounts,
  listGlEntries,
  postTransaction,
} from '../../src/ledger/index.ts';
import { createVendor } from '../../src/records/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { newTestCompany, type TestCompany } from '../support/harness.ts';
import { setUpLedger } from '../support/ledger-fixtures.ts';

async function refused(t: TestCompany, command: Parameters<TestCompany['run']>[0], code: string) {
  await expect(t.run(command)).rejects.toMatchObject({ code });
}

describeEachDialect('bad input to the ledger is refused with its code and writes nothing', (db) => {
  it('accounts: an invalid no., a blank name, a bank account without a G/L account', async () => {
    const t = await newTestCompany(db(), businessModules);
    await t.run((ctx) => setUpLedger(ctx));
    const before = await t.run(async (ctx) => [await listGlAccounts(ctx), await listBankAccounts(ctx)]);
    await refused(t, (ctx) => createGlAccount(ctx, { no: 'bad no!', name: 'Bad' }), 'gl-account-no-invalid');
    await refused(t, (ctx) => createGlAccount(ctx, { no: '7000', name: '  ' }), 'gl-account-name-required');
    await refused(t, (ctx) => createGlAccount(ctx, { no: '1100', name: 'Twice' }), 'gl-account-exists');
    await refused(
      t,
      (ctx) => createBankAccount(ctx, { no: 'bad no!', name: 'Bad', glAccountNo: '1100' }),
      'bank-account-no-invalid',
    );
    await refused(
      t,
      (ctx) => createBankAccount(ctx, { no: 'BANK2', name: 'Savings', glAccountNo: '' }),
      'gl-account-required',
    );
    await refused(
      t,
      (ctx) => createBankAccount(ctx, { no: 'BANK2', name: 'Savings', glAccountNo: '9999' }),
      'gl-account-not-found',
    );
    expect(await t.run(async (ctx) => [await listGlAccounts(ctx), await listBankAccounts(ctx)])).toEqual(before);
  });

  it('transactions: no lines, an unknown account type, a payment of the same sign as the invoice it names', async () => {
    const t = await newTestCompany(db(), businessModules);
    await t.run(async (ctx) => {
      await setUpLedger(ctx);
      await createVendor(ctx, { no: 'V1000', name: 'Fabrikam' });
      await postTransaction(ctx, {
        source: 'purchase-posting',
        postingDate: '2026-03-02',
        documentType: 'invoice',
        documentNo: 'PPI-0001',
        description: 'Invoice',
        lines: [
          { accountType: 'gl-account', accountNo: '5000', amount: '100' },
          { accountType: 'vendor', accountNo: 'V1000', amount: '-100' },
        ],
      });
    });
    const before = await t.run((ctx) => listGlEntries(ctx));
    const base = {
      source: 'journal',
      postingDate: '2026-03-03',
      documentType: 'payment',
      documentNo: 'PAY-1',
      description: 'Pay',
    } as const;
    await refused(t, (ctx) => postTransaction(ctx, { ...base, lines: [] }), 'ledger-transaction-empty');
    await refused(
      t,
      (ctx) =>
        postTransaction(ctx, {
          ...base,
          lines: [
            { accountType: 'planet' as 'gl-account', accountNo: '5000', amount: '1' },
            { accountType: 'gl-account', accountNo: '1100', amount: '-1' },
          ],
        }),
      'ledger-account-type-invalid',
    );
    // A "payment" that adds to what is owed cannot settle the invoice.
    await refused(
      t,
      (ctx) =>
        postTransaction(ctx, {
          ...base,
          lines: [
            { accountType: 'vendor', accountNo: 'V1000', amount: '-10', appliesToDocNo: 'PPI-0001' },
            { accountType: 'bank-account', accountNo: 'BANK1', amount: '10' },
          ],
        }),
      'ledger-applies-to-same-sign',
    );
    expect(await t.run((ctx) => listGlEntries(ctx))).toEqual(before);
  });
});
