import { expect, it } from 'vitest';
import {
  addLine,
  addRestriction,
  CUSTOMER_FIELDS,
  createCustomer,
  createDocument,
  createItem,
  createVendor,
  customerData,
  deleteCustomer,
  deleteItem,
  deleteVendor,
  findRestriction,
  getCustomer,
  getItem,
  getVendor,
  ITEM_FIELDS,
  itemData,
  recordsModule,
  updateCustomer,
  updateItem,
  updateVendor,
  VENDOR_FIELDS,
  vendorData,
} from '../../src/records/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { failsWith, recordsCompany, seedMasterData } from './fixtures.ts';

// Customers, vendors and items share one implementation (master-table.ts); the exact wording and
// details of its errors are pinned here, table by table.

describeEachDialect('errors of customers, vendors and items', (db) => {
  const tables = [
    {
      name: 'customer',
      label: 'Customer',
      known: 'C1000',
      get: getCustomer,
      create: (ctx: Parameters<typeof createCustomer>[0], no: string) => createCustomer(ctx, { no, name: 'Again' }),
      update: (ctx: Parameters<typeof updateCustomer>[0], no: string, revision?: number) =>
        updateCustomer(ctx, no, { blocked: true }, revision),
      remove: deleteCustomer,
    },
    {
      name: 'vendor',
      label: 'Vendor',
      known: 'V1000',
      get: getVendor,
      create: (ctx: Parameters<typeof createVendor>[0], no: string) => createVendor(ctx, { no, name: 'Again' }),
      update: (ctx: Parameters<typeof updateVendor>[0], no: string, revision?: number) =>
        updateVendor(ctx, no, { blocked: true }, revision),
      remove: deleteVendor,
    },
    {
      name: 'item',
      label: 'Item',
      known: '1000',
      get: getItem,
      create: (ctx: Parameters<typeof createItem>[0], no: string) => createItem(ctx, { no, description: 'Again' }),
      update: (ctx: Parameters<typeof updateItem>[0], no: string, revision?: number) =>
        updateItem(ctx, no, { blocked: true }, revision),
      remove: deleteItem,
    },
  ];

  it.each(tables)('$name: not found, exists and stale revision say so in the same words', async (table) => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      for (const attempt of [table.get, table.update, table.remove]) {
        const missing = await failsWith(attempt(ctx, ' x9 '), `${table.name}-not-found`);
        expect(missing.kind).toBe('not-found');
        expect(missing.message).toBe(`${table.label}  x9  does not exist.`);
        expect(missing.details).toEqual({ field: 'no' });
      }
      const exists = await failsWith(table.create(ctx, table.known.toLowerCase()), `${table.name}-exists`);
      expect(exists.kind).toBe('conflict');
      expect(exists.message).toBe(`${table.label} ${table.known} exists already.`);
      expect(exists.details).toEqual({ field: 'no' });
      for (const attempt of [table.update, table.remove]) {
        const stale = await failsWith(attempt(ctx, table.known, 5), `${table.name}-revision-stale`);
        expect(stale.kind).toBe('conflict');
        expect(stale.message).toBe(
          `${table.label} ${table.known} was changed by someone else (revision 1, you had 5); reload and try again.`,
        );
        expect(stale.details).toEqual({ revision: 1, expectedRevision: 5 });
      }
      expect((await table.get(ctx, table.known)).revision).toBe(1);
    });
  });

  it.each(tables)('$name: deleting with the current revision lifts its restriction', async (table) => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await table.create(ctx, 'X1');
      await addRestriction(ctx, table.name, 'X1', { workflowCode: 'WF' });
      expect((await table.remove(ctx, 'x1', 1)).no).toBe('X1');
      expect(await findRestriction(ctx, table.name, 'X1')).toBeUndefined();
    });
  });

  it('an absent name or description is refused before any other field is checked', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      const input = { no: 'N1', salespersonCode: 'NOBODY', purchaserCode: 'NOBODY', unitPrice: 'x' };
      for (const [attempt, code, message, field] of [
        [
          () => createCustomer(ctx, input as never),
          'customer-name-required',
          'Customer name must not be blank.',
          'name',
        ],
        [() => createVendor(ctx, input as never), 'vendor-name-required', 'Vendor name must not be blank.', 'name'],
        [
          () => createItem(ctx, input as never),
          'item-description-required',
          'Item description must not be blank.',
          'description',
        ],
      ] as const) {
        const error = await failsWith(attempt(), code);
        expect(error.message).toBe(message);
        expect(error.details).toEqual({ field });
      }
    });
  });

  it('in use: the messages name the record and what uses it', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      await createDocument(ctx, { area: 'sales', documentType: 'order', partyNo: 'C1000' });
      const doc = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1000' });
      await addLine(ctx, doc, { type: 'item', no: '1000', quantity: '1' });
      for (const [attempt, code, message] of [
        [
          () => deleteCustomer(ctx, 'c1000'),
          'customer-in-use',
          'Customer C1000 has sales documents, ledger entries or journals; it cannot be deleted.',
        ],
        [
          () => deleteVendor(ctx, 'v1000'),
          'vendor-in-use',
          'Vendor V1000 has purchase documents, ledger entries, journals or requisition lines; it cannot be deleted.',
        ],
        [
          () => deleteItem(ctx, '1000'),
          'item-in-use',
          'Item 1000 is on document or requisition lines; it cannot be deleted.',
        ],
      ] as const) {
        const error = await failsWith(attempt(), code);
        expect(error.kind).toBe('conflict');
        expect(error.message).toBe(message);
        expect(error.details).toEqual({ field: 'no' });
      }
    });
  });

  it('a customer no. on purchase documents only, or a vendor no. on sales documents only, is not in use', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await createCustomer(ctx, { no: 'P1', name: 'Customer' });
      await createVendor(ctx, { no: 'P1', name: 'Vendor' });
      await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'P1' });
      await deleteCustomer(ctx, 'P1');
      await createCustomer(ctx, { no: 'P2', name: 'Customer' });
      await createVendor(ctx, { no: 'P2', name: 'Vendor' });
      await createDocument(ctx, { area: 'sales', documentType: 'order', partyNo: 'P2' });
      await deleteVendor(ctx, 'P2');
    });
  });

  it('record data holds exactly the registered fields, in their order', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const names = (fields: readonly { name: string }[]) => fields.map((f) => f.name);
      expect(Object.keys(customerData(await getCustomer(ctx, 'C1000')))).toEqual(names(CUSTOMER_FIELDS));
      expect(Object.keys(vendorData(await getVendor(ctx, 'V1000')))).toEqual(names(VENDOR_FIELDS));
      expect(Object.keys(itemData(await getItem(ctx, '1000')))).toEqual(names(ITEM_FIELDS));
    });
  });

  it('findWhere narrows by no. in any case (not trimmed) and load reads one record', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const customer = recordsModule.tables?.find((table) => table.name === 'customer');
      expect(customer).toMatchObject({ caption: 'Customer', key: ['no'], fields: CUSTOMER_FIELDS });
      expect((await customer?.findWhere?.(ctx, { no: 'c1000' }))?.map((r) => r.no)).toEqual(['C1000']);
      expect(await customer?.findWhere?.(ctx, { no: ' C1000' })).toEqual([]);
      expect((await customer?.findWhere?.(ctx, { currencyCode: 'usd' }))?.map((r) => r.no)).toEqual(['C2000']);
      expect((await customer?.findWhere?.(ctx, {}))?.map((r) => r.no)).toEqual(['C1000', 'C2000']);
      expect(await customer?.load?.(ctx, ' c1000 ')).toEqual(customerData(await getCustomer(ctx, 'C1000')));
      expect(await customer?.load?.(ctx, 'C9')).toBeUndefined();
    });
  });
});
