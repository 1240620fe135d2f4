import type { Selectable } from 'kysely';
import type { PostedDocumentHeaderTable, PostedDocumentLineTable } from '../db/schema-posting.ts';
import type { EngineContext } from '../engine/context.ts';
import type { FieldDefinition, FieldValue, RecordData } from '../engine/field-types.ts';
import { keyFromValues, type WorkflowRecord } from '../engine/record.ts';
import type { RecordTableDefinition } from '../engine/registry-types.ts';
import { lookupCode } from '../records/codes.ts';
import type { LineType } from '../records/document-types.ts';
import { filterByEquals, textOf } from '../records/find-where.ts';
import { DOCUMENT_TYPES, type DocumentArea, type DocumentType } from '../records/index.ts';
import { invalid, notFound } from '../shared/errors.ts';

/**
 * Posted documents: what a purchase or sales document becomes when it is posted. Orders and
 * invoices become posted invoices, credit memos and return orders posted credit memos; each has
 * its own number from the posted series and keeps the number of the document it came from.
 */
export const POSTED_DOCUMENT_TYPES = ['invoice', 'credit-memo'] as const;
export type PostedDocumentType = (typeof POSTED_DOCUMENT_TYPES)[number];

export const POSTED_TABLES = {
  purchase: 'posted-purchase-document',
  sales: 'posted-sales-document',
} as const satisfies Record<DocumentArea, string>;

export type PostedTable = (typeof POSTED_TABLES)[DocumentArea];

export interface PostedDocumentRef {
  readonly area: DocumentArea;
  readonly documentType: PostedDocumentType;
  readonly no: string;
}

export interface PostedDocumentLine {
  readonly lineNo: number;
  readonly type: LineType;
  readonly no: string;
  readonly description: string;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly lineAmount: string;
}

export interface PostedDocument extends PostedDocumentRef {
  /** The number of the document that was posted (the order no. for an order). */
  readonly preAssignedNo: string;
  /** What was posted: order, invoice, credit-memo or return-order. */
  readonly sourceDocumentType: DocumentType;
  readonly partyNo: string;
  readonly partyName: string;
  readonly salespersonCode: string;
  /** Blank means the local currency. */
  readonly currencyCode: string;
  readonly exchangeRate: string;
  readonly invoiceDiscount: string;
  readonly lineTotal: string;
  readonly amount: string;
  readonly amountLcy: string;
  readonly documentDate: string;
  readonly postingDate: string;
  readonly createdBy: string;
  readonly postedBy: string;
  readonly postedAt: string;
  /** The G/L register (transaction) of the posting. */
  readonly registerId: number;
}

export interface PostedDocumentWithLines extends PostedDocument {
  readonly lines: readonly PostedDocumentLine[];
}

/** The type a document posts to: orders and invoices to an invoice, the rest to a credit memo. */
export function postedTypeOf(documentType: DocumentType): PostedDocumentType | undefined {
  switch (documentType) {
    case 'order':
    case 'invoice':
      return 'invoice';
    case 'credit-memo':
    case 'return-order':
      return 'credit-memo';
    default:
      return undefined;
  }
}

/** The number series of posted documents: `PURCHASE-POSTED-INVOICE` (PPI-), `SALES-POSTED-CREDIT-MEMO` (SPCM-), … */
export function postedSeriesCode(area: DocumentArea, documentType: PostedDocumentType): string {
  return `${area}-posted-${documentType}`.toUpperCase();
}

/** The workflow record key of a posted document: `["invoice","PPI-0001"]`, as documents' keys. */
export function postedKey(ref: Pick<PostedDocumentRef, 'documentType' | 'no'>): string {
  return keyFromValues([ref.documentType, ref.no]);
}

/** "Posted purchase invoice PPI-0001". */
export function describePosted(ref: PostedDocumentRef): string {
  return `Posted ${ref.area} ${ref.documentType.replace(/-/g, ' ')} ${ref.no}`;
}

export function parsePostedDocumentType(value: unknown, field = 'documentType'): PostedDocumentType {
  const text =
    typeof value === 'string'
      ? value
          .trim()
          .toLowerCase()
          .replace(/[\s_]+/g, '-')
      : '';
  if (!(POSTED_DOCUMENT_TYPES as readonly string[]).includes(text)) {
    throw invalid(
      'posted-document-type-invalid',
      `Posted document type "${String(value ?? '')}" must be invoice or credit-memo.`,
      { field },
    );
  }
  return text as PostedDocumentType;
}

