import { WerkstroomError } from '../../shared/errors.ts';
import type { Registry } from '../registry.ts';
import { buildSnapshot, entryStep } from './snapshot.ts';
import type { EventConditions, FieldChangeRule, Workflow, WorkflowStep } from './types.ts';

export interface ValidationProblem {
  readonly code: string;
  readonly message: string;
  readonly stepId?: number;
}

export interface OtherEntryPoint {
  readonly workflowCode: string;
  readonly eventCode: string;
  readonly conditions?: EventConditions;
  readonly rules?: readonly FieldChangeRule[];
}

/** What enabling needs to know beyond the workflow itself. */
export interface EnableEnvironment {
  /** Other workflows by code (for sub-workflows): enabled state and steps. */
  readonly workflow: (
    code: string,
  ) => { readonly enabled: boolean; readonly steps: readonly WorkflowStep[] } | undefined;
  /** Entry points of the other enabled workflows. */
  readonly otherEntryPoints: readonly OtherEntryPoint[];
}

/**
 * Every check the reference makes when a workflow is enabled (§2.10), reporting all problems at
 * once instead of stopping at the first.
 */
export function validateForEnable(registry: Registry, workflow: Workflow, env: EnableEnvironment): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const add = (code: string, message: string, stepId?: number) =>
    problems.push(stepId === undefined ? { code, message } : { code, message, stepId });
  const steps = workflow.steps;
  const byId = new Map(steps.map((s) => [s.id, s]));

  if (workflow.template)
    add('workflow-is-template', 'Templates cannot be enabled; copy the template and enable the copy.');

  const root = entryStep(steps);
  if (!root) {
    add('entry-point-missing', 'The workflow needs one first step that follows no other step.');
  } else if (root.type !== 'event') {
    add('entry-point-not-event', 'The first step must be an event.', root.id);
  }
  for (const step of steps) {
    if (step === root) continue;
    if (step.previousStepId === null) {
      add('step-orphan', `Step ${step.id} follows no step; only the first step may do that.`, step.id);
    } else if (!byId.has(step.previousStepId)) {
      add('step-orphan', `Step ${step.id} follows step ${step.previousStepId}, which does not exist.`, step.id);
    }
  }

  for (const step of steps) {
    if (step.functionCode === '') {
      add('function-missing', `Step ${step.id} does not say which ${step.type} it is.`, step.id);
      continue;
    }
    if (step.type === 'event' && !registry.findEvent(step.functionCode)) {
      add('event-unknown', `Step ${step.id} uses event "${step.functionCode}", which is not registered.`, step.id);
    } else if (step.type === 'response') {
      const response = registry.findResponse(step.functionCode);
      if (!response) {
        add(
          'response-unknown',
          `Step ${step.id} uses response "${step.functionCode}", which is not registered.`,
          step.id,
        );
        continue;
      }
      const parsed = response.options ? response.options.safeParse(step.options ?? {}) : { success: true, data: {} };
      if (!parsed.success) {
        // Options saved under an older version of the response may no longer fit it.
        add(
          'response-options-invalid',
          `Step ${step.id} (${response.code}) has options that no longer fit it.`,
          step.id,
        );
        continue;
      }
      const missing = response.missingOptions?.(parsed.data) ?? [];
      if (missing.length > 0) {
        add(
          'response-options-missing',
          `Step ${step.id} (${response.code}) needs these options: ${missing.join(', ')}.`,
          step.id,
        );
      }
      for (const required of response.requires ?? []) {
        if (!steps.some((s) => s.type === 'response' && s.functionCode === required)) {
          add(
            'response-partner-missing',
            `Step ${step.id} (${response.code}) only works together with a "${required}" step in the same workflow.`,
            step.id,
          );
        }
      }
    } else if (step.type === 'sub-workflow') {
      const sub = env.workflow(step.functionCode);
      if (!sub)
        add(
          'sub-workflow-unknown',
          `Step ${step.id} uses workflow ${step.functionCode}, which does not exist.`,
          step.id,
        );
      else if (!sub.enabled) {
        add('sub-workflow-disabled', `Enable workflow ${step.functionCode} before a workflow that uses it.`, step.id);
      }
    }
  }

  if (root?.type === 'event' && registry.findEvent(root.functionCode)) {
    checkUniqueEntryPoint(registry, root, env.otherEntryPoints, add);
  }
  checkTableRelations(registry, steps, add);

  if (problems.length === 0) {
    try {
      buildSnapshot(workflow.code, workflow.description, (code) =>
        code === workflow.code ? steps : (env.workflow(code)?.steps ?? []),
      );
    } catch (error) {
      if (!(error instanceof WerkstroomError)) throw error;
      add(error.code, error.message, error.details.stepId);
    }
  }
  return problems;
}

function checkUniqueEntryPoint(
  registry: Registry,
  root: WorkflowStep,
  others: readonly OtherEntryPoint[],
  add: (code: string, message: string, stepId?: number) => void,
): void {
  const table = registry.event(root.functionCode).table;
  const unconditioned = !root.conditions && !root.rules;
  const mainFilter = filterKey(root.conditions?.[table]);
  for (const other of others) {
    if (other.eventCode !== root.functionCode) continue;
    const sameFilter = filterKey(other.conditions?.[table]) === mainFilter;
    if (unconditioned || (sameFilter && rulesEqual(root.rules ?? [], other.rules ?? []))) {
      add(
        'entry-point-not-unique',
        `Enabled workflow ${other.workflowCode} starts on the same event with the same conditions; give this workflow's first step different conditions.`,
        root.id,
      );
      return;
    }
  }
}

/**
 * The reference compares filter strings that it builds in field order; here the same filter may
 * arrive with its fields in any order, and blank text filters nothing, so both are evened out.
 */
function filterKey(filters: Readonly<Record<string, string>> | undefined): string {
  const active = Object.entries(filters ?? {})
    .map(([field, text]) => [field, text.trim()] as const)
    .filter(([, text]) => text !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(active);
}

/** The reference compares at most one rule on each side, by field and operator. */
function rulesEqual(a: readonly FieldChangeRule[], b: readonly FieldChangeRule[]): boolean {
  if (a.length > 1 || b.length > 1 || a.length !== b.length) return false;
  return a.length === 0 || (a[0]?.field === b[0]?.field && a[0]?.operator === b[0]?.operator);
}

/** An event followed (through responses) by an event on another table needs a relation between them. */
function checkTableRelations(
  registry: Registry,
  steps: readonly WorkflowStep[],
  add: (code: string, message: string, stepId?: number) => void,
): void {
  const tableOf = (step: WorkflowStep) => registry.findEvent(step.functionCode)?.table;
  for (const step of steps) {
    if (step.type !== 'event') continue;
    const from = tableOf(step);
    if (!from) continue;
    for (const next of nextEvents(steps, step.id)) {
      const to = tableOf(next);
      if (to && to !== from && !registry.hasRelation(from, to)) {
        add(
          'table-relation-missing',
          `Step ${next.id} waits for an event on ${to} after an event on ${from}, but no table relation links ${from} to ${to}.`,
          next.id,
        );
      }
    }
  }
}

function nextEvents(steps: readonly WorkflowStep[], id: number): WorkflowStep[] {
  const result: WorkflowStep[] = [];
  for (const child of steps.filter((s) => s.previousStepId === id)) {
    if (child.type === 'event') result.push(child);
    else if (child.type === 'response') result.push(...nextEvents(steps, child.id));
  }
  return result;
}
