import type { Selectable } from 'kysely';
import type { RequisitionWorksheetTable } from '../db/schema-requisitions.ts';
import type { EngineContext } from '../engine/context.ts';
import type { RecordData } from '../engine/field-types.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import { type CodeRule, lookupCode, normalizeCode, normalizeText } from '../records/codes.ts';
import { forgetRecordLinks } from '../records/record-links.ts';
import { assertRevision } from '../records/revisions.ts';
import { conflict, notFound } from '../shared/errors.ts';
import { REQUISITION_LINE_TABLE, requisitionLineKey, WORKSHEET_TABLE, worksheetKey } from './codes.ts';
import { assertNoWorksheetApprovalPending } from './pending.ts';

/** A named requisition worksheet: purchase proposals that become purchase orders when carried out. */
export interface RequisitionWorksheet {
  readonly name: string;
  readonly description: string;
  readonly revision: number;
}

export interface RequisitionWorksheetInput {
  readonly name: string;
  readonly description?: string;
}

const WORKSHEET_NAME: CodeRule = {
  code: 'requisition-worksheet-name-invalid',
  field: 'name',
  label: 'Requisition worksheet name',
  maxLength: 10,
};

function toWorksheet(row: Selectable<RequisitionWorksheetTable>): RequisitionWorksheet {
  return { name: row.name, description: row.description, revision: Number(row.revision) };
}

/** The worksheet `name`; `lock` holds its row for the rest of the transaction where the database can. */
export async function findRequisitionWorksheet(
  ctx: EngineContext,
  name: string,
  lock = false,
): Promise<RequisitionWorksheet | undefined> {
  const row = await ctx.tx
    .selectFrom('requisition_worksheet')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('name', '=', lookupCode(name))
    .$if(lock && ctx.capabilities.rowLocks, (q) => q.forUpdate())
    .executeTakeFirst();
  return row && toWorksheet(row);
}

export async function getRequisitionWorksheet(
  ctx: EngineContext,
  name: string,
  lock = false,
): Promise<RequisitionWorksheet> {
  const worksheet = await findRequisitionWorksheet(ctx, name, lock);
  if (!worksheet) {
    throw notFound('requisition-worksheet-not-found', `Requisition worksheet ${lookupCode(name)} does not exist.`, {
      field: 'worksheetName',
    });
  }
  return worksheet;
}

export async function listRequisitionWorksheets(ctx: EngineContext): Promise<RequisitionWorksheet[]> {
  const rows = await ctx.tx
    .selectFrom('requisition_worksheet')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .orderBy('name')
    .execute();
  return rows.map(toWorksheet);
}

export async function createRequisitionWorksheet(
  ctx: EngineContext,
  input: RequisitionWorksheetInput,
): Promise<RequisitionWorksheet> {
  const name = normalizeCode(input.name, WORKSHEET_NAME);
  const description = normalizeText(input.description, {
    code: 'requisition-worksheet-description',
    field: 'description',
    label: 'Description',
    maxLength: 100,
    optional: true,
  });
  if (await findRequisitionWorksheet(ctx, name)) {
    throw conflict('requisition-worksheet-exists', `Requisition worksheet ${name} exists already.`, { field: 'name' });
  }
  await ctx.tx
    .insertInto('requisition_worksheet')
    .values({ company_id: ctx.companyId, name, description, revision: 1 })
    .execute();
  return { name, description, revision: 1 };
}

/** Changes the description; `expectedRevision` guards against lost updates (the row is locked). */
export async function updateRequisitionWorksheet(
  ctx: EngineContext,
  name: string,
  changes: { readonly description?: string },
  expectedRevision?: number,
): Promise<RequisitionWorksheet> {
  const worksheet = await getRequisitionWorksheet(ctx, name, true);
  assertRevision(
    'requisition-worksheet-revision-stale',
    `Requisition worksheet ${worksheet.name}`,
    worksheet.revision,
    expectedRevision,
  );
  const description =
    changes.description === undefined
      ? worksheet.description
      : normalizeText(changes.description, {
          code: 'requisition-worksheet-description',
          field: 'description',
          label: 'Description',
          maxLength: 100,
          optional: true,
        });
  const revision = worksheet.revision + 1;
  await ctx.tx
    .updateTable('requisition_worksheet')
    .set({ description, revision })
    .where('company_id', '=', ctx.companyId)
    .where('name', '=', worksheet.name)
    .execute();
  return { name: worksheet.name, description, revision };
}

/**
 * Deletes a worksheet with its lines, their restrictions and approval history (reference §8.1).
 * Refused while the worksheet waits for an approval decision (`requisition-approval-pending`).
 */
export async function deleteRequisitionWorksheet(
  ctx: EngineContext,
  name: string,
  expectedRevision?: number,
): Promise<RequisitionWorksheet> {
  const worksheet = await getRequisitionWorksheet(ctx, name, true);
  assertRevision(
    'requisition-worksheet-revision-stale',
    `Requisition worksheet ${worksheet.name}`,
    worksheet.revision,
    expectedRevision,
  );
  await assertNoWorksheetApprovalPending(ctx, worksheet.name, 'deleting');
  const lines = await ctx.tx
    .selectFrom('requisition_line')
    .select('line_no')
    .where('company_id', '=', ctx.companyId)
    .where('worksheet_name', '=', worksheet.name)
    .execute();
  for (const line of lines) {
    await forgetRecordLinks(ctx, REQUISITION_LINE_TABLE, requisitionLineKey(worksheet.name, Number(line.line_no)));
  }
  await ctx.tx
    .deleteFrom('requisition_line')
    .where('company_id', '=', ctx.companyId)
    .where('worksheet_name', '=', worksheet.name)
    .execute();
  await forgetRecordLinks(ctx, WORKSHEET_TABLE, worksheetKey(worksheet.name));
  await ctx.tx
    .deleteFrom('requisition_worksheet')
    .where('company_id', '=', ctx.companyId)
    .where('name', '=', worksheet.name)
    .execute();
  return worksheet;
}

/** The fields of the `requisition-worksheet` record table, with its line count. */
export async function requisitionWorksheetData(
  ctx: EngineContext,
  worksheet: RequisitionWorksheet,
): Promise<RecordData> {
  const row = await ctx.tx
    .selectFrom('requisition_line')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('count'))
    .where('company_id', '=', ctx.companyId)
    .where('worksheet_name', '=', worksheet.name)
    .executeTakeFirst();
  return { name: worksheet.name, description: worksheet.description, lineCount: Number(row?.count ?? 0) };
}

export async function requisitionWorksheetRecord(ctx: EngineContext, name: string): Promise<WorkflowRecord> {
  const worksheet = await getRequisitionWorksheet(ctx, name);
  return {
    table: WORKSHEET_TABLE,
    key: worksheetKey(worksheet.name),
    data: await requisitionWorksheetData(ctx, worksheet),
  };
}
