import type { Selectable } from 'kysely';
import type { GenJournalBatchTable, GenJournalTemplateTable } from '../db/schema-journals.ts';
import type { EngineContext } from '../engine/context.ts';
import { type CodeRule, lookupCode, normalizeCode, normalizeOptionalCode, normalizeText } from '../records/codes.ts';
import { forgetRecordLinks } from '../records/record-links.ts';
import { assertRevision } from '../records/revisions.ts';
import { conflict, invalid, notFound } from '../shared/errors.ts';
import { checkAccount, parseAccountType } from './accounts.ts';
import {
  BATCH_TABLE,
  batchKey,
  type JournalAccountType,
  type JournalTemplateType,
  LINE_TABLE,
  lineKey,
  TEMPLATE_TYPES,
} from './codes.ts';
import { assertNoJournalApprovalPending, assertRowsWritten } from './pending.ts';

/**
 * Journal templates (a general journal, a payment journal) and their batches. A batch may name
 * the account its lines balance against (a payment journal's bank account) and a number series
 * for the document numbers of new lines.
 */
export interface JournalTemplate {
  readonly name: string;
  readonly description: string;
  readonly type: JournalTemplateType;
  readonly revision: number;
}

export interface JournalBatch {
  readonly templateName: string;
  readonly name: string;
  readonly description: string;
  readonly templateType: JournalTemplateType;
  /** Blank when the batch has no balancing account. */
  readonly balAccountType: JournalAccountType | '';
  readonly balAccountNo: string;
  readonly noSeries: string;
  readonly revision: number;
}

export interface JournalTemplateInput {
  readonly name: string;
  readonly description?: string;
  readonly type?: JournalTemplateType;
}

export interface JournalBatchInput {
  readonly templateName: string;
  readonly name: string;
  readonly description?: string;
  readonly balAccountType?: JournalAccountType | '';
  readonly balAccountNo?: string;
  readonly noSeries?: string;
}

export type JournalBatchChanges = Partial<Omit<JournalBatchInput, 'templateName' | 'name'>>;

const TEMPLATE_NAME: CodeRule = {
  code: 'journal-template-name-invalid',
  field: 'name',
  label: 'Journal template name',
  maxLength: 10,
};
const BATCH_NAME: CodeRule = {
  code: 'journal-batch-name-invalid',
  field: 'name',
  label: 'Journal batch name',
  maxLength: 10,
};
const NO_SERIES: CodeRule = {
  code: 'journal-batch-no-series-invalid',
  field: 'noSeries',
  label: 'Number series',
  maxLength: 30,
};
const description = (code: string) => ({
  code,
  field: 'description',
  label: 'Description',
  maxLength: 100,
  optional: true,
});

function parseTemplateType(value: unknown): JournalTemplateType {
  if (value === undefined) return 'general';
  if (typeof value === 'string' && (TEMPLATE_TYPES as readonly string[]).includes(value)) {
    return value as JournalTemplateType;
  }
  throw invalid(
    'journal-template-type-invalid',
    `Template type must be ${TEMPLATE_TYPES.join(' or ')}; got ${JSON.stringify(value)}.`,
    { field: 'type' },
  );
}

function toTemplate(row: Selectable<GenJournalTemplateTable>): JournalTemplate {
  return {
    name: row.name,
    description: row.description,
    type: row.type as JournalTemplateType,
    revision: Number(row.revision),
  };
}

/** The template `name`; `lock` holds its row for the rest of the transaction where the database can. */
export async function findJournalTemplate(
  ctx: EngineContext,
  name: string,
  lock = false,
): Promise<JournalTemplate | undefined> {
  const row = await ctx.tx
    .selectFrom('gen_journal_template')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('name', '=', lookupCode(name))
    .$if(lock && ctx.capabilities.rowLocks, (q) => q.forUpdate())
    .executeTakeFirst();
  return row && toTemplate(row);
}

