import { expect, it } from 'vitest';
import {
  addLine,
  createDocument,
  deleteDocument,
  deleteLine,
  documentRecord,
  findDocument,
  getDocument,
  getLine,
  listDocuments,
  listLines,
  listNumberSeries,
  parseDocumentKey,
  setDocumentStatus,
  updateHeader,
  updateLine,
  updateVendor,
} from '../../src/records/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { failsWith, recordsCompany, seedMasterData } from './fixtures.ts';

describeEachDialect('creating documents', (db) => {
  it('a new document is Open, dated today, in the party currency and with its purchaser', async () => {
    const t = await recordsCompany(db());
    const doc = await t.run(async (ctx) => {
      await seedMasterData(ctx);
      return createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'v1000' });
    });
    expect(doc).toEqual({
      area: 'purchase',
      documentType: 'order',
      no: 'PO-0001',
      partyNo: 'V1000',
      partyName: 'Fabrikam',
      salespersonCode: 'PETER',
      currencyCode: '',
      exchangeRate: '1',
      invoiceDiscount: '0',
      documentDate: '2026-03-02',
      status: 'Open',
      createdBy: 'ALICE',
      revision: 1,
      lineCount: 0,
      lineTotal: '0.00',
      amount: '0.00',
      amountLcy: '0.00',
    });
  });

  it('the date, currency and salesperson can be given instead of the defaults', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, {
        area: 'sales',
        documentType: 'Credit Memo',
        partyNo: 'C1000',
        documentDate: '2026-02-01',
        currencyCode: 'usd',
        salespersonCode: 'peter',
      });
      expect(doc).toMatchObject({
        documentType: 'credit-memo',
        no: 'SCM-0001',
        documentDate: '2026-02-01',
        currencyCode: 'USD',
        exchangeRate: '0.9',
        salespersonCode: 'PETER',
      });
    });
  });

  it.each([
    [{ partyNo: 'V9999' }, 'vendor-unknown', 'partyNo'],
    [{ partyNo: '' }, 'vendor-required', 'partyNo'],
    [{ area: 'sales', partyNo: 'V1000' }, 'customer-unknown', 'partyNo'],
    [{ area: 'rental' }, 'document-area-invalid', 'area'],
    [{ documentType: 'receipt' }, 'document-type-invalid', 'documentType'],
    [{ documentDate: '02-03-2026' }, 'document-date-invalid', 'documentDate'],
    [{ currencyCode: 'GBP' }, 'currency-unknown', 'currencyCode'],
    [{ salespersonCode: 'NOBODY' }, 'salesperson-unknown', 'salespersonCode'],
    [{ currencyCode: 'USD', documentDate: '2025-06-30' }, 'exchange-rate-missing', 'currencyCode'],
  ])(
    'a document %j is refused with %s, and neither the document nor a number is taken',
    async (change, code, field) => {
      const t = await recordsCompany(db());
      await t.run(async (ctx) => {
        await seedMasterData(ctx);
        const input = { area: 'purchase', documentType: 'order', partyNo: 'V1000', ...change };
        const error = await failsWith(createDocument(ctx, input), code);
        expect(error.details.field).toBe(field);
        expect(await listDocuments(ctx)).toEqual([]);
        expect(await listNumberSeries(ctx)).toEqual([]);
      });
    },
  );

  it('a blocked vendor or customer gets no new document', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      await updateVendor(ctx, 'V1000', { blocked: true });
      await failsWith(
        createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1000' }),
        'vendor-blocked',
      );
      expect(await listDocuments(ctx)).toEqual([]);
    });
  });

  it('documents are listed by area, type and number, and filtered', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      await createDocument(ctx, { area: 'sales', documentType: 'order', partyNo: 'C1000' });
      await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1000' });
      await createDocument(ctx, { area: 'purchase', documentType: 'invoice', partyNo: 'V2000' });
      expect((await listDocuments(ctx)).map((d) => d.no)).toEqual(['PI-0001', 'PO-0001', 'SO-0001']);
      expect((await listDocuments(ctx, { area: 'purchase', partyNo: 'v2000' })).map((d) => d.no)).toEqual(['PI-0001']);
      expect(await findDocument(ctx, { area: 'sales', documentType: 'order', no: 'SO-0002' })).toBeUndefined();
      await failsWith(getDocument(ctx, 'sales', 'order', 'SO-0002'), 'document-not-found');
    });
  });
});

