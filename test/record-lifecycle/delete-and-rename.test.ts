import { expect, it } from 'vitest';
import { addComment, listComments } from '../../src/approvals/comments.ts';
import {
  approveEntries,
  cancelApprovalRequest,
  rejectEntries,
  sendApprovalRequest,
} from '../../src/approvals/user-actions.ts';
import type { EngineContext } from '../../src/engine/context.ts';
import { listArchivedInstances, listInstances } from '../../src/engine/execution/instance-queries.ts';
import { postTransaction } from '../../src/ledger/post-transaction.ts';
import { listPartyEntries } from '../../src/ledger/queries.ts';
import {
  createDocument,
  deleteCustomer,
  deleteDocument,
  deleteItem,
  deleteVendor,
  findCustomer,
  findRestriction,
  findVendor,
  getDocument,
  getItem,
  getVendor,
  listLines,
  renameCustomer,
  renameItem,
  renameVendor,
} from '../../src/records/index.ts';
import {
  documentStatus,
  enabledCopy,
  entriesOf,
  failsWith,
  newDocument,
  readyCompany,
} from '../approvals/actions/fixtures.ts';
import { describeEachDialect } from '../support/dialects.ts';
import type { TestCompany } from '../support/harness.ts';
import { setUpLedger } from '../support/ledger-fixtures.ts';
import { decidedHeldChange, links, NO_LINKS, relationKeys } from './fixtures.ts';

const instancesOf = (t: TestCompany, table: string, key: string) =>
  t.run(async (ctx) => ({
    live: (await listInstances(ctx, { recordTable: table, recordKey: key })).length,
    archived: (await listArchivedInstances(ctx, { recordTable: table, recordKey: key })).length,
  }));

describeEachDialect('data lifecycle: deleting a record forgets its approval data (spec §5.10)', (db) => {
  it('deleting a customer with a finished (rejected, D8) approval removes its entries, their history, comments, restriction, held changes and notifications', async () => {
    const t = await readyCompany(db());
    await enabledCopy(t, 'WS-CUSTAPW');
    const sent = await t.run((ctx) => sendApprovalRequest(ctx, 'customer', 'C2000'), 'ALICIA');
    await t.run((ctx) => addComment(ctx, 'customer', 'C2000', 'New customer from the fair.'), 'ALICIA');
    await t.run((ctx) => rejectEntries(ctx, [sent.entries[0]?.id ?? 0], { comment: 'Address missing.' }), 'SEAN');
    await t.run((ctx) => decidedHeldChange(ctx, 'customer', 'C2000', sent.instanceId ?? ''));
    // Another customer's request is not touched.
    await t.run((ctx) => sendApprovalRequest(ctx, 'customer', 'C1000'), 'ALICIA');
    const before = await links(t, 'customer', 'C2000');
    expect(before).toMatchObject({ entries: 1, comments: 2, restrictions: 1, heldChanges: 1, notifications: 2 });
    expect(before.entryEvents).toBeGreaterThanOrEqual(2);
    const otherBefore = await links(t, 'customer', 'C1000');

    await t.run((ctx) => deleteCustomer(ctx, 'C2000'), 'ADMIN');

    expect(await t.run((ctx) => findCustomer(ctx, 'C2000'))).toBeUndefined();
    expect(await links(t, 'customer', 'C2000')).toEqual(NO_LINKS);
    expect(await links(t, 'customer', 'C1000')).toEqual(otherBefore);
    // The finished run stays in the instance archive (spec §5.10).
    expect(await instancesOf(t, 'customer', 'C2000')).toEqual({ live: 0, archived: 1 });
  });

  it('deleting a vendor, customer or item is refused (record-approval-pending) while its approval request waits; after cancelling it can be deleted', async () => {
    const t = await readyCompany(db());
    const cases: [string, string, string, (ctx: EngineContext, no: string) => Promise<unknown>][] = [
      ['WS-VENDAPW', 'vendor', 'V2000', deleteVendor],
      ['WS-CUSTAPW', 'customer', 'C2000', deleteCustomer],
      ['WS-ITEMAPW', 'item', '2000', deleteItem],
    ];
    for (const [template, table, key, remove] of cases) {
      await enabledCopy(t, template);
      await t.run((ctx) => sendApprovalRequest(ctx, table, key), 'ALICIA');
      const before = await links(t, table, key);
      const error = await failsWith(
        t.run((ctx) => remove(ctx, key), 'ADMIN'),
        'record-approval-pending',
      );
      expect(error.kind).toBe('conflict');
      expect(error.details).toMatchObject({ table, key, pendingEntries: 1 });
      expect(error.message).toContain(key);
      // Nothing was removed: the record, its request and its running workflow are all still there.
      expect(await links(t, table, key)).toEqual(before);
      expect(await instancesOf(t, table, key)).toEqual({ live: 1, archived: 0 });

      await t.run((ctx) => cancelApprovalRequest(ctx, table, key), 'ALICIA');
      await t.run((ctx) => remove(ctx, key), 'ADMIN');
      expect(await links(t, table, key)).toEqual(NO_LINKS);
    }
  });

  it('deleting a rejected purchase order removes its approval entries, history, comments, restriction and notifications', async () => {
    const t = await readyCompany(db());
    await enabledCopy(t, 'WS-POAPW');
    const doc = await newDocument(t, 'ALICIA', 'purchase', 'order');
    const other = await newDocument(t, 'ALICIA', 'purchase', 'order');
    await t.run((ctx) => sendApprovalRequest(ctx, doc.table, doc.key), 'ALICIA');
    await t.run((ctx) => sendApprovalRequest(ctx, other.table, other.key), 'ALICIA');
    const open = (await entriesOf(t, doc.table, doc.key)).find((e) => e.status === 'Open');
    await t.run((ctx) => rejectEntries(ctx, [open?.id ?? 0], { comment: 'Too expensive.' }), 'SEAN');
    expect(await documentStatus(t, doc)).toBe('Open');
    expect(await links(t, doc.table, doc.key)).toMatchObject({ entries: 2, comments: 1, restrictions: 1 });
    const otherBefore = await links(t, other.table, other.key);

    await t.run((ctx) => deleteDocument(ctx, doc), 'ALICIA');

    expect(await links(t, doc.table, doc.key)).toEqual(NO_LINKS);
    expect(await links(t, other.table, other.key)).toEqual(otherBefore);
    expect(await instancesOf(t, doc.table, doc.key)).toEqual({ live: 0, archived: 1 });
  });
});

