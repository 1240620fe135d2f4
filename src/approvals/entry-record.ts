import type { EngineContext } from '../engine/context.ts';
import type { RecordData } from '../engine/field-types.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import { invalid, notFound } from '../shared/errors.ts';
import { findEntry, pendingApprovals } from './entry-store.ts';
import type { ApprovalEntry } from './types.ts';

export const APPROVAL_ENTRY_TABLE = 'approval-entry';

export async function entryData(ctx: EngineContext, entry: ApprovalEntry): Promise<RecordData> {
  return {
    id: entry.id,
    tableName: entry.table,
    recordKey: entry.recordKey,
    documentType: entry.documentType,
    documentNo: entry.documentNo,
    sequence: entry.sequence,
    approvalCode: entry.approvalCode,
    senderId: entry.senderId,
    approverId: entry.approverId,
    status: entry.status,
    dueDate: entry.dueDate,
    amount: entry.amount,
    amountLcy: entry.amountLcy,
    instanceId: entry.instanceId,
    // What the standard templates branch on: entries of this request still waiting.
    pendingApprovals: await pendingApprovals(ctx, entry.table, entry.recordKey, entry.instanceId),
  };
}

export async function entryRecord(ctx: EngineContext, entry: ApprovalEntry): Promise<WorkflowRecord> {
  return { table: APPROVAL_ENTRY_TABLE, key: String(entry.id), data: await entryData(ctx, entry) };
}

export async function loadEntryData(ctx: EngineContext, key: string): Promise<RecordData | undefined> {
  const id = Number(key);
  if (!Number.isInteger(id)) return undefined;
  const entry = await findEntry(ctx, id);
  return entry ? entryData(ctx, entry) : undefined;
}

/** The record a response works on: for an approval entry, the record it asks approval for. */
export async function targetRecord(ctx: EngineContext, record: WorkflowRecord): Promise<WorkflowRecord> {
  if (record.table !== APPROVAL_ENTRY_TABLE) return record;
  const table = String(record.data.tableName ?? '');
  const key = String(record.data.recordKey ?? '');
  const definition = ctx.registry.table(table);
  const data = definition.load ? await definition.load(ctx, key) : undefined;
  if (!data)
    throw notFound('record-not-found', `The record ${table} ${key} of approval entry ${record.key} no longer exists.`);
  return { table, key, data };
}

export async function reloadRecord(ctx: EngineContext, record: WorkflowRecord): Promise<WorkflowRecord> {
  const definition = ctx.registry.table(record.table);
  const data = definition.load ? await definition.load(ctx, record.key) : record.data;
  if (!data) throw notFound('record-not-found', `The record ${record.table} ${record.key} no longer exists.`);
  return { ...record, data };
}

export function unsupported(response: string, record: WorkflowRecord): never {
  throw invalid('response-record-unsupported', `The response "${response}" cannot work on a ${record.table} record.`, {
    table: record.table,
  });
}
