import type { Werkstroom } from '../app/werkstroom.ts';
import { companySettings } from '../approvals/company-settings.ts';
import type { EngineContext } from '../engine/context.ts';
import { handleEvent } from '../engine/execution/handle-event.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import { enqueueFromContext } from '../jobs/enqueue.ts';
import { type JobHandler, PermanentJobError } from '../jobs/types.ts';
import { listPartyEntries } from '../ledger/queries.ts';
import { lookupCode } from '../records/codes.ts';
import { nextNumber } from '../records/number-series.ts';
import { invalid, isWerkstroomError, notFound } from '../shared/errors.ts';
import { LINE_CREATED, PAYMENT_LINE_JOB } from './codes.ts';
import { insertJournalLine, type JournalLine, journalLineToRecord, listLinesApplyingTo } from './lines.ts';
import { getJournalBatch } from './setup.ts';

/** Where a payment line goes: the journal template and batch named in the response's options. */
export interface PaymentLineTarget {
  readonly templateName: string;
  readonly batchName: string;
}

/** A posted purchase document as the posting module keys it: ["invoice","PPI-0001"]. */
export interface PostedPurchaseRef {
  readonly documentType: string;
  readonly no: string;
}

/** The series payment lines are numbered from when their batch names none. */
export const PAYMENT_SERIES = 'PAYMENT';

/** Reads the posted document's type and no. from its record (key first, then its fields). */
export function postedPurchaseRef(record: WorkflowRecord): PostedPurchaseRef {
  try {
    const values: unknown = JSON.parse(record.key);
    if (Array.isArray(values) && values.length === 2 && values.every((v) => typeof v === 'string')) {
      return { documentType: values[0] as string, no: values[1] as string };
    }
  } catch {
    // Not a JSON key: fall back to the fields.
  }
  const no = String(record.data.no ?? '');
  if (no === '') {
    throw invalid(
      'payment-line-record-unsupported',
      `A payment line needs a posted purchase invoice, not ${record.table} ${record.key}.`,
    );
  }
  return { documentType: String(record.data.documentType ?? 'invoice'), no };
}

/**
 * The outcome of `createPaymentLine`: the new line, or why none was made — a journal line (of any
 * batch) settles the invoice already (`line` is the first of them), or the invoice is no longer
 * open in the vendor ledger (paid, say by a payment line posted before).
 */
export type CreatedPaymentLine =
  | { readonly created: true; readonly line: JournalLine }
  | { readonly created: false; readonly reason: 'line-exists'; readonly line: JournalLine }
  | { readonly created: false; readonly reason: 'invoice-closed' };

const isVendorOf = (line: JournalLine, vendorNo: string) =>
  (line.accountType === 'vendor' && line.accountNo === vendorNo) ||
  (line.balAccountType === 'vendor' && line.balAccountNo === vendorNo);

/**
 * Prepares the payment of a posted purchase invoice (reference: create payment line): a line in
 * the given batch on the invoice's vendor for the invoice's amount (LCY), settling the invoice
 * and balanced by the batch's balancing account. Nothing is made when a journal line of any batch
 * settles the invoice already, nor when the invoice's vendor ledger entry is no longer open, so a
 * repeated run (a job retried after its line was posted, say) prepares no second payment.
 */
