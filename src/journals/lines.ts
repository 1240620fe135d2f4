import type { Selectable } from 'kysely';
import { companySettings } from '../approvals/company-settings.ts';
import type { GenJournalLineTable } from '../db/schema-journals.ts';
import type { EngineContext } from '../engine/context.ts';
import { handleEvent } from '../engine/execution/handle-event.ts';
import type { RecordData } from '../engine/field-types.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import { type CodeRule, lookupCode, normalizeCode, normalizeOptionalCode, normalizeText } from '../records/codes.ts';
import { normalizeDate } from '../records/dates.ts';
import { parseDecimal, roundedText } from '../records/decimals.ts';
import { LCY_DECIMALS } from '../records/document-amounts.ts';
import { nextNumber } from '../records/number-series.ts';
import { forgetRecordLinks } from '../records/record-links.ts';
import type { Restriction } from '../records/restrictions.ts';
import { assertRevision } from '../records/revisions.ts';
import { invalid, notFound } from '../shared/errors.ts';
import { checkAccount, parseAccountType } from './accounts.ts';
import {
  BATCH_TABLE,
  batchKey,
  JOURNAL_DOCUMENT_TYPES,
  JOURNAL_LINE_NO_STEP,
  type JournalAccountType,
  type JournalDocumentType,
  type JournalTemplateType,
  LINE_CREATED,
  LINE_TABLE,
  lineKey,
} from './codes.ts';
import { assertNoJournalApprovalPending, assertRowsWritten } from './pending.ts';
import { restrictIfApprovalRequired } from './restrict.ts';
import { getJournalBatch, type JournalBatch } from './setup.ts';

/**
 * Lines of a journal batch: one amount (signed, local currency) on an account, optionally
 * balanced by a balancing account on the same line. A payment line settles the open entry of
 * its applies-to document when posted.
 */
export interface JournalLine {
  readonly templateName: string;
  readonly batchName: string;
  readonly lineNo: number;
  readonly templateType: JournalTemplateType;
  readonly postingDate: string;
  readonly documentType: JournalDocumentType;
  readonly documentNo: string;
  readonly accountType: JournalAccountType;
  readonly accountNo: string;
  readonly description: string;
  readonly amount: string;
  readonly balAccountType: JournalAccountType | '';
  readonly balAccountNo: string;
  readonly appliesToDocNo: string;
  /** Made by a workflow (a payment line), not typed in; never restricted automatically. */
  readonly systemCreated: boolean;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly revision: number;
}

export interface JournalLineInput {
  readonly templateName: string;
  readonly batchName: string;
  /** Default: the next multiple of 10000 after the batch's last line. */
  readonly lineNo?: number;
  /** Default: today in the company's time zone. */
  readonly postingDate?: string;
  readonly documentType?: JournalDocumentType;
  /** Default (and only then optional): the next number of the batch's number series. */
  readonly documentNo?: string;
  readonly accountType: JournalAccountType;
  readonly accountNo: string;
  readonly description?: string;
  readonly amount: string;
  /** Default: the batch's balancing account; blank for none. */
  readonly balAccountType?: JournalAccountType | '';
  readonly balAccountNo?: string;
  readonly appliesToDocNo?: string;
}

export type JournalLineChanges = Partial<Omit<JournalLineInput, 'templateName' | 'batchName' | 'lineNo'>>;

export interface SavedJournalLine {
  readonly line: JournalLine;
  /** The restriction the line got because an enabled approval workflow covers it (reference §8.1). */
  readonly restriction?: Restriction;
  /** What workflows said when the line was created. */
  readonly messages: readonly string[];
}

const DOCUMENT_NO: CodeRule = {
  code: 'journal-line-document-no-invalid',
  field: 'documentNo',
  label: 'Document no.',
  maxLength: 20,
};
const APPLIES_TO: CodeRule = {
  code: 'journal-line-applies-to-invalid',
  field: 'appliesToDocNo',
  label: 'Applies-to document no.',
  maxLength: 20,
};
const DESCRIPTION = {
  code: 'journal-line-description',
  field: 'description',
  label: 'Description',
  maxLength: 100,
  optional: true,
} as const;

