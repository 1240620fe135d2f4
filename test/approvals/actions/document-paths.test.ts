import { describe, expect, it } from 'vitest';
import { addComment, listComments } from '../../../src/approvals/comments.ts';
import { releaseDocumentByUser, reopenDocumentByUser } from '../../../src/approvals/document-release.ts';
import { entryHistory, getEntry } from '../../../src/approvals/entry-store.ts';
import { isOverdue, listEntries } from '../../../src/approvals/queries.ts';
import {
  approveEntries,
  cancelApprovalRequest,
  delegateEntries,
  delegationTarget,
  rejectEntries,
  sendApprovalRequest,
} from '../../../src/approvals/user-actions.ts';
import { saveUserGroup } from '../../../src/approvals/user-groups.ts';
import { saveUserSetup } from '../../../src/approvals/user-setup.ts';
import { disableWorkflow } from '../../../src/engine/definition/enable.ts';
import { listArchivedInstances, listInstances } from '../../../src/engine/execution/instance-queries.ts';
import { findRestriction, getDocument } from '../../../src/records/index.ts';
import { describeEachDialect } from '../../support/dialects.ts';
import { FIXED_NOW, type TestCompany } from '../../support/harness.ts';
import {
  atTime,
  documentStatus,
  enabledCopy,
  entriesOf,
  entryTriples,
  failsWith,
  newDocument,
  notifications,
  type OpenDocument,
  readyCompany,
} from './fixtures.ts';

/**
 * The document shape (reference shape D) on a purchase and a sales template. ALICIA sends a
 * one-line document of 100.00:
 * - WS-POAPW (approver / approver chain): ALICIA's own entry (seq 1) is approved at once and
 *   SEAN (her approver, unlimited) gets seq 2;
 * - WS-SOAPW (salesperson / approver chain): customer C1000's salesperson JR is JOHN, whose
 *   limit of 500 covers 100, so JOHN gets seq 1.
 */
interface Case {
  readonly name: string;
  readonly template: string;
  readonly area: 'purchase' | 'sales';
  readonly documentType: string;
  /** The approver whose entry is open after ALICIA sends. */
  readonly approver: string;
  /** [sequence, approver, status] right after sending. */
  readonly sent: [number, string, string][];
  /** Where delegating the open entry goes (no substitutes set up). */
  readonly delegatedTo: string;
}

const CASES: readonly Case[] = [
  {
    name: 'purchase order (WS-POAPW)',
    template: 'WS-POAPW',
    area: 'purchase',
    documentType: 'order',
    approver: 'SEAN',
    sent: [
      [1, 'ALICIA', 'Approved'],
      [2, 'SEAN', 'Open'],
    ],
    // SEAN has no substitute and no approver: the approval administrator.
    delegatedTo: 'ADMIN',
  },
  {
    name: 'sales order (WS-SOAPW)',
    template: 'WS-SOAPW',
    area: 'sales',
    documentType: 'order',
    approver: 'JOHN',
    sent: [[1, 'JOHN', 'Open']],
    // JOHN has no substitute: his own approver.
    delegatedTo: 'MARY',
  },
];

async function send(t: TestCompany, doc: OpenDocument, userId = 'ALICIA') {
  return t.run((ctx) => sendApprovalRequest(ctx, doc.table, doc.key), userId);
}

async function openEntryOf(t: TestCompany, doc: OpenDocument, approver: string) {
  const entry = (await entriesOf(t, doc.table, doc.key)).find((e) => e.status === 'Open' && e.approverId === approver);
  if (!entry) throw new Error(`no open entry for ${approver} on ${doc.key}`);
  return entry;
}

async function restriction(t: TestCompany, doc: OpenDocument) {
  return t.run((ctx) => findRestriction(ctx, doc.table, doc.key));
}

async function instances(t: TestCompany, doc: OpenDocument) {
  return t.run(async (ctx) => ({
    live: (await listInstances(ctx, { recordTable: doc.table, recordKey: doc.key })).length,
    archived: (await listArchivedInstances(ctx, { recordTable: doc.table, recordKey: doc.key })).length,
  }));
}