describeEachDialect('document lines', (db) => {
  it('lines are numbered 10000, 20000, … and take the item price and description by default', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1000' });
      await addLine(ctx, doc, { type: 'item', no: '1000', quantity: '3' });
      await addLine(ctx, doc, { type: 'item', no: '2000', quantity: '2', unitPrice: '20', description: 'Spare wheel' });
      await addLine(ctx, doc, { type: 'G/L Account', no: '6100', quantity: '1.5', unitPrice: '10' });
      expect(await listLines(ctx, doc)).toEqual([
        {
          area: 'purchase',
          documentType: 'order',
          documentNo: 'PO-0001',
          lineNo: 10000,
          type: 'item',
          no: '1000',
          description: 'Bolt',
          quantity: '3',
          unitPrice: '0.1',
          lineAmount: '0.30',
        },
        expect.objectContaining({ lineNo: 20000, description: 'Spare wheel', unitPrice: '20', lineAmount: '40.00' }),
        expect.objectContaining({ lineNo: 30000, type: 'gl-account', description: '', lineAmount: '15.00' }),
      ]);
      await deleteLine(ctx, doc, 20000);
      expect((await addLine(ctx, doc, { type: 'item', no: '1000', quantity: '1' })).lineNo).toBe(40000);
      expect((await getDocument(ctx, doc)).revision).toBe(6);
    });
  });

  it('a line pointed at another item takes its price and description; a quantity change recalculates', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'sales', documentType: 'order', partyNo: 'C1000' });
      await addLine(ctx, doc, { type: 'item', no: '1000', quantity: '3' });
      const change = await updateLine(ctx, doc, 10000, { no: '2000' });
      expect(change.after).toMatchObject({ no: '2000', description: 'Wheel', unitPrice: '25.5', lineAmount: '76.50' });
      expect(change.oldRecord).toEqual({
        table: 'sales-line',
        key: '["order","SO-0001",10000]',
        data: {
          documentType: 'order',
          documentNo: 'SO-0001',
          lineNo: 10000,
          type: 'item',
          no: '1000',
          description: 'Bolt',
          quantity: '3',
          unitPrice: '0.1',
          lineAmount: '0.30',
        },
      });
      await updateLine(ctx, doc, 10000, { quantity: '0.5' });
      expect(await getLine(ctx, doc, 10000)).toMatchObject({ quantity: '0.5', lineAmount: '12.75' });
      expect((await getDocument(ctx, doc)).amount).toBe('12.75');
    });
  });

  it.each([
    [{ quantity: '0' }, 'document-line-quantity-not-positive', 'quantity'],
    [{ quantity: '-2' }, 'document-line-quantity-not-positive', 'quantity'],
    [{ quantity: 'two' }, 'document-line-quantity-invalid', 'quantity'],
    [{ unitPrice: '-0.01' }, 'document-line-unit-price-negative', 'unitPrice'],
    [{ type: 'resource' }, 'document-line-type-invalid', 'type'],
    [{ no: '' }, 'document-line-no-invalid', 'no'],
    [{ no: '4711' }, 'item-unknown', 'no'],
    [{ no: '9000' }, 'item-blocked', 'no'],
    [{ description: 'D'.repeat(101) }, 'document-line-description-too-long', 'description'],
  ])('a line %j is refused with %s and nothing is written', async (change, code, field) => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1000' });
      await addLine(ctx, doc, { type: 'item', no: '1000', quantity: '1' });
      const before = await getDocument(ctx, doc);
      const input = { type: 'item', no: '2000', quantity: '1', ...change };
      expect((await failsWith(addLine(ctx, doc, input), code)).details.field).toBe(field);
      expect((await failsWith(updateLine(ctx, doc, 10000, change), code)).details.field).toBe(field);
      expect(await getDocument(ctx, doc)).toEqual(before);
      expect((await listLines(ctx, doc)).map((l) => [l.no, l.quantity])).toEqual([['1000', '1']]);
    });
  });

  it('a line that does not exist cannot be changed or deleted', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1000' });
      await failsWith(updateLine(ctx, doc, 10000, { quantity: '1' }), 'document-line-not-found');
      await failsWith(deleteLine(ctx, doc, 10000), 'document-line-not-found');
    });
  });
});

