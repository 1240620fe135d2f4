import type { Selectable } from 'kysely';
import type { RestrictedRecordTable } from '../db/schema.ts';
import type { EngineContext } from '../engine/context.ts';
import { conflict, invalid } from '../shared/errors.ts';
import { lookupCode } from './codes.ts';
import { areaOfHeaderTable, describeDocument, parseDocumentKey } from './document-types.ts';

/**
 * Record restrictions (reference §1.18, §5.7): a workflow restricts a record while it waits for
 * approval; actions such as releasing or posting are refused for a restricted record. One row
 * per record; restricting again replaces the details. Independent of the Blocked field.
 */
export interface Restriction {
  readonly table: string;
  readonly key: string;
  readonly workflowCode: string;
  /** Names the workflow, e.g. "The restriction was imposed by the PIW workflow, Purchase Invoice Workflow." */
  readonly details: string;
  readonly createdAt: string;
}

function toRestriction(row: Selectable<RestrictedRecordTable>): Restriction {
  return {
    table: row.table_name,
    key: row.record_key,
    workflowCode: row.workflow_code,
    details: row.details,
    createdAt: row.created_at,
  };
}

function checkTarget(table: string, key: string): void {
  if (typeof table !== 'string' || table.trim() === '') {
    throw invalid('restriction-table-required', 'A restriction needs the table of the record.', { field: 'table' });
  }
  if (typeof key !== 'string' || key === '') {
    throw invalid('restriction-key-required', 'A restriction needs the key of the record.', { field: 'key' });
  }
}

/** Restricts the record, or replaces the workflow and details of its restriction. */
export async function addRestriction(
  ctx: EngineContext,
  table: string,
  key: string,
  input: { readonly workflowCode: string; readonly details?: string },
): Promise<Restriction> {
  checkTarget(table, key);
  const workflowCode = lookupCode(input.workflowCode);
  if (workflowCode === '') {
    throw invalid('restriction-workflow-required', 'A restriction names the workflow that imposed it.', {
      field: 'workflowCode',
    });
  }
  const details = input.details?.trim() || `The restriction was imposed by the ${workflowCode} workflow.`;
  const row = await ctx.tx
    .insertInto('restricted_record')
    .values({
      company_id: ctx.companyId,
      table_name: table,
      record_key: key,
      workflow_code: workflowCode,
      details,
      created_at: ctx.now.toISOString(),
    })
    .onConflict((oc) =>
      oc.columns(['company_id', 'table_name', 'record_key']).doUpdateSet({ workflow_code: workflowCode, details }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRestriction(row);
}

/** Lifts the restriction; true when there was one. */
export async function removeRestriction(ctx: EngineContext, table: string, key: string): Promise<boolean> {
  const result = await ctx.tx
    .deleteFrom('restricted_record')
    .where('company_id', '=', ctx.companyId)
    .where('table_name', '=', table)
    .where('record_key', '=', key)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function findRestriction(
  ctx: EngineContext,
  table: string,
  key: string,
): Promise<Restriction | undefined> {
  const row = await ctx.tx
    .selectFrom('restricted_record')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('table_name', '=', table)
    .where('record_key', '=', key)
    .executeTakeFirst();
  return row && toRestriction(row);
}

/** The restricted records of the company (optionally of one table), by table and key. */
export async function listRestrictions(
  ctx: EngineContext,
  filter: { readonly table?: string } = {},
): Promise<Restriction[]> {
  let query = ctx.tx.selectFrom('restricted_record').selectAll().where('company_id', '=', ctx.companyId);
  if (filter.table !== undefined) query = query.where('table_name', '=', filter.table);
  const rows = await query.orderBy('table_name').orderBy('record_key').execute();
  return rows.map(toRestriction);
}

/** How messages name a record: "Purchase order PO-0001", "Vendor V10000". */
export function describeRecord(ctx: EngineContext, table: string, key: string): string {
  const area = areaOfHeaderTable(table);
  if (area) {
    try {
      return describeDocument({ area, ...parseDocumentKey(key) });
    } catch {
      // Not a document key after all; fall through to the plain form.
    }
  }
  const caption = ctx.registry.hasTable(table) ? ctx.registry.table(table).caption : table;
  let values: unknown;
  try {
    values = key.startsWith('[') ? JSON.parse(key) : undefined;
  } catch {
    values = undefined;
  }
  const keyText = Array.isArray(values) ? values.map(String).join(' ') : key;
  return `${caption} ${keyText}`;
}

/**
 * Refuses `action` on a restricted record (`record-restricted`): the message names the record,
 * the action and the restriction details; `details.workflow` is the workflow that imposed it.
 */
export async function assertNotRestricted(
  ctx: EngineContext,
  table: string,
  key: string,
  action: string,
): Promise<void> {
  const restriction = await findRestriction(ctx, table, key);
  if (!restriction) return;
  throw conflict(
    'record-restricted',
    `You cannot use ${describeRecord(ctx, table, key)} for this action (${action}). ${restriction.details}`,
    { workflow: restriction.workflowCode, table, key, action },
  );
}
