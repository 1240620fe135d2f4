import { describe, expect, it } from 'vitest';
import { releaseDocumentByUser, reopenDocumentByUser } from '../../src/approvals/document-release.ts';
import { listNotificationEntries } from '../../src/approvals/notify.ts';
import { listArchivedInstances, listInstances } from '../../src/engine/execution/instance-queries.ts';
import { enqueueJob } from '../../src/jobs/enqueue.ts';
import { productJobHandlers } from '../../src/jobs/handlers.ts';
import { getJob } from '../../src/jobs/queries.ts';
import {
  listPostedApprovalEntries,
  listPostedDocuments,
  POST_DOCUMENT_JOB,
  postedKey,
  schedulePosting,
} from '../../src/posting/index.ts';
import { enabledCopy, entriesOf, failsWith } from '../approvals/actions/fixtures.ts';
import { testWorker } from '../jobs/job-harness.ts';
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

/**
 * The purchase invoice processing shape (reference pattern G), without the payment line: when a
 * purchase invoice is released, queue its posting; when the posted invoice exists, notify ALICIA.
 */
async function autoPostWorkflow(t: TestCompany) {
  await t.run(
    (ctx) =>
      enabledWorkflow(ctx, 'AUTOPOST', [
        event(1, null, 'purchase-document.released', {
          conditions: { 'purchase-header': { documentType: 'invoice', status: 'Released' } },
        }),
        response(2, 1, 'document.post-in-background'),
        event(3, 2, 'purchase-document.posted'),
        response(4, 3, 'notification.create-entry', { recipientId: 'ALICIA' }),
      ]),
    'ADMIN',
  );
}

function worker(t: TestCompany) {
  return testWorker(t.app, productJobHandlers(t.app));
}

async function postingJobs(t: TestCompany) {
  return t.run(async (ctx) =>
    ctx.tx
      .selectFrom('job')
      .selectAll()
      .where('company_id', '=', ctx.companyId)
      .where('kind', '=', POST_DOCUMENT_JOB)
      .orderBy('id')
      .execute(),
  );
}

