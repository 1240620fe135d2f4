import { invalid, WerkstroomError } from '../../shared/errors.ts';
import { compileTableFilter, FIELD_CHANGE_OPERATORS } from '../filter/index.ts';
import type { Registry } from '../registry.ts';
import { STEP_TYPES, type WorkflowStep, type WorkflowStepInput } from './types.ts';

/**
 * Checks steps as a workflow is saved and fills defaults. Structural mistakes and unknown codes
 * are refused here; completeness (entry point, options filled in, …) waits for enabling, as a
 * workflow may be saved half-built.
 */
export function checkSteps(
  registry: Registry,
  workflowCode: string,
  inputs: readonly WorkflowStepInput[],
): WorkflowStep[] {
  const byId = new Map<number, WorkflowStepInput>();
  for (const step of inputs) {
    if (!Number.isInteger(step.id) || step.id < 1) {
      throw invalid('step-id-invalid', `Step id ${String(step.id)} is not a positive whole number.`, {
        stepId: step.id,
      });
    }
    if (byId.has(step.id)) throw invalid('step-id-duplicate', `Step id ${step.id} is used twice.`, { stepId: step.id });
    if (!STEP_TYPES.includes(step.type)) {
      throw invalid(
        'step-type-invalid',
        `Step ${step.id} has type "${String(step.type)}"; use event, response or sub-workflow.`,
        {
          stepId: step.id,
          field: 'type',
        },
      );
    }
    byId.set(step.id, step);
  }
  for (const step of inputs) {
    const parent = step.previousStepId ?? null;
    const next = step.nextStepId ?? null;
    if (parent === step.id)
      throw invalid('step-parent-self', `Step ${step.id} cannot follow itself.`, { stepId: step.id });
    if (parent !== null && !byId.has(parent)) {
      throw invalid('step-parent-missing', `Step ${step.id} follows step ${parent}, which does not exist.`, {
        stepId: step.id,
      });
    }
    if (next === step.id) throw invalid('step-next-self', `Step ${step.id} cannot go to itself.`, { stepId: step.id });
    if (next !== null && !byId.has(next)) {
      throw invalid('step-next-missing', `Step ${step.id} goes to step ${next}, which does not exist.`, {
        stepId: step.id,
      });
    }
    checkNoCycle(byId, step);
  }
  const result = inputs.map((step) => checkStep(registry, workflowCode, byId, step));
  return result.sort((a, b) => a.id - b.id);
}

function checkNoCycle(byId: ReadonlyMap<number, WorkflowStepInput>, step: WorkflowStepInput): void {
  const seen = new Set<number>([step.id]);
  let current = step.previousStepId ?? null;
  while (current !== null) {
    if (seen.has(current)) {
      throw invalid('step-cycle', `Step ${step.id} is its own ancestor; use a next-step link for loops.`, {
        stepId: step.id,
      });
    }
    seen.add(current);
    current = byId.get(current)?.previousStepId ?? null;
  }
}

/** The nearest event above a step: what the designer offers depends on it. */
export function parentEventCode(
  byId: ReadonlyMap<number, WorkflowStepInput>,
  step: WorkflowStepInput,
): string | undefined {
  let current = step.previousStepId ?? null;
  while (current !== null) {
    const parent = byId.get(current);
    if (!parent) return undefined;
    if (parent.type === 'event' && parent.functionCode !== '') return parent.functionCode;
    current = parent.previousStepId ?? null;
  }
  return undefined;
}

