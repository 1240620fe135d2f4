import type { Generated } from 'kysely';

/**
 * The Kysely database type. Portable column choices keep one code path for both databases:
 * booleans are 0/1 integers, timestamps ISO-8601 text in UTC, JSON documents text, ids integers
 * (instance ids are UUID text).
 */
export interface CompanyTable {
  id: Generated<number>;
  code: string;
  name: string;
  time_zone: string;
  created_at: string;
}

export interface WorkflowCategoryTable {
  company_id: number;
  code: string;
  description: string;
}

export interface WorkflowTable {
  id: Generated<number>;
  company_id: number;
  code: string;
  description: string;
  category: string;
  enabled: number;
  template: number;
  /** Bumped on every change of the definition or its steps; used for optimistic concurrency. */
  revision: number;
  /** The immutable snapshot new instances run on; set while enabled. */
  current_version_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface WorkflowStepTable {
  workflow_id: number;
  step_id: number;
  previous_step_id: number | null;
  next_step_id: number | null;
  type: string;
  function_code: string;
  sequence: number;
  entry_point: number;
  description: string;
  /** JSON: event conditions (per data item) or response options. */
  argument: string | null;
  /** JSON: field-change rules of an event step. */
  rules: string | null;
}

export interface WorkflowVersionTable {
  id: Generated<number>;
  company_id: number;
  workflow_id: number;
  workflow_code: string;
  number: number;
  /** JSON: the expanded, instance-ready step list (sub-workflows inlined). */
  definition: string;
  created_at: string;
}

export interface WorkflowEntryEventTable {
  company_id: number;
  event_code: string;
  workflow_code: string;
  workflow_id: number;
  version_id: number;
}

export interface WorkflowInstanceTable {
  id: string;
  company_id: number;
  workflow_code: string;
  version_id: number;
  record_table: string;
  record_key: string;
  revision: number;
  /** JSON: per-step status and record of this run. */
  state: string;
  created_at: string;
  created_by: string;
  updated_at: string;
}

/** One row per event step of a live instance that can fire now (Active or Processing). */
export interface WorkflowInstanceWaitTable {
  instance_id: string;
  step_id: number;
  company_id: number;
  event_code: string;
  status: string;
  previous_record_table: string | null;
  previous_record_key: string | null;
}

/** Values that let an event on a related record find the instance (reference §2.9). */
export interface WorkflowRelationValueTable {
  instance_id: string;
  company_id: number;
  table_name: string;
  match_key: string;
}

export interface WorkflowInstanceArchiveTable {
  id: string;
  company_id: number;
  workflow_code: string;
  version_id: number;
  record_table: string;
  record_key: string;
  state: string;
  created_at: string;
  created_by: string;
  archived_at: string;
}

export interface Database {
  company: CompanyTable;
  workflow_category: WorkflowCategoryTable;
  workflow: WorkflowTable;
  workflow_step: WorkflowStepTable;
  workflow_version: WorkflowVersionTable;
  workflow_entry_event: WorkflowEntryEventTable;
  workflow_instance: WorkflowInstanceTable;
  workflow_instance_wait: WorkflowInstanceWaitTable;
  workflow_relation_value: WorkflowRelationValueTable;
  workflow_instance_archive: WorkflowInstanceArchiveTable;
}
