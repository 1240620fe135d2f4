import type { FieldDefinition } from '../engine/field-types.ts';
import type { RecordTableDefinition } from '../engine/registry-types.ts';
import { filterByEquals, textOf } from '../records/find-where.ts';
import { journalBatchData } from './batch-record.ts';
import {
  ACCOUNT_TYPES,
  BATCH_TABLE,
  JOURNAL_DOCUMENT_TYPES,
  LINE_TABLE,
  parseBatchKey,
  parseLineKey,
  TEMPLATE_TYPES,
} from './codes.ts';
import {
  findJournalLine,
  journalLineData,
  listAllJournalLines,
  listJournalLines,
  listLinesApplyingTo,
} from './lines.ts';
import { findJournalBatch, listJournalBatches } from './setup.ts';

export const BATCH_FIELDS: readonly FieldDefinition[] = [
  { name: 'templateName', type: 'code', caption: 'Journal template' },
  { name: 'name', type: 'code', caption: 'Name' },
  { name: 'description', type: 'text', caption: 'Description' },
  { name: 'templateType', type: 'option', caption: 'Template type', options: TEMPLATE_TYPES },
  { name: 'balAccountType', type: 'option', caption: 'Balancing account type', options: ACCOUNT_TYPES },
  { name: 'balAccountNo', type: 'code', caption: 'Balancing account no.' },
  { name: 'lineCount', type: 'integer', caption: 'Number of lines' },
  { name: 'balanced', type: 'boolean', caption: 'Balanced' },
  { name: 'difference', type: 'decimal', caption: 'Difference' },
];

export const LINE_FIELDS: readonly FieldDefinition[] = [
  { name: 'templateName', type: 'code', caption: 'Journal template' },
  { name: 'batchName', type: 'code', caption: 'Journal batch' },
  { name: 'lineNo', type: 'integer', caption: 'Line no.' },
  { name: 'templateType', type: 'option', caption: 'Template type', options: TEMPLATE_TYPES },
  { name: 'postingDate', type: 'date', caption: 'Posting date' },
  { name: 'documentType', type: 'option', caption: 'Document type', options: JOURNAL_DOCUMENT_TYPES },
  { name: 'documentNo', type: 'code', caption: 'Document no.' },
  { name: 'accountType', type: 'option', caption: 'Account type', options: ACCOUNT_TYPES },
  { name: 'accountNo', type: 'code', caption: 'Account no.' },
  { name: 'description', type: 'text', caption: 'Description' },
  { name: 'amount', type: 'decimal', caption: 'Amount' },
  { name: 'balAccountType', type: 'option', caption: 'Balancing account type', options: ACCOUNT_TYPES },
  { name: 'balAccountNo', type: 'code', caption: 'Balancing account no.' },
  { name: 'appliesToDocNo', type: 'code', caption: 'Applies-to document no.' },
  { name: 'systemCreated', type: 'boolean', caption: 'Created by a workflow' },
];

/** `gen-journal-batch`: key template and name; its lines are a related table conditions may filter on. */
export const BATCH_RECORD_TABLE: RecordTableDefinition = {
  name: BATCH_TABLE,
  caption: 'General journal batch',
  key: ['templateName', 'name'],
  fields: BATCH_FIELDS,
  relations: [
    {
      table: LINE_TABLE,
      fields: [
        ['templateName', 'templateName'],
        ['name', 'batchName'],
      ],
      allowedTogether: true,
    },
  ],
  load: async (ctx, key) => {
    const parsed = parseBatchKey(key);
    const batch = parsed && (await findJournalBatch(ctx, parsed.templateName, parsed.name));
    return batch ? journalBatchData(ctx, batch) : undefined;
  },
  findWhere: async (ctx, equals) => {
    const batches = await listJournalBatches(ctx, textOf(equals, 'templateName'));
    const rows = [];
    for (const batch of batches) rows.push(await journalBatchData(ctx, batch));
    return filterByEquals(BATCH_FIELDS, rows, equals);
  },
};

/** `gen-journal-line`: key template, batch and line no. */
export const LINE_RECORD_TABLE: RecordTableDefinition = {
  name: LINE_TABLE,
  caption: 'General journal line',
  key: ['templateName', 'batchName', 'lineNo'],
  fields: LINE_FIELDS,
  load: async (ctx, key) => {
    const parsed = parseLineKey(key);
    const line = parsed && (await findJournalLine(ctx, parsed.templateName, parsed.batchName, parsed.lineNo));
    return line ? journalLineData(line) : undefined;
  },
  findWhere: async (ctx, equals) => {
    const appliesTo = textOf(equals, 'appliesToDocNo');
    const templateName = textOf(equals, 'templateName');
    const batchName = textOf(equals, 'batchName');
    const lines =
      appliesTo !== undefined
        ? await listLinesApplyingTo(ctx, appliesTo)
        : templateName !== undefined && batchName !== undefined
          ? await listJournalLines(ctx, templateName, batchName)
          : await listAllJournalLines(ctx);
    return filterByEquals(LINE_FIELDS, lines.map(journalLineData), equals);
  },
};