export async function getJournalTemplate(ctx: EngineContext, name: string, lock = false): Promise<JournalTemplate> {
  const template = await findJournalTemplate(ctx, name, lock);
  if (!template) {
    throw notFound('journal-template-not-found', `Journal template ${lookupCode(name)} does not exist.`, {
      field: 'templateName',
    });
  }
  return template;
}

export async function listJournalTemplates(ctx: EngineContext): Promise<JournalTemplate[]> {
  const rows = await ctx.tx
    .selectFrom('gen_journal_template')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .orderBy('name')
    .execute();
  return rows.map(toTemplate);
}

export async function createJournalTemplate(ctx: EngineContext, input: JournalTemplateInput): Promise<JournalTemplate> {
  const template: JournalTemplate = {
    name: normalizeCode(input.name, TEMPLATE_NAME),
    description: normalizeText(input.description, description('journal-template-description')),
    type: parseTemplateType(input.type),
    revision: 1,
  };
  if (await findJournalTemplate(ctx, template.name)) {
    throw conflict('journal-template-exists', `Journal template ${template.name} exists already.`, { field: 'name' });
  }
  await ctx.tx
    .insertInto('gen_journal_template')
    .values({ company_id: ctx.companyId, ...template })
    .execute();
  return template;
}

/**
 * Changes the description or type; `expectedRevision` guards against lost updates. The row is
 * locked while it is read, and written only at the revision read.
 */
export async function updateJournalTemplate(
  ctx: EngineContext,
  name: string,
  changes: Partial<Omit<JournalTemplateInput, 'name'>>,
  expectedRevision?: number,
): Promise<JournalTemplate> {
  const before = await getJournalTemplate(ctx, name, true);
  assertRevision(
    'journal-template-revision-stale',
    `Journal template ${before.name}`,
    before.revision,
    expectedRevision,
  );
  const after: JournalTemplate = {
    name: before.name,
    description:
      changes.description === undefined
        ? before.description
        : normalizeText(changes.description, description('journal-template-description')),
    type: changes.type === undefined ? before.type : parseTemplateType(changes.type),
    revision: before.revision + 1,
  };
  const result = await ctx.tx
    .updateTable('gen_journal_template')
    .set({ description: after.description, type: after.type, revision: after.revision })
    .where('company_id', '=', ctx.companyId)
    .where('name', '=', before.name)
    .where('revision', '=', before.revision)
    .executeTakeFirst();
  assertRowsWritten(
    result.numUpdatedRows,
    1,
    'journal-template-revision-stale',
    `Journal template ${before.name} was changed by someone else; reload and try again.`,
  );
  return after;
}

/** Deletes a template without batches (`journal-template-in-use` otherwise). */
export async function deleteJournalTemplate(
  ctx: EngineContext,
  name: string,
  expectedRevision?: number,
): Promise<JournalTemplate> {
  const template = await getJournalTemplate(ctx, name, true);
  assertRevision(
    'journal-template-revision-stale',
    `Journal template ${template.name}`,
    template.revision,
    expectedRevision,
  );
  if ((await listJournalBatches(ctx, template.name)).length > 0) {
    throw conflict('journal-template-in-use', `Journal template ${template.name} has batches; delete them first.`);
  }
  await ctx.tx
    .deleteFrom('gen_journal_template')
    .where('company_id', '=', ctx.companyId)
    .where('name', '=', template.name)
    .execute();
  return template;
}

function toBatch(row: Selectable<GenJournalBatchTable>, templateType: JournalTemplateType): JournalBatch {
  return {
    templateName: row.template_name,
    name: row.name,
    description: row.description,
    templateType,
    balAccountType: row.bal_account_type as JournalAccountType | '',
    balAccountNo: row.bal_account_no,
    noSeries: row.no_series,
    revision: Number(row.revision),
  };
}

/**
 * The batch `name` of `templateName`; `lock` holds the batch row (not its template's) for the rest
 * of the transaction where the database can, so commands on one batch's lines take turns.
 */
