import type { EngineContext } from '../engine/context.ts';
import type { FieldValue, RecordData } from '../engine/field-types.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import { conflict, invalid } from '../shared/errors.ts';
import { companyCurrency } from './company.ts';
import { amountDecimals, checkCurrencyCode, exchangeRateOn } from './currencies.ts';
import { normalizeDate } from './dates.ts';
import { decimalText, parseDecimal, stored } from './decimals.ts';
import { lineAmount, lineTotal } from './document-amounts.ts';
import { documentParty } from './document-party.ts';
import {
  assertOpen,
  type DocumentHeader,
  findHeaderRow,
  headerData,
  headerFields,
  headerOfRow,
  headerToRecord,
  lineRows,
  loadDocument,
  requireHeaderRow,
} from './document-rows.ts';
import {
  type DocumentArea,
  type DocumentRef,
  type DocumentRefInput,
  describeDocument,
  documentKey,
  documentRef,
  HEADER_TABLES,
  normalizeDocumentRef,
  parseDocumentArea,
  parseDocumentKey,
  parseDocumentStatus,
  parseDocumentType,
} from './document-types.ts';
import { filterByEquals, textOf } from './find-where.ts';
import { documentSeriesCode, nextNumber } from './number-series.ts';
import { forgetRecordLinks } from './record-links.ts';
import { assertRevision, type RecordUpdate } from './revisions.ts';
import { checkSalespersonCode } from './salespeople.ts';

export interface CreateDocumentInput {
  readonly area: DocumentArea | (string & {});
  readonly documentType: string;
  /** The vendor (purchase) or customer (sales); must exist and not be blocked. */
  readonly partyNo: string;
  /** Default: today in the company's time zone. */
  readonly documentDate?: string;
  /** Default: the party's currency. */
  readonly currencyCode?: string;
  /** Default: the party's salesperson/purchaser. */
  readonly salespersonCode?: string;
}

export interface HeaderChanges {
  /** A new party also brings its currency and salesperson/purchaser unless those are given too. */
  readonly partyNo?: string;
  readonly currencyCode?: string;
  readonly salespersonCode?: string;
  /** Exact decimal text, at least 0 and at most the line total. */
  readonly invoiceDiscount?: string;
  readonly documentDate?: string;
}

export interface DocumentFilter {
  readonly area?: DocumentArea | (string & {});
  readonly documentType?: string;
  readonly status?: string;
  readonly partyNo?: string;
}

/**
 * Creates an Open document numbered from its series. The exchange rate of its currency on the
 * document date is frozen on the header: later rate changes do not change the document.
 */
export async function createDocument(ctx: EngineContext, input: CreateDocumentInput): Promise<DocumentHeader> {
  const area = parseDocumentArea(input.area);
  const documentType = parseDocumentType(input.documentType);
  const party = await documentParty(ctx, area, input.partyNo);
  const documentDate =
    input.documentDate === undefined
      ? (await companyCurrency(ctx)).workDate
      : normalizeDate(input.documentDate, 'document-date-invalid', 'documentDate', 'Document date');
  const currencyCode =
    input.currencyCode === undefined
      ? party.currencyCode
      : await checkCurrencyCode(ctx, input.currencyCode, 'currencyCode');
  const salespersonCode =
    input.salespersonCode === undefined
      ? party.salespersonCode
      : await checkSalespersonCode(ctx, input.salespersonCode, 'salespersonCode');
  const exchangeRate = await exchangeRateOn(ctx, currencyCode, documentDate);
  // The number is taken last, so a refused document uses none.
  const no = await nextNumber(ctx, documentSeriesCode(area, documentType));
  const ref: DocumentRef = { area, documentType, no };
  if (await findHeaderRow(ctx, ref)) {
    throw conflict('document-exists', `${describeDocument(ref)} exists already; check the number series.`, {
      field: 'no',
    });
  }
  await ctx.tx
    .insertInto('document_header')
    .values({
      company_id: ctx.companyId,
      area,
      document_type: documentType,
      no,
      party_no: party.no,
      party_name: party.name,
      salesperson_code: salespersonCode,
      currency_code: currencyCode,
      exchange_rate: exchangeRate,
      invoice_discount: '0',
      document_date: documentDate,
      status: 'Open',
      created_by: ctx.userId,
      revision: 1,
    })
    .execute();
  return getDocument(ctx, ref);
}