describeEachDialect('approval actions on documents (shape D)', (db) => {
  for (const c of CASES) {
    describe(c.name, () => {
      async function ready() {
        const t = await readyCompany(db());
        const workflow = await enabledCopy(t, c.template);
        expect(workflow).toBe(`${c.template}-01`);
        const doc = await newDocument(t, 'ALICIA', c.area, c.documentType);
        return { t, doc };
      }

      it('send: Pending Approval, restricted, entries as routed, the first sequence open', async () => {
        const { t, doc } = await ready();
        const sent = await send(t, doc);
        expect(sent.messages).toEqual(['An approval request has been sent.']);
        expect(sent.entries.map((e) => [e.sequence, e.approverId, e.status])).toEqual(c.sent);
        expect(await documentStatus(t, doc)).toBe('Pending Approval');
        expect(await restriction(t, doc)).toMatchObject({ workflowCode: `${c.template}-01` });
        // Sending again is refused: the workflow waits for a document that is Open.
        await failsWith(send(t, doc), 'approval-workflow-missing');
      });

      it('reject: entries Rejected, document Open again; D8: the restriction is KEPT after rejection', async () => {
        const { t, doc } = await ready();
        const sent = await send(t, doc);
        const entry = await openEntryOf(t, doc, c.approver);
        const [result] = await t.run((ctx) => rejectEntries(ctx, [entry.id]), c.approver);
        expect(result?.entry.status).toBe('Rejected');
        expect(await entryTriples(t, doc.table, doc.key)).toEqual(c.sent.map(([s, a]) => [s, a, 'Rejected']));
        expect(await documentStatus(t, doc)).toBe('Open');
        expect(await restriction(t, doc)).toMatchObject({ workflowCode: `${c.template}-01` });
        expect(await instances(t, doc)).toEqual({ live: 0, archived: 1 });
        // The kept restriction still blocks a plain release.
        await failsWith(
          t.run((ctx) => releaseDocumentByUser(ctx, doc), 'ALICIA'),
          'document-release-needs-approval',
        );

        // D8: sending again later works, with new entries; the final approval lifts the restriction.
        const again = await send(t, doc);
        expect(again.instanceId).not.toBe(sent.instanceId);
        expect(again.entries.map((e) => [e.sequence, e.approverId, e.status])).toEqual(c.sent);
        expect(await documentStatus(t, doc)).toBe('Pending Approval');
        const second = await openEntryOf(t, doc, c.approver);
        await t.run((ctx) => approveEntries(ctx, [second.id]), c.approver);
        expect(await documentStatus(t, doc)).toBe('Released');
        expect(await restriction(t, doc)).toBeUndefined();
        // The first request's entries stay as history.
        expect((await entriesOf(t, doc.table, doc.key)).filter((e) => e.status === 'Rejected')).toHaveLength(
          c.sent.length,
        );
        expect(await instances(t, doc)).toEqual({ live: 0, archived: 2 });
      });

      it('cancel by the sender: entries Canceled, document Open, restriction removed, message returned', async () => {
        const { t, doc } = await ready();
        await send(t, doc);
        const canceled = await t.run((ctx) => cancelApprovalRequest(ctx, doc.table, doc.key), 'ALICIA');
        expect(canceled.messages).toEqual(['The approval request was canceled.']);
        expect(canceled.entries.map((e) => [e.sequence, e.approverId, e.status])).toEqual(
          c.sent.map(([s, a]) => [s, a, 'Canceled']),
        );
        expect(await documentStatus(t, doc)).toBe('Open');
        expect(await restriction(t, doc)).toBeUndefined();
        expect(await instances(t, doc)).toEqual({ live: 0, archived: 1 });
        // Nothing left to cancel; a new request can be sent.
        await failsWith(
          t.run((ctx) => cancelApprovalRequest(ctx, doc.table, doc.key), 'ALICIA'),
          'approval-request-missing',
        );
        expect((await send(t, doc)).entries.map((e) => e.status)).toEqual(c.sent.map(([, , s]) => s));
      });

      it('cancel by a stranger is approval-cancel-forbidden; the approval administrator may cancel', async () => {
        const { t, doc } = await ready();
        await send(t, doc);
        const error = await failsWith(
          t.run((ctx) => cancelApprovalRequest(ctx, doc.table, doc.key), 'STRANGER'),
          'approval-cancel-forbidden',
        );
        expect(error.kind).toBe('forbidden');
        // The approver is not the sender either.
        await failsWith(
          t.run((ctx) => cancelApprovalRequest(ctx, doc.table, doc.key), c.approver),
          'approval-cancel-forbidden',
        );
        expect(await documentStatus(t, doc)).toBe('Pending Approval');
        const canceled = await t.run((ctx) => cancelApprovalRequest(ctx, doc.table, doc.key), 'ADMIN');
        expect(canceled.messages).toEqual(['The approval request was canceled.']);
        expect(canceled.entries.every((e) => e.status === 'Canceled' && e.modifiedBy === 'ADMIN')).toBe(true);
        expect(await documentStatus(t, doc)).toBe('Open');
        expect(await restriction(t, doc)).toBeUndefined();
      });

      it('D10: delegating resets the sent time and records from/to/by; the new approver is notified and approves', async () => {
        const { t, doc } = await ready();
        await send(t, doc);
        const entry = await openEntryOf(t, doc, c.approver);
        expect(entry.sentAt).toBe(FIXED_NOW.toISOString());
        const later = new Date('2026-03-04T10:30:00Z');
        const [delegated] = await (await atTime(db(), t.company, later)).run(
          (ctx) => delegateEntries(ctx, [entry.id], { reason: 'on holiday', channel: 'web' }),
          c.approver,
        );
        expect(delegated?.entry).toMatchObject({
          id: entry.id,
          sequence: entry.sequence,
          status: 'Open',
          approverId: c.delegatedTo,
          sentAt: later.toISOString(),
          dueDate: entry.dueDate,
        });
        const history = await t.run((ctx) => entryHistory(ctx, entry.id));
        expect(history.at(-1)).toMatchObject({
          action: 'delegated',
          from_approver: c.approver,
          to_approver: c.delegatedTo,
          by_user: c.approver,
          at: later.toISOString(),
          channel: 'web',
          reason: 'on holiday',
          from_status: 'Open',
          to_status: 'Open',
        });
        expect(
          (await notifications(t, c.delegatedTo)).filter((n) => n.entryId === entry.id && n.type === 'approval'),
        ).toHaveLength(1);
        // The previous approver no longer may decide; the new one does, and the document is released.
        await failsWith(
          t.run((ctx) => approveEntries(ctx, [entry.id]), c.approver),
          'approval-entry-not-yours',
        );
        const [approved] = await t.run((ctx) => approveEntries(ctx, [entry.id]), c.delegatedTo);
        expect(approved?.entry.status).toBe('Approved');
        expect(await documentStatus(t, doc)).toBe('Released');
        expect(await restriction(t, doc)).toBeUndefined();
      });

      it('approving an entry that is not yours is approval-entry-not-yours; the approval administrator may', async () => {
        const { t, doc } = await ready();
        await send(t, doc);
        const entry = await openEntryOf(t, doc, c.approver);
        for (const user of ['STRANGER', 'ALICIA']) {
          const error = await failsWith(
            t.run((ctx) => approveEntries(ctx, [entry.id]), user),
            'approval-entry-not-yours',
          );
          expect(error.kind).toBe('forbidden');
          await failsWith(
            t.run((ctx) => rejectEntries(ctx, [entry.id]), user),
            'approval-entry-not-yours',
          );
        }
        expect((await t.run((ctx) => getEntry(ctx, entry.id))).status).toBe('Open');
        const [result] = await t.run((ctx) => approveEntries(ctx, [entry.id], { channel: 'cli' }), 'ADMIN');
        expect(result?.entry).toMatchObject({ status: 'Approved', approverId: c.approver, modifiedBy: 'ADMIN' });
        const history = await t.run((ctx) => entryHistory(ctx, entry.id));
        expect(history.at(-1)).toMatchObject({ action: 'approved', by_user: 'ADMIN', channel: 'cli' });
        expect(await documentStatus(t, doc)).toBe('Released');
      });

      it('approving, rejecting or delegating an entry that is not open is a conflict', async () => {
        const { t, doc } = await ready();
        await send(t, doc);
        const entry = await openEntryOf(t, doc, c.approver);
        await t.run((ctx) => approveEntries(ctx, [entry.id]), c.approver);
        for (const action of [approveEntries, rejectEntries, delegateEntries]) {
          const error = await failsWith(
            t.run((ctx) => action(ctx, [entry.id]), c.approver),
            'approval-entry-not-open',
          );
          expect(error.kind).toBe('conflict');
        }
        expect(await documentStatus(t, doc)).toBe('Released');
      });
    });
  }

  it('delegation order: the substitute, else the approver’s approver, else the approval administrator', async () => {
    const t = await readyCompany(db());
    await enabledCopy(t, 'WS-POAPW');
    // JOHN (limit 500) sends 1000.00: his own entry is approved, MARY (5000) is asked.
    const doc = await newDocument(t, 'JOHN', 'purchase', 'order', '10');
    const sent = await send(t, doc, 'JOHN');
    expect(sent.entries.map((e) => [e.sequence, e.approverId, e.status])).toEqual([
      [1, 'JOHN', 'Approved'],
      [2, 'MARY', 'Open'],
    ]);
    const id = (await openEntryOf(t, doc, 'MARY')).id;

    await t.run(async (ctx) => {
      await saveUserSetup(ctx, { userId: 'MARY', substitute: 'PETER' });
      expect(await delegationTarget(ctx, 'MARY')).toBe('PETER');
      await saveUserSetup(ctx, { userId: 'MARY', substitute: '' });
      expect(await delegationTarget(ctx, 'MARY')).toBe('SEAN');
      expect(await delegationTarget(ctx, 'SEAN')).toBe('ADMIN');
    }, 'ADMIN');

    // MARY → SEAN (her approver) → ADMIN (administrator) → PETER (ADMIN's substitute).
    await t.run((ctx) => delegateEntries(ctx, [id]), 'MARY');
    // The sender may delegate too.
    await t.run((ctx) => delegateEntries(ctx, [id]), 'JOHN');
    await t.run((ctx) => saveUserSetup(ctx, { userId: 'ADMIN', substitute: 'PETER' }), 'ADMIN');
    await t.run((ctx) => delegateEntries(ctx, [id]), 'ADMIN');
    const history = (await t.run((ctx) => entryHistory(ctx, id))).filter((h) => h.action === 'delegated');
    expect(history.map((h) => [h.from_approver, h.to_approver, h.by_user])).toEqual([
      ['MARY', 'SEAN', 'MARY'],
      ['SEAN', 'ADMIN', 'JOHN'],
      ['ADMIN', 'PETER', 'ADMIN'],
    ]);
    // Each new approver was notified once.
    for (const user of ['SEAN', 'ADMIN', 'PETER']) {
      expect((await notifications(t, user)).filter((n) => n.entryId === id)).toHaveLength(1);
    }
    // A stranger may not delegate.
    await failsWith(
      t.run((ctx) => delegateEntries(ctx, [id]), 'STRANGER'),
      'approval-delegate-forbidden',
    );
    await t.run((ctx) => approveEntries(ctx, [id]), 'PETER');
    expect(await documentStatus(t, doc)).toBe('Released');
  });

  it('delegation without substitute, approver or approval administrator is delegation-target-missing', async () => {
    const t = await readyCompany(db());
    await enabledCopy(t, 'WS-POAPW');
    const doc = await newDocument(t, 'ALICIA', 'purchase', 'order');
    await send(t, doc);
    await t.run((ctx) => saveUserSetup(ctx, { userId: 'ADMIN', approvalAdministrator: false }), 'ADMIN');
    const id = (await openEntryOf(t, doc, 'SEAN')).id;
    await failsWith(
      t.run((ctx) => delegateEntries(ctx, [id]), 'SEAN'),
      'delegation-target-missing',
    );
    expect((await t.run((ctx) => getEntry(ctx, id))).approverId).toBe('SEAN');
  });

  it('approve with more pending: a chain of 3 opens the next sequence after each approval', async () => {
    const t = await readyCompany(db());
    await enabledCopy(t, 'WS-SOAPW');
    // 6000.00 on customer C1000 (JR = JOHN, 500) → MARY (5000) → SEAN (unlimited).
    const doc = await newDocument(t, 'ALICIA', 'sales', 'order', '60');
    const sent = await send(t, doc);
    expect(sent.entries.map((e) => [e.sequence, e.approverId, e.status])).toEqual([
      [1, 'JOHN', 'Open'],
      [2, 'MARY', 'Created'],
      [3, 'SEAN', 'Created'],
    ]);
    const steps: [string, [number, string, string][]][] = [
      [
        'JOHN',
        [
          [1, 'JOHN', 'Approved'],
          [2, 'MARY', 'Open'],
          [3, 'SEAN', 'Created'],
        ],
      ],
      [
        'MARY',
        [
          [1, 'JOHN', 'Approved'],
          [2, 'MARY', 'Approved'],
          [3, 'SEAN', 'Open'],
        ],
      ],
    ];
    for (const [approver, after] of steps) {
      const entry = await openEntryOf(t, doc, approver);
      await t.run((ctx) => approveEntries(ctx, [entry.id]), approver);
      expect(await entryTriples(t, doc.table, doc.key)).toEqual(after);
      expect(await documentStatus(t, doc)).toBe('Pending Approval');
      expect(await restriction(t, doc)).toBeDefined();
      expect(await instances(t, doc)).toEqual({ live: 1, archived: 0 });
    }
    // Each approver heard of their entry when it opened, and only then.
    expect((await notifications(t)).map((n) => n.recipient)).toEqual(['JOHN', 'MARY', 'SEAN']);
    // A Created entry cannot be decided before its turn... (SEAN's is open now; MARY's is decided.)
    const sean = await openEntryOf(t, doc, 'SEAN');
    await t.run((ctx) => approveEntries(ctx, [sean.id]), 'SEAN');
    expect(await documentStatus(t, doc)).toBe('Released');
    expect(await restriction(t, doc)).toBeUndefined();
    expect(await instances(t, doc)).toEqual({ live: 0, archived: 1 });
  });

  it('a Created entry (a later sequence) cannot be approved before its turn', async () => {
    const t = await readyCompany(db());
    await enabledCopy(t, 'WS-POAPW');
    // JOHN sends 6000.00: JOHN approved, MARY open, SEAN created.
    const doc = await newDocument(t, 'JOHN', 'purchase', 'order', '60');
    const sent = await send(t, doc, 'JOHN');
    expect(sent.entries.map((e) => [e.sequence, e.approverId, e.status])).toEqual([
      [1, 'JOHN', 'Approved'],
      [2, 'MARY', 'Open'],
      [3, 'SEAN', 'Created'],
    ]);
    const created = sent.entries[2];
    await failsWith(
      t.run((ctx) => approveEntries(ctx, [created?.id ?? 0]), 'SEAN'),
      'approval-entry-not-open',
    );
    // The requester's own, already approved, entry is not open either.
    await failsWith(
      t.run((ctx) => approveEntries(ctx, [sent.entries[0]?.id ?? 0]), 'JOHN'),
      'approval-entry-not-open',
    );
  });

  describe('a selection of entries of one request (D1, parallel approvers)', () => {
    async function parallel(policy: 'all' | 'any') {
      const t = await readyCompany(db());
      await t.run(
        (ctx) =>
          saveUserGroup(ctx, {
            code: 'FIN',
            description: 'Finance',
            parallelPolicy: policy,
            members: [
              { userId: 'MARY', sequence: 1 },
              { userId: 'SEAN', sequence: 1 },
            ],
          }),
        'ADMIN',
      );
      await enabledCopy(t, 'WS-BPOAPW', { workflowUserGroup: 'FIN' });
      const doc = await newDocument(t, 'ALICIA', 'purchase', 'blanket-order');
      const sent = await send(t, doc);
      expect(sent.entries.map((e) => [e.sequence, e.approverId, e.status])).toEqual([
        [1, 'MARY', 'Open'],
        [1, 'SEAN', 'Open'],
      ]);
      return { t, doc, ids: sent.entries.map((e) => e.id) };
    }

    for (const policy of ['all', 'any'] as const) {
      it(`D1 ${policy}: the administrator approves both open entries in one go; the document is released`, async () => {
        const { t, doc, ids } = await parallel(policy);
        const results = await t.run((ctx) => approveEntries(ctx, ids), 'ADMIN');
        expect(results.map((r) => r.entry.status)).toEqual(['Approved', 'Approved']);
        // Under "any" the first approval closed the peer's entry; it is reported, not approved twice.
        expect(results.map((r) => r.entry.closedByPeer)).toEqual([false, policy === 'any']);
        expect(await documentStatus(t, doc)).toBe('Released');
        expect(await restriction(t, doc)).toBeUndefined();
      });

      it(`D1 ${policy}: rejecting both open entries in one go rejects the request once`, async () => {
        const { t, doc, ids } = await parallel(policy);
        const results = await t.run((ctx) => rejectEntries(ctx, ids), 'ADMIN');
        expect(results.map((r) => r.entry.status)).toEqual(['Rejected', 'Rejected']);
        expect(await documentStatus(t, doc)).toBe('Open');
        const history = await t.run((ctx) => entryHistory(ctx, ids[1] ?? 0));
        expect(history.filter((h) => h.action === 'rejected')).toHaveLength(1);
        expect(await instances(t, doc)).toEqual({ live: 0, archived: 1 });
      });
    }

    it('a selection with an entry that is not yours is refused as a whole, before anything changes', async () => {
      const { t, doc, ids } = await parallel('all');
      await failsWith(
        t.run((ctx) => approveEntries(ctx, ids), 'MARY'),
        'approval-entry-not-yours',
      );
      expect(await entryTriples(t, doc.table, doc.key)).toEqual([
        [1, 'MARY', 'Open'],
        [1, 'SEAN', 'Open'],
      ]);
      expect(await documentStatus(t, doc)).toBe('Pending Approval');
    });
  });

  describe('D7: manual release and reopen', () => {
    it('D7: releasing an Open document an enabled workflow covers is document-release-needs-approval', async () => {
      const t = await readyCompany(db());
      await enabledCopy(t, 'WS-POAPW');
      const doc = await newDocument(t, 'ALICIA', 'purchase', 'order');
      const error = await failsWith(
        t.run((ctx) => releaseDocumentByUser(ctx, doc), 'ALICIA'),
        'document-release-needs-approval',
      );
      expect(error.kind).toBe('conflict');
      expect(await documentStatus(t, doc)).toBe('Open');
      // A document the workflow does not cover (a purchase invoice) is released by hand.
      const invoice = await newDocument(t, 'ALICIA', 'purchase', 'invoice');
      const released = await t.run((ctx) => releaseDocumentByUser(ctx, invoice), 'ALICIA');
      expect(released.document.data.status).toBe('Released');
    });

    it('D7: a Pending Approval document can be neither released nor reopened by hand', async () => {
      const t = await readyCompany(db());
      await enabledCopy(t, 'WS-POAPW');
      const doc = await newDocument(t, 'ALICIA', 'purchase', 'order');
      await send(t, doc);
      await failsWith(
        t.run((ctx) => releaseDocumentByUser(ctx, doc), 'ALICIA'),
        'document-pending-approval',
      );
      await failsWith(
        t.run((ctx) => reopenDocumentByUser(ctx, doc), 'ALICIA'),
        'document-pending-approval',
      );
      // Not even the approval administrator.
      await failsWith(
        t.run((ctx) => releaseDocumentByUser(ctx, doc), 'ADMIN'),
        'document-pending-approval',
      );
      expect(await documentStatus(t, doc)).toBe('Pending Approval');
      // Once approved it is Released; reopening is allowed, and releasing it again is not (D7).
      const seanEntry = await openEntryOf(t, doc, 'SEAN');
      await t.run((ctx) => approveEntries(ctx, [seanEntry.id]), 'SEAN');
      expect(await documentStatus(t, doc)).toBe('Released');
      const reopened = await t.run((ctx) => reopenDocumentByUser(ctx, doc), 'ALICIA');
      expect(reopened.data.status).toBe('Open');
      await failsWith(
        t.run((ctx) => releaseDocumentByUser(ctx, doc), 'ALICIA'),
        'document-release-needs-approval',
      );
    });

    it('D7: with the workflow disabled, releasing by hand works', async () => {
      const t = await readyCompany(db());
      const code = await enabledCopy(t, 'WS-POAPW');
      const doc = await newDocument(t, 'ALICIA', 'purchase', 'order');
      await failsWith(
        t.run((ctx) => releaseDocumentByUser(ctx, doc), 'ALICIA'),
        'document-release-needs-approval',
      );
      await t.run((ctx) => disableWorkflow(ctx, code), 'ADMIN');
      const released = await t.run((ctx) => releaseDocumentByUser(ctx, doc), 'ALICIA');
      expect(released.document.data.status).toBe('Released');
      expect(await documentStatus(t, doc)).toBe('Released');
      // Releasing a released document again changes nothing.
      expect((await t.run((ctx) => releaseDocumentByUser(ctx, doc), 'ALICIA')).document.data.status).toBe('Released');
      // With no workflow, sending for approval is refused.
      const other = await newDocument(t, 'ALICIA', 'purchase', 'order');
      await failsWith(send(t, other), 'approval-workflow-missing');
    });
  });

  describe('comments (spec §2.15)', () => {
    it('comments are added with a decision and on their own, and listed per record', async () => {
      const t = await readyCompany(db());
      await enabledCopy(t, 'WS-POAPW');
      const doc = await newDocument(t, 'ALICIA', 'purchase', 'order');
      const other = await newDocument(t, 'ALICIA', 'purchase', 'order');
      const sent = await send(t, doc);
      await send(t, other);
      await t.run((ctx) => addComment(ctx, doc.table, doc.key, '  Urgent: the chairs are for Monday.  '), 'ALICIA');
      await t.run((ctx) => addComment(ctx, other.table, other.key, 'Another order.'), 'ALICIA');
      const entry = await openEntryOf(t, doc, 'SEAN');
      await t.run((ctx) => approveEntries(ctx, [entry.id], { comment: 'Fine, go ahead.' }), 'SEAN');
      const comments = await t.run((ctx) => listComments(ctx, doc.table, doc.key));
      expect(comments.map((c) => [c.userId, c.comment, c.instanceId])).toEqual([
        ['ALICIA', 'Urgent: the chairs are for Monday.', sent.instanceId],
        ['SEAN', 'Fine, go ahead.', sent.instanceId],
      ]);
      expect(comments.every((c) => c.table === doc.table && c.recordKey === doc.key)).toBe(true);
      expect(comments[0]?.createdAt).toBe(FIXED_NOW.toISOString());
      expect((await t.run((ctx) => listComments(ctx, other.table, other.key))).map((c) => c.comment)).toEqual([
        'Another order.',
      ]);
      // A rejection can carry a comment too.
      const otherEntry = await openEntryOf(t, other, 'SEAN');
      await t.run((ctx) => rejectEntries(ctx, [otherEntry.id], { comment: 'Too expensive.' }), 'SEAN');
      expect((await t.run((ctx) => listComments(ctx, other.table, other.key))).map((c) => c.comment)).toEqual([
        'Another order.',
        'Too expensive.',
      ]);
    });

    it('an empty or too long comment is refused', async () => {
      const t = await readyCompany(db());
      const doc = await newDocument(t, 'ALICIA', 'purchase', 'order');
      await failsWith(
        t.run((ctx) => addComment(ctx, doc.table, doc.key, '   ')),
        'comment-empty',
      );
      await failsWith(
        t.run((ctx) => addComment(ctx, doc.table, doc.key, 'x'.repeat(251))),
        'comment-too-long',
      );
      const kept = await t.run((ctx) => addComment(ctx, doc.table, doc.key, 'x'.repeat(250)));
      expect(kept.instanceId).toBe('');
    });
  });

  describe('queries', () => {
    async function twoRequests() {
      const t = await readyCompany(db());
      await enabledCopy(t, 'WS-POAPW', { dueDateFormula: '<2D>' });
      await enabledCopy(t, 'WS-SOAPW');
      const purchase = await newDocument(t, 'ALICIA', 'purchase', 'order');
      const sales = await newDocument(t, 'MARY', 'sales', 'order');
      await send(t, purchase, 'ALICIA');
      await send(t, sales, 'MARY');
      return { t, purchase, sales };
    }
    const view = (entries: { approverId: string; senderId: string; status: string }[]) =>
      entries.map((e) => `${e.senderId}>${e.approverId}:${e.status}`);

    it('to-approve lists my open entries; sent lists what I sent', async () => {
      const { t, purchase } = await twoRequests();
      expect(view(await t.run((ctx) => listEntries(ctx, 'to-approve'), 'SEAN'))).toEqual(['ALICIA>SEAN:Open']);
      expect(view(await t.run((ctx) => listEntries(ctx, 'to-approve'), 'JOHN'))).toEqual(['MARY>JOHN:Open']);
      expect(await t.run((ctx) => listEntries(ctx, 'to-approve'), 'ALICIA')).toEqual([]);
      expect(view(await t.run((ctx) => listEntries(ctx, 'sent'), 'ALICIA'))).toEqual([
        'ALICIA>ALICIA:Approved',
        'ALICIA>SEAN:Open',
      ]);
      expect(view(await t.run((ctx) => listEntries(ctx, 'sent'), 'MARY'))).toEqual(['MARY>JOHN:Open']);
      // Filtered to one record.
      const filtered = await t.run(
        (ctx) => listEntries(ctx, 'sent', { table: purchase.table, key: purchase.key }),
        'MARY',
      );
      expect(filtered).toEqual([]);
      // Once approved, an entry leaves the list to approve.
      const entry = await openEntryOf(t, purchase, 'SEAN');
      await t.run((ctx) => approveEntries(ctx, [entry.id]), 'SEAN');
      expect(await t.run((ctx) => listEntries(ctx, 'to-approve'), 'SEAN')).toEqual([]);
    });

    it('all is for the approval administrator only, else approval-administrator-only', async () => {
      const { t } = await twoRequests();
      expect(view(await t.run((ctx) => listEntries(ctx, 'all'), 'ADMIN'))).toEqual([
        'ALICIA>ALICIA:Approved',
        'ALICIA>SEAN:Open',
        'MARY>JOHN:Open',
      ]);
      for (const user of ['SEAN', 'ALICIA', 'STRANGER']) {
        const error = await failsWith(
          t.run((ctx) => listEntries(ctx, 'all'), user),
          'approval-administrator-only',
        );
        expect(error.kind).toBe('forbidden');
      }
    });

    it('D5: an open entry is overdue when its due date is before today in the company time zone', async () => {
      const { t, purchase } = await twoRequests();
      const entries = await entriesOf(t, purchase.table, purchase.key);
      // Sent on 2026-03-02 with <2D>: due 2026-03-04. The sales workflow has no formula: due the day it was sent.
      expect(entries.map((e) => e.dueDate)).toEqual(['2026-03-04', '2026-03-04']);
      const overdue = async (now: string, userId: string) =>
        view(await (await atTime(db(), t.company, new Date(now))).run((ctx) => listEntries(ctx, 'overdue'), userId));

      // On the due date it is not overdue yet; the sales entry, due 2026-03-02, is overdue from 03-03.
      expect(await overdue('2026-03-02T20:00:00Z', 'ADMIN')).toEqual([]);
      expect(await overdue('2026-03-03T09:00:00Z', 'ADMIN')).toEqual(['MARY>JOHN:Open']);
      expect(await overdue('2026-03-04T23:30:00Z', 'ADMIN')).toEqual(['MARY>JOHN:Open']);
      // The day after the due date it is; the approved entry never is.
      expect(await overdue('2026-03-05T00:30:00Z', 'ADMIN')).toEqual(['ALICIA>SEAN:Open', 'MARY>JOHN:Open']);
      // Others see what they approve or sent.
      expect(await overdue('2026-03-05T00:30:00Z', 'SEAN')).toEqual(['ALICIA>SEAN:Open']);
      expect(await overdue('2026-03-05T00:30:00Z', 'ALICIA')).toEqual(['ALICIA>SEAN:Open']);
      expect(await overdue('2026-03-05T00:30:00Z', 'STRANGER')).toEqual([]);

      // Today is the company's: in Amsterdam 2026-03-04T23:30Z is already 2026-03-05.
      await db()
        .db.updateTable('company')
        .set({ time_zone: 'Europe/Amsterdam' })
        .where('code', '=', t.company)
        .execute();
      expect(await overdue('2026-03-04T23:30:00Z', 'SEAN')).toEqual(['ALICIA>SEAN:Open']);
      expect(await overdue('2026-03-04T22:30:00Z', 'SEAN')).toEqual([]);

      const open = entries.find((e) => e.status === 'Open');
      const own = entries.find((e) => e.status === 'Approved');
      if (!open || !own) throw new Error('entries missing');
      expect(isOverdue(open, '2026-03-04')).toBe(false);
      expect(isOverdue(open, '2026-03-05')).toBe(true);
      expect(isOverdue(own, '2026-03-05')).toBe(false);
      // Decided entries are not overdue.
      await t.run((ctx) => approveEntries(ctx, [open.id]), 'SEAN');
      expect(await overdue('2026-03-10T12:00:00Z', 'SEAN')).toEqual([]);
    });

    it('D5: only Open entries are overdue, not the later sequences of a chain that were never sent', async () => {
      const t = await readyCompany(db());
      await enabledCopy(t, 'WS-SOAPW', { dueDateFormula: '<1D>' });
      // JOHN open, MARY and SEAN created; all due 2026-03-03.
      const doc = await newDocument(t, 'ALICIA', 'sales', 'order', '60');
      const sent = await send(t, doc);
      expect(sent.entries.map((e) => [e.approverId, e.status, e.dueDate])).toEqual([
        ['JOHN', 'Open', '2026-03-03'],
        ['MARY', 'Created', '2026-03-03'],
        ['SEAN', 'Created', '2026-03-03'],
      ]);
      const later = await atTime(db(), t.company, new Date('2026-03-06T09:00:00Z'));
      expect(view(await later.run((ctx) => listEntries(ctx, 'overdue'), 'ADMIN'))).toEqual(['ALICIA>JOHN:Open']);
      expect(await later.run((ctx) => listEntries(ctx, 'overdue'), 'MARY')).toEqual([]);
      expect(sent.entries.map((e) => isOverdue(e, '2026-03-06'))).toEqual([true, false, false]);
    });
  });

  describe('notification entries (reference §5.8)', () => {
    it('the approver is notified when an entry opens, never the user who acts', async () => {
      const t = await readyCompany(db());
      await enabledCopy(t, 'WS-POAPW');
      const doc = await newDocument(t, 'ALICIA', 'purchase', 'order');
      const sent = await send(t, doc);
      expect(await notifications(t)).toEqual([
        { recipient: 'SEAN', sender: 'ALICIA', type: 'approval', entryId: sent.entries[1]?.id, key: doc.key },
      ]);
      // Approving notifies nobody: no entry opens.
      await t.run((ctx) => approveEntries(ctx, [sent.entries[1]?.id ?? 0]), 'SEAN');
      expect(await notifications(t)).toHaveLength(1);
    });

    it('nobody is notified of their own request: an auto-approved document is released at once', async () => {
      const t = await readyCompany(db());
      await enabledCopy(t, 'WS-POAPW');
      const doc = await newDocument(t, 'SEAN', 'purchase', 'order', '1000');
      const sent = await send(t, doc, 'SEAN');
      expect(sent.messages).toEqual(['The approval request was approved automatically.']);
      expect(sent.entries.map((e) => [e.sequence, e.approverId, e.status])).toEqual([[1, 'SEAN', 'Approved']]);
      expect(await documentStatus(t, doc)).toBe('Released');
      expect(await restriction(t, doc)).toBeUndefined();
      expect(await notifications(t)).toEqual([]);
    });

    it('on rejection the sender is notified (notifySender), once, and not the approver who rejected', async () => {
      const t = await readyCompany(db());
      await enabledCopy(t, 'WS-POAPW');
      const doc = await newDocument(t, 'ALICIA', 'purchase', 'order');
      const sent = await send(t, doc);
      const seanEntry = sent.entries[1]?.id;
      await t.run((ctx) => rejectEntries(ctx, [seanEntry ?? 0]), 'SEAN');
      expect(await notifications(t)).toEqual([
        { recipient: 'SEAN', sender: 'ALICIA', type: 'approval', entryId: seanEntry, key: doc.key },
        { recipient: 'ALICIA', sender: 'SEAN', type: 'approval', entryId: seanEntry, key: doc.key },
      ]);
    });

    it('on rejection in a chain the sender hears once, not for the entries that were never open', async () => {
      const t = await readyCompany(db());
      await enabledCopy(t, 'WS-SOAPW');
      // JOHN open; MARY and SEAN created. JOHN rejects.
      const doc = await newDocument(t, 'ALICIA', 'sales', 'order', '60');
      const sent = await send(t, doc);
      const john = sent.entries[0]?.id;
      await t.run((ctx) => rejectEntries(ctx, [john ?? 0]), 'JOHN');
      expect(await entryTriples(t, doc.table, doc.key)).toEqual([
        [1, 'JOHN', 'Rejected'],
        [2, 'MARY', 'Rejected'],
        [3, 'SEAN', 'Rejected'],
      ]);
      expect((await notifications(t)).map((n) => [n.recipient, n.sender, n.entryId])).toEqual([
        ['JOHN', 'ALICIA', john],
        ['ALICIA', 'JOHN', john],
      ]);
    });

    it('on cancellation the approvers of open entries are notified, not the sender who cancels', async () => {
      const t = await readyCompany(db());
      await enabledCopy(t, 'WS-SOAPW');
      const doc = await newDocument(t, 'ALICIA', 'sales', 'order', '60');
      const sent = await send(t, doc);
      await t.run((ctx) => cancelApprovalRequest(ctx, doc.table, doc.key), 'ALICIA');
      // JOHN heard when his entry opened and again when it was canceled; MARY and SEAN never had an open entry.
      expect((await notifications(t)).map((n) => [n.recipient, n.sender, n.entryId])).toEqual([
        ['JOHN', 'ALICIA', sent.entries[0]?.id],
        ['JOHN', 'ALICIA', sent.entries[0]?.id],
      ]);
    });
  });

  it('the document as the release response leaves it: released, with its amounts', async () => {
    const t = await readyCompany(db());
    await enabledCopy(t, 'WS-POAPW');
    const doc = await newDocument(t, 'ALICIA', 'purchase', 'order', '3');
    await send(t, doc);
    const seanEntry = await openEntryOf(t, doc, 'SEAN');
    await t.run((ctx) => approveEntries(ctx, [seanEntry.id]), 'SEAN');
    const header = await t.run((ctx) => getDocument(ctx, doc.area, doc.documentType, doc.no));
    expect(header).toMatchObject({ status: 'Released', amount: '300.00', createdBy: 'ALICIA' });
  });
});
