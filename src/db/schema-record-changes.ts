import type { Generated } from 'kysely';

/**
 * A field change held by a workflow until it is approved (reference "Workflow – Record
 * Change"): the record shows the old value while the new one waits. Values are the field's
 * value as the engine represents it, written as text (decimals exact, booleans `true`/`false`).
 */
export interface RecordChangeTable {
  id: Generated<number>;
  company_id: number;
  /** The record table (`customer`, `vendor`, `item`) and the record's key. */
  table_name: string;
  record_key: string;
  field_name: string;
  /** The value before the change: what the record keeps while the change is held. */
  old_value: string;
  /** The value waiting for approval. */
  new_value: string;
  /** The workflow instance that holds the change. */
  instance_id: string;
  workflow_code: string;
  /** `held`, `applied` or `discarded`. */
  status: string;
  /** 0 while held; 1 once applied or discarded. */
  inactive: number;
  created_at: string;
  created_by: string;
  /** When it was applied or discarded. */
  decided_at: string | null;
  decided_by: string;
}

/** Tables of the record changes area (see migration 0008 and the record-changes module). */
export interface RecordChangesTables {
  record_change: RecordChangeTable;
}
