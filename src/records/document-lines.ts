import type { EngineContext } from '../engine/context.ts';
import type { FieldValue, RecordData } from '../engine/field-types.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import { invalid, notFound } from '../shared/errors.ts';
import { normalizeCode, normalizeText } from './codes.ts';
import { amountDecimals } from './currencies.ts';
import { decimalText, parseDecimal } from './decimals.ts';
import { lineAmount } from './document-amounts.ts';
import {
  assertOpen,
  bumpRevision,
  type DocumentLine,
  type HeaderRow,
  LINE_FIELDS,
  type LineRow,
  lineData,
  lineRows,
  lineToRecord,
  requireHeaderRow,
  toLine,
} from './document-rows.ts';
import {
  type DocumentArea,
  type DocumentRef,
  type DocumentRefInput,
  describeDocument,
  type LineType,
  normalizeDocumentRef,
  parseDocumentType,
  parseLineType,
} from './document-types.ts';
import { assertDiscountFits } from './documents.ts';
import { filterByEquals, textOf } from './find-where.ts';
import { findItem } from './items.ts';
import { holdMasterKey } from './key-locks.ts';
import type { RecordUpdate } from './revisions.ts';

export interface LineInput {
  readonly type: LineType | string;
  /** Item no. or G/L account no. */
  readonly no: string;
  /** Exact decimal text, greater than 0. */
  readonly quantity: string;
  /** Exact decimal text, at least 0; default the item's unit price (0 for a G/L account). */
  readonly unitPrice?: string;
  /** Default the item's description. */
  readonly description?: string;
}

export type LineChanges = Partial<LineInput>;

export const LINE_NO_STEP = 10000;

interface Target {
  readonly type: LineType;
  readonly no: string;
  /** What the item suggests for a new or re-pointed line. */
  readonly unitPrice: string;
  readonly description: string;
}

/** The item (must exist, not blocked) or G/L account a line points to. */
async function lineTarget(ctx: EngineContext, typeValue: unknown, noValue: unknown): Promise<Target> {
  const type = parseLineType(typeValue);
  const no = normalizeCode(noValue, {
    code: 'document-line-no-invalid',
    field: 'no',
    label: type === 'item' ? 'Item no.' : 'G/L account no.',
    maxLength: 20,
  });
  if (type === 'gl-account') return { type, no, unitPrice: '0', description: '' };
  await holdMasterKey(ctx, 'item', no);
  const item = await findItem(ctx, no);
  if (!item) throw invalid('item-unknown', `Item ${no} does not exist.`, { field: 'no' });
  if (item.blocked) throw invalid('item-blocked', `Item ${no} is blocked.`, { field: 'no' });
  return { type, no, unitPrice: item.unitPrice, description: item.description };
}

function checkQuantity(value: unknown): string {
  return decimalText(
    parseDecimal(value, {
      code: 'document-line-quantity',
      field: 'quantity',
      label: 'Quantity',
      minimum: 'positive',
    }),
  );
}

function checkUnitPrice(value: unknown): string {
  return decimalText(
    parseDecimal(value, {
      code: 'document-line-unit-price',
      field: 'unitPrice',
      label: 'Unit price',
      minimum: 'zero',
    }),
  );
}

function checkDescription(value: unknown): string {
  return normalizeText(value, {
    code: 'document-line-description',
    field: 'description',
    label: 'Description',
    maxLength: 100,
    optional: true,
  });
}

/** Locks the header of an Open document and reads its lines. */
async function openDocument(ctx: EngineContext, ref: DocumentRef): Promise<{ row: HeaderRow; lines: LineRow[] }> {
  const row = await requireHeaderRow(ctx, ref, true);
  assertOpen(row);
  return { row, lines: await lineRows(ctx, ref) };
}

function findLine(ref: DocumentRef, lines: readonly LineRow[], lineNo: number): LineRow {
  const line = lines.find((l) => Number(l.line_no) === lineNo);
  if (!line) {
    throw notFound('document-line-not-found', `${describeDocument(ref)} has no line ${lineNo}.`, {
      field: 'lineNo',
    });
  }
  return line;
}

/** Adds a line to an Open document, numbered 10000, 20000, … after the last one. */
export async function addLine(ctx: EngineContext, ref: DocumentRefInput, input: LineInput): Promise<DocumentLine> {
  const target = normalizeDocumentRef(ref);
  const { row, lines } = await openDocument(ctx, target);
  const pointsTo = await lineTarget(ctx, input.type, input.no);
  const quantity = checkQuantity(input.quantity);
  const unitPrice = input.unitPrice === undefined ? pointsTo.unitPrice : checkUnitPrice(input.unitPrice);
  const description = input.description === undefined ? pointsTo.description : checkDescription(input.description);
  const amount = lineAmount(quantity, unitPrice, await amountDecimals(ctx, row.currency_code));
  assertDiscountFits(row.invoice_discount, [...lines.map((l) => l.line_amount), amount]);
  const lineNo = lines.reduce((max, l) => Math.max(max, Number(l.line_no)), 0) + LINE_NO_STEP;
  const values = {
    company_id: ctx.companyId,
    area: target.area,
    document_type: target.documentType,
    document_no: target.no,
    line_no: lineNo,
    type: pointsTo.type,
    no: pointsTo.no,
    description,
    quantity,
    unit_price: unitPrice,
    line_amount: amount,
  };
  await ctx.tx.insertInto('document_line').values(values).execute();
  await bumpRevision(ctx, row);
  return toLine(values);
}

/**
 * Changes a line of an Open document. Pointing it at another item takes that item's price and
 * description unless those are given too.
 */
