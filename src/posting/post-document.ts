import { coveredByApprovalWorkflow } from '../approvals/document-release.ts';
import type { EngineContext } from '../engine/context.ts';
import { handleEvent } from '../engine/execution/handle-event.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import { getPostingSetup } from '../ledger/accounts.ts';
import { type LedgerLine, postTransaction } from '../ledger/post-transaction.ts';
import { companyCurrency } from '../records/company.ts';
import { normalizeDate } from '../records/dates.ts';
import { decimalText, stored } from '../records/decimals.ts';
import { type HeaderRow, headerOfRow, headerToRecord, lineRows, requireHeaderRow } from '../records/document-rows.ts';
import {
  type DocumentRef,
  type DocumentRefInput,
  describeDocument,
  documentKey,
  HEADER_TABLES,
  normalizeDocumentRef,
  PARTY_TABLES,
} from '../records/document-types.ts';
import { removeDocumentRows } from '../records/documents.ts';
import { nextNumber } from '../records/number-series.ts';
import { assertNotRestricted } from '../records/restrictions.ts';
import { conflict, invalid } from '../shared/errors.ts';
import { publishWebhookEvent } from '../webhooks/publish.ts';
import { postApprovalHistory } from './approval-history.ts';
import { POSTED_EVENTS } from './event-codes.ts';
import {
  getPostedDocument,
  POSTED_TABLES,
  type PostedDocumentType,
  type PostedDocumentWithLines,
  postedKey,
  postedRecord,
  postedSeriesCode,
  postedTypeOf,
} from './posted-documents.ts';

export interface PostingOptions {
  /** YYYY-MM-DD; default today in the company's time zone. */
  readonly postingDate?: string;
}

/** A posting as it happened: the posted document and whether its posted event should be raised. */
export interface Posting {
  readonly posted: PostedDocumentWithLines;
  /** The `…-document.posted` event and record, for postings of orders and invoices. */
  readonly event: { readonly code: string; readonly record: WorkflowRecord } | undefined;
}

/** The outcome of a posting by a user: the posted document and what workflows said about it. */
export interface PostingResult {
  readonly document: PostedDocumentWithLines;
  readonly messages: readonly string[];
}

/** The posted type of a postable document; quotes and blanket orders are refused (`document-not-postable`). */
function postedTypeFor(ref: DocumentRef): PostedDocumentType {
  const type = postedTypeOf(ref.documentType);
  if (!type) {
    throw invalid(
      'document-not-postable',
      `${describeDocument(ref)} cannot be posted: only orders, invoices, credit memos and return orders are posted.` +
        (ref.documentType === 'quote' ? ' Make an order of the quote first.' : ''),
      { field: 'documentType', documentType: ref.documentType },
    );
  }
  return type;
}

/**
 * Everything that must hold before a document is posted (reference §5.3, §5.7, D7):
 * a postable type; not Pending Approval; neither the document nor its vendor/customer
 * restricted; not waiting for an approval an enabled workflow asks for (unless Released); lines.
 */
export async function assertPostable(ctx: EngineContext, ref: DocumentRef, row: HeaderRow): Promise<void> {
  postedTypeFor(ref);
  if (row.status === 'Pending Approval') {
    throw conflict(
      'document-pending-approval',
      `${describeDocument(ref)} is waiting for approval; it can be posted once it is approved and released.`,
      { status: row.status },
    );
  }
  await assertNotRestricted(ctx, HEADER_TABLES[ref.area], documentKey(ref), 'post');
  await assertNotRestricted(ctx, PARTY_TABLES[ref.area], row.party_no, 'post');
  if (row.status !== 'Released') {
    const record = headerToRecord(await headerOfRow(ctx, row));
    if (await coveredByApprovalWorkflow(ctx, record)) {
      throw conflict(
        'document-not-approved',
        `${describeDocument(ref)} is covered by an enabled approval workflow; it can be posted only after it is approved and released.`,
        { status: row.status },
      );
    }
  }
  if ((await lineRows(ctx, ref)).length === 0) {
    throw conflict('document-has-no-lines', `There is nothing to post for ${describeDocument(ref)}: it has no lines.`, {
      field: 'lines',
    });
  }
}

/**
 * Posts a document without raising its posted event: checks it (`assertPostable`), posts the
 * balanced ledger transaction, writes the posted document and its lines numbered from the posted
 * series, moves the approval history to it, and deletes the document, its lines and restriction.
 * The caller raises `posting.event` (a user's command through `handleEvent`, a response through
 * `raiseEvent`).
 */
