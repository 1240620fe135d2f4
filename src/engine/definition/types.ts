import type { FIELD_CHANGE_OPERATORS } from '../filter/index.ts';

export const STEP_TYPES = ['event', 'response', 'sub-workflow'] as const;
export type StepType = (typeof STEP_TYPES)[number];

export type FieldChangeOperator = (typeof FIELD_CHANGE_OPERATORS)[number];

/** A field-change rule of an event step: "<field> is increased / decreased / changed". */
export interface FieldChangeRule {
  readonly field: string;
  readonly operator: FieldChangeOperator;
}

/** Event conditions: per data item (the event's table, or a related table) field → filter text. */
export type EventConditions = Readonly<Record<string, Readonly<Record<string, string>>>>;

export type ResponseOptions = Readonly<Record<string, unknown>>;

export interface WorkflowStep {
  /** Unique within its workflow; export and import keep it. */
  readonly id: number;
  readonly previousStepId: number | null;
  /** "Go to" link that makes loops. */
  readonly nextStepId: number | null;
  readonly type: StepType;
  /** Event or response code, or the code of the sub-workflow. */
  readonly functionCode: string;
  /** Orders alternatives under the same parent. */
  readonly sequence: number;
  /** Recomputed when the workflow is enabled. */
  readonly entryPoint: boolean;
  readonly description: string;
  readonly conditions?: EventConditions;
  readonly rules?: readonly FieldChangeRule[];
  readonly options?: ResponseOptions;
}

export interface Workflow {
  readonly id: number;
  readonly code: string;
  readonly description: string;
  readonly category: string;
  readonly enabled: boolean;
  readonly template: boolean;
  readonly revision: number;
  readonly steps: readonly WorkflowStep[];
}

/** What a caller supplies for a step; omitted fields take their defaults. */
export interface WorkflowStepInput {
  readonly id: number;
  readonly previousStepId?: number | null;
  readonly nextStepId?: number | null;
  readonly type: StepType;
  readonly functionCode: string;
  readonly sequence?: number;
  readonly description?: string;
  readonly conditions?: EventConditions;
  readonly rules?: readonly FieldChangeRule[];
  readonly options?: ResponseOptions;
}

export const WORKFLOW_CODE_MAX_LENGTH = 20;