export async function createPaymentLine(
  ctx: EngineContext,
  target: PaymentLineTarget,
  posted: PostedPurchaseRef,
): Promise<CreatedPaymentLine> {
  // The batch row is held first, so two runs for one batch take turns and the later sees the line.
  const batch = await getJournalBatch(ctx, target.templateName, target.batchName, true);
  const invoice = await ctx.tx
    .selectFrom('posted_document_header')
    .select(['document_type', 'no', 'party_no', 'amount_lcy'])
    .where('company_id', '=', ctx.companyId)
    .where('area', '=', 'purchase')
    .where('document_type', '=', posted.documentType)
    .where('no', '=', lookupCode(posted.no))
    .executeTakeFirst();
  if (!invoice) {
    throw notFound('posted-document-not-found', `Posted purchase ${posted.documentType} ${posted.no} does not exist.`);
  }
  if (invoice.document_type !== 'invoice') {
    throw invalid(
      'payment-line-needs-invoice',
      `Only a posted purchase invoice is paid; ${invoice.no} is a ${invoice.document_type}.`,
    );
  }
  const existing = (await listLinesApplyingTo(ctx, invoice.no)).find((l) => isVendorOf(l, invoice.party_no));
  if (existing) return { created: false, reason: 'line-exists', line: existing };
  const open = await listPartyEntries(ctx, 'vendor', {
    partyNo: invoice.party_no,
    documentNo: invoice.no,
    open: true,
  });
  if (open.length === 0) return { created: false, reason: 'invoice-closed' };
  const line = await insertJournalLine(
    ctx,
    {
      templateName: batch.templateName,
      batchName: batch.name,
      postingDate: (await companySettings(ctx)).today,
      documentType: 'payment',
      documentNo: batch.noSeries === '' ? await nextNumber(ctx, PAYMENT_SERIES) : '',
      accountType: 'vendor',
      accountNo: invoice.party_no,
      description: `Payment of invoice ${invoice.no}`,
      amount: invoice.amount_lcy,
      balAccountType: batch.balAccountType,
      balAccountNo: batch.balAccountNo,
      appliesToDocNo: invoice.no,
    },
    { systemCreated: true },
  );
  return { line, created: true };
}

/** Queues the payment line of a posted invoice; the job runs after this command commits. */
export async function enqueuePaymentLine(
  ctx: EngineContext,
  target: PaymentLineTarget,
  posted: PostedPurchaseRef,
): Promise<number | undefined> {
  const template = lookupCode(target.templateName);
  const batch = lookupCode(target.batchName);
  return enqueueFromContext(ctx, {
    kind: PAYMENT_LINE_JOB,
    key: `${PAYMENT_LINE_JOB}:${ctx.companyId}:${template}:${batch}:${posted.documentType}:${lookupCode(posted.no)}`,
    payload: {
      userId: ctx.userId,
      templateName: template,
      batchName: batch,
      documentType: posted.documentType,
      no: posted.no,
    },
  });
}

/**
 * Creates the queued payment line in its own transaction, as the user whose command queued it,
 * and raises `gen-journal-line.created` so a waiting workflow (the purchase invoice workflow)
 * goes on. A run again (the job is delivered at least once) creates and announces nothing when a
 * journal line settles the invoice already or the invoice is no longer open (see
 * `createPaymentLine`); after its line was deleted unposted, a run again makes a new one.
 */
export async function runPaymentLineJob(
  app: Werkstroom,
  companyId: number,
  payload: Readonly<Record<string, unknown>>,
): Promise<CreatedPaymentLine> {
  const text = (name: string) => {
    const value = payload[name];
    if (typeof value !== 'string' || value === '') {
      throw new PermanentJobError(`The payment line job misses "${name}" in its payload.`);
    }
    return value;
  };
  const target = { templateName: text('templateName'), batchName: text('batchName') };
  const posted = { documentType: text('documentType'), no: text('no') };
  return app.run({ company: companyId, userId: text('userId') }, async (ctx) => {
    const result = await createPaymentLine(ctx, target, posted);
    if (result.created) await handleEvent(ctx, LINE_CREATED, journalLineToRecord(result.line));
    return result;
  });
}

export const journalJobHandlers: Readonly<Record<string, JobHandler>> = {
  [PAYMENT_LINE_JOB]: async (job, ctx) => {
    if (job.companyId === null) throw new PermanentJobError('The payment line job names no company.');
    try {
      await runPaymentLineJob(ctx.app, job.companyId, job.payload);
    } catch (error) {
      // A batch or invoice that does not exist will not appear by retrying.
      if (isWerkstroomError(error) && (error.kind === 'not-found' || error.kind === 'invalid')) {
        throw new PermanentJobError(`${error.code}: ${error.message}`);
      }
      throw error;
    }
  },
};