function toLine(row: Selectable<GenJournalLineTable>, templateType: JournalTemplateType): JournalLine {
  return {
    templateName: row.template_name,
    batchName: row.batch_name,
    lineNo: Number(row.line_no),
    templateType,
    postingDate: row.posting_date,
    documentType: row.document_type as JournalDocumentType,
    documentNo: row.document_no,
    accountType: row.account_type as JournalAccountType,
    accountNo: row.account_no,
    description: row.description,
    amount: row.amount,
    balAccountType: row.bal_account_type as JournalAccountType | '',
    balAccountNo: row.bal_account_no,
    appliesToDocNo: row.applies_to_doc_no,
    systemCreated: Number(row.system_created) === 1,
    createdBy: row.created_by,
    createdAt: row.created_at,
    revision: Number(row.revision),
  };
}

function linesQuery(ctx: EngineContext) {
  return ctx.tx
    .selectFrom('gen_journal_line')
    .innerJoin('gen_journal_template as t', (join) =>
      join
        .onRef('t.company_id', '=', 'gen_journal_line.company_id')
        .onRef('t.name', '=', 'gen_journal_line.template_name'),
    )
    .selectAll('gen_journal_line')
    .select('t.type as template_type')
    .where('gen_journal_line.company_id', '=', ctx.companyId);
}

/** One line; `lock` holds the line row for the rest of the transaction where the database can. */
export async function findJournalLine(
  ctx: EngineContext,
  templateName: string,
  batchName: string,
  lineNo: number,
  lock = false,
): Promise<JournalLine | undefined> {
  const row = await linesQuery(ctx)
    .where('gen_journal_line.template_name', '=', lookupCode(templateName))
    .where('gen_journal_line.batch_name', '=', lookupCode(batchName))
    .where('gen_journal_line.line_no', '=', lineNo)
    .$if(lock && ctx.capabilities.rowLocks, (q) => q.forUpdate('gen_journal_line'))
    .executeTakeFirst();
  return row && toLine(row, row.template_type as JournalTemplateType);
}

export async function getJournalLine(
  ctx: EngineContext,
  templateName: string,
  batchName: string,
  lineNo: number,
  lock = false,
): Promise<JournalLine> {
  const line = await findJournalLine(ctx, templateName, batchName, lineNo, lock);
  if (!line) {
    throw notFound(
      'journal-line-not-found',
      `Line ${lineNo} of journal batch ${lookupCode(batchName)} (template ${lookupCode(templateName)}) does not exist.`,
      { field: 'lineNo' },
    );
  }
  return line;
}

/** The lines of a batch in line order; `lock` holds their rows for the rest of the transaction where the database can. */
export async function listJournalLines(
  ctx: EngineContext,
  templateName: string,
  batchName: string,
  lock = false,
): Promise<JournalLine[]> {
  const rows = await linesQuery(ctx)
    .where('gen_journal_line.template_name', '=', lookupCode(templateName))
    .where('gen_journal_line.batch_name', '=', lookupCode(batchName))
    .orderBy('gen_journal_line.line_no')
    .$if(lock && ctx.capabilities.rowLocks, (q) => q.forUpdate('gen_journal_line'))
    .execute();
  return rows.map((row) => toLine(row, row.template_type as JournalTemplateType));
}

/** Lines of any batch that settle `documentNo` (for the posted invoice → payment line relation). */
export async function listLinesApplyingTo(ctx: EngineContext, documentNo: string): Promise<JournalLine[]> {
  const rows = await linesQuery(ctx)
    .where('gen_journal_line.applies_to_doc_no', '=', lookupCode(documentNo))
    .orderBy('gen_journal_line.template_name')
    .orderBy('gen_journal_line.batch_name')
    .orderBy('gen_journal_line.line_no')
    .execute();
  return rows.map((row) => toLine(row, row.template_type as JournalTemplateType));
}

/** Every line of the company (the record table's look-ups filter them further). */
export async function listAllJournalLines(ctx: EngineContext): Promise<JournalLine[]> {
  const rows = await linesQuery(ctx)
    .orderBy('gen_journal_line.template_name')
    .orderBy('gen_journal_line.batch_name')
    .orderBy('gen_journal_line.line_no')
    .execute();
  return rows.map((row) => toLine(row, row.template_type as JournalTemplateType));
}

export function journalLineKey(line: Pick<JournalLine, 'templateName' | 'batchName' | 'lineNo'>): string {
  return lineKey(line.templateName, line.batchName, line.lineNo);
}

