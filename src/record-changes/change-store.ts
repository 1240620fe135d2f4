import type { Selectable } from 'kysely';
import type { RecordChangeTable } from '../db/schema-record-changes.ts';
import type { EngineContext } from '../engine/context.ts';
import { notFound } from '../shared/errors.ts';
import { fieldCaption } from './field-values.ts';

/** `not-applied`: the instance ended while the change was still held (the field had changed meanwhile). */
export const RECORD_CHANGE_STATUSES = ['held', 'applied', 'discarded', 'not-applied'] as const;
export type RecordChangeStatus = (typeof RECORD_CHANGE_STATUSES)[number];

/** A field change a workflow holds until it is approved (reference §1.17, §8.2). */
export interface RecordChange {
  readonly id: number;
  readonly table: string;
  readonly recordKey: string;
  readonly field: string;
  readonly fieldCaption: string;
  /** The value before the change, which the record keeps while the change is held. */
  readonly oldValue: string;
  readonly newValue: string;
  readonly instanceId: string;
  readonly workflowCode: string;
  readonly status: RecordChangeStatus;
  /** Held and still waiting: neither applied nor discarded. */
  readonly active: boolean;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly decidedAt: string | null;
  readonly decidedBy: string;
}

function rowToChange(ctx: EngineContext, row: Selectable<RecordChangeTable>): RecordChange {
  return {
    id: row.id,
    table: row.table_name,
    recordKey: row.record_key,
    field: row.field_name,
    fieldCaption: fieldCaption(ctx.registry, row.table_name, row.field_name),
    oldValue: row.old_value,
    newValue: row.new_value,
    instanceId: row.instance_id,
    workflowCode: row.workflow_code,
    status: (RECORD_CHANGE_STATUSES as readonly string[]).includes(row.status)
      ? (row.status as RecordChangeStatus)
      : Number(row.inactive) === 1
        ? 'discarded'
        : 'held',
    active: Number(row.inactive) === 0,
    createdAt: row.created_at,
    createdBy: row.created_by,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
  };
}

export interface NewRecordChange {
  readonly table: string;
  readonly recordKey: string;
  readonly field: string;
  readonly oldValue: string;
  readonly newValue: string;
  readonly instanceId: string;
  readonly workflowCode: string;
}

export async function insertChange(ctx: EngineContext, change: NewRecordChange): Promise<RecordChange> {
  const row = await ctx.tx
    .insertInto('record_change')
    .values({
      company_id: ctx.companyId,
      table_name: change.table,
      record_key: change.recordKey,
      field_name: change.field,
      old_value: change.oldValue,
      new_value: change.newValue,
      instance_id: change.instanceId,
      workflow_code: change.workflowCode,
      status: 'held',
      inactive: 0,
      created_at: ctx.now.toISOString(),
      created_by: ctx.userId,
      decided_at: null,
      decided_by: '',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return rowToChange(ctx, row);
}

export interface RecordChangeFilter {
  readonly table?: string;
  readonly recordKey?: string;
  readonly field?: string;
  readonly instanceId?: string;
  /** true: only held ones; false: only applied or discarded ones. */
  readonly active?: boolean;
}

/** The company's held changes (and past ones), oldest first. */
export async function listChanges(ctx: EngineContext, filter: RecordChangeFilter = {}): Promise<RecordChange[]> {
  let query = ctx.tx.selectFrom('record_change').selectAll().where('company_id', '=', ctx.companyId);
  if (filter.table !== undefined) query = query.where('table_name', '=', filter.table);
  if (filter.recordKey !== undefined) query = query.where('record_key', '=', filter.recordKey);
  if (filter.field !== undefined) query = query.where('field_name', '=', filter.field);
  if (filter.instanceId !== undefined) query = query.where('instance_id', '=', filter.instanceId);
  if (filter.active !== undefined) query = query.where('inactive', '=', filter.active ? 0 : 1);
  const rows = await query.orderBy('id').execute();
  return rows.map((row) => rowToChange(ctx, row));
}

export async function findChange(ctx: EngineContext, id: number): Promise<RecordChange | undefined> {
  const row = await ctx.tx
    .selectFrom('record_change')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? rowToChange(ctx, row) : undefined;
}

export async function getChange(ctx: EngineContext, id: number): Promise<RecordChange> {
  const change = await findChange(ctx, id);
  if (!change) throw notFound('record-change-not-found', `Held change ${id} does not exist.`, { id });
  return change;
}

/** Ends a held change: its new value was written (applied) or dropped (discarded). */
export async function settleChange(
  ctx: EngineContext,
  id: number,
  status: Exclude<RecordChangeStatus, 'held'>,
): Promise<void> {
  await ctx.tx
    .updateTable('record_change')
    .set({ status, inactive: 1, decided_at: ctx.now.toISOString(), decided_by: ctx.userId })
    .where('company_id', '=', ctx.companyId)
    .where('id', '=', id)
    .where('inactive', '=', 0)
    .execute();
}

/** Closes what an instance left held when it finished: such a change can no longer be applied. */
export async function closeHeldChangesOf(ctx: EngineContext, instanceId: string): Promise<void> {
  await ctx.tx
    .updateTable('record_change')
    .set({ status: 'not-applied', inactive: 1, decided_at: ctx.now.toISOString(), decided_by: ctx.userId })
    .where('company_id', '=', ctx.companyId)
    .where('instance_id', '=', instanceId)
    .where('inactive', '=', 0)
    .execute();
}