export async function postDocumentQuietly(
  ctx: EngineContext,
  input: DocumentRefInput,
  options: PostingOptions = {},
): Promise<Posting> {
  const ref = normalizeDocumentRef(input);
  const row = await requireHeaderRow(ctx, ref, true);
  await assertPostable(ctx, ref, row);
  const postedType = postedTypeFor(ref);
  const postingDate =
    options.postingDate === undefined
      ? (await companyCurrency(ctx)).workDate
      : normalizeDate(options.postingDate, 'posting-date-invalid', 'postingDate', 'Posting date');
  const header = await headerOfRow(ctx, row);
  const lines = await lineRows(ctx, ref);
  const setup = await getPostingSetup(ctx);

  const no = await nextNumber(ctx, postedSeriesCode(ref.area, postedType));
  const target = { area: ref.area, documentType: postedType, no };
  // Sales invoices are owed by the customer (debit), purchase invoices owed to the vendor (credit);
  // credit memos the other way round. The sales or purchase account takes the other side.
  const sign = (ref.area === 'sales') === (postedType === 'invoice') ? 1 : -1;
  const lcy = stored(header.amountLcy).times(sign);
  const fcy = stored(header.amount).times(sign);
  const description = describeDocument(ref);
  const ledgerLines: LedgerLine[] = [
    {
      accountType: ref.area === 'sales' ? 'customer' : 'vendor',
      accountNo: header.partyNo,
      amount: decimalText(lcy),
      currencyCode: header.currencyCode,
      amountFcy: decimalText(fcy),
    },
    {
      accountType: 'gl-account',
      accountNo: ref.area === 'sales' ? setup.salesAccount : setup.purchaseAccount,
      amount: decimalText(lcy.negated()),
    },
  ];
  const transaction = await postTransaction(ctx, {
    source: ref.area === 'sales' ? 'sales-posting' : 'purchase-posting',
    postingDate,
    documentType: postedType,
    documentNo: no,
    description,
    lines: ledgerLines,
  });

  await ctx.tx
    .insertInto('posted_document_header')
    .values({
      company_id: ctx.companyId,
      area: ref.area,
      document_type: postedType,
      no,
      pre_assigned_no: ref.no,
      source_document_type: ref.documentType,
      party_no: header.partyNo,
      party_name: header.partyName,
      salesperson_code: header.salespersonCode,
      currency_code: header.currencyCode,
      exchange_rate: header.exchangeRate,
      invoice_discount: header.invoiceDiscount,
      line_total: header.lineTotal,
      amount: header.amount,
      amount_lcy: header.amountLcy,
      document_date: header.documentDate,
      posting_date: postingDate,
      created_by: header.createdBy,
      posted_by: ctx.userId,
      posted_at: ctx.now.toISOString(),
      register_id: transaction.registerId,
    })
    .execute();
  for (const line of lines) {
    await ctx.tx
      .insertInto('posted_document_line')
      .values({
        company_id: ctx.companyId,
        area: ref.area,
        document_type: postedType,
        document_no: no,
        line_no: Number(line.line_no),
        type: line.type,
        no: line.no,
        description: line.description,
        quantity: line.quantity,
        unit_price: line.unit_price,
        line_amount: line.line_amount,
      })
      .execute();
  }

  const sourceTarget = { table: HEADER_TABLES[ref.area], key: documentKey(ref) };
  await postApprovalHistory(ctx, sourceTarget, { table: POSTED_TABLES[ref.area], key: postedKey(target) });
  await removeDocumentRows(ctx, ref);

  const posted = await getPostedDocument(ctx, target);
  const record = postedRecord(posted);
  await publishWebhookEvent(ctx, 'document-posted', {
    table: record.table,
    key: record.key,
    source: { table: sourceTarget.table, key: sourceTarget.key },
    description: `${describeDocument(ref)} was posted as ${postedType.replace('-', ' ')} ${no}.`,
    document: record.data,
  });
  return {
    posted,
    event: postedType === 'invoice' ? { code: POSTED_EVENTS[ref.area], record } : undefined,
  };
}

/**
 * Posts a document now (a user's command): see `postDocumentQuietly`; then tells workflows
 * waiting for the posted invoice (the one that released the document continues on it).
 */
export async function postDocumentWithMessages(
  ctx: EngineContext,
  ref: DocumentRefInput,
  options: PostingOptions = {},
): Promise<PostingResult> {
  const posting = await postDocumentQuietly(ctx, ref, options);
  if (!posting.event) return { document: posting.posted, messages: [] };
  const outcome = await handleEvent(ctx, posting.event.code, posting.event.record);
  return { document: posting.posted, messages: outcome.messages };
}

/** Posts a document now and returns the posted document (see `postDocumentWithMessages`). */
export async function postDocument(
  ctx: EngineContext,
  ref: DocumentRefInput,
  options: PostingOptions = {},
): Promise<PostedDocumentWithLines> {
  return (await postDocumentWithMessages(ctx, ref, options)).document;
}
