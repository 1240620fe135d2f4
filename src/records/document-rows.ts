import type { Selectable } from 'kysely';
import type { DocumentHeaderTable, DocumentLineTable } from '../db/schema.ts';
import type { EngineContext } from '../engine/context.ts';
import type { FieldDefinition, RecordData } from '../engine/field-types.ts';
import { keyFromValues, type WorkflowRecord } from '../engine/record.ts';
import { conflict, notFound } from '../shared/errors.ts';
import { amountDecimals } from './currencies.ts';
import { documentAmounts } from './document-amounts.ts';
import {
  DOCUMENT_STATUSES,
  DOCUMENT_TYPES,
  type DocumentArea,
  type DocumentRef,
  type DocumentStatus,
  type DocumentType,
  describeDocument,
  documentKey,
  HEADER_TABLES,
  LINE_TABLES,
  LINE_TYPES,
  type LineType,
} from './document-types.ts';

/** Reading document rows and turning them into views and workflow records. */

export type HeaderRow = Selectable<DocumentHeaderTable>;
export type LineRow = Selectable<DocumentLineTable>;

/** A document header as callers see it, with its computed amounts. */
export interface DocumentHeader extends DocumentRef {
  /** The vendor (purchase) or customer (sales). */
  readonly partyNo: string;
  readonly partyName: string;
  /** Salesperson (sales) or purchaser (purchase) code. */
  readonly salespersonCode: string;
  /** Blank means the local currency. */
  readonly currencyCode: string;
  /** LCY per unit of the currency, frozen from the rate on the document date. */
  readonly exchangeRate: string;
  readonly invoiceDiscount: string;
  readonly documentDate: string;
  readonly status: DocumentStatus;
  readonly createdBy: string;
  readonly revision: number;
  readonly lineCount: number;
  /** Sum of line amounts, in the document currency. */
  readonly lineTotal: string;
  /** Line total less invoice discount, in the document currency. */
  readonly amount: string;
  readonly amountLcy: string;
}

export interface DocumentLine {
  readonly area: DocumentArea;
  readonly documentType: DocumentType;
  readonly documentNo: string;
  readonly lineNo: number;
  readonly type: LineType;
  readonly no: string;
  readonly description: string;
  readonly quantity: string;
  readonly unitPrice: string;
  /** Quantity × unit price, rounded to the currency's decimals. */
  readonly lineAmount: string;
}

export async function findHeaderRow(
  ctx: EngineContext,
  ref: DocumentRef,
  lock = false,
): Promise<HeaderRow | undefined> {
  return ctx.tx
    .selectFrom('document_header')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('area', '=', ref.area)
    .where('document_type', '=', ref.documentType)
    .where('no', '=', ref.no)
    .$if(lock && ctx.capabilities.rowLocks, (q) => q.forUpdate())
    .executeTakeFirst();
}

/** The header row, locked for the rest of the transaction when `lock` (PostgreSQL row lock). */
export async function requireHeaderRow(ctx: EngineContext, ref: DocumentRef, lock = false): Promise<HeaderRow> {
  const row = await findHeaderRow(ctx, ref, lock);
  if (!row) {
    throw notFound('document-not-found', `${describeDocument(ref)} does not exist.`, {
      field: 'no',
      area: ref.area,
      documentType: ref.documentType,
      no: ref.no,
    });
  }
  return row;
}

export async function lineRows(ctx: EngineContext, ref: DocumentRef): Promise<LineRow[]> {
  return ctx.tx
    .selectFrom('document_line')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('area', '=', ref.area)
    .where('document_type', '=', ref.documentType)
    .where('document_no', '=', ref.no)
    .orderBy('line_no')
    .execute();
}

export function refOfRow(row: HeaderRow): DocumentRef {
  return { area: row.area as DocumentArea, documentType: row.document_type as DocumentType, no: row.no };
}

export function toLine(row: LineRow): DocumentLine {
  return {
    area: row.area as DocumentArea,
    documentType: row.document_type as DocumentType,
    documentNo: row.document_no,
    lineNo: Number(row.line_no),
    type: row.type as LineType,
    no: row.no,
    description: row.description,
    quantity: row.quantity,
    unitPrice: row.unit_price,
    lineAmount: row.line_amount,
  };
}

/** The header view of a row and the amounts of its lines. */
export function toHeader(row: HeaderRow, lineAmounts: readonly string[], decimals: number): DocumentHeader {
  return {
    ...refOfRow(row),
    partyNo: row.party_no,
    partyName: row.party_name,
    salespersonCode: row.salesperson_code,
    currencyCode: row.currency_code,
    exchangeRate: row.exchange_rate,
    invoiceDiscount: row.invoice_discount,
    documentDate: row.document_date,
    status: row.status as DocumentStatus,
    createdBy: row.created_by,
    revision: Number(row.revision),
    lineCount: lineAmounts.length,
    ...documentAmounts(lineAmounts, row.invoice_discount, row.exchange_rate, decimals),
  };
}

