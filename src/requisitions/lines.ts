import type { Selectable } from 'kysely';
import type { RequisitionLineTable } from '../db/schema-requisitions.ts';
import type { EngineContext } from '../engine/context.ts';
import type { RecordData } from '../engine/field-types.ts';
import { type CodeRule, lookupCode, normalizeCode, normalizeText } from '../records/codes.ts';
import { normalizeDate } from '../records/dates.ts';
import { decimalText, parseDecimal } from '../records/decimals.ts';
import { findItem } from '../records/items.ts';
import { holdMasterKey } from '../records/key-locks.ts';
import { forgetRecordLinks } from '../records/record-links.ts';
import type { Restriction } from '../records/restrictions.ts';
import { assertRevision } from '../records/revisions.ts';
import { findVendor } from '../records/vendors.ts';
import { invalid, notFound } from '../shared/errors.ts';
import {
  REQUISITION_LINE_NO_STEP,
  REQUISITION_LINE_TABLE,
  REQUISITION_LINE_TYPES,
  type RequisitionLineType,
  requisitionLineKey,
} from './codes.ts';
import { assertNoWorksheetApprovalPending, assertOneRowWritten } from './pending.ts';
import { restrictLineIfApprovalRequired } from './restrict.ts';
import { getRequisitionWorksheet } from './worksheets.ts';

/** One purchase proposal of a worksheet: a quantity of an item to buy from a vendor. */
export interface RequisitionLine {
  readonly worksheetName: string;
  readonly lineNo: number;
  readonly type: RequisitionLineType;
  readonly no: string;
  readonly description: string;
  readonly quantity: string;
  readonly vendorNo: string;
  /** YYYY-MM-DD, or blank. */
  readonly dueDate: string;
  readonly revision: number;
}

export interface RequisitionLineInput {
  readonly worksheetName: string;
  /** Default: the next multiple of 10000 after the worksheet's last line. */
  readonly lineNo?: number;
  /** Default `item`, the only type. */
  readonly type?: RequisitionLineType;
  readonly no: string;
  /** Default: the item's description. */
  readonly description?: string;
  /** Exact decimal text, greater than 0. */
  readonly quantity: string;
  readonly vendorNo: string;
  readonly dueDate?: string;
}

export type RequisitionLineChanges = Partial<Omit<RequisitionLineInput, 'worksheetName' | 'lineNo'>>;

export interface SavedRequisitionLine {
  readonly line: RequisitionLine;
  /** The restriction the line got because an enabled workflow covers its worksheet (reference §8.1). */
  readonly restriction?: Restriction;
}

const ITEM_NO: CodeRule = { code: 'requisition-line-no-invalid', field: 'no', label: 'Item no.', maxLength: 20 };
const VENDOR_NO: CodeRule = {
  code: 'requisition-line-vendor-no-invalid',
  field: 'vendorNo',
  label: 'Vendor no.',
  maxLength: 20,
};

function toLine(row: Selectable<RequisitionLineTable>): RequisitionLine {
  return {
    worksheetName: row.worksheet_name,
    lineNo: Number(row.line_no),
    type: row.type as RequisitionLineType,
    no: row.no,
    description: row.description,
    quantity: row.quantity,
    vendorNo: row.vendor_no,
    dueDate: row.due_date,
    revision: Number(row.revision),
  };
}

export async function findRequisitionLine(
  ctx: EngineContext,
  worksheetName: string,
  lineNo: number,
  lock = false,
): Promise<RequisitionLine | undefined> {
  const row = await ctx.tx
    .selectFrom('requisition_line')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('worksheet_name', '=', lookupCode(worksheetName))
    .where('line_no', '=', lineNo)
    .$if(lock && ctx.capabilities.rowLocks, (q) => q.forUpdate())
    .executeTakeFirst();
  return row && toLine(row);
}

export async function getRequisitionLine(
  ctx: EngineContext,
  worksheetName: string,
  lineNo: number,
  lock = false,
): Promise<RequisitionLine> {
  const line = await findRequisitionLine(ctx, worksheetName, lineNo, lock);
  if (!line) {
    throw notFound(
      'requisition-line-not-found',
      `Line ${lineNo} of requisition worksheet ${lookupCode(worksheetName)} does not exist.`,
      { field: 'lineNo' },
    );
  }
  return line;
}

