import { expect, it } from 'vitest';
import { deleteItem, deleteVendor, renameItem, renameVendor } from '../../src/records/index.ts';
import { carryOutWorksheet, listRequisitionLines } from '../../src/requisitions/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { failsWith, requisitionsCompany, threeLines } from './fixtures.ts';

describeEachDialect('requisition lines keep their vendors and items', (db) => {
  it('a vendor or item on a requisition line cannot be deleted', async () => {
    const t = await requisitionsCompany(db());
    await threeLines(t);
    await failsWith(
      t.run((ctx) => deleteVendor(ctx, 'V2000'), 'ADMIN'),
      'vendor-in-use',
    );
    await failsWith(
      t.run((ctx) => deleteItem(ctx, '2000'), 'ADMIN'),
      'item-in-use',
    );
  });

  it('renaming a vendor or item renames it on the lines, and carrying out uses the new numbers', async () => {
    const t = await requisitionsCompany(db());
    await threeLines(t);
    await t.run((ctx) => renameVendor(ctx, 'V2000', 'V2500'), 'ADMIN');
    await t.run((ctx) => renameItem(ctx, '2000', '2500'), 'ADMIN');
    const lines = await t.run((ctx) => listRequisitionLines(ctx, 'REQ'));
    expect(lines.map((l) => [l.no, l.vendorNo])).toEqual([
      ['1000', 'V1000'],
      ['2500', 'V1000'],
      ['1000', 'V2500'],
    ]);
    const result = await t.run((ctx) => carryOutWorksheet(ctx, 'REQ'), 'ALICIA');
    expect(result.orders.map((o) => o.partyNo)).toEqual(['V1000', 'V2500']);
  });
});
