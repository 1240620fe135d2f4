import { expect, it } from 'vitest';
import { releaseDocumentByUser } from '../../src/approvals/document-release.ts';
import { validateWorkflow } from '../../src/engine/definition/enable.ts';
import type { WorkflowStepInput } from '../../src/engine/definition/types.ts';
import { createWorkflow } from '../../src/engine/definition/workflows.ts';
import { listArchivedInstances, listInstances } from '../../src/engine/execution/instance-queries.ts';
import type { JobContext, RunningJob } from '../../src/jobs/types.ts';
import { createPaymentLine, journalJobHandlers, PAYMENT_LINE_JOB, postJournalBatch } from '../../src/journals/index.ts';
import { listPartyEntries } from '../../src/ledger/queries.ts';
import { listPostedDocuments } from '../../src/posting/posted-documents.ts';
import { addLine, createDocument, findRestriction } from '../../src/records/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { enabledWorkflow, type TestCompany } from '../support/harness.ts';
import { enabledCopy, failsWith, GENERAL, journalsCompany, linesOf, notifications, PAYMENTS } from './fixtures.ts';

const TARGET = { templateName: 'PAYMENT', batchName: 'BANK' };

/**
 * Released invoice → post → posted → (background) payment line → line created [payment] → a
 * notification for ALICIA and a message (the shape of the purchase invoice workflow).
 */
function paymentWorkflow(response: string, options: Record<string, unknown> = TARGET): WorkflowStepInput[] {
  return [
    {
      id: 1,
      previousStepId: null,
      type: 'event',
      functionCode: 'purchase-document.released',
      conditions: { 'purchase-header': { documentType: 'invoice' } },
    },
    { id: 2, previousStepId: 1, type: 'response', functionCode: 'document.post' },
    { id: 3, previousStepId: 2, type: 'event', functionCode: 'purchase-document.posted' },
    { id: 4, previousStepId: 3, type: 'response', functionCode: response, options },
    {
      id: 5,
      previousStepId: 4,
      type: 'event',
      functionCode: 'gen-journal-line.created',
      conditions: { 'gen-journal-line': { documentType: 'payment' } },
    },
    {
      id: 6,
      previousStepId: 5,
      type: 'response',
      functionCode: 'notification.create-entry',
      options: { recipientId: 'ALICIA' },
    },
    {
      id: 7,
      previousStepId: 6,
      type: 'response',
      functionCode: 'show-message',
      options: { message: 'Payment prepared.' },
    },
  ];
}

/** Releases a purchase invoice of V1000 over 3 × 100.00, which the workflow posts; returns the messages and the posted invoice. */
async function postInvoice(t: TestCompany) {
  return t.run(async (ctx) => {
    const header = await createDocument(ctx, { area: 'purchase', documentType: 'invoice', partyNo: 'V1000' });
    await addLine(ctx, header, { type: 'item', no: '1000', quantity: '3' });
    const released = await releaseDocumentByUser(ctx, { area: 'purchase', documentType: 'invoice', no: header.no });
    const [posted] = await listPostedDocuments(ctx, { area: 'purchase' });
    if (!posted) throw new Error('the invoice was not posted');
    return { messages: released.messages, no: posted.no, amountLcy: posted.amountLcy };
  }, 'ALICIA');
}

/** The queued payment line job of the company, and a handler call that runs it once more. */
async function paymentLineJob(t: TestCompany) {
  const [row] = await t.run((ctx) =>
    ctx.tx
      .selectFrom('job')
      .selectAll()
      .where('company_id', '=', ctx.companyId)
      .where('kind', '=', PAYMENT_LINE_JOB)
      .execute(),
  );
  if (!row) throw new Error('no payment line job');
  const job: RunningJob = {
    id: row.id,
    kind: row.kind,
    payload: JSON.parse(row.payload),
    companyId: row.company_id,
    attempt: 1,
    maxAttempts: row.max_attempts,
  };
  const jobContext = {
    app: t.app,
    db: t.app.database.db,
    now: new Date(),
    workerId: 'test',
    signal: new AbortController().signal,
  } as JobContext;
  return () => journalJobHandlers[PAYMENT_LINE_JOB]?.(job, jobContext);
}

const paymentInstances = (t: TestCompany) =>
  t.run(async (ctx) => ({
    live: (await listInstances(ctx, { workflowCode: 'PAYLINE' })).length,
    archived: (await listArchivedInstances(ctx, { workflowCode: 'PAYLINE' })).length,
  }));