export async function headerOfRow(ctx: EngineContext, row: HeaderRow): Promise<DocumentHeader> {
  const lines = await lineRows(ctx, refOfRow(row));
  return toHeader(
    row,
    lines.map((l) => l.line_amount),
    await amountDecimals(ctx, row.currency_code),
  );
}

export async function loadDocument(ctx: EngineContext, ref: DocumentRef): Promise<DocumentHeader | undefined> {
  const row = await findHeaderRow(ctx, ref);
  return row && headerOfRow(ctx, row);
}

/** Header and lines may change only while the document is Open (reference §5.3). */
export function assertOpen(row: HeaderRow): void {
  if (row.status !== 'Open') {
    throw conflict(
      'document-not-open',
      `${describeDocument(refOfRow(row))} is ${row.status}; it can be changed only while Open.`,
      { status: row.status },
    );
  }
}

/** Every change of a document, its lines included, bumps the header revision. */
export async function bumpRevision(ctx: EngineContext, row: HeaderRow): Promise<void> {
  await ctx.tx
    .updateTable('document_header')
    .set({ revision: Number(row.revision) + 1 })
    .where('company_id', '=', ctx.companyId)
    .where('area', '=', row.area)
    .where('document_type', '=', row.document_type)
    .where('no', '=', row.no)
    .execute();
}

export function headerFields(area: DocumentArea): FieldDefinition[] {
  const purchase = area === 'purchase';
  return [
    { name: 'documentType', type: 'option', caption: 'Document type', options: DOCUMENT_TYPES },
    { name: 'no', type: 'code', caption: 'No.' },
    { name: 'partyNo', type: 'code', caption: purchase ? 'Vendor no.' : 'Customer no.' },
    purchase
      ? { name: 'buyFromVendorNo', type: 'code', caption: 'Buy-from vendor no.' }
      : { name: 'sellToCustomerNo', type: 'code', caption: 'Sell-to customer no.' },
    { name: 'partyName', type: 'text', caption: purchase ? 'Vendor name' : 'Customer name' },
    { name: 'salespersonCode', type: 'code', caption: purchase ? 'Purchaser code' : 'Salesperson code' },
    ...(purchase ? [{ name: 'purchaserCode', type: 'code', caption: 'Purchaser code (alias)' } as const] : []),
    { name: 'currencyCode', type: 'code', caption: 'Currency code' },
    { name: 'exchangeRate', type: 'decimal', caption: 'Exchange rate' },
    { name: 'documentDate', type: 'date', caption: 'Document date' },
    { name: 'invoiceDiscount', type: 'decimal', caption: 'Invoice discount' },
    { name: 'amount', type: 'decimal', caption: 'Amount' },
    { name: 'amountLcy', type: 'decimal', caption: 'Amount (LCY)' },
    { name: 'status', type: 'option', caption: 'Status', options: DOCUMENT_STATUSES },
    { name: 'lineCount', type: 'integer', caption: 'Number of lines' },
  ];
}

export const LINE_FIELDS: readonly FieldDefinition[] = [
  { name: 'documentType', type: 'option', caption: 'Document type', options: DOCUMENT_TYPES },
  { name: 'documentNo', type: 'code', caption: 'Document no.' },
  { name: 'lineNo', type: 'integer', caption: 'Line no.' },
  { name: 'type', type: 'option', caption: 'Type', options: LINE_TYPES },
  { name: 'no', type: 'code', caption: 'No.' },
  { name: 'description', type: 'text', caption: 'Description' },
  { name: 'quantity', type: 'decimal', caption: 'Quantity' },
  { name: 'unitPrice', type: 'decimal', caption: 'Unit price' },
  { name: 'lineAmount', type: 'decimal', caption: 'Line amount' },
];

export function headerData(header: DocumentHeader): RecordData {
  const party = header.area === 'purchase' ? { buyFromVendorNo: header.partyNo } : { sellToCustomerNo: header.partyNo };
  return {
    documentType: header.documentType,
    no: header.no,
    partyNo: header.partyNo,
    ...party,
    partyName: header.partyName,
    salespersonCode: header.salespersonCode,
    ...(header.area === 'purchase' ? { purchaserCode: header.salespersonCode } : {}),
    currencyCode: header.currencyCode,
    exchangeRate: header.exchangeRate,
    documentDate: header.documentDate,
    invoiceDiscount: header.invoiceDiscount,
    amount: header.amount,
    amountLcy: header.amountLcy,
    status: header.status,
    lineCount: header.lineCount,
  };
}

export function headerToRecord(header: DocumentHeader): WorkflowRecord {
  return { table: HEADER_TABLES[header.area], key: documentKey(header), data: headerData(header) };
}

export function lineData(line: DocumentLine): RecordData {
  return {
    documentType: line.documentType,
    documentNo: line.documentNo,
    lineNo: line.lineNo,
    type: line.type,
    no: line.no,
    description: line.description,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    lineAmount: line.lineAmount,
  };
}

export function lineToRecord(line: DocumentLine): WorkflowRecord {
  return {
    table: LINE_TABLES[line.area],
    key: keyFromValues([line.documentType, line.documentNo, line.lineNo]),
    data: lineData(line),
  };
}