/** Reads a posted document key back, or undefined when the text is not one. */
export function parsePostedKey(key: string): { documentType: PostedDocumentType; no: string } | undefined {
  let values: unknown;
  try {
    values = JSON.parse(key);
  } catch {
    return undefined;
  }
  if (!Array.isArray(values) || values.length !== 2 || typeof values[1] !== 'string' || values[1] === '') {
    return undefined;
  }
  if (!(POSTED_DOCUMENT_TYPES as readonly string[]).includes(String(values[0]))) return undefined;
  return { documentType: values[0] as PostedDocumentType, no: values[1].toUpperCase() };
}

type HeaderRow = Selectable<PostedDocumentHeaderTable>;
type LineRow = Selectable<PostedDocumentLineTable>;

function toPosted(row: HeaderRow): PostedDocument {
  return {
    area: row.area as DocumentArea,
    documentType: row.document_type as PostedDocumentType,
    no: row.no,
    preAssignedNo: row.pre_assigned_no,
    sourceDocumentType: row.source_document_type as DocumentType,
    partyNo: row.party_no,
    partyName: row.party_name,
    salespersonCode: row.salesperson_code,
    currencyCode: row.currency_code,
    exchangeRate: row.exchange_rate,
    invoiceDiscount: row.invoice_discount,
    lineTotal: row.line_total,
    amount: row.amount,
    amountLcy: row.amount_lcy,
    documentDate: row.document_date,
    postingDate: row.posting_date,
    createdBy: row.created_by,
    postedBy: row.posted_by,
    postedAt: row.posted_at,
    registerId: Number(row.register_id),
  };
}

function toPostedLine(row: LineRow): PostedDocumentLine {
  return {
    lineNo: Number(row.line_no),
    type: row.type as LineType,
    no: row.no,
    description: row.description,
    quantity: row.quantity,
    unitPrice: row.unit_price,
    lineAmount: row.line_amount,
  };
}

export async function findPostedDocument(
  ctx: EngineContext,
  ref: PostedDocumentRef,
): Promise<PostedDocument | undefined> {
  const row = await ctx.tx
    .selectFrom('posted_document_header')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('area', '=', ref.area)
    .where('document_type', '=', ref.documentType)
    .where('no', '=', lookupCode(ref.no))
    .executeTakeFirst();
  return row && toPosted(row);
}

export async function postedLines(ctx: EngineContext, ref: PostedDocumentRef): Promise<PostedDocumentLine[]> {
  const rows = await ctx.tx
    .selectFrom('posted_document_line')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('area', '=', ref.area)
    .where('document_type', '=', ref.documentType)
    .where('document_no', '=', lookupCode(ref.no))
    .orderBy('line_no')
    .execute();
  return rows.map(toPostedLine);
}

/** A posted document with its lines (`posted-document-not-found` when there is none). */
export async function getPostedDocument(ctx: EngineContext, ref: PostedDocumentRef): Promise<PostedDocumentWithLines> {
  const header = await findPostedDocument(ctx, ref);
  if (!header) {
    throw notFound(
      'posted-document-not-found',
      `${describePosted({ ...ref, no: lookupCode(ref.no) })} does not exist.`,
      {
        field: 'no',
        area: ref.area,
        documentType: ref.documentType,
        no: ref.no,
      },
    );
  }
  return { ...header, lines: await postedLines(ctx, header) };
}

export interface PostedDocumentFilter {
  readonly area?: DocumentArea;
  readonly documentType?: PostedDocumentType;
  readonly partyNo?: string;
  readonly preAssignedNo?: string;
}

/** Posted documents by area, type and number. */
export async function listPostedDocuments(
  ctx: EngineContext,
  filter: PostedDocumentFilter = {},
): Promise<PostedDocument[]> {
  let query = ctx.tx.selectFrom('posted_document_header').selectAll().where('company_id', '=', ctx.companyId);
  if (filter.area !== undefined) query = query.where('area', '=', filter.area);
  if (filter.documentType !== undefined) query = query.where('document_type', '=', filter.documentType);
  if (filter.partyNo !== undefined) query = query.where('party_no', '=', lookupCode(filter.partyNo));
  if (filter.preAssignedNo !== undefined) query = query.where('pre_assigned_no', '=', lookupCode(filter.preAssignedNo));
  const rows = await query.orderBy('area').orderBy('document_type').orderBy('no').execute();
  return rows.map(toPosted);
}

