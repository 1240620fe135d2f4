import { describe, expect, it } from 'vitest';
import { entryHistory } from '../../src/approvals/entry-store.ts';
import {
  approveEntries,
  cancelApprovalRequest,
  delegateEntries,
  rejectEntries,
  sendApprovalRequest,
} from '../../src/approvals/user-actions.ts';
import { listArchivedInstances, listInstances } from '../../src/engine/execution/instance-queries.ts';
import { findRestriction } from '../../src/records/index.ts';
import {
  documentStatus,
  enabledCopy,
  entriesOf,
  entryTriples,
  notifications,
  type OpenDocument,
  readyCompany,
} from '../approvals/actions/fixtures.ts';
import { describeEachDialect } from '../support/dialects.ts';
import type { TestCompany } from '../support/harness.ts';
import { salesDocument, setCreditLimit } from './fixtures.ts';

/**
 * The credit-limit templates (reference shape C). Customer C1000 (salesperson JR = JOHN, sales
 * limit 500; his approver MARY 5000, hers SEAN unlimited) gets a credit limit of 150.00; ALICIA
 * sends sales documents of item 1000 at 100.00:
 * - 2 × 100.00 = 200.00 takes C1000 over its limit → routed, like the plain document templates;
 * - 1 × 100.00 stays within it → approved automatically for ALICIA and released.
 */
interface Case {
  readonly template: string;
  readonly documentType: 'order' | 'invoice';
  /** The routing of a 2000.00 document that exceeds the limit. */
  readonly large: [number, string, string][];
}