describeEachDialect('payment lines for posted purchase invoices', (db) => {
  it('payment-line.create makes a system-created payment line that settles the invoice, and the workflow goes on with it', async () => {
    const t = await journalsCompany(db());
    // A line approval workflow is enabled, yet the payment line (made by a workflow) is not restricted.
    await enabledCopy(t, 'WS-GJLAPW');
    await t.run((ctx) => enabledWorkflow(ctx, 'PAYLINE', paymentWorkflow('payment-line.create')), 'ADMIN');
    const posted = await postInvoice(t);
    expect(posted.messages).toEqual(['Payment prepared.']);
    const [line] = await linesOf(t, PAYMENTS);
    expect(line).toMatchObject({
      lineNo: 10000,
      documentType: 'payment',
      documentNo: 'PAYMENT-0001',
      accountType: 'vendor',
      accountNo: 'V1000',
      amount: posted.amountLcy,
      balAccountType: 'bank-account',
      balAccountNo: 'BANK1',
      appliesToDocNo: posted.no,
      systemCreated: true,
      postingDate: '2026-03-02',
    });
    const lineKey = JSON.stringify(['PAYMENT', 'BANK', 10000]);
    expect(await t.run((ctx) => findRestriction(ctx, 'gen-journal-line', lineKey))).toBeUndefined();
    expect((await notifications(t, 'ALICIA')).map((n) => [n.type, n.key])).toEqual([['new-record', lineKey]]);
    expect(await paymentInstances(t)).toEqual({ live: 0, archived: 1 });
    // Posting the payment journal pays the invoice.
    await t.run((ctx) => postJournalBatch(ctx, 'PAYMENT', 'BANK'));
    const entries = await t.run((ctx) => listPartyEntries(ctx, 'vendor', { partyNo: 'V1000' }));
    expect(entries.map((e) => [e.documentType, e.open])).toEqual([
      ['invoice', false],
      ['payment', false],
    ]);
  });

  it('payment-line.create-in-background queues a job; the job makes the line once and the waiting workflow goes on', async () => {
    const t = await journalsCompany(db());
    await t.run(
      (ctx) => enabledWorkflow(ctx, 'PAYLINE', paymentWorkflow('payment-line.create-in-background')),
      'ADMIN',
    );
    const posted = await postInvoice(t);
    expect(posted.messages).toEqual([]);
    expect(await linesOf(t, PAYMENTS)).toEqual([]);
    expect(await paymentInstances(t)).toEqual({ live: 1, archived: 0 });
    const jobs = await t.run((ctx) =>
      ctx.tx
        .selectFrom('job')
        .selectAll()
        .where('company_id', '=', ctx.companyId)
        .where('kind', '=', PAYMENT_LINE_JOB)
        .execute(),
    );
    expect(jobs).toHaveLength(1);
    const [row] = jobs;
    if (!row) throw new Error('no job');
    const job: RunningJob = {
      id: row.id,
      kind: row.kind,
      payload: JSON.parse(row.payload),
      companyId: row.company_id,
      attempt: 1,
      maxAttempts: row.max_attempts,
    };
    const jobContext = {
      app: t.app,
      db: t.app.database.db,
      now: new Date(),
      workerId: 'test',
      signal: new AbortController().signal,
    } as JobContext;
    const handler = journalJobHandlers[PAYMENT_LINE_JOB];
    await handler?.(job, jobContext);
    expect((await linesOf(t, PAYMENTS)).map((l) => [l.accountNo, l.amount, l.appliesToDocNo, l.systemCreated])).toEqual(
      [['V1000', posted.amountLcy, posted.no, true]],
    );
    expect(await paymentInstances(t)).toEqual({ live: 0, archived: 1 });
    expect((await notifications(t, 'ALICIA')).map((n) => n.type)).toEqual(['new-record']);
    // At least once: running the job again changes nothing.
    await handler?.(job, jobContext);
    expect(await linesOf(t, PAYMENTS)).toHaveLength(1);
    expect(await notifications(t, 'ALICIA')).toHaveLength(1);
  });

  it('a payment line job run again after its line was posted prepares no second payment: the invoice is paid', async () => {
    const t = await journalsCompany(db());
    await t.run(
      (ctx) => enabledWorkflow(ctx, 'PAYLINE', paymentWorkflow('payment-line.create-in-background')),
      'ADMIN',
    );
    const posted = await postInvoice(t);
    const runJob = await paymentLineJob(t);
    await runJob();
    expect(await linesOf(t, PAYMENTS)).toHaveLength(1);
    await t.run((ctx) => postJournalBatch(ctx, 'PAYMENT', 'BANK'));
    expect(await linesOf(t, PAYMENTS)).toEqual([]);
    const told = await notifications(t, 'ALICIA');
    // Delivered again (at least once): the invoice's entry is closed, so nothing is made or announced.
    await runJob();
    expect(await linesOf(t, PAYMENTS)).toEqual([]);
    expect(await notifications(t, 'ALICIA')).toEqual(told);
    const result = await t.run((ctx) => createPaymentLine(ctx, TARGET, { documentType: 'invoice', no: posted.no }));
    expect(result).toEqual({ created: false, reason: 'invoice-closed' });
    const payments = await t.run((ctx) => listPartyEntries(ctx, 'vendor', { partyNo: 'V1000' }));
    expect(payments.map((e) => e.documentType)).toEqual(['invoice', 'payment']);
  });

  it('no payment line is made while a journal line of any batch settles the invoice already', async () => {
    const t = await journalsCompany(db());
    await t.run((ctx) => enabledWorkflow(ctx, 'PAYLINE', paymentWorkflow('payment-line.create')), 'ADMIN');
    const posted = await postInvoice(t);
    const [line] = await linesOf(t, PAYMENTS);
    expect(line?.appliesToDocNo).toBe(posted.no);
    const again = await t.run((ctx) => createPaymentLine(ctx, GENERAL, { documentType: 'invoice', no: posted.no }));
    expect(again).toMatchObject({ created: false, reason: 'line-exists', line: { lineNo: line?.lineNo } });
    expect(await linesOf(t, GENERAL)).toEqual([]);
    expect(await linesOf(t, PAYMENTS)).toHaveLength(1);
  });

  it('without a template and batch a payment-line workflow cannot be enabled', async () => {
    const t = await journalsCompany(db());
    for (const response of ['payment-line.create', 'payment-line.create-in-background']) {
      const code = response.endsWith('background') ? 'PAYBG' : 'PAYNOW';
      const problems = await t.run(async (ctx) => {
        await createWorkflow(ctx, {
          code,
          description: code,
          steps: paymentWorkflow(response, { templateName: 'PAYMENT' }),
        });
        return validateWorkflow(ctx, code);
      }, 'ADMIN');
      expect(problems.map((p) => [p.code, p.stepId, p.message.includes('batchName')])).toEqual([
        ['response-options-missing', 4, true],
      ]);
    }
  });

  it('a payment line is made only for a posted purchase invoice, in a batch that exists', async () => {
    const t = await journalsCompany(db());
    await t.run((ctx) =>
      ctx.tx
        .insertInto('posted_document_header')
        .values({
          company_id: ctx.companyId,
          area: 'purchase',
          document_type: 'credit-memo',
          no: 'PPCM-0001',
          pre_assigned_no: 'PCM-0001',
          source_document_type: 'credit-memo',
          party_no: 'V1000',
          party_name: 'Fabrikam',
          salesperson_code: '',
          currency_code: '',
          exchange_rate: '1',
          invoice_discount: '0',
          line_total: '100',
          amount: '100',
          amount_lcy: '100',
          document_date: '2026-03-02',
          posting_date: '2026-03-02',
          created_by: 'ALICIA',
          posted_by: 'ALICIA',
          posted_at: '2026-03-02T09:00:00.000Z',
          register_id: 0,
        })
        .execute(),
    );
    await failsWith(
      t.run((ctx) => createPaymentLine(ctx, TARGET, { documentType: 'credit-memo', no: 'PPCM-0001' })),
      'payment-line-needs-invoice',
    );
    await failsWith(
      t.run((ctx) => createPaymentLine(ctx, TARGET, { documentType: 'invoice', no: 'PPI-9999' })),
      'posted-document-not-found',
    );
    await failsWith(
      t.run((ctx) =>
        createPaymentLine(
          ctx,
          { templateName: 'PAYMENT', batchName: 'NOPE' },
          { documentType: 'credit-memo', no: 'PPCM-0001' },
        ),
      ),
      'journal-batch-not-found',
    );
    expect(await linesOf(t, PAYMENTS)).toEqual([]);
  });
});
