import { describe, expect, it } from 'vitest';
import { addComment, listComments } from '../../src/approvals/comments.ts';
import { releaseDocumentByUser } from '../../src/approvals/document-release.ts';
import { entryHistory } from '../../src/approvals/entry-store.ts';
import { listNotificationEntries } from '../../src/approvals/index.ts';
import { approveEntries, sendApprovalRequest } from '../../src/approvals/user-actions.ts';
import { listArchivedInstances, listInstances } from '../../src/engine/execution/instance-queries.ts';
import { listGlEntries, listPartyEntries } from '../../src/ledger/queries.ts';
import {
  getPostedDocument,
  listPostedApprovalComments,
  listPostedApprovalEntries,
  listPostedDocuments,
  postDocument,
  postDocumentWithMessages,
  postedKey,
} from '../../src/posting/index.ts';
import {
  addRestriction,
  createCurrency,
  type DocumentArea,
  findRestriction,
  setExchangeRate,
} from '../../src/records/index.ts';
import { createWebhookSubscription } from '../../src/webhooks/subscriptions.ts';
import { enabledCopy, entriesOf, failsWith, readyCompany } from '../approvals/actions/fixtures.ts';
import { notificationTitles } from '../record-changes/support.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { enabledWorkflow, event, response, type TestCompany } from '../support/harness.ts';
import {
  approveUntilReleased,
  documentWithLines,
  expectDocument,
  expectRegisterBalanced,
  postingCompany,
  postingFootprint,
} from './fixtures.ts';

interface LedgerCase {
  readonly area: DocumentArea;
  readonly documentType: string;
  readonly postedType: 'invoice' | 'credit-memo';
  readonly postedNo: string;
  /** The party's ledger entry amount (LCY) for a document of 200.00. */
  readonly partyAmount: string;
  /** G/L account → amount. */
  readonly gl: Record<string, string>;
}

// Two lines of item 1000 at 100.00: 200.00. Receivables 1300, payables 2100, sales 4000, purchases 5000.
const LEDGER_CASES: readonly LedgerCase[] = [
  {
    area: 'purchase',
    documentType: 'invoice',
    postedType: 'invoice',
    postedNo: 'PPI-0001',
    partyAmount: '-200',
    gl: { '5000': '200', '2100': '-200' },
  },
  {
    area: 'purchase',
    documentType: 'order',
    postedType: 'invoice',
    postedNo: 'PPI-0001',
    partyAmount: '-200',
    gl: { '5000': '200', '2100': '-200' },
  },
  {
    area: 'purchase',
    documentType: 'credit-memo',
    postedType: 'credit-memo',
    postedNo: 'PPCM-0001',
    partyAmount: '200',
    gl: { '5000': '-200', '2100': '200' },
  },
  {
    area: 'purchase',
    documentType: 'return-order',
    postedType: 'credit-memo',
    postedNo: 'PPCM-0001',
    partyAmount: '200',
    gl: { '5000': '-200', '2100': '200' },
  },
  {
    area: 'sales',
    documentType: 'invoice',
    postedType: 'invoice',
    postedNo: 'SPI-0001',
    partyAmount: '200',
    gl: { '1300': '200', '4000': '-200' },
  },
  {
    area: 'sales',
    documentType: 'order',
    postedType: 'invoice',
    postedNo: 'SPI-0001',
    partyAmount: '200',
    gl: { '1300': '200', '4000': '-200' },
  },
  {
    area: 'sales',
    documentType: 'credit-memo',
    postedType: 'credit-memo',
    postedNo: 'SPCM-0001',
    partyAmount: '-200',
    gl: { '1300': '-200', '4000': '200' },
  },
  {
    area: 'sales',
    documentType: 'return-order',
    postedType: 'credit-memo',
    postedNo: 'SPCM-0001',
    partyAmount: '-200',
    gl: { '1300': '-200', '4000': '200' },
  },
];

const partyOf = (area: DocumentArea) => (area === 'purchase' ? 'vendor' : 'customer');

