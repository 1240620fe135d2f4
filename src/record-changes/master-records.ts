import type { EngineContext } from '../engine/context.ts';
import { handleEvent } from '../engine/execution/handle-event.ts';
import type { FieldValue } from '../engine/field-types.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import {
  type Customer,
  type CustomerChanges,
  getCustomer,
  getItem,
  getVendor,
  type Item,
  type ItemChanges,
  updateCustomer,
  updateItem,
  updateVendor,
  type Vendor,
  type VendorChanges,
} from '../records/index.ts';
import type { RecordUpdate } from '../records/revisions.ts';
import { invalid } from '../shared/errors.ts';
import { CHANGE_TABLES, CHANGED_EVENTS, type ChangeTable } from './events.ts';
import { valueText } from './field-values.ts';

/** The record and change types of each table whose changes can be held. */
export interface MasterTypes {
  customer: { record: Customer; changes: CustomerChanges };
  vendor: { record: Vendor; changes: VendorChanges };
  item: { record: Item; changes: ItemChanges };
}

interface MasterAccess<T, C> {
  update(ctx: EngineContext, no: string, changes: C, expectedRevision?: number): Promise<RecordUpdate<T>>;
  get(ctx: EngineContext, no: string): Promise<T>;
}

const ACCESS: { readonly [N in ChangeTable]: MasterAccess<MasterTypes[N]['record'], MasterTypes[N]['changes']> } = {
  customer: { update: updateCustomer, get: getCustomer },
  vendor: { update: updateVendor, get: getVendor },
  item: { update: updateItem, get: getItem },
};

export function isChangeTable(table: string): table is ChangeTable {
  return (CHANGE_TABLES as readonly string[]).includes(table);
}

/** The result of a change of a master record, after the workflows it started or continued ran. */
export interface MasterRecordChange<T> {
  /** The record as it is now: a field a workflow holds for approval shows its old value. */
  readonly record: T;
  /** What the workflows said (e.g. that the change was sent for approval). */
  readonly messages: readonly string[];
  /** Whether the change was handed to the workflows (something changed). */
  readonly raised: boolean;
  /** The workflow instance that took the changed event, if any. */
  readonly instanceId?: string;
}

function differs(before: WorkflowRecord, after: WorkflowRecord): boolean {
  const names = new Set([...Object.keys(before.data), ...Object.keys(after.data)]);
  return [...names].some((name) => valueText(before.data[name]) !== valueText(after.data[name]));
}

/**
 * Saves a change of a customer, vendor or item and then raises its changed event with the old
 * record (reference #40–42), so a workflow can hold a change for approval. Everything runs in
 * the caller's transaction. A change that leaves every field as it was raises nothing.
 */
export async function changeMasterRecord<N extends ChangeTable>(
  ctx: EngineContext,
  table: N,
  no: string,
  changes: MasterTypes[N]['changes'],
  expectedRevision?: number,
): Promise<MasterRecordChange<MasterTypes[N]['record']>> {
  const access = ACCESS[table] as MasterAccess<MasterTypes[N]['record'], MasterTypes[N]['changes']>;
  const update = await access.update(ctx, no, changes, expectedRevision);
  if (!differs(update.oldRecord, update.record)) return { record: update.after, messages: [], raised: false };
  const outcome = await handleEvent(ctx, CHANGED_EVENTS[table], update.record, update.oldRecord);
  const record = await access.get(ctx, update.record.key);
  return {
    record,
    messages: outcome.messages,
    raised: true,
    ...(outcome.instanceId !== undefined ? { instanceId: outcome.instanceId } : {}),
  };
}

/**
 * Writes fields of a master record on a workflow's behalf (holding or applying a change),
 * without raising the changed event again: the workflow that asked for it is the one acting.
 */
export async function writeMasterFields(
  ctx: EngineContext,
  record: WorkflowRecord,
  values: Readonly<Record<string, FieldValue>>,
): Promise<WorkflowRecord> {
  if (!isChangeTable(record.table)) {
    throw invalid(
      'response-record-unsupported',
      `Held field changes work on customers, vendors and items, not on ${record.table} records.`,
      { table: record.table },
    );
  }
  const access = ACCESS[record.table] as MasterAccess<unknown, Record<string, unknown>>;
  return (await access.update(ctx, record.key, values)).record;
}