/** The lines of one worksheet (or of every worksheet) in worksheet and line order. */
export async function listRequisitionLines(ctx: EngineContext, worksheetName?: string): Promise<RequisitionLine[]> {
  const rows = await ctx.tx
    .selectFrom('requisition_line')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .$if(worksheetName !== undefined, (q) => q.where('worksheet_name', '=', lookupCode(worksheetName ?? '')))
    .orderBy('worksheet_name')
    .orderBy('line_no')
    .execute();
  return rows.map(toLine);
}

/** The fields of the `requisition-line` record table. */
export function requisitionLineData(line: RequisitionLine): RecordData {
  return {
    worksheetName: line.worksheetName,
    lineNo: line.lineNo,
    type: line.type,
    no: line.no,
    description: line.description,
    quantity: line.quantity,
    vendorNo: line.vendorNo,
    dueDate: line.dueDate,
  };
}

interface LineFields {
  readonly type: RequisitionLineType;
  readonly no: string;
  readonly description: string;
  readonly quantity: string;
  readonly vendorNo: string;
  readonly dueDate: string;
}

/** Checks every field of a new or changed line; nothing is written before all are valid. */
async function checkFields(ctx: EngineContext, fields: RequisitionLineChanges): Promise<LineFields> {
  const type = fields.type ?? 'item';
  if (!(REQUISITION_LINE_TYPES as readonly string[]).includes(type)) {
    throw invalid(
      'requisition-line-type-invalid',
      `Type must be ${REQUISITION_LINE_TYPES.join(' or ')}; got ${JSON.stringify(type)}.`,
      { field: 'type' },
    );
  }
  const no = normalizeCode(fields.no, ITEM_NO);
  await holdMasterKey(ctx, 'item', no);
  const item = await findItem(ctx, no);
  if (!item) throw invalid('requisition-line-item-not-found', `Item ${no} does not exist.`, { field: 'no' });
  const vendorNo = normalizeCode(fields.vendorNo, VENDOR_NO);
  await holdMasterKey(ctx, 'vendor', vendorNo);
  if (!(await findVendor(ctx, vendorNo))) {
    throw invalid('requisition-line-vendor-not-found', `Vendor ${vendorNo} does not exist.`, { field: 'vendorNo' });
  }
  const quantity = decimalText(
    parseDecimal(fields.quantity, {
      code: 'requisition-line-quantity',
      field: 'quantity',
      label: 'Quantity',
      minimum: 'positive',
    }),
  );
  const description =
    fields.description === undefined
      ? item.description
      : normalizeText(fields.description, {
          code: 'requisition-line-description',
          field: 'description',
          label: 'Description',
          maxLength: 100,
          optional: true,
        });
  const dueDate =
    fields.dueDate === undefined || fields.dueDate === ''
      ? ''
      : normalizeDate(fields.dueDate, 'requisition-line-due-date-invalid', 'dueDate', 'Due date');
  return { type: type as RequisitionLineType, no, description, quantity, vendorNo, dueDate };
}

function rowValues(fields: LineFields) {
  return {
    type: fields.type,
    no: fields.no,
    description: fields.description,
    quantity: fields.quantity,
    vendor_no: fields.vendorNo,
    due_date: fields.dueDate,
  };
}

/**
 * A new line: checked, written, and restricted while an enabled approval workflow covers its
 * worksheet (reference §8.1). Refused (`requisition-approval-pending`) while the worksheet waits
 * for an approval decision: its approval would lift the new line's restriction too.
 */
