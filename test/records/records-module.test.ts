import { expect, it } from 'vitest';
import { builtinModule } from '../../src/engine/builtin-module.ts';
import { createRegistry } from '../../src/engine/registry.ts';
import {
  addLine,
  createDocument,
  DOCUMENT_STATUSES,
  DOCUMENT_TYPES,
  documentRecord,
  recordsModule,
  releaseDocument,
  updateCustomer,
  updateLine,
} from '../../src/records/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { recordsCompany, seedMasterData } from './fixtures.ts';

it('the records module registers its tables next to the built-in module', () => {
  const registry = createRegistry(builtinModule, recordsModule);
  expect(registry.modules).toEqual(['builtin', 'records']);
  expect(registry.tables.map((table) => table.name).sort()).toEqual([
    'customer',
    'item',
    'purchase-header',
    'purchase-line',
    'sales-header',
    'sales-line',
    'vendor',
  ]);
  const header = registry.table('purchase-header');
  expect(header.caption).toBe('Purchase document');
  expect(header.key).toEqual(['documentType', 'no']);
  expect(header.fields.find((f) => f.name === 'status')).toMatchObject({ type: 'option', options: DOCUMENT_STATUSES });
  expect(header.fields.find((f) => f.name === 'documentType')).toMatchObject({
    type: 'option',
    options: DOCUMENT_TYPES,
  });
  expect(header.fields.find((f) => f.name === 'amount')?.type).toBe('decimal');
  expect(header.relations).toContainEqual({
    table: 'purchase-line',
    fields: [
      ['documentType', 'documentType'],
      ['no', 'documentNo'],
    ],
  });
  expect(registry.table('sales-header').fields.map((f) => f.name)).toContain('sellToCustomerNo');
  expect(registry.table('customer').fields.find((f) => f.name === 'creditLimitLcy')?.type).toBe('decimal');
  expect(registry.events).toEqual([]);
  expect(registry.responses.map((r) => r.code).sort()).toEqual(['do-nothing', 'show-message']);
  for (const table of registry.tables) {
    expect(table.load, table.name).toBeTypeOf('function');
    expect(table.findWhere, table.name).toBeTypeOf('function');
    for (const field of table.fields) expect(field.caption, `${table.name}.${field.name}`).toMatch(/^[A-Z]/);
  }
});

describeEachDialect('record tables of the records module', (db) => {
  it('load re-reads the current document, amounts included', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1000' });
      await addLine(ctx, doc, { type: 'item', no: '1000', quantity: '3' });
      const record = await documentRecord(ctx, doc);
      await updateLine(ctx, doc, 10000, { quantity: '30' });
      await releaseDocument(ctx, doc);
      const table = ctx.registry.table('purchase-header');
      const current = await table.load?.(ctx, record.key);
      expect(current).toMatchObject({ amount: '3.00', status: 'Released', lineCount: 1 });
      expect(record.data).toMatchObject({ amount: '0.30', status: 'Open' });
      expect(await table.load?.(ctx, '["order","PO-9999"]')).toBeUndefined();
      expect(await table.load?.(ctx, 'not a key')).toBeUndefined();
      // The sales table does not see purchase documents.
      expect(await ctx.registry.table('sales-header').load?.(ctx, record.key)).toBeUndefined();
    });
  });

  it('load re-reads customers, vendors, items and lines', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      await updateCustomer(ctx, 'C1000', { creditLimitLcy: '50' });
      expect(await ctx.registry.table('customer').load?.(ctx, 'C1000')).toMatchObject({ creditLimitLcy: '50' });
      expect(await ctx.registry.table('vendor').load?.(ctx, 'V2000')).toMatchObject({ currencyCode: 'USD' });
      expect(await ctx.registry.table('item').load?.(ctx, '9000')).toMatchObject({ blocked: true });
      expect(await ctx.registry.table('item').load?.(ctx, 'NONE')).toBeUndefined();
      const doc = await createDocument(ctx, { area: 'sales', documentType: 'order', partyNo: 'C1000' });
      await addLine(ctx, doc, { type: 'item', no: '2000', quantity: '2' });
      expect(await ctx.registry.table('sales-line').load?.(ctx, '["order","SO-0001",10000]')).toMatchObject({
        no: '2000',
        lineAmount: '51.00',
      });
    });
  });

  it('findWhere on lines returns the lines of one document, following the header relation', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const first = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1000' });
      const second = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1000' });
      const invoice = await createDocument(ctx, { area: 'purchase', documentType: 'invoice', partyNo: 'V1000' });
      await addLine(ctx, first, { type: 'item', no: '1000', quantity: '1' });
      await addLine(ctx, first, { type: 'gl-account', no: '6100', quantity: '2', unitPrice: '5' });
      await addLine(ctx, second, { type: 'item', no: '2000', quantity: '1' });
      await addLine(ctx, invoice, { type: 'item', no: '2000', quantity: '1' });

      const header = ctx.registry.table('purchase-header');
      const relation = header.relations?.find((r) => r.table === 'purchase-line');
      const record = await documentRecord(ctx, first);
      const equals = Object.fromEntries(relation?.fields.map(([from, to]) => [to, record.data[from] ?? null]) ?? []);
      const lines = await ctx.registry.table('purchase-line').findWhere?.(ctx, equals);
      expect(lines).toEqual([
        expect.objectContaining({ documentNo: 'PO-0001', lineNo: 10000, type: 'item', no: '1000' }),
        expect.objectContaining({ documentNo: 'PO-0001', lineNo: 20000, type: 'gl-account', lineAmount: '10.00' }),
      ]);
      const byItem = await ctx.registry.table('purchase-line').findWhere?.(ctx, { no: '2000' });
      expect(byItem?.map((l) => l.documentNo)).toEqual(['PI-0001', 'PO-0002']);
      expect(await ctx.registry.table('sales-line').findWhere?.(ctx, equals)).toEqual([]);
    });
  });

  it('findWhere on the party relation finds the vendor of a purchase document', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V2000' });
      const record = await documentRecord(ctx, doc);
      const vendors = await ctx.registry.table('vendor').findWhere?.(ctx, { no: record.data.partyNo ?? null });
      expect(vendors).toEqual([
        { no: 'V2000', name: 'Litware', purchaserCode: '', currencyCode: 'USD', blocked: false },
      ]);
      expect(await ctx.registry.table('customer').findWhere?.(ctx, { blocked: false })).toHaveLength(2);
      expect(await ctx.registry.table('purchase-header').findWhere?.(ctx, { buyFromVendorNo: 'V2000' })).toHaveLength(
        1,
      );
    });
  });
});
