import { expect, it } from 'vitest';
import {
  addLine,
  addRestriction,
  createDocument,
  getDocument,
  releaseDocument,
  removeRestriction,
  reopenDocument,
  setDocumentStatus,
} from '../../src/records/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { failsWith, recordsCompany, seedMasterData } from './fixtures.ts';

describeEachDialect('releasing and reopening documents', (db) => {
  it('a document without lines cannot be released and stays Open', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1000' });
      const error = await failsWith(releaseDocument(ctx, doc), 'document-has-no-lines');
      expect(error.message).toContain('Purchase order PO-0001');
      expect(await getDocument(ctx, doc)).toMatchObject({ status: 'Open', revision: 1 });
    });
  });

  it('releasing an Open document with lines makes it Released; releasing again changes nothing', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'sales', documentType: 'order', partyNo: 'C1000' });
      await addLine(ctx, doc, { type: 'item', no: '2000', quantity: '1' });
      const released = await releaseDocument(ctx, doc);
      expect(released).toMatchObject({
        changed: true,
        before: { status: 'Open' },
        after: { status: 'Released', revision: 3 },
      });
      expect(released.oldRecord.data.status).toBe('Open');
      expect(released.record.data.status).toBe('Released');
      expect(await getDocument(ctx, doc)).toEqual(released.after);
      const again = await releaseDocument(ctx, doc);
      expect(again.changed).toBe(false);
      expect((await getDocument(ctx, doc)).revision).toBe(3);
    });
  });

  it('a document Pending Approval can be released (the approval workflow does that)', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'purchase', documentType: 'invoice', partyNo: 'V1000' });
      await addLine(ctx, doc, { type: 'item', no: '1000', quantity: '1' });
      await setDocumentStatus(ctx, doc, 'Pending Approval');
      expect((await releaseDocument(ctx, doc)).after.status).toBe('Released');
    });
  });

  it('reopening a Released document makes it Open and editable again; an Open one stays as it is', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1000' });
      await addLine(ctx, doc, { type: 'item', no: '1000', quantity: '1' });
      await releaseDocument(ctx, doc);
      const reopened = await reopenDocument(ctx, doc);
      expect(reopened).toMatchObject({ changed: true, after: { status: 'Open' } });
      await addLine(ctx, doc, { type: 'item', no: '1000', quantity: '2' });
      expect((await reopenDocument(ctx, doc)).changed).toBe(false);
      expect(await getDocument(ctx, doc)).toMatchObject({ status: 'Open', lineCount: 2 });
    });
  });

  it('a document Pending Approval cannot be reopened by the basic action', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1000' });
      await setDocumentStatus(ctx, doc, 'pending approval');
      const error = await failsWith(reopenDocument(ctx, doc), 'document-pending-approval');
      expect(error.kind).toBe('conflict');
      expect(error.message).toContain('canceled or completed');
      expect((await getDocument(ctx, doc)).status).toBe('Pending Approval');
    });
  });

  it('setting any status is possible for workflow responses, but only a known status', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'sales', documentType: 'quote', partyNo: 'C1000' });
      expect((await setDocumentStatus(ctx, doc, 'Released')).after.status).toBe('Released');
      expect((await setDocumentStatus(ctx, doc, 'Open')).after.status).toBe('Open');
      const error = await failsWith(setDocumentStatus(ctx, doc, 'Posted'), 'document-status-invalid');
      expect(error.details.field).toBe('status');
      expect((await getDocument(ctx, doc)).status).toBe('Open');
    });
  });
});

describeEachDialect('releasing restricted documents', (db) => {
  it('a restricted document cannot be released; the error names the document, the action and the workflow', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'purchase', documentType: 'invoice', partyNo: 'V1000' });
      await addLine(ctx, doc, { type: 'item', no: '1000', quantity: '1' });
      await addRestriction(ctx, 'purchase-header', '["invoice","PI-0001"]', {
        workflowCode: 'MS-PIW',
        details: 'The restriction was imposed by the MS-PIW workflow, Purchase Invoice Workflow.',
      });
      const error = await failsWith(releaseDocument(ctx, doc), 'record-restricted');
      expect(error.kind).toBe('conflict');
      expect(error.details.workflow).toBe('MS-PIW');
      expect(error.message).toBe(
        'You cannot use Purchase invoice PI-0001 for this action (release). The restriction was imposed by the MS-PIW workflow, Purchase Invoice Workflow.',
      );
      expect((await getDocument(ctx, doc)).status).toBe('Open');

      await removeRestriction(ctx, 'purchase-header', '["invoice","PI-0001"]');
      expect((await releaseDocument(ctx, doc)).after.status).toBe('Released');
    });
  });

  it('a purchase document whose vendor is restricted cannot be released', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1000' });
      await addLine(ctx, doc, { type: 'item', no: '1000', quantity: '1' });
      await addRestriction(ctx, 'vendor', 'V1000', {
        workflowCode: 'MS-VENDAPW',
        details: 'The restriction was imposed by the MS-VENDAPW workflow, Vendor Approval Workflow.',
      });
      const error = await failsWith(releaseDocument(ctx, doc), 'record-restricted');
      expect(error.details).toMatchObject({ workflow: 'MS-VENDAPW', table: 'vendor', key: 'V1000', action: 'release' });
      expect(error.message).toContain('You cannot use Vendor V1000 for this action (release).');
      expect(error.message).toContain('Vendor Approval Workflow');
      expect((await getDocument(ctx, doc)).status).toBe('Open');
    });
  });

  it('a sales document whose customer is restricted cannot be released', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'sales', documentType: 'order', partyNo: 'C1000' });
      await addLine(ctx, doc, { type: 'item', no: '1000', quantity: '1' });
      await addRestriction(ctx, 'customer', 'C1000', { workflowCode: 'MS-CUSTAPW' });
      const error = await failsWith(releaseDocument(ctx, doc), 'record-restricted');
      expect(error.details.workflow).toBe('MS-CUSTAPW');
      expect(error.message).toContain('The restriction was imposed by the MS-CUSTAPW workflow.');
      // The vendor table is not the party of a sales document: a vendor restriction does not matter.
      await removeRestriction(ctx, 'customer', 'C1000');
      await addRestriction(ctx, 'vendor', 'C1000', { workflowCode: 'OTHER' });
      expect((await releaseDocument(ctx, doc)).after.status).toBe('Released');
    });
  });
});