describeEachDialect('editing documents', (db) => {
  it('changing the vendor brings its name, currency and purchaser, and returns both records', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1000' });
      await addLine(ctx, doc, { type: 'gl-account', no: '6100', quantity: '1', unitPrice: '100' });
      const change = await updateHeader(ctx, doc, { partyNo: 'V2000' }, 2);
      expect(change.after).toMatchObject({
        partyNo: 'V2000',
        partyName: 'Litware',
        currencyCode: 'USD',
        salespersonCode: '',
        exchangeRate: '0.95',
        amount: '100.00',
        amountLcy: '95.00',
        revision: 3,
      });
      expect(change.oldRecord.data).toMatchObject({
        buyFromVendorNo: 'V1000',
        purchaserCode: 'PETER',
        amountLcy: '100.00',
      });
      expect(change.record.data).toMatchObject({ buyFromVendorNo: 'V2000', purchaserCode: '', amountLcy: '95.00' });
    });
  });

  it('a header change with a stale revision is a conflict and writes nothing', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1000' });
      await addLine(ctx, doc, { type: 'item', no: '1000', quantity: '1' });
      const error = await failsWith(updateHeader(ctx, doc, { salespersonCode: '' }, 1), 'document-revision-stale');
      expect(error.kind).toBe('conflict');
      expect(await getDocument(ctx, doc)).toMatchObject({ salespersonCode: 'PETER', revision: 2 });
    });
  });

  it('a header change with one invalid value writes none of the others', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1000' });
      const before = await getDocument(ctx, doc);
      for (const [changes, code] of [
        [{ salespersonCode: 'ANN', currencyCode: 'GBP' }, 'currency-unknown'],
        [{ salespersonCode: 'ANN', documentDate: '2026-13-01' }, 'document-date-invalid'],
        [{ salespersonCode: 'ANN', partyNo: 'C1000' }, 'vendor-unknown'],
        [{ salespersonCode: 'ANN', invoiceDiscount: '0.01' }, 'document-invoice-discount-exceeds-total'],
        [{ salespersonCode: 'ANN', currencyCode: 'USD', documentDate: '2025-01-01' }, 'exchange-rate-missing'],
      ] as const) {
        await failsWith(updateHeader(ctx, doc, changes), code);
      }
      expect(await getDocument(ctx, doc)).toEqual(before);
    });
  });

  it.each(['Pending Approval', 'Released'])(
    'a document that is %s cannot be edited, and nothing is written',
    async (status) => {
      const t = await recordsCompany(db());
      await t.run(async (ctx) => {
        await seedMasterData(ctx);
        const doc = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1000' });
        await addLine(ctx, doc, { type: 'item', no: '1000', quantity: '3' });
        await setDocumentStatus(ctx, doc, status);
        const before = await getDocument(ctx, doc);
        const lines = await listLines(ctx, doc);
        const attempts = [
          addLine(ctx, doc, { type: 'item', no: '2000', quantity: '1' }),
          updateLine(ctx, doc, 10000, { quantity: '5' }),
          deleteLine(ctx, doc, 10000),
          updateHeader(ctx, doc, { invoiceDiscount: '0.10' }),
          deleteDocument(ctx, doc),
        ];
        for (const attempt of attempts) {
          const error = await failsWith(attempt, 'document-not-open');
          expect(error.kind).toBe('conflict');
          expect(error.message).toBe(`Purchase order PO-0001 is ${status}; it can be changed only while Open.`);
        }
        expect(await getDocument(ctx, doc)).toEqual(before);
        expect(await listLines(ctx, doc)).toEqual(lines);
      });
    },
  );

  it('deleting an Open document deletes its lines too', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'sales', documentType: 'quote', partyNo: 'C1000' });
      await addLine(ctx, doc, { type: 'item', no: '1000', quantity: '3' });
      expect((await deleteDocument(ctx, doc)).lineCount).toBe(1);
      expect(await findDocument(ctx, doc)).toBeUndefined();
      expect(
        await ctx.tx.selectFrom('document_line').selectAll().where('company_id', '=', ctx.companyId).execute(),
      ).toEqual([]);
    });
  });
});

describeEachDialect('documents as workflow records', (db) => {
  it('a purchase document is a purchase-header record keyed by type and number, with vendor and purchaser aliases', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1000' });
      await addLine(ctx, doc, { type: 'item', no: '2000', quantity: '2' });
      expect(await documentRecord(ctx, doc)).toEqual({
        table: 'purchase-header',
        key: '["order","PO-0001"]',
        data: {
          documentType: 'order',
          no: 'PO-0001',
          partyNo: 'V1000',
          buyFromVendorNo: 'V1000',
          partyName: 'Fabrikam',
          salespersonCode: 'PETER',
          purchaserCode: 'PETER',
          currencyCode: '',
          exchangeRate: '1',
          documentDate: '2026-03-02',
          invoiceDiscount: '0',
          amount: '51.00',
          amountLcy: '51.00',
          status: 'Open',
          lineCount: 1,
        },
      });
    });
  });

  it('a sales document is a sales-header record with the sell-to customer', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'sales', documentType: 'invoice', partyNo: 'C2000' });
      const record = await documentRecord(ctx, doc);
      expect(record.table).toBe('sales-header');
      expect(record.key).toBe('["invoice","SI-0001"]');
      expect(record.data).toMatchObject({ sellToCustomerNo: 'C2000', partyNo: 'C2000', currencyCode: 'USD' });
      expect(record.data).not.toHaveProperty('purchaserCode');
      expect(record.data).not.toHaveProperty('buyFromVendorNo');
      expect(parseDocumentKey(record.key)).toEqual({ documentType: 'invoice', no: 'SI-0001' });
    });
  });

  it('a malformed document key is refused with document-key-invalid', () => {
    for (const key of ['PO-0001', '["order"]', '["receipt","X"]', '[1,2,3]', '["order",""]']) {
      expect(() => parseDocumentKey(key), key).toThrow(expect.objectContaining({ code: 'document-key-invalid' }));
    }
  });
});
