import type { FieldDefinition } from '../engine/field-types.ts';
import type { RecordTableDefinition } from '../engine/registry-types.ts';
import { filterByEquals, textOf } from '../records/find-where.ts';
import { parseRequisitionLineKey, REQUISITION_LINE_TABLE, REQUISITION_LINE_TYPES, WORKSHEET_TABLE } from './codes.ts';
import { findRequisitionLine, listRequisitionLines, requisitionLineData } from './lines.ts';
import { findRequisitionWorksheet, listRequisitionWorksheets, requisitionWorksheetData } from './worksheets.ts';

export const WORKSHEET_FIELDS: readonly FieldDefinition[] = [
  { name: 'name', type: 'code', caption: 'Name' },
  { name: 'description', type: 'text', caption: 'Description' },
  { name: 'lineCount', type: 'integer', caption: 'Number of lines' },
];

export const REQUISITION_LINE_FIELDS: readonly FieldDefinition[] = [
  { name: 'worksheetName', type: 'code', caption: 'Requisition worksheet' },
  { name: 'lineNo', type: 'integer', caption: 'Line no.' },
  { name: 'type', type: 'option', caption: 'Type', options: REQUISITION_LINE_TYPES },
  { name: 'no', type: 'code', caption: 'No.' },
  { name: 'description', type: 'text', caption: 'Description' },
  { name: 'quantity', type: 'decimal', caption: 'Quantity' },
  { name: 'vendorNo', type: 'code', caption: 'Vendor no.' },
  { name: 'dueDate', type: 'date', caption: 'Due date' },
];

/** `requisition-worksheet`: key name; its lines are a related table conditions may filter on. */
export const WORKSHEET_RECORD_TABLE: RecordTableDefinition = {
  name: WORKSHEET_TABLE,
  caption: 'Requisition worksheet',
  key: ['name'],
  fields: WORKSHEET_FIELDS,
  relations: [{ table: REQUISITION_LINE_TABLE, fields: [['name', 'worksheetName']], allowedTogether: true }],
  load: async (ctx, key) => {
    const worksheet = await findRequisitionWorksheet(ctx, key);
    return worksheet ? requisitionWorksheetData(ctx, worksheet) : undefined;
  },
  findWhere: async (ctx, equals) => {
    const name = textOf(equals, 'name');
    const worksheets =
      name !== undefined
        ? [await findRequisitionWorksheet(ctx, name)].filter((w) => w !== undefined)
        : await listRequisitionWorksheets(ctx);
    const rows = [];
    for (const worksheet of worksheets) rows.push(await requisitionWorksheetData(ctx, worksheet));
    return filterByEquals(WORKSHEET_FIELDS, rows, equals);
  },
};

/** `requisition-line`: key worksheet name and line no. */
export const REQUISITION_LINE_RECORD_TABLE: RecordTableDefinition = {
  name: REQUISITION_LINE_TABLE,
  caption: 'Requisition line',
  key: ['worksheetName', 'lineNo'],
  fields: REQUISITION_LINE_FIELDS,
  load: async (ctx, key) => {
    const parsed = parseRequisitionLineKey(key);
    const line = parsed && (await findRequisitionLine(ctx, parsed.worksheetName, parsed.lineNo));
    return line ? requisitionLineData(line) : undefined;
  },
  findWhere: async (ctx, equals) => {
    const lines = await listRequisitionLines(ctx, textOf(equals, 'worksheetName'));
    return filterByEquals(REQUISITION_LINE_FIELDS, lines.map(requisitionLineData), equals);
  },
};