/** The fields of the `gen-journal-line` record table. */
export function journalLineData(line: JournalLine): RecordData {
  return {
    templateName: line.templateName,
    batchName: line.batchName,
    lineNo: line.lineNo,
    templateType: line.templateType,
    postingDate: line.postingDate,
    documentType: line.documentType,
    documentNo: line.documentNo,
    accountType: line.accountType,
    accountNo: line.accountNo,
    description: line.description,
    amount: line.amount,
    balAccountType: line.balAccountType,
    balAccountNo: line.balAccountNo,
    appliesToDocNo: line.appliesToDocNo,
    systemCreated: line.systemCreated,
  };
}

export function journalLineToRecord(line: JournalLine): WorkflowRecord {
  return { table: LINE_TABLE, key: journalLineKey(line), data: journalLineData(line) };
}

function parseDocumentType(value: unknown): JournalDocumentType {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'string' && (JOURNAL_DOCUMENT_TYPES as readonly string[]).includes(value)) {
    return value as JournalDocumentType;
  }
  throw invalid(
    'journal-line-document-type-invalid',
    `Document type must be blank or one of ${JOURNAL_DOCUMENT_TYPES.join(', ')}; got ${JSON.stringify(value)}.`,
    { field: 'documentType' },
  );
}

function parseAmount(value: unknown): string {
  const amount = parseDecimal(value, { code: 'journal-line-amount', field: 'amount', label: 'Amount' });
  if (amount.isZero()) {
    throw invalid('journal-line-amount-zero', 'Amount must not be 0: a line of 0 posts nothing.', { field: 'amount' });
  }
  if (amount.decimalPlaces() > LCY_DECIMALS) {
    throw invalid('journal-line-amount-precision', `Amount ${value} has more than ${LCY_DECIMALS} decimals.`, {
      field: 'amount',
    });
  }
  // Local currency, written with its decimals ("120.40").
  return roundedText(amount, LCY_DECIMALS);
}

interface LineFields {
  readonly postingDate: string;
  readonly documentType: JournalDocumentType;
  readonly documentNo: string;
  readonly accountType: JournalAccountType;
  readonly accountNo: string;
  readonly description: string;
  readonly amount: string;
  readonly balAccountType: JournalAccountType | '';
  readonly balAccountNo: string;
  readonly appliesToDocNo: string;
}

/** Checks every field of a new or changed line; nothing is written before all are valid. */
async function checkFields(ctx: EngineContext, batch: JournalBatch, fields: JournalLineChanges): Promise<LineFields> {
  const postingDate =
    fields.postingDate === undefined
      ? (await companySettings(ctx)).today
      : normalizeDate(fields.postingDate, 'journal-line-posting-date-invalid', 'postingDate', 'Posting date');
  const documentType = parseDocumentType(fields.documentType);
  const accountType = parseAccountType(fields.accountType, 'accountType');
  const accountNo = await checkAccount(ctx, accountType, fields.accountNo, 'accountNo');
  const amount = parseAmount(fields.amount);
  const description = normalizeText(fields.description, DESCRIPTION);
  const balAccountType = parseAccountType(fields.balAccountType, 'balAccountType', true);
  const balAccountNo =
    balAccountType === '' ? '' : await checkAccount(ctx, balAccountType, fields.balAccountNo, 'balAccountNo');
  if (balAccountType === '' && typeof fields.balAccountNo === 'string' && fields.balAccountNo.trim() !== '') {
    throw invalid('journal-bal-account-type-required', 'A balancing account no. needs a balancing account type.', {
      field: 'balAccountType',
    });
  }
  if (balAccountType === accountType && balAccountNo === accountNo) {
    throw invalid('journal-line-balances-itself', `The line cannot balance ${accountNo} against itself.`, {
      field: 'balAccountNo',
    });
  }
  const appliesToDocNo = normalizeOptionalCode(fields.appliesToDocNo, APPLIES_TO);
  const isParty = (type: string) => type === 'customer' || type === 'vendor';
  if (appliesToDocNo !== '' && !isParty(accountType) && !isParty(balAccountType)) {
    throw invalid(
      'journal-line-applies-to-needs-party',
      'Only a line on a customer or vendor can settle a document (applies-to document no.).',
      { field: 'appliesToDocNo' },
    );
  }
  const given = typeof fields.documentNo === 'string' ? fields.documentNo.trim() : '';
  const documentNo =
    given === '' && batch.noSeries !== '' ? await nextNumber(ctx, batch.noSeries) : normalizeCode(given, DOCUMENT_NO);
  return {
    postingDate,
    documentType,
    documentNo,
    accountType,
    accountNo,
    description,
    amount,
    balAccountType,
    balAccountNo,
    appliesToDocNo,
  };
}

