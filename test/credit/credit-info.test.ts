import { expect, it } from 'vitest';
import { customerCreditInfo } from '../../src/credit/credit-info.ts';
import { postTransaction } from '../../src/ledger/post-transaction.ts';
import { createCurrency, createCustomer, releaseDocument, setExchangeRate } from '../../src/records/index.ts';
import { failsWith, readyCompany } from '../approvals/actions/fixtures.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { setUpLedger } from '../support/ledger-fixtures.ts';
import { salesDocumentIn, setCreditLimit } from './fixtures.ts';

/**
 * Customer C1000 of the approval fixtures; its documents are one line of item 1000. The credit
 * position is limit − ledger balance − unposted sales (orders and invoices less credit memos and
 * return orders), in LCY.
 */
describeEachDialect('customer credit information', (db) => {
  it('a customer without a credit limit (0) is never exceeded, however much it owes', async () => {
    const t = await readyCompany(db());
    await setCreditLimit(t, 'C1000', '0');
    const info = await t.run(async (ctx) => {
      await salesDocumentIn(ctx, 'order', 'C1000', '1000');
      return customerCreditInfo(ctx, 'C1000');
    });
    expect(info).toEqual({
      customerNo: 'C1000',
      customerName: 'Adatum',
      creditLimitLcy: '0.00',
      balanceLcy: '0.00',
      outstandingLcy: '100000.00',
      availableLcy: '-100000.00',
      hasCreditLimit: false,
      exceeded: false,
    });
  });

  it('available credit is the limit less the ledger balance and the unposted orders and invoices, in any status', async () => {
    const t = await readyCompany(db());
    await setCreditLimit(t, 'C1000', '1000');
    const info = await t.run(async (ctx) => {
      await setUpLedger(ctx);
      // A posted invoice of 300.00 the customer has not paid yet.
      await postTransaction(ctx, {
        source: 'sales-posting',
        postingDate: '2026-03-02',
        documentType: 'invoice',
        documentNo: 'PSI-0001',
        description: 'Posted invoice',
        lines: [
          { accountType: 'customer', accountNo: 'C1000', amount: '300' },
          { accountType: 'gl-account', accountNo: '4000', amount: '-300' },
        ],
      });
      await salesDocumentIn(ctx, 'order', 'C1000', '2');
      // A released invoice is not posted yet: it still counts.
      const invoice = await salesDocumentIn(ctx, 'invoice', 'C1000', '1', '150.50');
      await releaseDocument(ctx, invoice);
      // Another customer's order does not count.
      await salesDocumentIn(ctx, 'order', 'C2000', '50');
      return customerCreditInfo(ctx, 'c1000');
    });
    expect(info).toMatchObject({
      creditLimitLcy: '1000.00',
      balanceLcy: '300.00',
      outstandingLcy: '350.50',
      availableLcy: '349.50',
      hasCreditLimit: true,
      exceeded: false,
    });
  });

  it('boundary: an available credit of exactly 0 is not exceeded; one cent more is', async () => {
    const t = await readyCompany(db());
    await setCreditLimit(t, 'C1000', '200');
    await t.run(async (ctx) => {
      await salesDocumentIn(ctx, 'order', 'C1000', '2');
      expect(await customerCreditInfo(ctx, 'C1000')).toMatchObject({ availableLcy: '0.00', exceeded: false });
      await salesDocumentIn(ctx, 'invoice', 'C1000', '1', '0.01');
      expect(await customerCreditInfo(ctx, 'C1000')).toMatchObject({ availableLcy: '-0.01', exceeded: true });
    });
  });

  it('other open orders count; Released credit memos and return orders reduce the outstanding amount, Open drafts and quotes and blanket orders do not count', async () => {
    const t = await readyCompany(db());
    await setCreditLimit(t, 'C1000', '400');
    await t.run(async (ctx) => {
      await salesDocumentIn(ctx, 'order', 'C1000', '3');
      await salesDocumentIn(ctx, 'order', 'C1000', '2');
      expect(await customerCreditInfo(ctx, 'C1000')).toMatchObject({
        outstandingLcy: '500.00',
        availableLcy: '-100.00',
        exceeded: true,
      });
      const memo = await salesDocumentIn(ctx, 'credit-memo', 'C1000', '1');
      const returned = await salesDocumentIn(ctx, 'return-order', 'C1000', '1', '50');
      await salesDocumentIn(ctx, 'quote', 'C1000', '10');
      await salesDocumentIn(ctx, 'blanket-order', 'C1000', '10');
      // A draft credit memo must not make room under the limit for an order approved automatically.
      expect(await customerCreditInfo(ctx, 'C1000')).toMatchObject({ outstandingLcy: '500.00', exceeded: true });
      await releaseDocument(ctx, memo);
      await releaseDocument(ctx, returned);
      expect(await customerCreditInfo(ctx, 'C1000')).toMatchObject({
        outstandingLcy: '350.00',
        availableLcy: '50.00',
        exceeded: false,
      });
    });
  });

  it('D14: a document in a foreign currency counts with its LCY amount at the rate frozen on it', async () => {
    const t = await readyCompany(db());
    await t.run(async (ctx) => {
      await createCurrency(ctx, { code: 'USD', description: 'US dollar' });
      await setExchangeRate(ctx, { currencyCode: 'USD', startingDate: '2026-01-01', rate: '0.9' });
      await createCustomer(ctx, { no: 'C3000', name: 'Northwind', currencyCode: 'USD', creditLimitLcy: '1000' });
      await salesDocumentIn(ctx, 'order', 'C3000', '10');
      // A later rate does not change the document's LCY amount.
      await setExchangeRate(ctx, { currencyCode: 'USD', startingDate: '2026-03-01', rate: '2' });
      expect(await customerCreditInfo(ctx, 'C3000')).toMatchObject({
        outstandingLcy: '900.00',
        availableLcy: '100.00',
      });
    }, 'ADMIN');
  });

  it('an unknown customer is customer-not-found', async () => {
    const t = await readyCompany(db());
    await failsWith(
      t.run((ctx) => customerCreditInfo(ctx, 'C9999')),
      'customer-not-found',
    );
  });
});