export async function createRequisitionLine(
  ctx: EngineContext,
  input: RequisitionLineInput,
): Promise<SavedRequisitionLine> {
  // The worksheet row is held, so two new lines cannot get the same number.
  const worksheet = await getRequisitionWorksheet(ctx, input.worksheetName, true);
  await assertNoWorksheetApprovalPending(ctx, worksheet.name, 'changing-lines');
  const fields = await checkFields(ctx, input);
  let lineNo = input.lineNo;
  if (lineNo === undefined) {
    const row = await ctx.tx
      .selectFrom('requisition_line')
      .select(({ fn }) => fn.max('line_no').as('last'))
      .where('company_id', '=', ctx.companyId)
      .where('worksheet_name', '=', worksheet.name)
      .executeTakeFirst();
    lineNo = (Math.floor(Number(row?.last ?? 0) / REQUISITION_LINE_NO_STEP) + 1) * REQUISITION_LINE_NO_STEP;
  } else if (!Number.isSafeInteger(lineNo) || lineNo < 1) {
    throw invalid('requisition-line-no-invalid', `Line no. must be a whole number of at least 1; got ${lineNo}.`, {
      field: 'lineNo',
    });
  } else if (await findRequisitionLine(ctx, worksheet.name, lineNo)) {
    throw invalid(
      'requisition-line-exists',
      `Line ${lineNo} of requisition worksheet ${worksheet.name} exists already.`,
      {
        field: 'lineNo',
      },
    );
  }
  await ctx.tx
    .insertInto('requisition_line')
    .values({
      company_id: ctx.companyId,
      worksheet_name: worksheet.name,
      line_no: lineNo,
      ...rowValues(fields),
      revision: 1,
    })
    .execute();
  const restriction = await restrictLineIfApprovalRequired(ctx, worksheet.name, lineNo);
  return {
    line: await getRequisitionLine(ctx, worksheet.name, lineNo),
    ...(restriction ? { restriction } : {}),
  };
}

/**
 * Saves the given fields and bumps the revision; a changed line is restricted again while a
 * workflow covers its worksheet. Refused while the worksheet waits for an approval decision.
 */
export async function updateRequisitionLine(
  ctx: EngineContext,
  worksheetName: string,
  lineNo: number,
  changes: RequisitionLineChanges,
  expectedRevision?: number,
): Promise<SavedRequisitionLine> {
  const before = await getRequisitionLine(ctx, worksheetName, lineNo, true);
  const what = `Line ${before.lineNo} of requisition worksheet ${before.worksheetName}`;
  assertRevision('requisition-line-revision-stale', what, before.revision, expectedRevision);
  await assertNoWorksheetApprovalPending(ctx, before.worksheetName, 'changing-lines');
  const fields = await checkFields(ctx, {
    type: changes.type ?? before.type,
    no: changes.no ?? before.no,
    description: changes.description ?? (changes.no === undefined ? before.description : undefined),
    quantity: changes.quantity ?? before.quantity,
    vendorNo: changes.vendorNo ?? before.vendorNo,
    dueDate: changes.dueDate ?? before.dueDate,
  });
  const result = await ctx.tx
    .updateTable('requisition_line')
    .set({ ...rowValues(fields), revision: before.revision + 1 })
    .where('company_id', '=', ctx.companyId)
    .where('worksheet_name', '=', before.worksheetName)
    .where('line_no', '=', before.lineNo)
    .where('revision', '=', before.revision)
    .executeTakeFirst();
  assertOneRowWritten(
    result.numUpdatedRows,
    'requisition-line-revision-stale',
    `${what} was changed by someone else; reload and try again.`,
  );
  const after = await getRequisitionLine(ctx, before.worksheetName, before.lineNo);
  const changed = JSON.stringify(requisitionLineData(after)) !== JSON.stringify(requisitionLineData(before));
  const restriction = changed
    ? await restrictLineIfApprovalRequired(ctx, after.worksheetName, after.lineNo)
    : undefined;
  return { line: after, ...(restriction ? { restriction } : {}) };
}

/** Deletes a line with its restriction and approval data; refused while the worksheet waits for a decision. */
export async function deleteRequisitionLine(
  ctx: EngineContext,
  worksheetName: string,
  lineNo: number,
  expectedRevision?: number,
): Promise<RequisitionLine> {
  const line = await getRequisitionLine(ctx, worksheetName, lineNo, true);
  assertRevision(
    'requisition-line-revision-stale',
    `Line ${line.lineNo} of requisition worksheet ${line.worksheetName}`,
    line.revision,
    expectedRevision,
  );
  await assertNoWorksheetApprovalPending(ctx, line.worksheetName, 'changing-lines');
  await removeRequisitionLine(ctx, line);
  return line;
}

/** Removes a line with its restriction and approval data, without further checks. */
export async function removeRequisitionLine(ctx: EngineContext, line: RequisitionLine): Promise<void> {
  await forgetRecordLinks(ctx, REQUISITION_LINE_TABLE, requisitionLineKey(line.worksheetName, line.lineNo));
  await ctx.tx
    .deleteFrom('requisition_line')
    .where('company_id', '=', ctx.companyId)
    .where('worksheet_name', '=', line.worksheetName)
    .where('line_no', '=', line.lineNo)
    .execute();
}
