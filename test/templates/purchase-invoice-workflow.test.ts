import { expect, it } from 'vitest';
import { releaseDocumentByUser } from '../../src/approvals/document-release.ts';
import { approveEntries, sendApprovalRequest } from '../../src/approvals/user-actions.ts';
import { enableWorkflow } from '../../src/engine/definition/enable.ts';
import { getWorkflow } from '../../src/engine/definition/workflow-store.ts';
import { updateWorkflow } from '../../src/engine/definition/workflows.ts';
import { listArchivedInstances, listInstances } from '../../src/engine/execution/instance-queries.ts';
import { productJobHandlers } from '../../src/jobs/handlers.ts';
import { listJournalLines } from '../../src/journals/index.ts';
import { listPartyEntries } from '../../src/ledger/queries.ts';
import { listPostedDocuments } from '../../src/posting/posted-documents.ts';
import { findDocument } from '../../src/records/index.ts';
import { workflowFromTemplate } from '../../src/templates/index.ts';
import { enabledCopy, entriesOf, notifications } from '../approvals/actions/fixtures.ts';
import { testWorker } from '../jobs/job-harness.ts';
import { journalsCompany, PAYMENTS } from '../journals/fixtures.ts';
import { documentWithLines } from '../posting/fixtures.ts';
import { describeEachDialect } from '../support/dialects.ts';
import type { TestCompany } from '../support/harness.ts';

/** A copy of WS-PIW with the payment batch PAYMENT/BANK and ALICIA to notify, enabled. */
async function enabledPurchaseInvoiceWorkflow(t: TestCompany): Promise<string> {
  return t.run(async (ctx) => {
    const copy = await workflowFromTemplate(ctx, 'WS-PIW');
    const workflow = await getWorkflow(ctx, copy.code);
    const steps = workflow.steps.map((s) =>
      s.functionCode === 'payment-line.create-in-background'
        ? { ...s, options: { ...PAYMENTS } }
        : s.functionCode === 'notification.create-entry'
          ? { ...s, options: { ...s.options, recipientId: 'ALICIA' } }
          : s,
    );
    await updateWorkflow(ctx, copy.code, { steps });
    await enableWorkflow(ctx, copy.code);
    return copy.code;
  }, 'ADMIN');
}

const worker = (t: TestCompany) => testWorker(t.app, productJobHandlers(t.app));

async function expectPaidByPaymentLine(t: TestCompany, invoiceNo: string, postedBy: string) {
  const [posted] = await t.run((ctx) => listPostedDocuments(ctx, { area: 'purchase', preAssignedNo: invoiceNo }));
  expect(posted).toMatchObject({ documentType: 'invoice', amountLcy: '300.00', postedBy });
  // The vendor's invoice is open until the payment line is posted.
  const [vendorEntry] = await t.run((ctx) => listPartyEntries(ctx, 'vendor', { documentNo: posted?.no }));
  expect(vendorEntry).toMatchObject({ amountLcy: '-300', open: true });
  const lines = await t.run((ctx) => listJournalLines(ctx, PAYMENTS.templateName, PAYMENTS.batchName));
  expect(lines).toEqual([
    expect.objectContaining({
      documentType: 'payment',
      accountType: 'vendor',
      accountNo: 'V1000',
      amount: '300.00',
      appliesToDocNo: posted?.no,
      balAccountType: 'bank-account',
      balAccountNo: 'BANK1',
    }),
  ]);
  return posted;
}

describeEachDialect('WS-PIW: purchase invoice processing', (db) => {
  it('a released invoice is posted in the background, a payment line is prepared in the background, and the chosen user is told', async () => {
    const t = await journalsCompany(db());
    const code = await enabledPurchaseInvoiceWorkflow(t);
    const invoice = await documentWithLines(t, 'purchase', 'invoice', ['3']);
    await t.run((ctx) => releaseDocumentByUser(ctx, invoice), 'ALICIA');

    // Released now; the posting waits for a worker.
    expect((await t.run((ctx) => findDocument(ctx, invoice)))?.status).toBe('Released');
    expect(await t.run((ctx) => listInstances(ctx, { workflowCode: code }))).toHaveLength(1);

    // Two jobs: the posting, which queues the payment line, and then the payment line.
    expect(await worker(t).runOnce()).toMatchObject({ done: 2, dead: 0 });
    expect(await t.run((ctx) => findDocument(ctx, invoice))).toBeUndefined();
    const posted = await expectPaidByPaymentLine(t, invoice.no, 'ALICIA');

    // The line created event finished the instance with a notification for ALICIA about the line.
    expect(await t.run((ctx) => listInstances(ctx, { workflowCode: code }))).toEqual([]);
    expect(await t.run((ctx) => listArchivedInstances(ctx, { workflowCode: code }))).toHaveLength(1);
    const told = await notifications(t, 'ALICIA');
    expect(told).toEqual([
      expect.objectContaining({
        type: 'new-record',
        key: JSON.stringify([PAYMENTS.templateName, PAYMENTS.batchName, 10000]),
      }),
    ]);
    expect(posted?.no).toMatch(/^PPI-/);
    // Nothing is left to do.
    expect(await worker(t).runOnce()).toMatchObject({ done: 0 });
  });

  it('with the invoice approval workflow, the approval releases the invoice and WS-PIW takes it from there', async () => {
    const t = await journalsCompany(db());
    await enabledCopy(t, 'WS-PIAPW');
    await enabledPurchaseInvoiceWorkflow(t);
    const invoice = await documentWithLines(t, 'purchase', 'invoice', ['3']);
    await t.run((ctx) => sendApprovalRequest(ctx, invoice.table, invoice.key), 'ALICIA');
    const [entry] = await entriesOf(t, invoice.table, invoice.key);
    await t.run((ctx) => approveEntries(ctx, [entry?.id ?? 0]), entry?.approverId);
    expect((await t.run((ctx) => findDocument(ctx, invoice)))?.status).toBe('Released');

    expect(await worker(t).runOnce()).toMatchObject({ done: 2, dead: 0 });
    await expectPaidByPaymentLine(t, invoice.no, entry?.approverId ?? '');
  });

  it('a released order is not a purchase invoice: WS-PIW does not start and nothing is queued', async () => {
    const t = await journalsCompany(db());
    const code = await enabledPurchaseInvoiceWorkflow(t);
    const order = await documentWithLines(t, 'purchase', 'order', ['3']);
    await t.run((ctx) => releaseDocumentByUser(ctx, order), 'ALICIA');
    expect(await t.run((ctx) => listInstances(ctx, { workflowCode: code }))).toEqual([]);
    expect(await worker(t).runOnce()).toMatchObject({ done: 0 });
    expect((await t.run((ctx) => findDocument(ctx, order)))?.status).toBe('Released');
  });
});
