import type { RecordData } from './field-types.ts';

/**
 * A record as the engine sees it: which table, its key (stable text), and its data at the time
 * of the event. Modules decide how their rows are stored; the engine only passes these around.
 */
export interface WorkflowRecord {
  readonly table: string;
  readonly key: string;
  readonly data: RecordData;
}

export function recordRef(record: WorkflowRecord): string {
  return `${record.table}:${record.key}`;
}

/** Builds the key text from key field values: one field as its plain text, several as a JSON array. */
export function keyFromValues(values: readonly unknown[]): string {
  if (values.length === 1) return String(values[0] ?? '');
  return JSON.stringify(values);
}