export async function updateLine(
  ctx: EngineContext,
  ref: DocumentRefInput,
  lineNo: number,
  changes: LineChanges,
): Promise<RecordUpdate<DocumentLine>> {
  const target = normalizeDocumentRef(ref);
  const { row, lines } = await openDocument(ctx, target);
  const current = findLine(target, lines, lineNo);
  const repointed = changes.type !== undefined || changes.no !== undefined;
  const pointsTo = repointed
    ? await lineTarget(ctx, changes.type ?? current.type, changes.no ?? current.no)
    : undefined;
  const quantity = changes.quantity === undefined ? current.quantity : checkQuantity(changes.quantity);
  const unitPrice =
    changes.unitPrice !== undefined
      ? checkUnitPrice(changes.unitPrice)
      : pointsTo && (pointsTo.type !== current.type || pointsTo.no !== current.no)
        ? pointsTo.unitPrice
        : current.unit_price;
  const description =
    changes.description !== undefined
      ? checkDescription(changes.description)
      : pointsTo && (pointsTo.type !== current.type || pointsTo.no !== current.no)
        ? pointsTo.description
        : current.description;
  const amount = lineAmount(quantity, unitPrice, await amountDecimals(ctx, row.currency_code));
  assertDiscountFits(
    row.invoice_discount,
    lines.map((l) => (l === current ? amount : l.line_amount)),
  );
  const updated: LineRow = {
    ...current,
    type: pointsTo?.type ?? current.type,
    no: pointsTo?.no ?? current.no,
    description,
    quantity,
    unit_price: unitPrice,
    line_amount: amount,
  };
  await ctx.tx
    .updateTable('document_line')
    .set({
      type: updated.type,
      no: updated.no,
      description,
      quantity,
      unit_price: unitPrice,
      line_amount: amount,
    })
    .where('company_id', '=', ctx.companyId)
    .where('area', '=', target.area)
    .where('document_type', '=', target.documentType)
    .where('document_no', '=', target.no)
    .where('line_no', '=', current.line_no)
    .execute();
  await bumpRevision(ctx, row);
  const before = toLine(current);
  const after = toLine(updated);
  return { before, after, oldRecord: lineToRecord(before), record: lineToRecord(after) };
}

/** Deletes a line of an Open document; the rest keep their numbers. */
export async function deleteLine(ctx: EngineContext, ref: DocumentRefInput, lineNo: number): Promise<DocumentLine> {
  const target = normalizeDocumentRef(ref);
  const { row, lines } = await openDocument(ctx, target);
  const current = findLine(target, lines, lineNo);
  assertDiscountFits(
    row.invoice_discount,
    lines.filter((l) => l !== current).map((l) => l.line_amount),
  );
  await ctx.tx
    .deleteFrom('document_line')
    .where('company_id', '=', ctx.companyId)
    .where('area', '=', target.area)
    .where('document_type', '=', target.documentType)
    .where('document_no', '=', target.no)
    .where('line_no', '=', current.line_no)
    .execute();
  await bumpRevision(ctx, row);
  return toLine(current);
}

export async function listLines(ctx: EngineContext, ref: DocumentRefInput): Promise<DocumentLine[]> {
  const target = normalizeDocumentRef(ref);
  await requireHeaderRow(ctx, target);
  return (await lineRows(ctx, target)).map(toLine);
}

export async function getLine(ctx: EngineContext, ref: DocumentRefInput, lineNo: number): Promise<DocumentLine> {
  const target = normalizeDocumentRef(ref);
  await requireHeaderRow(ctx, target);
  return toLine(findLine(target, await lineRows(ctx, target), lineNo));
}

/** The line as a workflow record of `purchase-line` / `sales-line`. */
export async function lineRecord(ctx: EngineContext, ref: DocumentRefInput, lineNo: number): Promise<WorkflowRecord> {
  return lineToRecord(await getLine(ctx, ref, lineNo));
}

/** `load` of the registered line tables; the key is `[documentType, documentNo, lineNo]`. */
export async function loadLineData(
  ctx: EngineContext,
  area: DocumentArea,
  key: string,
): Promise<RecordData | undefined> {
  let values: unknown;
  try {
    values = JSON.parse(key);
  } catch {
    return undefined;
  }
  if (!Array.isArray(values) || values.length !== 3) return undefined;
  const [documentType, documentNo, lineNo] = values as unknown[];
  if (typeof documentNo !== 'string' || typeof lineNo !== 'number') return undefined;
  let type: string;
  try {
    type = parseDocumentType(documentType);
  } catch {
    return undefined;
  }
  const row = await ctx.tx
    .selectFrom('document_line')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('area', '=', area)
    .where('document_type', '=', type)
    .where('document_no', '=', documentNo.toUpperCase())
    .where('line_no', '=', lineNo)
    .executeTakeFirst();
  return row && lineData(toLine(row));
}

/** `findWhere` of the registered line tables (the header → lines relation uses it). */
export async function findLinesWhere(
  ctx: EngineContext,
  area: DocumentArea,
  equals: Readonly<Record<string, FieldValue>>,
): Promise<RecordData[]> {
  const documentType = textOf(equals, 'documentType');
  const documentNo = textOf(equals, 'documentNo');
  const rows = await ctx.tx
    .selectFrom('document_line')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('area', '=', area)
    .$if(documentType !== undefined, (q) => q.where('document_type', '=', (documentType ?? '').toLowerCase()))
    .$if(documentNo !== undefined, (q) => q.where('document_no', '=', (documentNo ?? '').toUpperCase()))
    .orderBy('document_type')
    .orderBy('document_no')
    .orderBy('line_no')
    .execute();
  return filterByEquals(
    LINE_FIELDS,
    rows.map((r) => lineData(toLine(r))),
    equals,
  );
}
