import type { z } from 'zod';
import type { EngineContext } from './context.ts';
import type { FieldDefinition, FieldValue, RecordData } from './field-types.ts';
import type { WorkflowRecord } from './record.ts';

/** Header → lines and similar: rows of `table` whose `to` fields equal this record's `from` fields. */
export interface TableRelation {
  readonly table: string;
  readonly fields: readonly (readonly [from: string, to: string])[];
  /** Lifting this record's restriction lifts the related rows' too (a journal batch and its lines). */
  readonly allowedTogether?: boolean;
}

export interface RecordTableDefinition {
  /** Stable code, kebab-case (`purchase-header`). */
  readonly name: string;
  readonly caption: string;
  readonly fields: readonly FieldDefinition[];
  readonly key: readonly string[];
  /** Related tables a condition may filter on ("at least one line must match"). */
  readonly relations?: readonly TableRelation[];
  /** Re-reads the current row, so conditions see stored data (and computed fields). */
  load?(ctx: EngineContext, key: string): Promise<RecordData | undefined>;
  /** Rows whose fields equal the given values; needed when this table is the target of a relation. */
  findWhere?(ctx: EngineContext, equals: Readonly<Record<string, FieldValue>>): Promise<readonly RecordData[]>;
}

/**
 * How an event on one record continues an instance started on another (reference §2.9): an
 * event on a `to` record finds the instance whose `from` record had equal field values. A
 * `from` side of `$table` or `$key` stands for the record's own table or key (a record id).
 */
export interface WorkflowTableRelation {
  readonly from: string;
  readonly to: string;
  readonly fields: readonly (readonly [from: string, to: string])[];
}

export interface EventDefinition {
  /** Stable dotted code (`purchase-document.approval-requested`). */
  readonly code: string;
  readonly table: string;
  /** What happened, as the designer shows it after "When". */
  readonly description: string;
  /** Events this one may follow in the designer; empty or absent means it may follow any. */
  readonly predecessors?: readonly string[];
  /** Record-change events carry the old record and use field-change rules. */
  readonly usedForRecordChange?: boolean;
}

export interface ResponseInput<Options> {
  /** The record handed along the chain; a response may hand a different one to the next. */
  readonly record: WorkflowRecord;
  readonly oldRecord: WorkflowRecord | undefined;
  readonly options: Options;
}

export interface ResponseContext extends EngineContext {
  readonly instance: { readonly id: string; readonly workflowCode: string; readonly workflowDescription: string };
  readonly step: { readonly id: number; readonly description: string };
  /** Raises an event; one for this same instance waits until the running chain is done. */
  raiseEvent(code: string, record: WorkflowRecord, oldRecord?: WorkflowRecord): Promise<void>;
  raiseEventOnInstance(code: string, record: WorkflowRecord, instanceId: string): Promise<void>;
  /** A message for the person who caused the event; returned by the command, never printed. */
  showMessage(text: string): void;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry stores responses of every option shape
export type AnyOptionsSchema = z.ZodObject<any>;

export interface ResponseDefinition<Schema extends AnyOptionsSchema = AnyOptionsSchema> {
  readonly code: string;
  /** What it does, as shown after "Then"; `{option}` placeholders are filled from the options. */
  readonly description: string;
  /** The table it works on, or absent for any. */
  readonly table?: string;
  /** Options a workflow designer sets per step; every field optional while a workflow is edited. */
  readonly options?: Schema;
  /** Names of options (or a rule) that must be filled before the workflow can be enabled. */
  readonly missingOptions?: (options: z.infer<Schema>) => readonly string[];
  /** Events this response may follow in the designer; empty or absent means any. */
  readonly predecessors?: readonly string[];
  /** Options that name a field of the triggering event's table: the designer shows its caption. */
  readonly fieldOptions?: readonly string[];
  /** Other responses the same workflow must contain to be enabled (revert needs apply, …). */
  readonly requires?: readonly string[];
  execute(
    ctx: ResponseContext,
    input: ResponseInput<z.infer<Schema>>,
  ): Promise<undefined | { readonly record?: WorkflowRecord }> | undefined | { readonly record?: WorkflowRecord };
}

/** What one module contributes; the built-in business module is made the same way. */
export interface WorkflowModule {
  readonly name: string;
  readonly tables?: readonly RecordTableDefinition[];
  readonly events?: readonly EventDefinition[];
  readonly responses?: readonly ResponseDefinition[];
  readonly tableRelations?: readonly WorkflowTableRelation[];
  /**
   * Lets events or responses of this or an earlier module also follow these events in a
   * workflow (e.g. "approved" after a new "changed" event). An item that may follow any event
   * already stays as it is.
   */
  readonly combinations?: readonly EventResponseCombination[];
  /** Called in the same transaction when an instance finishes and is archived. */
  readonly onInstanceArchived?: InstanceArchivedHook;
}

export interface EventResponseCombination {
  /** An event or response code. */
  readonly code: string;
  /** Events it may follow, in addition to its own predecessors. */
  readonly after: readonly string[];
}

export interface ArchivedInstance {
  readonly id: string;
  readonly workflowCode: string;
  readonly recordTable: string;
  readonly recordKey: string;
}

export type InstanceArchivedHook = (ctx: EngineContext, instance: ArchivedInstance) => Promise<void>;

/** Typed helper: keeps the option type of `execute` tied to the schema. */
export function defineResponse<Schema extends AnyOptionsSchema>(
  definition: ResponseDefinition<Schema>,
): ResponseDefinition {
  return definition as unknown as ResponseDefinition;
}

export function defineModule(module: WorkflowModule): WorkflowModule {
  return module;
}