describeEachDialect('posting in the background', (db) => {
  it('an approved invoice is released, posted by a worker as the approver, and the waiting workflow continues on the posted event', async () => {
    const t = await postingCompany(db());
    await enabledCopy(t, 'WS-PIAPW');
    await autoPostWorkflow(t);
    const doc = await documentWithLines(t, 'purchase', 'invoice', ['2']);
    await approveUntilReleased(t, doc, 'JOHN');

    // Released, and its posting queued in the same transaction; nothing is posted yet.
    await expectDocument(t, doc, 'Released');
    const [job] = await postingJobs(t);
    expect(job).toMatchObject({
      status: 'queued',
      job_key: `post-document:${await companyId(t)}:purchase:invoice:${doc.no}`,
    });
    expect(JSON.parse(job?.payload ?? '{}')).toEqual({
      area: 'purchase',
      documentType: 'invoice',
      no: doc.no,
      userId: 'JOHN',
    });
    expect(await t.run((ctx) => listInstances(ctx, { workflowCode: 'AUTOPOST' }))).toHaveLength(1);
    expect((await postingFootprint(t)).postedHeaders).toBe(0);

    expect(await worker(t).runOnce()).toMatchObject({ done: 1, dead: 0 });
    const [posted] = await t.run((ctx) => listPostedDocuments(ctx, { preAssignedNo: doc.no }));
    expect(posted).toMatchObject({
      no: 'PPI-0001',
      postedBy: 'JOHN',
      amountLcy: '200.00',
      sourceDocumentType: 'invoice',
    });
    await expectRegisterBalanced(t, posted?.registerId ?? 0);
    expect(await postingFootprint(t)).toMatchObject({ documents: 0, documentLines: 0 });

    // The workflow went on from the posted event and is finished.
    expect(await t.run((ctx) => listInstances(ctx, { workflowCode: 'AUTOPOST' }))).toEqual([]);
    expect(await t.run((ctx) => listArchivedInstances(ctx, { workflowCode: 'AUTOPOST' }))).toHaveLength(1);
    const notes = (await t.run((ctx) => listNotificationEntries(ctx, 'ALICIA'))).filter(
      (n) => n.table_name === 'posted-purchase-document',
    );
    expect(notes.map((n) => [n.type, n.record_key, n.sender_id])).toEqual([
      ['new-record', postedKey({ documentType: 'invoice', no: 'PPI-0001' }), 'JOHN'],
    ]);

    // The approval history went with it.
    expect(await entriesOf(t, doc.table, doc.key)).toEqual([]);
    const postedEntries = await t.run((ctx) =>
      listPostedApprovalEntries(ctx, {
        table: 'posted-purchase-document',
        key: postedKey({ documentType: 'invoice', no: 'PPI-0001' }),
      }),
    );
    expect(postedEntries.map((e) => [e.approverId, e.status])).toEqual([['JOHN', 'Approved']]);
    expect((await getJob(db().db, job?.id ?? 0))?.status).toBe('done');
  });

  describe('scheduling', () => {
    it('only a released document is queued (document-not-released); quotes are refused as for posting now', async () => {
      const t = await postingCompany(db());
      const open = await documentWithLines(t, 'sales', 'order');
      const before = await postingFootprint(t);
      await failsWith(
        t.run((ctx) => schedulePosting(ctx, open)),
        'document-not-released',
      );
      const quote = await documentWithLines(t, 'sales', 'quote');
      await failsWith(
        t.run((ctx) => schedulePosting(ctx, quote)),
        'document-not-postable',
      );
      expect((await postingFootprint(t)).jobs).toBe(before.jobs);
    });

    it('a document is queued once: scheduling it again while the job waits answers the same job', async () => {
      const t = await postingCompany(db());
      const doc = await documentWithLines(t, 'sales', 'order');
      await t.run((ctx) => releaseDocumentByUser(ctx, doc), 'ALICIA');
      const first = await t.run((ctx) => schedulePosting(ctx, doc), 'ALICIA');
      const second = await t.run((ctx) => schedulePosting(ctx, doc), 'MARY');
      expect(first.queued).toBe(true);
      expect(second).toEqual({ jobId: first.jobId, queued: false });
      expect(await postingJobs(t)).toHaveLength(1);

      expect(await worker(t).runOnce()).toMatchObject({ done: 1 });
      const [posted] = await t.run((ctx) => listPostedDocuments(ctx, { area: 'sales' }));
      expect(posted).toMatchObject({ no: 'SPI-0001', preAssignedNo: doc.no, postedBy: 'ALICIA' });
    });

    it('a job that runs again after its document was posted does nothing (at-least-once delivery)', async () => {
      const t = await postingCompany(db());
      const doc = await documentWithLines(t, 'purchase', 'order');
      await t.run((ctx) => releaseDocumentByUser(ctx, doc), 'ALICIA');
      const { jobId } = await t.run((ctx) => schedulePosting(ctx, doc), 'ALICIA');
      const [job] = await postingJobs(t);
      await worker(t).runOnce();
      const after = await postingFootprint(t);
      expect(after.postedHeaders).toBe(1);
      // The same job delivered a second time.
      await enqueueJob(
        db().db,
        { kind: POST_DOCUMENT_JOB, payload: JSON.parse(job?.payload ?? '{}'), companyId: await companyId(t) },
        t.app.clock(),
      );
      expect(await worker(t).runOnce()).toMatchObject({ done: 1, dead: 0 });
      expect(await postingFootprint(t)).toEqual({ ...after, jobs: after.jobs + 1 });
      expect((await getJob(db().db, jobId))?.status).toBe('done');
    });

    it('a job whose document was reopened meanwhile dies at once with document-not-released; the document stays', async () => {
      const t = await postingCompany(db());
      const doc = await documentWithLines(t, 'purchase', 'order');
      await t.run((ctx) => releaseDocumentByUser(ctx, doc), 'ALICIA');
      const { jobId } = await t.run((ctx) => schedulePosting(ctx, doc), 'ALICIA');
      await t.run((ctx) => reopenDocumentByUser(ctx, doc), 'ALICIA');
      expect(await worker(t).runOnce()).toMatchObject({ dead: 1 });
      const job = await getJob(db().db, jobId);
      expect(job?.status).toBe('dead');
      expect(job?.lastError).toContain('document-not-released');
      await expectDocument(t, doc, 'Open');
      expect((await postingFootprint(t)).postedHeaders).toBe(0);
    });
  });
});

async function companyId(t: TestCompany): Promise<number> {
  return t.run(async (ctx) => ctx.companyId);
}
