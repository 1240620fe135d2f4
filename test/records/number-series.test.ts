import { expect, it } from 'vitest';
import {
  createDocument,
  DOCUMENT_TYPES,
  listNumberSeries,
  nextNumber,
  setNumberSeries,
} from '../../src/records/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { failsWith, recordsCompany, seedMasterData } from './fixtures.ts';

describeEachDialect('number series', (db) => {
  it('each document type numbers from its own series with its own prefix, width 4', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const numbers: Record<string, string> = {};
      for (const area of ['purchase', 'sales'] as const) {
        for (const documentType of DOCUMENT_TYPES) {
          const partyNo = area === 'purchase' ? 'V1000' : 'C1000';
          numbers[`${area} ${documentType}`] = (await createDocument(ctx, { area, documentType, partyNo })).no;
        }
      }
      expect(numbers).toEqual({
        'purchase quote': 'PQ-0001',
        'purchase order': 'PO-0001',
        'purchase invoice': 'PI-0001',
        'purchase credit-memo': 'PCM-0001',
        'purchase blanket-order': 'PBO-0001',
        'purchase return-order': 'PRO-0001',
        'sales quote': 'SQ-0001',
        'sales order': 'SO-0001',
        'sales invoice': 'SI-0001',
        'sales credit-memo': 'SCM-0001',
        'sales blanket-order': 'SBO-0001',
        'sales return-order': 'SRO-0001',
      });
      const second = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1000' });
      expect(second.no).toBe('PO-0002');
      expect((await listNumberSeries(ctx)).find((s) => s.code === 'PURCHASE-ORDER')).toEqual({
        code: 'PURCHASE-ORDER',
        prefix: 'PO-',
        lastNumber: 2,
        width: 4,
      });
    });
  });

  it('every company counts on its own', async () => {
    const a = await recordsCompany(db());
    const b = await recordsCompany(db());
    expect(await a.run((ctx) => nextNumber(ctx, 'PURCHASE-ORDER'))).toBe('PO-0001');
    expect(await a.run((ctx) => nextNumber(ctx, 'PURCHASE-ORDER'))).toBe('PO-0002');
    expect(await b.run((ctx) => nextNumber(ctx, 'PURCHASE-ORDER'))).toBe('PO-0001');
  });

  it('a series that is not a document type starts as its code followed by "-"', async () => {
    const t = await recordsCompany(db());
    expect(await t.run((ctx) => nextNumber(ctx, 'cust'))).toBe('CUST-0001');
  });

  it('a configured series keeps its counter unless told, and numbers grow past the width', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await nextNumber(ctx, 'SALES-ORDER');
      expect(await setNumberSeries(ctx, { code: 'SALES-ORDER', prefix: 'so2026-', width: 2 })).toEqual({
        code: 'SALES-ORDER',
        prefix: 'SO2026-',
        width: 2,
        lastNumber: 1,
      });
      expect(await nextNumber(ctx, 'SALES-ORDER')).toBe('SO2026-02');
      await setNumberSeries(ctx, { code: 'SALES-ORDER', lastNumber: 99 });
      expect(await nextNumber(ctx, 'SALES-ORDER')).toBe('SO2026-100');
    });
  });

  it('an invalid width or prefix is refused and the series stays as it was', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await nextNumber(ctx, 'PURCHASE-INVOICE');
      const width = await failsWith(
        setNumberSeries(ctx, { code: 'PURCHASE-INVOICE', width: 0 }),
        'number-series-width-invalid',
      );
      expect(width.details.field).toBe('width');
      await failsWith(
        setNumberSeries(ctx, { code: 'PURCHASE-INVOICE', prefix: 'P I' }),
        'number-series-prefix-invalid',
      );
      await failsWith(nextNumber(ctx, ''), 'number-series-code-invalid');
      expect(await listNumberSeries(ctx)).toEqual([
        { code: 'PURCHASE-INVOICE', prefix: 'PI-', lastNumber: 1, width: 4 },
      ]);
    });
  });

  it('documents created in simultaneous transactions get distinct numbers, also on first use of the series', async () => {
    const t = await recordsCompany(db());
    await t.run((ctx) => seedMasterData(ctx));
    const create = () =>
      t.run(
        async (ctx) => (await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1000' })).no,
      );
    const numbers = await Promise.all([create(), create(), create()]);
    expect([...numbers].sort()).toEqual(['PO-0001', 'PO-0002', 'PO-0003']);
    const more = await Promise.all([create(), create()]);
    expect([...more].sort()).toEqual(['PO-0004', 'PO-0005']);
  });
});