describeEachDialect('data lifecycle: renaming a record carries its approval data along (spec §5.10)', (db) => {
  it('renaming a vendor with a pending request moves its entries, comments, restriction and notifications; the approval then finishes the workflow on the new no.', async () => {
    const t = await readyCompany(db());
    await enabledCopy(t, 'WS-VENDAPW');
    const sent = await t.run((ctx) => sendApprovalRequest(ctx, 'vendor', 'V2000'), 'ALICIA');
    await t.run((ctx) => addComment(ctx, 'vendor', 'V2000', 'Please check the bank details.'), 'ALICIA');
    const before = await links(t, 'vendor', 'V2000');
    expect(before).toMatchObject({ entries: 1, comments: 1, restrictions: 1, notifications: 1 });
    expect((await t.run(relationKeys)).join()).toContain('"V2000"');

    const renamed = await t.run((ctx) => renameVendor(ctx, 'V2000', ' v2500 ', 2 - 1), 'ADMIN');
    expect(renamed).toMatchObject({ no: 'V2500', name: 'Litware', revision: 2 });
    expect(await t.run((ctx) => findVendor(ctx, 'V2000'))).toBeUndefined();
    expect(await t.run((ctx) => getVendor(ctx, 'V2500'))).toEqual(renamed);

    expect(await links(t, 'vendor', 'V2000')).toEqual(NO_LINKS);
    expect(await links(t, 'vendor', 'V2500')).toEqual(before);
    expect(await t.run((ctx) => findRestriction(ctx, 'vendor', 'V2500'))).toMatchObject({
      workflowCode: 'WS-VENDAPW-01',
    });
    const [entry] = await entriesOf(t, 'vendor', 'V2500');
    expect(entry).toMatchObject({ id: sent.entries[0]?.id, recordKey: 'V2500', status: 'Open' });
    expect((await t.run((ctx) => listComments(ctx, 'vendor', 'V2500'))).map((c) => c.comment)).toEqual([
      'Please check the bank details.',
    ]);
    // The running workflow follows: its record, the records its steps acted on, its relation values.
    expect(await instancesOf(t, 'vendor', 'V2000')).toEqual({ live: 0, archived: 0 });
    const [live] = await t.run((ctx) => listInstances(ctx, { recordTable: 'vendor', recordKey: 'V2500' }));
    expect(live?.id).toBe(sent.instanceId);
    const stepRecords = live?.steps.map((s) => s.record).filter((r) => r?.startsWith('vendor:')) ?? [];
    expect(stepRecords.length).toBeGreaterThan(0);
    expect(new Set(stepRecords)).toEqual(new Set(['vendor:V2500']));
    const relations = (await t.run(relationKeys)).join();
    expect(relations).not.toContain('"V2000"');
    expect(relations).toContain('"V2500"');

    // The approver decides after the rename: the restriction is lifted and the workflow finishes.
    const [approved] = await t.run((ctx) => approveEntries(ctx, [entry?.id ?? 0]), 'SEAN');
    expect(approved?.entry).toMatchObject({ status: 'Approved', recordKey: 'V2500' });
    expect(await t.run((ctx) => findRestriction(ctx, 'vendor', 'V2500'))).toBeUndefined();
    expect(await instancesOf(t, 'vendor', 'V2500')).toEqual({ live: 0, archived: 1 });
    // A new request on the new no. starts from scratch.
    const again = await t.run((ctx) => sendApprovalRequest(ctx, 'vendor', 'V2500'), 'ALICIA');
    expect(again.entries.map((e) => [e.approverId, e.status])).toEqual([['SEAN', 'Open']]);
  });

  it('renaming a customer carries its finished approval history and archived run, its documents and its ledger entries', async () => {
    const t = await readyCompany(db());
    await enabledCopy(t, 'WS-CUSTAPW');
    const sent = await t.run((ctx) => sendApprovalRequest(ctx, 'customer', 'C1000'), 'ALICIA');
    await t.run((ctx) => approveEntries(ctx, [sent.entries[0]?.id ?? 0]), 'SEAN');
    const order = await t.run((ctx) => createDocument(ctx, { area: 'sales', documentType: 'order', partyNo: 'C1000' }));
    await t.run(async (ctx) => {
      await setUpLedger(ctx);
      await postTransaction(ctx, {
        source: 'sales-posting',
        postingDate: '2026-03-02',
        documentType: 'invoice',
        documentNo: 'SI-0001',
        description: 'Invoice',
        lines: [
          { accountType: 'customer', accountNo: 'C1000', amount: '100.00' },
          { accountType: 'gl-account', accountNo: '4000', amount: '-100.00' },
        ],
      });
    });
    const before = await links(t, 'customer', 'C1000');

    await t.run((ctx) => renameCustomer(ctx, 'C1000', 'C1500'), 'ADMIN');

    expect(await links(t, 'customer', 'C1500')).toEqual(before);
    expect(await links(t, 'customer', 'C1000')).toEqual(NO_LINKS);
    expect(await instancesOf(t, 'customer', 'C1500')).toEqual({ live: 0, archived: 1 });
    expect((await t.run((ctx) => getDocument(ctx, order))).partyNo).toBe('C1500');
    const ledger = await t.run(async (ctx) => ({
      renamed: await listPartyEntries(ctx, 'customer', { partyNo: 'C1500' }),
      old: await listPartyEntries(ctx, 'customer', { partyNo: 'C1000' }),
      glSources: await ctx.tx
        .selectFrom('gl_entry')
        .select(['source_type', 'source_no'])
        .where('company_id', '=', ctx.companyId)
        .where('source_type', '=', 'customer')
        .execute(),
    }));
    expect(ledger.renamed).toHaveLength(1);
    expect(ledger.old).toEqual([]);
    expect(ledger.glSources).toEqual([{ source_type: 'customer', source_no: 'C1500' }]);
  });

  it('renaming an item moves the document lines that use it', async () => {
    const t = await readyCompany(db());
    const doc = await newDocument(t, 'ALICIA', 'purchase', 'order');
    const renamed = await t.run((ctx) => renameItem(ctx, '1000', '1000-B'), 'ADMIN');
    expect(renamed).toMatchObject({ no: '1000-B', description: 'Chair', revision: 2 });
    expect(await t.run((ctx) => getItem(ctx, '1000-B'))).toEqual(renamed);
    const lines = await t.run((ctx) => listLines(ctx, doc));
    expect(lines.map((l) => l.no)).toEqual(['1000-B']);
  });

  it('a rename is refused for a taken, invalid or stale no. and leaves everything as it was; the same no. changes nothing', async () => {
    const t = await readyCompany(db());
    await enabledCopy(t, 'WS-VENDAPW');
    await t.run((ctx) => sendApprovalRequest(ctx, 'vendor', 'V2000'), 'ALICIA');
    const before = await links(t, 'vendor', 'V2000');

    const taken = await failsWith(
      t.run((ctx) => renameVendor(ctx, 'V2000', 'v1000')),
      'vendor-exists',
    );
    expect(taken.kind).toBe('conflict');
    const bad = await failsWith(
      t.run((ctx) => renameVendor(ctx, 'V2000', 'no spaces')),
      'vendor-no-invalid',
    );
    expect(bad.details.field).toBe('newNo');
    await failsWith(
      t.run((ctx) => renameVendor(ctx, 'V2000', '')),
      'vendor-no-invalid',
    );
    await failsWith(
      t.run((ctx) => renameVendor(ctx, 'V2000', 'V3000', 7)),
      'vendor-revision-stale',
    );
    await failsWith(
      t.run((ctx) => renameVendor(ctx, 'NOPE', 'V3000')),
      'vendor-not-found',
    );

    expect(await t.run((ctx) => getVendor(ctx, 'V2000'))).toMatchObject({ revision: 1 });
    expect(await links(t, 'vendor', 'V2000')).toEqual(before);
    expect(await instancesOf(t, 'vendor', 'V2000')).toEqual({ live: 1, archived: 0 });
    // Renaming to the same no. (in any spelling) is no change at all.
    expect(await t.run((ctx) => renameVendor(ctx, 'V2000', ' v2000'))).toMatchObject({ no: 'V2000', revision: 1 });
  });
});
