import { expect, it } from 'vitest';
import {
  addRestriction,
  assertNotRestricted,
  createDocument,
  deleteDocument,
  deleteVendor,
  documentKey,
  findRestriction,
  listRestrictions,
  removeRestriction,
} from '../../src/records/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { FIXED_NOW } from '../support/harness.ts';
import { failsWith, recordsCompany, seedMasterData } from './fixtures.ts';

describeEachDialect('record restrictions', (db) => {
  it('restricting a record again replaces its details; there is one row per record', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      const first = await addRestriction(ctx, 'vendor', 'V1000', { workflowCode: 'wf-1', details: 'First.' });
      expect(first).toEqual({
        table: 'vendor',
        key: 'V1000',
        workflowCode: 'WF-1',
        details: 'First.',
        createdAt: FIXED_NOW.toISOString(),
      });
      await addRestriction(ctx, 'vendor', 'V1000', { workflowCode: 'WF-2', details: 'Second.' });
      await addRestriction(ctx, 'customer', 'C1000', { workflowCode: 'WF-3' });
      expect(await listRestrictions(ctx)).toEqual([
        expect.objectContaining({
          table: 'customer',
          key: 'C1000',
          details: 'The restriction was imposed by the WF-3 workflow.',
        }),
        expect.objectContaining({ table: 'vendor', key: 'V1000', workflowCode: 'WF-2', details: 'Second.' }),
      ]);
      expect(await listRestrictions(ctx, { table: 'vendor' })).toHaveLength(1);
    });
  });

  it('removing a restriction allows the record again; removing a missing one reports false', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await addRestriction(ctx, 'item', '1000', { workflowCode: 'WF' });
      await failsWith(assertNotRestricted(ctx, 'item', '1000', 'post'), 'record-restricted');
      expect(await removeRestriction(ctx, 'item', '1000')).toBe(true);
      expect(await removeRestriction(ctx, 'item', '1000')).toBe(false);
      await assertNotRestricted(ctx, 'item', '1000', 'post');
      expect(await findRestriction(ctx, 'item', '1000')).toBeUndefined();
    });
  });

  it('restrictions belong to one company', async () => {
    const a = await recordsCompany(db());
    const b = await recordsCompany(db());
    await a.run((ctx) => addRestriction(ctx, 'vendor', 'V1000', { workflowCode: 'WF' }));
    await b.run(async (ctx) => {
      expect(await listRestrictions(ctx)).toEqual([]);
      await assertNotRestricted(ctx, 'vendor', 'V1000', 'release');
    });
  });

  it('a restriction needs a table, a key and a workflow, and nothing is written otherwise', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await failsWith(addRestriction(ctx, '', 'K', { workflowCode: 'WF' }), 'restriction-table-required');
      await failsWith(addRestriction(ctx, 'vendor', '', { workflowCode: 'WF' }), 'restriction-key-required');
      await failsWith(addRestriction(ctx, 'vendor', 'V1', { workflowCode: ' ' }), 'restriction-workflow-required');
      expect(await listRestrictions(ctx)).toEqual([]);
    });
  });

  it('deleting a restricted document or vendor removes its restriction', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1000' });
      await addRestriction(ctx, 'purchase-header', documentKey(doc), { workflowCode: 'WF' });
      await addRestriction(ctx, 'vendor', 'V2000', { workflowCode: 'WF' });
      await deleteDocument(ctx, doc);
      await deleteVendor(ctx, 'V2000');
      expect(await listRestrictions(ctx)).toEqual([]);
    });
  });
});
