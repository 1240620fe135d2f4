import { expect, it } from 'vitest';
import { businessModules } from '../../src/business-modules.ts';
import {
  createGlAccount,
  customerBalanceLcy,
  listGlEntries,
  listPartyEntries,
  postTransaction,
  updateGlAccount,
  vendorBalanceLcy,
} from '../../src/ledger/index.ts';
import { createCustomer, createVendor, deleteCustomer, deleteVendor } from '../../src/records/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { newTestCompany } from '../support/harness.ts';
import { setUpLedger } from '../support/ledger-fixtures.ts';

const invoice = (documentNo: string, vendorNo: string, amount: string) => ({
  source: 'purchase-posting' as const,
  postingDate: '2026-03-02',
  documentType: 'invoice',
  documentNo,
  description: `Invoice ${documentNo}`,
  lines: [
    { accountType: 'gl-account' as const, accountNo: '5000', amount },
    { accountType: 'vendor' as const, accountNo: vendorNo, amount: `-${amount}` },
  ],
});

async function ledgerCompany(handle: Parameters<typeof newTestCompany>[0]) {
  const t = await newTestCompany(handle, businessModules);
  await t.run(async (ctx) => {
    await setUpLedger(ctx);
    await createVendor(ctx, { no: 'V1000', name: 'Fabrikam' });
    await createCustomer(ctx, { no: 'C1000', name: 'Contoso' });
  });
  return t;
}

