import { describe, expect, it } from 'vitest';
import {
  addLine,
  createDocument,
  deleteLine,
  documentAmounts,
  getDocument,
  lineAmount,
  setExchangeRate,
  updateCurrency,
  updateHeader,
  updateLine,
} from '../../src/records/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { failsWith, recordsCompany, seedMasterData } from './fixtures.ts';

describe('amount arithmetic', () => {
  it('a line amount is quantity times unit price, exact and rounded half-up to the currency decimals', () => {
    expect(lineAmount('3', '0.10', 2)).toBe('0.30');
    expect(lineAmount('1', '0.125', 2)).toBe('0.13');
    expect(lineAmount('1', '0.135', 2)).toBe('0.14');
    expect(lineAmount('3', '0.5', 0)).toBe('2');
    expect(lineAmount('0.333', '3', 2)).toBe('1.00');
    expect(lineAmount('123456789012345678', '1.01', 2)).toBe('124691356902469134.78');
  });

  it('the document amount is the line total less the invoice discount; LCY at the rate, rounded to 2', () => {
    expect(documentAmounts(['0.10', '0.20'], '0', '1', 2)).toEqual({
      lineTotal: '0.30',
      amount: '0.30',
      amountLcy: '0.30',
    });
    expect(documentAmounts(['100.00', '50.00'], '15.5', '0.95', 2)).toEqual({
      lineTotal: '150.00',
      amount: '134.50',
      amountLcy: '127.78',
    });
    expect(documentAmounts([], '0', '1', 2)).toEqual({ lineTotal: '0.00', amount: '0.00', amountLcy: '0.00' });
  });
});

describeEachDialect('document amounts', (db) => {
  it('three bolts at 0.10 make exactly 0.30, not a floating point approximation', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1000' });
      const line = await addLine(ctx, doc, { type: 'item', no: '1000', quantity: '3' });
      expect(line).toMatchObject({ quantity: '3', unitPrice: '0.1', lineAmount: '0.30' });
      for (let i = 0; i < 9; i++) await addLine(ctx, doc, { type: 'item', no: '1000', quantity: '1' });
      expect(await getDocument(ctx, 'purchase', 'order', doc.no)).toMatchObject({
        lineCount: 10,
        lineTotal: '1.20',
        amount: '1.20',
        amountLcy: '1.20',
      });
    });
  });

  it('the invoice discount lowers the amount and cannot be negative or exceed the line total', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'sales', documentType: 'invoice', partyNo: 'C1000' });
      await addLine(ctx, doc, { type: 'item', no: '2000', quantity: '4' });
      await addLine(ctx, doc, { type: 'gl-account', no: '6100', quantity: '1', unitPrice: '0.99' });
      const { after } = await updateHeader(ctx, doc, { invoiceDiscount: '2.49' });
      expect(after).toMatchObject({
        lineTotal: '102.99',
        invoiceDiscount: '2.49',
        amount: '100.50',
        amountLcy: '100.50',
      });

      const negative = await failsWith(
        updateHeader(ctx, doc, { invoiceDiscount: '-1' }),
        'document-invoice-discount-negative',
      );
      expect(negative.details.field).toBe('invoiceDiscount');
      const tooHigh = await failsWith(
        updateHeader(ctx, doc, { invoiceDiscount: '103.00' }),
        'document-invoice-discount-exceeds-total',
      );
      expect(tooHigh.details.field).toBe('invoiceDiscount');
      expect((await getDocument(ctx, doc)).invoiceDiscount).toBe('2.49');
    });
  });

  it('a line change that would leave the line total below the invoice discount is refused and writes nothing', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'purchase', documentType: 'invoice', partyNo: 'V1000' });
      await addLine(ctx, doc, { type: 'item', no: '2000', quantity: '1' });
      const small = await addLine(ctx, doc, { type: 'item', no: '1000', quantity: '1' });
      await updateHeader(ctx, doc, { invoiceDiscount: '25.00' });
      const before = await getDocument(ctx, doc);
      await failsWith(deleteLine(ctx, doc, 10000), 'document-invoice-discount-exceeds-total');
      await failsWith(updateLine(ctx, doc, 10000, { quantity: '0.5' }), 'document-invoice-discount-exceeds-total');
      expect(await getDocument(ctx, doc)).toEqual(before);
      await deleteLine(ctx, doc, small.lineNo);
      expect((await getDocument(ctx, doc)).amount).toBe('0.50');
    });
  });

  it('a foreign-currency document converts at the rate frozen on it; later rate changes do not change it', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      // Vendor V2000 buys in USD: 0.95 from 2026-03-01; today is 2026-03-02.
      const doc = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V2000' });
      expect(doc).toMatchObject({ currencyCode: 'USD', exchangeRate: '0.95', documentDate: '2026-03-02' });
      await addLine(ctx, doc, { type: 'gl-account', no: '6100', quantity: '3', unitPrice: '33.333' });
      expect(await getDocument(ctx, doc)).toMatchObject({ amount: '100.00', amountLcy: '95.00' });

      await setExchangeRate(ctx, { currencyCode: 'USD', startingDate: '2026-03-02', rate: '2' });
      await setExchangeRate(ctx, { currencyCode: 'USD', startingDate: '2026-03-01', rate: '1.5' });
      expect(await getDocument(ctx, doc)).toMatchObject({ exchangeRate: '0.95', amountLcy: '95.00' });

      // A new document date takes the rate of that day.
      const { after } = await updateHeader(ctx, doc, { documentDate: '2026-02-15' });
      expect(after).toMatchObject({ exchangeRate: '0.9', amountLcy: '90.00' });
    });
  });

  it('a document in a currency with 0 decimals rounds its line amounts to whole units', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, {
        area: 'sales',
        documentType: 'quote',
        partyNo: 'C1000',
        currencyCode: 'JPY',
      });
      const line = await addLine(ctx, doc, { type: 'gl-account', no: '4000', quantity: '3', unitPrice: '1000.5' });
      expect(line.lineAmount).toBe('3002');
      expect(await getDocument(ctx, doc)).toMatchObject({ amount: '3002', amountLcy: '18.61', exchangeRate: '0.0062' });
    });
  });

  it('switching the document to a currency with other decimals re-rounds the line amounts', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'sales', documentType: 'order', partyNo: 'C1000' });
      await addLine(ctx, doc, { type: 'gl-account', no: '4000', quantity: '1', unitPrice: '10.6' });
      const { after } = await updateHeader(ctx, doc, { currencyCode: 'JPY' });
      expect(after).toMatchObject({ currencyCode: 'JPY', exchangeRate: '0.0062', amount: '11', amountLcy: '0.07' });
      await updateCurrency(ctx, 'USD', { decimals: 3 });
      const usd = await updateHeader(ctx, doc, { currencyCode: 'USD' });
      expect(usd.after).toMatchObject({ amount: '10.600', amountLcy: '10.07' });
    });
  });
});