export function postedFields(area: DocumentArea): FieldDefinition[] {
  const purchase = area === 'purchase';
  return [
    { name: 'documentType', type: 'option', caption: 'Document type', options: POSTED_DOCUMENT_TYPES },
    { name: 'no', type: 'code', caption: 'No.' },
    { name: 'preAssignedNo', type: 'code', caption: 'Posted from document no.' },
    { name: 'sourceDocumentType', type: 'option', caption: 'Posted from document type', options: DOCUMENT_TYPES },
    { name: 'partyNo', type: 'code', caption: purchase ? 'Vendor no.' : 'Customer no.' },
    purchase
      ? { name: 'buyFromVendorNo', type: 'code', caption: 'Buy-from vendor no.' }
      : { name: 'sellToCustomerNo', type: 'code', caption: 'Sell-to customer no.' },
    { name: 'partyName', type: 'text', caption: purchase ? 'Vendor name' : 'Customer name' },
    { name: 'salespersonCode', type: 'code', caption: purchase ? 'Purchaser code' : 'Salesperson code' },
    { name: 'currencyCode', type: 'code', caption: 'Currency code' },
    { name: 'exchangeRate', type: 'decimal', caption: 'Exchange rate' },
    { name: 'amount', type: 'decimal', caption: 'Amount' },
    { name: 'amountLcy', type: 'decimal', caption: 'Amount (LCY)' },
    { name: 'documentDate', type: 'date', caption: 'Document date' },
    { name: 'postingDate', type: 'date', caption: 'Posting date' },
    { name: 'postedBy', type: 'code', caption: 'Posted by' },
    { name: 'registerId', type: 'integer', caption: 'G/L register' },
  ];
}

export function postedData(document: PostedDocument): RecordData {
  return {
    documentType: document.documentType,
    no: document.no,
    preAssignedNo: document.preAssignedNo,
    sourceDocumentType: document.sourceDocumentType,
    partyNo: document.partyNo,
    ...(document.area === 'purchase' ? { buyFromVendorNo: document.partyNo } : { sellToCustomerNo: document.partyNo }),
    partyName: document.partyName,
    salespersonCode: document.salespersonCode,
    currencyCode: document.currencyCode,
    exchangeRate: document.exchangeRate,
    amount: document.amount,
    amountLcy: document.amountLcy,
    documentDate: document.documentDate,
    postingDate: document.postingDate,
    postedBy: document.postedBy,
    registerId: document.registerId,
  };
}

/** The posted document as a workflow record of `posted-purchase-document` / `posted-sales-document`. */
export function postedRecord(document: PostedDocument): WorkflowRecord {
  return { table: POSTED_TABLES[document.area], key: postedKey(document), data: postedData(document) };
}

async function loadPostedData(ctx: EngineContext, area: DocumentArea, key: string): Promise<RecordData | undefined> {
  const parsed = parsePostedKey(key);
  if (!parsed) return undefined;
  const document = await findPostedDocument(ctx, { area, ...parsed });
  return document && postedData(document);
}

async function findPostedWhere(
  ctx: EngineContext,
  area: DocumentArea,
  equals: Readonly<Record<string, FieldValue>>,
): Promise<RecordData[]> {
  const no = textOf(equals, 'no');
  const preAssignedNo = textOf(equals, 'preAssignedNo');
  const partyNo =
    textOf(equals, 'partyNo') ?? textOf(equals, area === 'purchase' ? 'buyFromVendorNo' : 'sellToCustomerNo');
  const rows = await ctx.tx
    .selectFrom('posted_document_header')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('area', '=', area)
    .$if(no !== undefined, (q) => q.where('no', '=', lookupCode(no ?? '')))
    .$if(preAssignedNo !== undefined, (q) => q.where('pre_assigned_no', '=', lookupCode(preAssignedNo ?? '')))
    .$if(partyNo !== undefined, (q) => q.where('party_no', '=', lookupCode(partyNo ?? '')))
    .orderBy('document_type')
    .orderBy('no')
    .execute();
  return filterByEquals(postedFields(area), rows.map(toPosted).map(postedData), equals);
}

function postedTable(area: DocumentArea): RecordTableDefinition {
  return {
    name: POSTED_TABLES[area],
    caption: area === 'purchase' ? 'Posted purchase document' : 'Posted sales document',
    key: ['documentType', 'no'],
    fields: postedFields(area),
    load: (ctx, key) => loadPostedData(ctx, area, key),
    findWhere: (ctx, equals) => findPostedWhere(ctx, area, equals),
  };
}

export const POSTED_RECORD_TABLES: readonly RecordTableDefinition[] = [postedTable('purchase'), postedTable('sales')];