function checkStep(
  registry: Registry,
  workflowCode: string,
  byId: ReadonlyMap<number, WorkflowStepInput>,
  step: WorkflowStepInput,
): WorkflowStep {
  const at = { stepId: step.id };
  const parentEvent = parentEventCode(byId, step);
  if (step.type !== 'event' && (step.conditions || step.rules)) {
    throw invalid(
      'step-conditions-not-event',
      `Step ${step.id} is not an event step; only events have conditions.`,
      at,
    );
  }
  if (step.type !== 'response' && step.options) {
    throw invalid(
      'step-options-not-response',
      `Step ${step.id} is not a response step; only responses have options.`,
      at,
    );
  }
  let options = step.options;
  if (step.type === 'event' && step.functionCode !== '') {
    const event = withStep(step.id, () => registry.event(step.functionCode));
    if (!registry.eventsAllowedAfter(parentEvent).includes(event)) {
      throw notAllowed(step, parentEvent);
    }
    checkConditions(registry, step, event.table);
  } else if (step.type === 'response' && step.functionCode !== '') {
    const response = withStep(step.id, () => registry.response(step.functionCode));
    if (!registry.responsesAllowedAfter(parentEvent).includes(response)) throw notAllowed(step, parentEvent);
    if (step.options && !response.options) {
      throw invalid('response-options-invalid', `Response "${response.code}" of step ${step.id} takes no options.`, at);
    }
    if (response.options) {
      const parsed = response.options.safeParse(step.options ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path.join('.') ?? '';
        throw invalid(
          'response-options-invalid',
          `Option "${field}" of step ${step.id} is not valid: ${issue?.message ?? ''}.`,
          {
            ...at,
            field,
          },
        );
      }
      options = step.options ? (parsed.data as Record<string, unknown>) : undefined;
    }
  } else if (step.type === 'sub-workflow' && step.functionCode === workflowCode) {
    throw invalid('sub-workflow-self', `Step ${step.id} cannot use its own workflow as a sub-workflow.`, at);
  }
  return {
    id: step.id,
    previousStepId: step.previousStepId ?? null,
    nextStepId: step.nextStepId ?? null,
    type: step.type,
    functionCode: step.functionCode,
    sequence: step.sequence ?? 1,
    entryPoint: false,
    description: step.description ?? '',
    ...(step.conditions && Object.keys(step.conditions).length > 0 ? { conditions: step.conditions } : {}),
    ...(step.rules && step.rules.length > 0 ? { rules: step.rules } : {}),
    ...(options ? { options } : {}),
  };
}

function checkConditions(registry: Registry, step: WorkflowStepInput, eventTable: string): void {
  const table = registry.table(eventTable);
  for (const [dataItem, filters] of Object.entries(step.conditions ?? {})) {
    const related = dataItem === eventTable ? undefined : table.relations?.find((r) => r.table === dataItem);
    if (dataItem !== eventTable && !related) {
      throw invalid(
        'condition-table-invalid',
        `Step ${step.id} filters on "${dataItem}", which is neither the event's table "${eventTable}" nor related to it.`,
        { stepId: step.id, field: dataItem },
      );
    }
    const fields = registry.table(dataItem).fields;
    withStep(step.id, () => compileTableFilter(fields, filters, dataItem));
  }
  for (const rule of step.rules ?? []) {
    if (!table.fields.some((f) => f.name === rule.field)) {
      throw invalid(
        'rule-field-unknown',
        `Step ${step.id} watches field "${rule.field}", which table "${eventTable}" does not have.`,
        {
          stepId: step.id,
          field: rule.field,
        },
      );
    }
    if (!FIELD_CHANGE_OPERATORS.includes(rule.operator)) {
      throw invalid(
        'rule-operator-invalid',
        `Step ${step.id} uses "${String(rule.operator)}"; use increased, decreased or changed.`,
        {
          stepId: step.id,
          field: rule.field,
        },
      );
    }
  }
}

function notAllowed(step: WorkflowStepInput, parentEvent: string | undefined): WerkstroomError {
  return invalid(
    'step-combination-not-allowed',
    `Step ${step.id}: "${step.functionCode}" cannot follow the event "${parentEvent ?? '(none)'}".`,
    { stepId: step.id, field: 'functionCode' },
  );
}

/** Adds the step to errors raised by lower layers (filters, registry look-ups). */
function withStep<T>(stepId: number, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof WerkstroomError && error.details.stepId === undefined) {
      throw new WerkstroomError(
        error.code,
        `Step ${stepId}: ${error.message}`,
        { ...error.details, stepId },
        error.kind,
      );
    }
    throw error;
  }
}