/** The header with computed amount, LCY amount and line count. */
export async function getDocument(ctx: EngineContext, ref: DocumentRefInput): Promise<DocumentHeader>;
export async function getDocument(
  ctx: EngineContext,
  area: DocumentArea | (string & {}),
  documentType: string,
  no: string,
): Promise<DocumentHeader>;
export async function getDocument(
  ctx: EngineContext,
  refOrArea: DocumentRefInput | string,
  documentType?: string,
  no?: string,
): Promise<DocumentHeader> {
  const ref =
    typeof refOrArea === 'string' ? documentRef(refOrArea, documentType, no) : normalizeDocumentRef(refOrArea);
  return headerOfRow(ctx, await requireHeaderRow(ctx, ref));
}

export async function findDocument(ctx: EngineContext, ref: DocumentRefInput): Promise<DocumentHeader | undefined> {
  return loadDocument(ctx, normalizeDocumentRef(ref));
}

export async function listDocuments(ctx: EngineContext, filter: DocumentFilter = {}): Promise<DocumentHeader[]> {
  let query = ctx.tx.selectFrom('document_header').selectAll().where('company_id', '=', ctx.companyId);
  if (filter.area !== undefined) query = query.where('area', '=', parseDocumentArea(filter.area));
  if (filter.documentType !== undefined) {
    query = query.where('document_type', '=', parseDocumentType(filter.documentType));
  }
  if (filter.status !== undefined) query = query.where('status', '=', parseDocumentStatus(filter.status));
  if (filter.partyNo !== undefined) query = query.where('party_no', '=', filter.partyNo.trim().toUpperCase());
  const rows = await query.orderBy('area').orderBy('document_type').orderBy('no').execute();
  const headers: DocumentHeader[] = [];
  for (const row of rows) headers.push(await headerOfRow(ctx, row));
  return headers;
}

/** The document as a workflow record of `purchase-header` / `sales-header`. */
export async function documentRecord(ctx: EngineContext, ref: DocumentRefInput): Promise<WorkflowRecord> {
  return headerToRecord(await getDocument(ctx, ref));
}

/**
 * Changes header fields of an Open document (`document-not-open` otherwise). Everything is
 * checked before anything is written. A new currency or date takes the rate of that day;
 * a currency with other decimals re-rounds the line amounts.
 */
export async function updateHeader(
  ctx: EngineContext,
  ref: DocumentRefInput,
  changes: HeaderChanges,
  expectedRevision?: number,
): Promise<RecordUpdate<DocumentHeader>> {
  const target = normalizeDocumentRef(ref);
  const row = await requireHeaderRow(ctx, target, true);
  const before = await headerOfRow(ctx, row);
  assertRevision('document-revision-stale', describeDocument(target), before.revision, expectedRevision);
  assertOpen(row);

  const newParty =
    changes.partyNo !== undefined && changes.partyNo.trim().toUpperCase() !== row.party_no
      ? await documentParty(ctx, target.area, changes.partyNo)
      : undefined;
  const currencyCode =
    changes.currencyCode !== undefined
      ? await checkCurrencyCode(ctx, changes.currencyCode, 'currencyCode')
      : (newParty?.currencyCode ?? row.currency_code);
  const salespersonCode =
    changes.salespersonCode !== undefined
      ? await checkSalespersonCode(ctx, changes.salespersonCode, 'salespersonCode')
      : (newParty?.salespersonCode ?? row.salesperson_code);
  const documentDate =
    changes.documentDate !== undefined
      ? normalizeDate(changes.documentDate, 'document-date-invalid', 'documentDate', 'Document date')
      : row.document_date;
  const rateChanges = currencyCode !== row.currency_code || documentDate !== row.document_date;
  const exchangeRate = rateChanges ? await exchangeRateOn(ctx, currencyCode, documentDate) : row.exchange_rate;
  const invoiceDiscount =
    changes.invoiceDiscount !== undefined
      ? decimalText(
          parseDecimal(changes.invoiceDiscount, {
            code: 'document-invoice-discount',
            field: 'invoiceDiscount',
            label: 'Invoice discount',
            minimum: 'zero',
          }),
        )
      : row.invoice_discount;

  const decimals = await amountDecimals(ctx, currencyCode);
  const lines = await lineRows(ctx, target);
  const reRounded = lines.map((line) => ({ line, amount: lineAmount(line.quantity, line.unit_price, decimals) }));
  assertDiscountFits(
    invoiceDiscount,
    reRounded.map((l) => l.amount),
  );

  for (const { line, amount } of reRounded) {
    if (amount === line.line_amount) continue;
    await ctx.tx
      .updateTable('document_line')
      .set({ line_amount: amount })
      .where('company_id', '=', ctx.companyId)
      .where('area', '=', target.area)
      .where('document_type', '=', target.documentType)
      .where('document_no', '=', target.no)
      .where('line_no', '=', line.line_no)
      .execute();
  }
  await ctx.tx
    .updateTable('document_header')
    .set({
      party_no: newParty?.no ?? row.party_no,
      party_name: newParty?.name ?? row.party_name,
      salesperson_code: salespersonCode,
      currency_code: currencyCode,
      exchange_rate: exchangeRate,
      invoice_discount: invoiceDiscount,
      document_date: documentDate,
      revision: before.revision + 1,
    })
    .where('company_id', '=', ctx.companyId)
    .where('area', '=', target.area)
    .where('document_type', '=', target.documentType)
    .where('no', '=', target.no)
    .execute();
  const after = await getDocument(ctx, target);
  return { before, after, oldRecord: headerToRecord(before), record: headerToRecord(after) };
}