describeEachDialect('posting purchase and sales documents', (db) => {
  describe('what a posting writes', () => {
    for (const c of LEDGER_CASES) {
      it(`a ${c.area} ${c.documentType} posts to ${c.postedType} ${c.postedNo}: party entry ${c.partyAmount}, G/L entries that sum to zero`, async () => {
        const t = await postingCompany(db());
        const doc = await documentWithLines(t, c.area, c.documentType, ['1', '1']);
        const posted = await t.run((ctx) => postDocument(ctx, doc), 'ALICIA');
        expect(posted).toMatchObject({
          area: c.area,
          documentType: c.postedType,
          no: c.postedNo,
          preAssignedNo: doc.no,
          sourceDocumentType: c.documentType,
          partyNo: c.area === 'purchase' ? 'V1000' : 'C1000',
          currencyCode: '',
          amount: '200.00',
          amountLcy: '200.00',
          postingDate: '2026-03-02',
          postedBy: 'ALICIA',
          createdBy: 'ALICIA',
        });
        expect(posted.lines.map((l) => [l.lineNo, l.no, l.quantity, l.lineAmount])).toEqual([
          [10000, '1000', '1', '100.00'],
          [20000, '1000', '1', '100.00'],
        ]);

        const gl = await expectRegisterBalanced(t, posted.registerId);
        expect(Object.fromEntries(gl.map((e) => [e.accountNo, e.amount]))).toEqual(c.gl);
        expect(gl.every((e) => e.documentNo === c.postedNo && e.documentType === c.postedType)).toBe(true);
        const party = await t.run((ctx) => listPartyEntries(ctx, partyOf(c.area), { documentNo: c.postedNo }));
        expect(party).toHaveLength(1);
        expect(party[0]).toMatchObject({
          registerId: posted.registerId,
          amountLcy: c.partyAmount,
          remainingAmountLcy: c.partyAmount,
          open: true,
          postingDate: '2026-03-02',
        });

        // The document and its lines are gone (reference: a posted document is deleted).
        const footprint = await postingFootprint(t);
        expect(footprint).toMatchObject({ documents: 0, documentLines: 0, postedHeaders: 1, postedLines: 2 });
      });
    }

    it('a second posting takes the next number of the posted series and a register of its own', async () => {
      const t = await postingCompany(db());
      const first = await documentWithLines(t, 'purchase', 'invoice');
      const second = await documentWithLines(t, 'purchase', 'order', ['3']);
      const a = await t.run((ctx) => postDocument(ctx, first));
      const b = await t.run((ctx) => postDocument(ctx, second));
      expect([a.no, b.no]).toEqual(['PPI-0001', 'PPI-0002']);
      expect(b.registerId).not.toBe(a.registerId);
      expect(await t.run((ctx) => listPostedDocuments(ctx, { area: 'purchase' }))).toHaveLength(2);
      expect((await t.run((ctx) => listGlEntries(ctx, { documentNo: 'PPI-0002' }))).map((e) => e.amount)).toEqual([
        '-300',
        '300',
      ]);
    });

    it('two users posting the same document at once: one posts it, the other finds it gone (document-not-found)', async () => {
      const t = await postingCompany(db());
      const doc = await documentWithLines(t, 'purchase', 'invoice');
      const outcomes = await Promise.allSettled([
        t.run((ctx) => postDocument(ctx, doc), 'ALICIA'),
        t.run((ctx) => postDocument(ctx, doc), 'MARY'),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const [failure] = outcomes.filter((o) => o.status === 'rejected');
      expect((failure as PromiseRejectedResult).reason).toMatchObject({ code: 'document-not-found' });
      expect(await postingFootprint(t)).toMatchObject({ postedHeaders: 1, registers: 1, glEntries: 2, documents: 0 });
    });

    it('a document in a foreign currency posts its LCY amount to the G/L; the party entry keeps the currency amount', async () => {
      const t = await postingCompany(db());
      await t.run(async (ctx) => {
        await createCurrency(ctx, { code: 'USD', description: 'US dollar' });
        await setExchangeRate(ctx, { currencyCode: 'USD', startingDate: '2026-01-01', rate: '0.9' });
      }, 'ADMIN');
      const doc = await documentWithLines(t, 'purchase', 'invoice', ['1', '2'], 'ALICIA', { currencyCode: 'USD' });
      const posted = await t.run((ctx) => postDocument(ctx, doc));
      expect(posted).toMatchObject({ currencyCode: 'USD', exchangeRate: '0.9', amount: '300.00', amountLcy: '270.00' });
      const gl = await expectRegisterBalanced(t, posted.registerId);
      expect(Object.fromEntries(gl.map((e) => [e.accountNo, e.amount]))).toEqual({ '5000': '270', '2100': '-270' });
      const [vendorEntry] = await t.run((ctx) => listPartyEntries(ctx, 'vendor', { documentNo: posted.no }));
      expect(vendorEntry).toMatchObject({ currencyCode: 'USD', amount: '-300', amountLcy: '-270' });
    });

    it('the posting date is today in the company time zone unless given; a malformed one is refused with nothing written', async () => {
      const t = await postingCompany(db());
      const doc = await documentWithLines(t, 'sales', 'invoice');
      const before = await postingFootprint(t);
      await failsWith(
        t.run((ctx) => postDocument(ctx, doc, { postingDate: '27-02-2026' })),
        'posting-date-invalid',
      );
      expect(await postingFootprint(t)).toEqual(before);
      const posted = await t.run((ctx) => postDocument(ctx, doc, { postingDate: '2026-02-27' }));
      expect(posted.postingDate).toBe('2026-02-27');
      const [entry] = await t.run((ctx) => listPartyEntries(ctx, 'customer', { documentNo: posted.no }));
      expect(entry?.postingDate).toBe('2026-02-27');
    });

    it('posting publishes a document-posted webhook naming the posted document and the source', async () => {
      const t = await postingCompany(db());
      await t.run(
        (ctx) => createWebhookSubscription(ctx, { url: 'https://hooks.example.com/in', events: ['document-posted'] }),
        'ADMIN',
      );
      const doc = await documentWithLines(t, 'purchase', 'order');
      const posted = await t.run((ctx) => postDocument(ctx, doc));
      const deliveries = await t.run((ctx) =>
        ctx.tx.selectFrom('webhook_delivery').selectAll().where('company_id', '=', ctx.companyId).execute(),
      );
      expect(deliveries.map((d) => d.event)).toEqual(['document-posted']);
      expect(JSON.parse(deliveries[0]?.payload ?? '{}')).toMatchObject({
        table: 'posted-purchase-document',
        key: postedKey(posted),
        source: { table: 'purchase-header', key: doc.key },
        document: { no: 'PPI-0001', preAssignedNo: doc.no, sourceDocumentType: 'order' },
      });
    });
  });

  describe('refusals (nothing is written)', () => {
    async function refused(t: TestCompany, command: () => Promise<unknown>, code: string) {
      const before = await postingFootprint(t);
      const error = await failsWith(command(), code);
      expect(await postingFootprint(t)).toEqual(before);
      return error;
    }

    it('quotes and blanket orders cannot be posted (document-not-postable)', async () => {
      const t = await postingCompany(db());
      for (const documentType of ['quote', 'blanket-order']) {
        for (const area of ['purchase', 'sales'] as const) {
          const doc = await documentWithLines(t, area, documentType);
          const error = await refused(t, () => t.run((ctx) => postDocument(ctx, doc)), 'document-not-postable');
          expect(error.kind).toBe('invalid');
          await expectDocument(t, doc, 'Open');
        }
      }
    });

    it('a document without lines cannot be posted (document-has-no-lines)', async () => {
      const t = await postingCompany(db());
      const doc = await documentWithLines(t, 'purchase', 'invoice', []);
      await refused(t, () => t.run((ctx) => postDocument(ctx, doc)), 'document-has-no-lines');
      await expectDocument(t, doc, 'Open');
    });

    it('a restricted document is refused with record-restricted naming the restriction', async () => {
      const t = await postingCompany(db());
      const doc = await documentWithLines(t, 'purchase', 'invoice');
      await t.run(
        (ctx) => addRestriction(ctx, doc.table, doc.key, { workflowCode: 'HOLD', details: 'Held for the auditors.' }),
        'ADMIN',
      );
      const error = await refused(t, () => t.run((ctx) => postDocument(ctx, doc)), 'record-restricted');
      expect(error.message).toContain(`Purchase invoice ${doc.no}`);
      expect(error.message).toContain('Held for the auditors.');
      expect(error.details).toMatchObject({ workflow: 'HOLD', table: 'purchase-header', key: doc.key, action: 'post' });
      await expectDocument(t, doc, 'Open');
    });

    it('a restricted vendor blocks posting its purchase documents; a restricted customer its sales documents', async () => {
      const t = await postingCompany(db());
      const purchase = await documentWithLines(t, 'purchase', 'order');
      const sale = await documentWithLines(t, 'sales', 'order');
      await t.run(async (ctx) => {
        await addRestriction(ctx, 'vendor', 'V1000', { workflowCode: 'VENDAPW', details: 'New vendor under review.' });
        await addRestriction(ctx, 'customer', 'C1000', { workflowCode: 'CUSTAPW', details: 'New customer.' });
      }, 'ADMIN');
      const vendorError = await refused(t, () => t.run((ctx) => postDocument(ctx, purchase)), 'record-restricted');
      expect(vendorError.details).toMatchObject({ table: 'vendor', key: 'V1000', workflow: 'VENDAPW' });
      expect(vendorError.message).toContain('New vendor under review.');
      const customerError = await refused(t, () => t.run((ctx) => postDocument(ctx, sale)), 'record-restricted');
      expect(customerError.details).toMatchObject({ table: 'customer', key: 'C1000', workflow: 'CUSTAPW' });
    });

    it('a document pending approval is refused (document-pending-approval)', async () => {
      const t = await postingCompany(db());
      await enabledCopy(t, 'WS-PIAPW');
      const doc = await documentWithLines(t, 'purchase', 'invoice');
      await t.run((ctx) => sendApprovalRequest(ctx, doc.table, doc.key), 'ALICIA');
      // Pending Approval also means restricted; the status is named first.
      const error = await refused(t, () => t.run((ctx) => postDocument(ctx, doc)), 'document-pending-approval');
      expect(error.kind).toBe('conflict');
      await expectDocument(t, doc, 'Pending Approval');
    });

    it('D7: an Open document an enabled approval workflow covers is refused (document-not-approved); once approved and released it posts', async () => {
      const t = await postingCompany(db());
      await enabledCopy(t, 'WS-SIAPW');
      const doc = await documentWithLines(t, 'sales', 'invoice');
      await refused(t, () => t.run((ctx) => postDocument(ctx, doc)), 'document-not-approved');
      await approveUntilReleased(t, doc, 'JOHN');
      await expectDocument(t, doc, 'Released');
      const posted = await t.run((ctx) => postDocument(ctx, doc), 'ALICIA');
      expect(posted.no).toBe('SPI-0001');
      // A document of a type no workflow covers posts while Open.
      const memo = await documentWithLines(t, 'sales', 'credit-memo');
      expect((await t.run((ctx) => postDocument(ctx, memo))).no).toBe('SPCM-0001');
    });

    it('without a posting setup nothing is posted (posting-setup-missing)', async () => {
      const t = await readyCompany(db());
      const doc = await documentWithLines(t, 'purchase', 'invoice');
      await refused(t, () => t.run((ctx) => postDocument(ctx, doc)), 'posting-setup-missing');
      await expectDocument(t, doc, 'Open');
    });
  });

  describe('approval history moves to the posted document (reference §5.10)', () => {
    it('entries with their history and comments move to the posted invoice; queued notifications follow it; live entries and the restriction are gone', async () => {
      const t = await postingCompany(db());
      await enabledCopy(t, 'WS-PIAPW');
      const doc = await documentWithLines(t, 'purchase', 'invoice');
      await t.run((ctx) => sendApprovalRequest(ctx, doc.table, doc.key), 'ALICIA');
      await t.run((ctx) => addComment(ctx, doc.table, doc.key, 'Please approve before Friday.'), 'ALICIA');
      const [open] = (await entriesOf(t, doc.table, doc.key)).filter((e) => e.status === 'Open');
      if (!open) throw new Error('no open entry');
      await t.run((ctx) => approveEntries(ctx, [open.id]), 'JOHN');
      const liveHistory = await t.run((ctx) => entryHistory(ctx, open.id));
      const entryIds = (await entriesOf(t, doc.table, doc.key)).map((e) => e.id);
      expect(
        (await t.run((ctx) => listNotificationEntries(ctx))).some((n) => entryIds.includes(n.approval_entry_id ?? -1)),
      ).toBe(true);

      const posted = await t.run((ctx) => postDocument(ctx, doc), 'ALICIA');
      const target = { table: 'posted-purchase-document', key: postedKey(posted) };
      expect(target.key).toBe('["invoice","PPI-0001"]');
      const postedEntries = await t.run((ctx) => listPostedApprovalEntries(ctx, target));
      expect(postedEntries.map((e) => [e.entryId, e.approverId, e.status, e.documentNo, e.recordKey])).toEqual([
        [open.id, 'JOHN', 'Approved', doc.no, doc.key],
      ]);
      expect(postedEntries[0]).toMatchObject({ postedBy: 'ALICIA', table: 'purchase-header', senderId: 'ALICIA' });
      expect(postedEntries[0]?.history.map((h) => [h.action, h.toStatus, h.byUser])).toEqual(
        liveHistory.map((h) => [h.action, h.to_status, h.by_user]),
      );
      expect(postedEntries[0]?.history.at(-1)).toMatchObject({ action: 'approved', byUser: 'JOHN' });
      const comments = await t.run((ctx) => listPostedApprovalComments(ctx, target));
      expect(comments.map((c) => [c.userId, c.comment, c.recordKey])).toEqual([
        ['ALICIA', 'Please approve before Friday.', doc.key],
      ]);

      // Nothing of it is left in the live tables.
      expect(await entriesOf(t, doc.table, doc.key)).toEqual([]);
      expect(await t.run((ctx) => entryHistory(ctx, open.id))).toEqual([]);
      expect(await t.run((ctx) => listComments(ctx, doc.table, doc.key))).toEqual([]);
      // Notifications still waiting (JOHN's request, now decided) speak of the posted invoice.
      const waiting = (await t.run((ctx) => listNotificationEntries(ctx))).filter((n) =>
        entryIds.includes(n.approval_entry_id ?? -1),
      );
      expect(waiting.length).toBeGreaterThan(0);
      expect(waiting.every((n) => n.table_name === target.table && n.record_key === target.key)).toBe(true);
      expect(await notificationTitles(t, 'JOHN')).toEqual([
        expect.stringMatching(/^Posted purchase document invoice PPI-0001 .*approved/i),
      ]);
      expect(await t.run((ctx) => findRestriction(ctx, doc.table, doc.key))).toBeUndefined();
      const full = await t.run((ctx) => getPostedDocument(ctx, posted));
      expect(full.lines).toHaveLength(1);
    });
  });

  describe('the posted event (table relation purchase-header no → posted document preAssignedNo)', () => {
    for (const area of ['purchase', 'sales'] as const) {
      const header = area === 'purchase' ? 'purchase-header' : 'sales-header';
      const prefix = area === 'purchase' ? 'purchase-document' : 'sales-document';

      it(`${area}: a workflow waiting after the release continues when a user posts the invoice`, async () => {
        const t = await postingCompany(db());
        await t.run(
          (ctx) =>
            enabledWorkflow(ctx, 'AFTERPOST', [
              event(1, null, `${prefix}.released`, { conditions: { [header]: { documentType: 'invoice' } } }),
              response(2, 1, 'show-message', { message: 'Released; waiting for the posting.' }),
              event(3, 2, `${prefix}.posted`),
              response(4, 3, 'show-message', { message: 'The invoice was posted.' }),
            ]),
          'ADMIN',
        );
        const doc = await documentWithLines(t, area, 'invoice');
        const released = await t.run((ctx) => releaseDocumentByUser(ctx, doc), 'ALICIA');
        expect(released.messages).toEqual(['Released; waiting for the posting.']);
        expect(await t.run((ctx) => listInstances(ctx, { workflowCode: 'AFTERPOST' }))).toHaveLength(1);

        const result = await t.run((ctx) => postDocumentWithMessages(ctx, doc), 'ALICIA');
        expect(result.messages).toEqual(['The invoice was posted.']);
        expect(await t.run((ctx) => listInstances(ctx, { workflowCode: 'AFTERPOST' }))).toEqual([]);
        const [archived] = await t.run((ctx) => listArchivedInstances(ctx, { workflowCode: 'AFTERPOST' }));
        expect(archived?.record.key).toBe(doc.key);
      });

      it(`${area}: a credit memo raises no posted event, so such a workflow keeps waiting`, async () => {
        const t = await postingCompany(db());
        await t.run(
          (ctx) =>
            enabledWorkflow(ctx, 'AFTERPOST', [
              event(1, null, `${prefix}.released`),
              response(2, 1, 'do-nothing'),
              event(3, 2, `${prefix}.posted`),
              response(4, 3, 'show-message', { message: 'posted' }),
            ]),
          'ADMIN',
        );
        const doc = await documentWithLines(t, area, 'credit-memo');
        await t.run((ctx) => releaseDocumentByUser(ctx, doc), 'ALICIA');
        const result = await t.run((ctx) => postDocumentWithMessages(ctx, doc), 'ALICIA');
        expect(result.document.documentType).toBe('credit-memo');
        expect(result.messages).toEqual([]);
        expect(await t.run((ctx) => listInstances(ctx, { workflowCode: 'AFTERPOST' }))).toHaveLength(1);
      });
    }

    it('the document.post response posts the released document and the same instance continues on the posted event', async () => {
      const t = await postingCompany(db());
      await t.run(
        (ctx) =>
          enabledWorkflow(ctx, 'POSTNOW', [
            event(1, null, 'purchase-document.released', {
              conditions: { 'purchase-header': { documentType: 'order', status: 'Released' } },
            }),
            response(2, 1, 'document.post'),
            event(3, 2, 'purchase-document.posted'),
            response(4, 3, 'show-message', { message: 'Order posted by the workflow.' }),
          ]),
        'ADMIN',
      );
      const doc = await documentWithLines(t, 'purchase', 'order', ['2']);
      const released = await t.run((ctx) => releaseDocumentByUser(ctx, doc), 'ALICIA');
      expect(released.messages).toEqual(['Order posted by the workflow.']);
      const [posted] = await t.run((ctx) => listPostedDocuments(ctx, { preAssignedNo: doc.no }));
      expect(posted).toMatchObject({ no: 'PPI-0001', amountLcy: '200.00', postedBy: 'ALICIA' });
      await expectRegisterBalanced(t, posted?.registerId ?? 0);
      expect(await postingFootprint(t)).toMatchObject({ documents: 0 });
      expect(await t.run((ctx) => listInstances(ctx, { workflowCode: 'POSTNOW' }))).toEqual([]);
      expect(await t.run((ctx) => listArchivedInstances(ctx, { workflowCode: 'POSTNOW' }))).toHaveLength(1);
    });

    it('a final approval whose release a workflow posts at once: the approval and the posting are one command', async () => {
      const t = await postingCompany(db());
      await enabledCopy(t, 'WS-PIAPW');
      await t.run(
        (ctx) =>
          enabledWorkflow(ctx, 'POSTNOW', [
            event(1, null, 'purchase-document.released', {
              conditions: { 'purchase-header': { documentType: 'invoice', status: 'Released' } },
            }),
            response(2, 1, 'document.post'),
          ]),
        'ADMIN',
      );
      const doc = await documentWithLines(t, 'purchase', 'invoice');
      const [decision] = await approveUntilReleased(t, doc, 'JOHN');
      // The entry moved to the posted invoice in the same command; the decision still reports it.
      expect(decision?.entry).toMatchObject({ approverId: 'JOHN', status: 'Approved', modifiedBy: 'JOHN' });
      const [posted] = await t.run((ctx) => listPostedDocuments(ctx, { preAssignedNo: doc.no }));
      expect(posted).toMatchObject({ no: 'PPI-0001', postedBy: 'JOHN' });
      const entries = await t.run((ctx) =>
        listPostedApprovalEntries(ctx, {
          table: 'posted-purchase-document',
          key: postedKey({ documentType: 'invoice', no: 'PPI-0001' }),
        }),
      );
      expect(entries.map((e) => [e.approverId, e.status])).toEqual([['JOHN', 'Approved']]);
      expect(await entriesOf(t, doc.table, doc.key)).toEqual([]);
    });

    it('the document.post response refuses a record that is not a purchase or sales document', async () => {
      const t = await postingCompany(db());
      const vendor = { table: 'vendor', key: 'V1000', data: { no: 'V1000' } };
      for (const code of ['document.post', 'document.post-in-background']) {
        await failsWith(
          t.run(async (ctx) =>
            t.app.registry.response(code).execute(
              {
                ...ctx,
                instance: { id: 'none', workflowCode: 'TEST', workflowDescription: 'Test' },
                step: { id: 1, description: '' },
                raiseEvent: async () => {},
                raiseEventOnInstance: async () => {},
                showMessage: () => {},
              },
              { record: vendor, oldRecord: undefined, options: {} },
            ),
          ),
          'response-record-unsupported',
        );
      }
    });
  });
});