describeEachDialect('the ledger', (db) => {
  it('a posting writes one G/L entry per line that sum to zero, and party lines go to the receivables or payables account', async () => {
    const t = await ledgerCompany(db());
    await t.run(async (ctx) => {
      const posted = await postTransaction(ctx, invoice('PPI-0001', 'V1000', '1250.50'));
      expect(posted.glEntries.map((e) => [e.accountNo, e.amount, e.sourceType, e.sourceNo])).toEqual([
        ['5000', '1250.5', '', ''],
        ['2100', '-1250.5', 'vendor', 'V1000'],
      ]);
      expect(posted.glEntries.every((e) => e.registerId === posted.registerId)).toBe(true);
      expect(posted.partyEntries).toEqual([
        expect.objectContaining({ party: 'vendor', partyNo: 'V1000', amountLcy: '-1250.5', open: true }),
      ]);
      expect(await vendorBalanceLcy(ctx, 'V1000')).toBe('-1250.5');
      expect(await listGlEntries(ctx, { documentNo: 'PPI-0001' })).toHaveLength(2);
    });
  });

  it('a payment that names the invoice settles it; a partial payment leaves the rest open', async () => {
    const t = await ledgerCompany(db());
    await t.run(async (ctx) => {
      await postTransaction(ctx, {
        source: 'sales-posting',
        postingDate: '2026-03-02',
        documentType: 'invoice',
        documentNo: 'SPI-0001',
        description: 'Invoice',
        lines: [
          { accountType: 'customer', accountNo: 'C1000', amount: '100' },
          { accountType: 'gl-account', accountNo: '4000', amount: '-100' },
        ],
      });
      expect(await customerBalanceLcy(ctx, 'C1000')).toBe('100');
      const pay = (documentNo: string, amount: string) =>
        postTransaction(ctx, {
          source: 'journal',
          postingDate: '2026-03-03',
          documentType: 'payment',
          documentNo,
          description: 'Payment',
          lines: [
            { accountType: 'customer', accountNo: 'C1000', amount: `-${amount}`, appliesToDocNo: 'SPI-0001' },
            { accountType: 'bank-account', accountNo: 'BANK1', amount },
          ],
        });
      await pay('PAY-1', '40');
      expect(await customerBalanceLcy(ctx, 'C1000')).toBe('60');
      await pay('PAY-2', '60');
      expect(await customerBalanceLcy(ctx, 'C1000')).toBe('0');
      expect(await listPartyEntries(ctx, 'customer', { partyNo: 'C1000', open: true })).toEqual([]);
      const bank = await listPartyEntries(ctx, 'bank-account', { partyNo: 'BANK1' });
      expect(bank.map((e) => e.amountLcy)).toEqual(['40', '60']);
      expect((await listGlEntries(ctx, { accountNo: '1100' })).map((e) => e.amount)).toEqual(['40', '60']);
      await expect(pay('PAY-3', '1')).rejects.toMatchObject({ code: 'ledger-applies-to-not-open' });
    });
  });

  it('refuses an unbalanced transaction and writes nothing', async () => {
    const t = await ledgerCompany(db());
    const unbalanced = {
      ...invoice('PPI-0002', 'V1000', '10'),
      lines: [{ accountType: 'gl-account' as const, accountNo: '5000', amount: '10' }],
    };
    await expect(t.run((ctx) => postTransaction(ctx, unbalanced))).rejects.toMatchObject({
      code: 'ledger-transaction-unbalanced',
      details: { difference: '10' },
    });
    expect(await t.run((ctx) => listGlEntries(ctx))).toEqual([]);
  });

  it.each([
    ['an unknown G/L account', { accountType: 'gl-account', accountNo: '9999' }, 'gl-account-not-found'],
    ['an unknown vendor', { accountType: 'vendor', accountNo: 'V9' }, 'ledger-vendor-not-found'],
    ['an unknown customer', { accountType: 'customer', accountNo: 'C9' }, 'ledger-customer-not-found'],
    ['an unknown bank account', { accountType: 'bank-account', accountNo: 'B9' }, 'bank-account-not-found'],
  ] as const)('refuses %s', async (_what, account, code) => {
    const t = await ledgerCompany(db());
    const transaction = {
      ...invoice('PPI-0003', 'V1000', '5'),
      lines: [
        { ...account, amount: '5' },
        { accountType: 'vendor' as const, accountNo: 'V1000', amount: '-5' },
      ],
    };
    await expect(t.run((ctx) => postTransaction(ctx, transaction))).rejects.toMatchObject({ code });
    expect(await t.run((ctx) => listGlEntries(ctx))).toEqual([]);
  });

  it('refuses a blocked G/L account, and posting without a posting setup', async () => {
    const t = await ledgerCompany(db());
    await t.run((ctx) => updateGlAccount(ctx, '5000', { blocked: true }));
    await expect(t.run((ctx) => postTransaction(ctx, invoice('PPI-0004', 'V1000', '5')))).rejects.toMatchObject({
      code: 'gl-account-blocked',
    });
    const bare = await newTestCompany(db(), businessModules);
    await bare.run((ctx) => createGlAccount(ctx, { no: '5000', name: 'Purchases' }));
    await expect(bare.run((ctx) => postTransaction(ctx, invoice('PPI-0005', 'V1000', '5')))).rejects.toMatchObject({
      code: 'posting-setup-missing',
    });
  });

  it('a customer or vendor with ledger entries cannot be deleted', async () => {
    const t = await ledgerCompany(db());
    await t.run((ctx) => postTransaction(ctx, invoice('PPI-0006', 'V1000', '5')));
    await expect(t.run((ctx) => deleteVendor(ctx, 'V1000'))).rejects.toMatchObject({
      code: 'vendor-in-use',
      message:
        'Vendor V1000 has purchase documents, ledger entries, journals or requisition lines; it cannot be deleted.',
    });
    // Without entries it goes.
    expect(await t.run((ctx) => deleteCustomer(ctx, 'C1000'))).toMatchObject({ no: 'C1000' });
  });

  it('two payments settling one invoice at the same time: one settles it, the other is refused', async () => {
    const t = await ledgerCompany(db());
    await t.run((ctx) => postTransaction(ctx, invoice('PPI-0007', 'V1000', '100')));
    const pay = (documentNo: string) =>
      t.run((ctx) =>
        postTransaction(ctx, {
          source: 'journal',
          postingDate: '2026-03-03',
          documentType: 'payment',
          documentNo,
          description: 'Payment',
          lines: [
            { accountType: 'vendor', accountNo: 'V1000', amount: '100', appliesToDocNo: 'PPI-0007' },
            { accountType: 'bank-account', accountNo: 'BANK1', amount: '-100' },
          ],
        }),
      );
    const outcomes = await Promise.allSettled([pay('PAY-A'), pay('PAY-B')]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const [refused] = outcomes.filter((o) => o.status === 'rejected');
    // PostgreSQL: the second waits for the first and finds the entry changed; SQLite: already closed.
    expect(['ledger-entry-changed', 'ledger-applies-to-not-open']).toContain(
      (refused as PromiseRejectedResult).reason.code,
    );
    expect(await t.run((ctx) => vendorBalanceLcy(ctx, 'V1000'))).toBe('0');
    expect(await t.run((ctx) => listPartyEntries(ctx, 'bank-account', { partyNo: 'BANK1' }))).toHaveLength(1);
  });

  it('two people changing one G/L account at the same revision: one wins, the other is told it is stale', async () => {
    const t = await ledgerCompany(db());
    const outcomes = await Promise.allSettled([
      t.run((ctx) => updateGlAccount(ctx, '5000', { name: 'Purchases A' }, 1)),
      t.run((ctx) => updateGlAccount(ctx, '5000', { name: 'Purchases B' }, 1)),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const [refused] = outcomes.filter((o) => o.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason.code).toBe('gl-account-revision-stale');
  });
});