export async function findJournalBatch(
  ctx: EngineContext,
  templateName: string,
  name: string,
  lock = false,
): Promise<JournalBatch | undefined> {
  const row = await ctx.tx
    .selectFrom('gen_journal_batch')
    .innerJoin('gen_journal_template as t', (join) =>
      join
        .onRef('t.company_id', '=', 'gen_journal_batch.company_id')
        .onRef('t.name', '=', 'gen_journal_batch.template_name'),
    )
    .selectAll('gen_journal_batch')
    .select('t.type as template_type')
    .where('gen_journal_batch.company_id', '=', ctx.companyId)
    .where('gen_journal_batch.template_name', '=', lookupCode(templateName))
    .where('gen_journal_batch.name', '=', lookupCode(name))
    .$if(lock && ctx.capabilities.rowLocks, (q) => q.forUpdate('gen_journal_batch'))
    .executeTakeFirst();
  return row && toBatch(row, row.template_type as JournalTemplateType);
}

export async function getJournalBatch(
  ctx: EngineContext,
  templateName: string,
  name: string,
  lock = false,
): Promise<JournalBatch> {
  const batch = await findJournalBatch(ctx, templateName, name, lock);
  if (!batch) {
    throw notFound(
      'journal-batch-not-found',
      `Journal batch ${lookupCode(name)} of template ${lookupCode(templateName)} does not exist.`,
      { field: 'batchName' },
    );
  }
  return batch;
}

/** The batches of one template, or of every template, by template and name. */
export async function listJournalBatches(ctx: EngineContext, templateName?: string): Promise<JournalBatch[]> {
  let query = ctx.tx
    .selectFrom('gen_journal_batch')
    .innerJoin('gen_journal_template as t', (join) =>
      join
        .onRef('t.company_id', '=', 'gen_journal_batch.company_id')
        .onRef('t.name', '=', 'gen_journal_batch.template_name'),
    )
    .selectAll('gen_journal_batch')
    .select('t.type as template_type')
    .where('gen_journal_batch.company_id', '=', ctx.companyId);
  if (templateName !== undefined) query = query.where('gen_journal_batch.template_name', '=', lookupCode(templateName));
  const rows = await query.orderBy('gen_journal_batch.template_name').orderBy('gen_journal_batch.name').execute();
  return rows.map((row) => toBatch(row, row.template_type as JournalTemplateType));
}

async function balancingAccount(
  ctx: EngineContext,
  type: unknown,
  no: unknown,
): Promise<{ balAccountType: JournalAccountType | ''; balAccountNo: string }> {
  const balAccountType = parseAccountType(type, 'balAccountType', true);
  if (balAccountType === '') {
    if (typeof no === 'string' && no.trim() !== '') {
      throw invalid('journal-bal-account-type-required', 'A balancing account no. needs a balancing account type.', {
        field: 'balAccountType',
      });
    }
    return { balAccountType, balAccountNo: '' };
  }
  return { balAccountType, balAccountNo: await checkAccount(ctx, balAccountType, no, 'balAccountNo') };
}

export async function createJournalBatch(ctx: EngineContext, input: JournalBatchInput): Promise<JournalBatch> {
  const template = await getJournalTemplate(ctx, input.templateName);
  const name = normalizeCode(input.name, BATCH_NAME);
  const values = {
    description: normalizeText(input.description, description('journal-batch-description')),
    ...(await balancingAccount(ctx, input.balAccountType, input.balAccountNo)),
    noSeries: normalizeOptionalCode(input.noSeries, NO_SERIES),
  };
  if (await findJournalBatch(ctx, template.name, name)) {
    throw conflict('journal-batch-exists', `Journal batch ${name} of template ${template.name} exists already.`, {
      field: 'name',
    });
  }
  await ctx.tx
    .insertInto('gen_journal_batch')
    .values({
      company_id: ctx.companyId,
      template_name: template.name,
      name,
      description: values.description,
      bal_account_type: values.balAccountType,
      bal_account_no: values.balAccountNo,
      no_series: values.noSeries,
      revision: 1,
    })
    .execute();
  return { templateName: template.name, name, templateType: template.type, ...values, revision: 1 };
}