function rowValues(fields: LineFields) {
  return {
    posting_date: fields.postingDate,
    document_type: fields.documentType,
    document_no: fields.documentNo,
    account_type: fields.accountType,
    account_no: fields.accountNo,
    description: fields.description,
    amount: fields.amount,
    bal_account_type: fields.balAccountType,
    bal_account_no: fields.balAccountNo,
    applies_to_doc_no: fields.appliesToDocNo,
  };
}

/** The caller holds the batch row (see `insertJournalLine`), so two new lines cannot get the same number. */
async function nextLineNo(ctx: EngineContext, batch: JournalBatch): Promise<number> {
  const row = await ctx.tx
    .selectFrom('gen_journal_line')
    .select(({ fn }) => fn.max('line_no').as('last'))
    .where('company_id', '=', ctx.companyId)
    .where('template_name', '=', batch.templateName)
    .where('batch_name', '=', batch.name)
    .executeTakeFirst();
  const last = Number(row?.last ?? 0);
  return (Math.floor(last / JOURNAL_LINE_NO_STEP) + 1) * JOURNAL_LINE_NO_STEP;
}

/**
 * Writes a new line after checking it; raises no event and restricts nothing (see
 * `createJournalLine` for what a user's new line does, and the payment-line responses). The batch
 * row is locked first: new lines of one batch, and its posting, take turns.
 */
export async function insertJournalLine(
  ctx: EngineContext,
  input: JournalLineInput,
  options: { readonly systemCreated?: boolean } = {},
): Promise<JournalLine> {
  const batch = await getJournalBatch(ctx, input.templateName, input.batchName, true);
  const useBatchBalancing = input.balAccountType === undefined && input.balAccountNo === undefined;
  const fields = await checkFields(ctx, batch, {
    ...input,
    ...(useBatchBalancing ? { balAccountType: batch.balAccountType, balAccountNo: batch.balAccountNo } : {}),
  });
  let lineNo = input.lineNo;
  if (lineNo === undefined) lineNo = await nextLineNo(ctx, batch);
  else if (!Number.isSafeInteger(lineNo) || lineNo < 1) {
    throw invalid('journal-line-no-invalid', `Line no. must be a whole number of at least 1; got ${lineNo}.`, {
      field: 'lineNo',
    });
  } else if (await findJournalLine(ctx, batch.templateName, batch.name, lineNo)) {
    throw invalid('journal-line-exists', `Line ${lineNo} of journal batch ${batch.name} exists already.`, {
      field: 'lineNo',
    });
  }
  await ctx.tx
    .insertInto('gen_journal_line')
    .values({
      company_id: ctx.companyId,
      template_name: batch.templateName,
      batch_name: batch.name,
      line_no: lineNo,
      ...rowValues(fields),
      system_created: options.systemCreated ? 1 : 0,
      created_by: ctx.userId,
      created_at: ctx.now.toISOString(),
      revision: 1,
    })
    .execute();
  return getJournalLine(ctx, batch.templateName, batch.name, lineNo);
}

/**
 * A user's new line: written, restricted when an enabled approval workflow covers the line or
 * its batch (reference §8.1), and announced with `gen-journal-line.created`.
 */
export async function createJournalLine(ctx: EngineContext, input: JournalLineInput): Promise<SavedJournalLine> {
  // A batch waiting for approval takes no new lines: its approval would lift their restriction too.
  const batch = await getJournalBatch(ctx, input.templateName, input.batchName);
  await assertNoJournalApprovalPending(
    ctx,
    BATCH_TABLE,
    batchKey(batch.templateName, batch.name),
    `Journal batch ${batch.name}`,
    'changing-lines',
  );
  const line = await insertJournalLine(ctx, input);
  const restriction = await restrictIfApprovalRequired(ctx, line, journalLineToRecord(line));
  const outcome = await handleEvent(ctx, LINE_CREATED, journalLineToRecord(line));
  return {
    line: await getJournalLine(ctx, line.templateName, line.batchName, line.lineNo),
    ...(restriction ? { restriction } : {}),
    messages: outcome.messages,
  };
}

