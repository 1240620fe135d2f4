import { describe, expect, it } from 'vitest';
import { releaseDocumentByUser } from '../../../src/approvals/document-release.ts';
import {
  approveEntries,
  cancelApprovalRequest,
  delegateEntries,
  rejectEntries,
  sendApprovalRequest,
} from '../../../src/approvals/user-actions.ts';
import { listArchivedInstances, listInstances } from '../../../src/engine/execution/instance-queries.ts';
import { addLine, createDocument, documentKey, findRestriction, getDocument } from '../../../src/records/index.ts';
import { describeEachDialect } from '../../support/dialects.ts';
import type { TestCompany } from '../../support/harness.ts';
import { enabledCopy, entriesOf, entryTriples, failsWith, notifications, readyCompany } from './fixtures.ts';

/** The record shape (reference shape R): approver / direct approver, no status, the restriction is the lock. */
const CASES = [
  { template: 'WS-CUSTAPW', table: 'customer', key: 'C2000' },
  { template: 'WS-VENDAPW', table: 'vendor', key: 'V2000' },
  { template: 'WS-ITEMAPW', table: 'item', key: '2000' },
] as const;

describeEachDialect('approval actions on master data (shape R)', (db) => {
  for (const c of CASES) {
    describe(`${c.table} (${c.template})`, () => {
      async function ready() {
        const t = await readyCompany(db());
        expect(await enabledCopy(t, c.template)).toBe(`${c.template}-01`);
        return t;
      }
      const send = (t: TestCompany, userId = 'ALICIA') =>
        t.run((ctx) => sendApprovalRequest(ctx, c.table, c.key), userId);
      const restriction = (t: TestCompany) => t.run((ctx) => findRestriction(ctx, c.table, c.key));
      const instances = (t: TestCompany) =>
        t.run(async (ctx) => ({
          live: (await listInstances(ctx, { recordTable: c.table, recordKey: c.key })).length,
          archived: (await listArchivedInstances(ctx, { recordTable: c.table, recordKey: c.key })).length,
        }));

      it('send: the record is restricted and one entry goes to the requester’s direct approver', async () => {
        const t = await ready();
        const sent = await send(t);
        expect(sent.messages).toEqual(['An approval request has been sent.']);
        expect(sent.entries.map((e) => [e.sequence, e.approverId, e.status, e.senderId, e.limitType])).toEqual([
          [1, 'SEAN', 'Open', 'ALICIA', 'no-limits'],
        ]);
        expect(sent.entries[0]).toMatchObject({ approvalType: 'approver', approvalCode: `${c.template}-01` });
        expect(await restriction(t)).toMatchObject({ workflowCode: `${c.template}-01` });
        expect((await notifications(t)).map((n) => [n.recipient, n.type, n.key])).toEqual([
          ['SEAN', 'approval', c.key],
        ]);
        // JOHN's direct approver is MARY (D4: no limits on master data, so no chain).
        const t2 = await ready();
        const johns = await send(t2, 'JOHN');
        expect(johns.entries.map((e) => [e.sequence, e.approverId, e.status])).toEqual([[1, 'MARY', 'Open']]);
        // A second request while one waits is refused, by whoever sends it.
        await failsWith(send(t2, 'ALICIA'), 'approval-request-exists');
        expect(await entriesOf(t2, c.table, c.key)).toHaveLength(1);
        expect(await instances(t2)).toEqual({ live: 1, archived: 0 });
      });

      it('approve: the restriction is lifted and the instance archived', async () => {
        const t = await ready();
        const sent = await send(t);
        const [result] = await t.run((ctx) => approveEntries(ctx, [sent.entries[0]?.id ?? 0]), 'SEAN');
        expect(result?.entry.status).toBe('Approved');
        expect(await restriction(t)).toBeUndefined();
        expect(await instances(t)).toEqual({ live: 0, archived: 1 });
        // Approving says nothing to anybody: only SEAN's notification of the request exists.
        expect((await notifications(t)).map((n) => n.recipient)).toEqual(['SEAN']);
      });

      it('D8: reject keeps the restriction; the sender is notified; a new request can follow', async () => {
        const t = await ready();
        const sent = await send(t);
        await t.run((ctx) => rejectEntries(ctx, [sent.entries[0]?.id ?? 0], { comment: 'Check the address.' }), 'SEAN');
        expect(await entryTriples(t, c.table, c.key)).toEqual([[1, 'SEAN', 'Rejected']]);
        expect(await restriction(t)).toMatchObject({ workflowCode: `${c.template}-01` });
        expect(await instances(t)).toEqual({ live: 0, archived: 1 });
        expect((await notifications(t)).map((n) => [n.recipient, n.sender])).toEqual([
          ['SEAN', 'ALICIA'],
          ['ALICIA', 'SEAN'],
        ]);
        // Sent again and approved, the restriction is lifted.
        const again = await send(t);
        expect(again.entries.map((e) => [e.approverId, e.status])).toEqual([['SEAN', 'Open']]);
        await t.run((ctx) => approveEntries(ctx, [again.entries[0]?.id ?? 0]), 'SEAN');
        expect(await restriction(t)).toBeUndefined();
        expect((await entriesOf(t, c.table, c.key)).map((e) => e.status)).toEqual(['Rejected', 'Approved']);
      });

      it('cancel: entries Canceled, the restriction removed, the message returned', async () => {
        const t = await ready();
        await send(t);
        await failsWith(
          t.run((ctx) => cancelApprovalRequest(ctx, c.table, c.key), 'STRANGER'),
          'approval-cancel-forbidden',
        );
        const canceled = await t.run((ctx) => cancelApprovalRequest(ctx, c.table, c.key), 'ALICIA');
        expect(canceled.messages).toEqual(['The approval request was canceled.']);
        expect(canceled.entries.map((e) => [e.approverId, e.status])).toEqual([['SEAN', 'Canceled']]);
        expect(await restriction(t)).toBeUndefined();
        expect(await instances(t)).toEqual({ live: 0, archived: 1 });
        // The approver of the open entry hears of the cancellation.
        expect((await notifications(t)).map((n) => [n.recipient, n.sender])).toEqual([
          ['SEAN', 'ALICIA'],
          ['SEAN', 'ALICIA'],
        ]);
        await failsWith(
          t.run((ctx) => cancelApprovalRequest(ctx, c.table, c.key), 'ALICIA'),
          'approval-request-missing',
        );
      });

      it('delegate: the next approver is notified and approves, which lifts the restriction', async () => {
        const t = await ready();
        const sent = await send(t);
        const id = sent.entries[0]?.id ?? 0;
        const [delegated] = await t.run((ctx) => delegateEntries(ctx, [id]), 'SEAN');
        expect(delegated?.entry).toMatchObject({ approverId: 'ADMIN', status: 'Open' });
        expect((await notifications(t, 'ADMIN')).map((n) => n.entryId)).toEqual([id]);
        await t.run((ctx) => approveEntries(ctx, [id]), 'ADMIN');
        expect(await restriction(t)).toBeUndefined();
        expect(await instances(t)).toEqual({ live: 0, archived: 1 });
      });

      it('a requester without an approver cannot send; nothing is written', async () => {
        const t = await ready();
        await failsWith(send(t, 'PETER'), 'approver-missing');
        expect(await restriction(t)).toBeUndefined();
        expect(await entriesOf(t, c.table, c.key)).toEqual([]);
        expect(await instances(t)).toEqual({ live: 0, archived: 0 });
      });
    });
  }

  it('without an enabled workflow a record cannot be sent', async () => {
    const t = await readyCompany(db());
    for (const c of CASES) {
      await failsWith(
        t.run((ctx) => sendApprovalRequest(ctx, c.table, c.key), 'ALICIA'),
        'approval-workflow-missing',
      );
    }
    await failsWith(
      t.run((ctx) => sendApprovalRequest(ctx, 'customer', 'NOPE'), 'ALICIA'),
      'record-not-found',
    );
    await failsWith(
      t.run((ctx) => sendApprovalRequest(ctx, 'approval-entry', '1'), 'ALICIA'),
      'approval-table-unsupported',
    );
  });

  it('a vendor pending approval blocks releasing a document for it (the restriction is the lock)', async () => {
    const t = await readyCompany(db());
    await enabledCopy(t, 'WS-VENDAPW');
    const order = await t.run(async (ctx) => {
      const header = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V2000' });
      await addLine(ctx, header, { type: 'item', no: '1000', quantity: '1' });
      return header;
    }, 'ALICIA');
    const sent = await t.run((ctx) => sendApprovalRequest(ctx, 'vendor', 'V2000'), 'ALICIA');
    const error = await failsWith(
      t.run((ctx) => releaseDocumentByUser(ctx, order), 'ALICIA'),
      'record-restricted',
    );
    expect(error.details).toMatchObject({ workflow: 'WS-VENDAPW-01', table: 'vendor', key: 'V2000' });
    await t.run((ctx) => approveEntries(ctx, [sent.entries[0]?.id ?? 0]), 'SEAN');
    const released = await t.run((ctx) => releaseDocumentByUser(ctx, order), 'ALICIA');
    expect(released.document.data.status).toBe('Released');
  });

  it('the final approval of an order for a vendor pending approval fails whole (reference §5.1 rule 9)', async () => {
    const t = await readyCompany(db());
    await enabledCopy(t, 'WS-VENDAPW');
    await enabledCopy(t, 'WS-POAPW');
    const order = await t.run(async (ctx) => {
      const header = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V2000' });
      await addLine(ctx, header, { type: 'item', no: '1000', quantity: '1' });
      return header;
    }, 'ALICIA');
    const orderKey = documentKey(order);
    const vendorRequest = await t.run((ctx) => sendApprovalRequest(ctx, 'vendor', 'V2000'), 'ALICIA');
    const orderRequest = await t.run((ctx) => sendApprovalRequest(ctx, 'purchase-header', orderKey), 'ALICIA');
    const seans = orderRequest.entries.find((e) => e.approverId === 'SEAN');
    await failsWith(
      t.run((ctx) => approveEntries(ctx, [seans?.id ?? 0]), 'SEAN'),
      'record-restricted',
    );
    // Nothing of the approval stayed: the entry is still open, the order still pending and restricted.
    expect(await entryTriples(t, 'purchase-header', orderKey)).toEqual([
      [1, 'ALICIA', 'Approved'],
      [2, 'SEAN', 'Open'],
    ]);
    await t.run(async (ctx) => {
      expect((await getDocument(ctx, 'purchase', 'order', order.no)).status).toBe('Pending Approval');
      expect(await findRestriction(ctx, 'purchase-header', orderKey)).toBeDefined();
    });
    // Once the vendor is approved, the order's approval goes through.
    await t.run((ctx) => approveEntries(ctx, [vendorRequest.entries[0]?.id ?? 0]), 'SEAN');
    await t.run((ctx) => approveEntries(ctx, [seans?.id ?? 0]), 'SEAN');
    await t.run(async (ctx) => {
      expect((await getDocument(ctx, 'purchase', 'order', order.no)).status).toBe('Released');
    });
  });
});