export async function updateJournalBatch(
  ctx: EngineContext,
  templateName: string,
  name: string,
  changes: JournalBatchChanges,
  expectedRevision?: number,
): Promise<JournalBatch> {
  const before = await getJournalBatch(ctx, templateName, name, true);
  assertRevision('journal-batch-revision-stale', `Journal batch ${before.name}`, before.revision, expectedRevision);
  const balancing =
    changes.balAccountType === undefined && changes.balAccountNo === undefined
      ? { balAccountType: before.balAccountType, balAccountNo: before.balAccountNo }
      : await balancingAccount(
          ctx,
          changes.balAccountType ?? before.balAccountType,
          changes.balAccountNo ?? (changes.balAccountType === '' ? '' : before.balAccountNo),
        );
  const after: JournalBatch = {
    ...before,
    description:
      changes.description === undefined
        ? before.description
        : normalizeText(changes.description, description('journal-batch-description')),
    ...balancing,
    noSeries: changes.noSeries === undefined ? before.noSeries : normalizeOptionalCode(changes.noSeries, NO_SERIES),
    revision: before.revision + 1,
  };
  const result = await ctx.tx
    .updateTable('gen_journal_batch')
    .set({
      description: after.description,
      bal_account_type: after.balAccountType,
      bal_account_no: after.balAccountNo,
      no_series: after.noSeries,
      revision: after.revision,
    })
    .where('company_id', '=', ctx.companyId)
    .where('template_name', '=', before.templateName)
    .where('name', '=', before.name)
    .where('revision', '=', before.revision)
    .executeTakeFirst();
  assertRowsWritten(
    result.numUpdatedRows,
    1,
    'journal-batch-revision-stale',
    `Journal batch ${before.name} was changed by someone else; reload and try again.`,
  );
  return after;
}

/**
 * Deletes a batch with its lines, their restrictions and approval history (reference §8.1). Refused while the
 * batch or one of its lines waits for an approval decision (`journal-approval-pending`).
 */
export async function deleteJournalBatch(
  ctx: EngineContext,
  templateName: string,
  name: string,
  expectedRevision?: number,
): Promise<JournalBatch> {
  const batch = await getJournalBatch(ctx, templateName, name, true);
  assertRevision('journal-batch-revision-stale', `Journal batch ${batch.name}`, batch.revision, expectedRevision);
  const key = batchKey(batch.templateName, batch.name);
  await assertNoJournalApprovalPending(ctx, BATCH_TABLE, key, `Journal batch ${batch.name}`, 'deleting');
  const lines = await ctx.tx
    .selectFrom('gen_journal_line')
    .select('line_no')
    .where('company_id', '=', ctx.companyId)
    .where('template_name', '=', batch.templateName)
    .where('batch_name', '=', batch.name)
    .execute();
  const lineKeys = lines.map((l) => lineKey(batch.templateName, batch.name, Number(l.line_no)));
  for (const line of lineKeys) {
    await assertNoJournalApprovalPending(ctx, LINE_TABLE, line, `A line of journal batch ${batch.name}`, 'deleting');
  }
  for (const line of lineKeys) await forgetRecordLinks(ctx, LINE_TABLE, line);
  await ctx.tx
    .deleteFrom('gen_journal_line')
    .where('company_id', '=', ctx.companyId)
    .where('template_name', '=', batch.templateName)
    .where('batch_name', '=', batch.name)
    .execute();
  await forgetRecordLinks(ctx, BATCH_TABLE, key);
  await ctx.tx
    .deleteFrom('gen_journal_batch')
    .where('company_id', '=', ctx.companyId)
    .where('template_name', '=', batch.templateName)
    .where('name', '=', batch.name)
    .execute();
  return batch;
}