/**
 * Saves the given fields and bumps the revision; a changed line is restricted again if a workflow
 * covers it. Refused (`journal-approval-pending`) while the line or its batch waits for an
 * approval decision: the approvers decide on what they were sent. The line is locked while it is
 * read, and written only at the revision read.
 */
export async function updateJournalLine(
  ctx: EngineContext,
  templateName: string,
  batchName: string,
  lineNo: number,
  changes: JournalLineChanges,
  expectedRevision?: number,
): Promise<SavedJournalLine> {
  const before = await getJournalLine(ctx, templateName, batchName, lineNo, true);
  const what = `Line ${before.lineNo} of journal batch ${before.batchName}`;
  assertRevision('journal-line-revision-stale', what, before.revision, expectedRevision);
  await assertNoJournalApprovalPending(ctx, LINE_TABLE, journalLineKey(before), what, 'changing');
  await assertNoJournalApprovalPending(
    ctx,
    BATCH_TABLE,
    batchKey(before.templateName, before.batchName),
    `Journal batch ${before.batchName}`,
    'changing-lines',
  );
  const batch = await getJournalBatch(ctx, before.templateName, before.batchName);
  const merged: JournalLineChanges = {
    postingDate: changes.postingDate ?? before.postingDate,
    documentType: changes.documentType ?? before.documentType,
    documentNo: changes.documentNo ?? before.documentNo,
    accountType: changes.accountType ?? before.accountType,
    accountNo: changes.accountNo ?? before.accountNo,
    description: changes.description ?? before.description,
    amount: changes.amount ?? before.amount,
    balAccountType: changes.balAccountType ?? before.balAccountType,
    balAccountNo: changes.balAccountNo ?? (changes.balAccountType === '' ? '' : before.balAccountNo),
    appliesToDocNo: changes.appliesToDocNo ?? before.appliesToDocNo,
  };
  const fields = await checkFields(ctx, batch, merged);
  const result = await ctx.tx
    .updateTable('gen_journal_line')
    .set({ ...rowValues(fields), revision: before.revision + 1 })
    .where('company_id', '=', ctx.companyId)
    .where('template_name', '=', before.templateName)
    .where('batch_name', '=', before.batchName)
    .where('line_no', '=', before.lineNo)
    .where('revision', '=', before.revision)
    .executeTakeFirst();
  assertRowsWritten(
    result.numUpdatedRows,
    1,
    'journal-line-revision-stale',
    `${what} was changed or posted by someone else; reload and try again.`,
  );
  const after = await getJournalLine(ctx, before.templateName, before.batchName, before.lineNo);
  const changed = JSON.stringify(journalLineData(after)) !== JSON.stringify(journalLineData(before));
  const restriction = changed ? await restrictIfApprovalRequired(ctx, after, journalLineToRecord(after)) : undefined;
  return { line: after, ...(restriction ? { restriction } : {}), messages: [] };
}

/** Deletes a line, its restriction and approval history; refused while it waits for an approval decision. */
export async function deleteJournalLine(
  ctx: EngineContext,
  templateName: string,
  batchName: string,
  lineNo: number,
  expectedRevision?: number,
): Promise<JournalLine> {
  const line = await getJournalLine(ctx, templateName, batchName, lineNo, true);
  const what = `Line ${line.lineNo} of journal batch ${line.batchName}`;
  assertRevision('journal-line-revision-stale', what, line.revision, expectedRevision);
  await assertNoJournalApprovalPending(ctx, LINE_TABLE, journalLineKey(line), what, 'deleting');
  await removeLine(ctx, line);
  return line;
}

/**
 * Removes a line with its restriction and approval data without further checks (posting moves
 * the approval history to the posted entries first).
 */
export async function removeLine(ctx: EngineContext, line: JournalLine): Promise<void> {
  await forgetRecordLinks(ctx, LINE_TABLE, journalLineKey(line));
  await ctx.tx
    .deleteFrom('gen_journal_line')
    .where('company_id', '=', ctx.companyId)
    .where('template_name', '=', line.templateName)
    .where('batch_name', '=', line.batchName)
    .where('line_no', '=', line.lineNo)
    .execute();
}