/** The invoice discount may not exceed the line total (`document-invoice-discount-exceeds-total`). */
export function assertDiscountFits(invoiceDiscount: string, lineAmounts: readonly string[]): void {
  const total = lineTotal(lineAmounts);
  if (stored(invoiceDiscount).greaterThan(total)) {
    throw invalid(
      'document-invoice-discount-exceeds-total',
      `The invoice discount ${invoiceDiscount} would exceed the line total ${total.toFixed()}; lower the invoice discount first.`,
      { field: 'invoiceDiscount', invoiceDiscount, lineTotal: total.toFixed() },
    );
  }
}

/**
 * Deletes an Open document with its lines; its approval entries, comments, restriction and
 * notifications go with it (spec §5.10). Refused while an approval request waits.
 */
export async function deleteDocument(
  ctx: EngineContext,
  ref: DocumentRefInput,
  expectedRevision?: number,
): Promise<DocumentHeader> {
  const target = normalizeDocumentRef(ref);
  const row = await requireHeaderRow(ctx, target, true);
  const header = await headerOfRow(ctx, row);
  assertRevision('document-revision-stale', describeDocument(target), header.revision, expectedRevision);
  assertOpen(row);
  await removeDocumentRows(ctx, target);
  return header;
}

/**
 * Removes a document, its lines and whatever still links to it (approval data, restriction,
 * held changes) without further checks: deletion, posting and quote-to-order end this way
 * after they have moved what they keep.
 */
export async function removeDocumentRows(ctx: EngineContext, ref: DocumentRef): Promise<void> {
  await forgetRecordLinks(ctx, HEADER_TABLES[ref.area], documentKey(ref));
  await ctx.tx
    .deleteFrom('document_line')
    .where('company_id', '=', ctx.companyId)
    .where('area', '=', ref.area)
    .where('document_type', '=', ref.documentType)
    .where('document_no', '=', ref.no)
    .execute();
  await ctx.tx
    .deleteFrom('document_header')
    .where('company_id', '=', ctx.companyId)
    .where('area', '=', ref.area)
    .where('document_type', '=', ref.documentType)
    .where('no', '=', ref.no)
    .execute();
}

/** `load` of the registered header tables: the current data, or undefined for an unknown key. */
export async function loadDocumentData(
  ctx: EngineContext,
  area: DocumentArea,
  key: string,
): Promise<RecordData | undefined> {
  let ref: DocumentRef;
  try {
    ref = { area, ...parseDocumentKey(key) };
  } catch {
    return undefined;
  }
  const header = await loadDocument(ctx, ref);
  return header && headerData(header);
}

/** `findWhere` of the registered header tables. */
export async function findDocumentsWhere(
  ctx: EngineContext,
  area: DocumentArea,
  equals: Readonly<Record<string, FieldValue>>,
): Promise<RecordData[]> {
  const no = textOf(equals, 'no');
  const partyNo =
    textOf(equals, 'partyNo') ?? textOf(equals, area === 'purchase' ? 'buyFromVendorNo' : 'sellToCustomerNo');
  const rows = await ctx.tx
    .selectFrom('document_header')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('area', '=', area)
    .$if(no !== undefined, (q) => q.where('no', '=', (no ?? '').toUpperCase()))
    .$if(partyNo !== undefined, (q) => q.where('party_no', '=', (partyNo ?? '').toUpperCase()))
    .orderBy('document_type')
    .orderBy('no')
    .execute();
  const data: RecordData[] = [];
  for (const row of rows) data.push(headerData(await headerOfRow(ctx, row)));
  return filterByEquals(headerFields(area), data, equals);
}