const CASES: readonly Case[] = [
  {
    template: 'WS-SOCLAPW',
    documentType: 'order',
    // Salesperson + approver chain: JOHN, then up the chain until someone covers 2000.00.
    large: [
      [1, 'JOHN', 'Open'],
      [2, 'MARY', 'Created'],
    ],
  },
  {
    template: 'WS-SICLAPW',
    documentType: 'invoice',
    // Salesperson + direct approver: JOHN alone.
    large: [[1, 'JOHN', 'Open']],
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

const caption = (doc: OpenDocument) => `Sales ${doc.documentType} ${doc.no}`;

describeEachDialect('sales documents with a credit-limit check (shape C)', (db) => {
  for (const c of CASES) {
    describe(`${c.template} (${c.documentType})`, () => {
      async function ready() {
        const t = await readyCompany(db());
        expect(await enabledCopy(t, c.template)).toBe(`${c.template}-01`);
        await setCreditLimit(t, 'C1000', '150');
        return t;
      }

      it('within the credit limit: one Approved entry for the requester, Released, no restriction, a message', async () => {
        const t = await ready();
        const doc = await salesDocument(t, 'ALICIA', c.documentType, 'C1000', '1');
        const sent = await send(t, doc);
        expect(sent.messages).toEqual([`${caption(doc)} was approved automatically.`]);
        expect(sent.entries).toHaveLength(1);
        expect(sent.entries[0]).toMatchObject({
          sequence: 1,
          approverId: 'ALICIA',
          senderId: 'ALICIA',
          status: 'Approved',
          approvalCode: `${c.template}-01`,
          documentType: c.documentType,
          documentNo: doc.no,
          amountLcy: '100.00',
          // 150.00 − 100.00: the document itself counts as outstanding.
          availableCreditLcy: '50.00',
        });
        const history = await t.run((ctx) => entryHistory(ctx, sent.entries[0]?.id ?? 0));
        expect(history).toEqual([
          expect.objectContaining({
            action: 'created',
            to_status: 'Approved',
            to_approver: 'ALICIA',
            by_user: 'ALICIA',
          }),
        ]);
        expect(await documentStatus(t, doc)).toBe('Released');
        expect(await restriction(t, doc)).toBeUndefined();
        expect(await instances(t, doc)).toEqual({ live: 0, archived: 1 });
        // Nobody had to decide, so nobody was notified.
        expect(await notifications(t)).toEqual([]);
      });

      it('exactly at the credit limit (available 0) is still within it', async () => {
        const t = await ready();
        await setCreditLimit(t, 'C1000', '100');
        const doc = await salesDocument(t, 'ALICIA', c.documentType, 'C1000', '1');
        const sent = await send(t, doc);
        expect(sent.entries.map((e) => [e.approverId, e.status, e.availableCreditLcy])).toEqual([
          ['ALICIA', 'Approved', '0.00'],
        ]);
        expect(await documentStatus(t, doc)).toBe('Released');
      });

      it('over the credit limit: restricted, Pending Approval, routed to the salesperson; the approval releases it', async () => {
        const t = await ready();
        const doc = await salesDocument(t, 'ALICIA', c.documentType, 'C1000', '2');
        const sent = await send(t, doc);
        expect(sent.messages).toEqual(['An approval request has been sent.']);
        expect(sent.entries.map((e) => [e.sequence, e.approverId, e.status])).toEqual([[1, 'JOHN', 'Open']]);
        expect(sent.entries[0]).toMatchObject({
          senderId: 'ALICIA',
          amountLcy: '200.00',
          availableCreditLcy: '-50.00',
        });
        expect(await documentStatus(t, doc)).toBe('Pending Approval');
        expect(await restriction(t, doc)).toMatchObject({ workflowCode: `${c.template}-01` });
        expect((await notifications(t)).map((n) => n.recipient)).toEqual(['JOHN']);

        const entry = await openEntryOf(t, doc, 'JOHN');
        await t.run((ctx) => approveEntries(ctx, [entry.id]), 'JOHN');
        expect(await entryTriples(t, doc.table, doc.key)).toEqual([[1, 'JOHN', 'Approved']]);
        expect(await documentStatus(t, doc)).toBe('Released');
        expect(await restriction(t, doc)).toBeUndefined();
        expect(await instances(t, doc)).toEqual({ live: 0, archived: 1 });
      });

      it('other open documents of the customer count: a small document after a large one needs approval', async () => {
        const t = await ready();
        // 1 × 100.00 is within 150.00 alone, but not with another open 100.00 document.
        await salesDocument(t, 'ALICIA', 'order', 'C1000', '1');
        const doc = await salesDocument(t, 'ALICIA', c.documentType, 'C1000', '1');
        const sent = await send(t, doc);
        expect(sent.entries.map((e) => [e.approverId, e.status, e.availableCreditLcy])).toEqual([
          ['JOHN', 'Open', '-50.00'],
        ]);
        expect(await documentStatus(t, doc)).toBe('Pending Approval');
      });

      it('a customer without a credit limit is never over it: approved automatically', async () => {
        const t = await ready();
        await setCreditLimit(t, 'C1000', '0');
        const doc = await salesDocument(t, 'ALICIA', c.documentType, 'C1000', '1000');
        const sent = await send(t, doc);
        expect(sent.entries.map((e) => [e.approverId, e.status, e.availableCreditLcy])).toEqual([
          ['ALICIA', 'Approved', null],
        ]);
        expect(await documentStatus(t, doc)).toBe('Released');
      });

      it('over the limit, rejected: entries Rejected, document Open; D8: the restriction is kept until a later approval', async () => {
        const t = await ready();
        const doc = await salesDocument(t, 'ALICIA', c.documentType, 'C1000', '2');
        await send(t, doc);
        const entry = await openEntryOf(t, doc, 'JOHN');
        await t.run((ctx) => rejectEntries(ctx, [entry.id], { comment: 'Customer pays late' }), 'JOHN');
        expect(await entryTriples(t, doc.table, doc.key)).toEqual([[1, 'JOHN', 'Rejected']]);
        expect(await documentStatus(t, doc)).toBe('Open');
        expect(await restriction(t, doc)).toMatchObject({ workflowCode: `${c.template}-01` });
        expect(await instances(t, doc)).toEqual({ live: 0, archived: 1 });
        // The sender hears of the rejection.
        expect((await notifications(t, 'ALICIA')).map((n) => n.type)).toContain('approval');

        // D8: once the customer's limit is raised, the automatic approval of the next request
        // lifts the kept restriction and releases the document.
        await setCreditLimit(t, 'C1000', '1000');
        const again = await send(t, doc);
        expect(again.entries.map((e) => [e.approverId, e.status])).toEqual([['ALICIA', 'Approved']]);
        expect(await documentStatus(t, doc)).toBe('Released');
        expect(await restriction(t, doc)).toBeUndefined();
      });

      it('over the limit, canceled by the sender: entries Canceled, document Open, restriction lifted, message', async () => {
        const t = await ready();
        const doc = await salesDocument(t, 'ALICIA', c.documentType, 'C1000', '2');
        await send(t, doc);
        const canceled = await t.run((ctx) => cancelApprovalRequest(ctx, doc.table, doc.key), 'ALICIA');
        expect(canceled.messages).toEqual(['The approval request was canceled.']);
        expect(canceled.entries.map((e) => [e.sequence, e.approverId, e.status])).toEqual([[1, 'JOHN', 'Canceled']]);
        expect(await documentStatus(t, doc)).toBe('Open');
        expect(await restriction(t, doc)).toBeUndefined();
        expect(await instances(t, doc)).toEqual({ live: 0, archived: 1 });
        // Once the customer's limit is raised, sending again approves it automatically.
        await setCreditLimit(t, 'C1000', '1000');
        const again = await send(t, doc);
        expect(again.entries.map((e) => [e.approverId, e.status])).toEqual([['ALICIA', 'Approved']]);
        expect(await documentStatus(t, doc)).toBe('Released');
      });

      it('over the limit, delegated: the new approver is asked, approves, and the document is released', async () => {
        const t = await ready();
        const doc = await salesDocument(t, 'ALICIA', c.documentType, 'C1000', '2');
        await send(t, doc);
        const entry = await openEntryOf(t, doc, 'JOHN');
        // JOHN has no substitute: his own approver, MARY.
        const [delegated] = await t.run((ctx) => delegateEntries(ctx, [entry.id]), 'JOHN');
        expect(delegated?.entry).toMatchObject({ id: entry.id, approverId: 'MARY', status: 'Open' });
        expect(await documentStatus(t, doc)).toBe('Pending Approval');
        expect(
          (await notifications(t, 'MARY')).filter((n) => n.entryId === entry.id && n.type === 'approval'),
        ).toHaveLength(1);
        await t.run((ctx) => approveEntries(ctx, [entry.id]), 'MARY');
        expect(await documentStatus(t, doc)).toBe('Released');
        expect(await restriction(t, doc)).toBeUndefined();
      });

      it('over the limit with a larger amount: the routing of the template applies', async () => {
        const t = await ready();
        const doc = await salesDocument(t, 'ALICIA', c.documentType, 'C1000', '20');
        const sent = await send(t, doc);
        expect(sent.entries.map((e) => [e.sequence, e.approverId, e.status])).toEqual(c.large);
        // Each approval opens the next sequence; the last one releases.
        for (const [, approver] of c.large) {
          expect(await documentStatus(t, doc)).toBe('Pending Approval');
          const entry = await openEntryOf(t, doc, approver);
          await t.run((ctx) => approveEntries(ctx, [entry.id]), approver);
        }
        expect(await entryTriples(t, doc.table, doc.key)).toEqual(c.large.map(([s, a]) => [s, a, 'Approved']));
        expect(await documentStatus(t, doc)).toBe('Released');
        expect(await restriction(t, doc)).toBeUndefined();
      });
    });
  }

  it('the entry condition holds: a document of the other type is not taken by the template', async () => {
    const t = await readyCompany(db());
    await enabledCopy(t, 'WS-SOCLAPW');
    const invoice = await salesDocument(t, 'ALICIA', 'invoice', 'C1000', '1');
    await expect(send(t, invoice)).rejects.toMatchObject({ code: 'approval-workflow-missing' });
  });
});
