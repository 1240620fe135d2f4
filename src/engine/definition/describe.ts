import { describeFieldChangeRule, summarizeTableFilter } from '../filter/index.ts';
import type { Registry } from '../registry.ts';
import type { WorkflowStep } from './types.ts';

export interface StepDescription {
  /** "When …" for events, "Then …" for responses, the workflow for sub-workflows. */
  readonly text: string;
  /** The condition in words; "Always" when there is none. Events only. */
  readonly condition?: string;
}

function captionOf(registry: Registry, table: string, field: string): string {
  return registry.hasTable(table)
    ? (registry.table(table).fields.find((f) => f.name === field)?.caption ?? field)
    : field;
}

/** A one-line summary of a step's conditions and field-change rules. */
export function describeCondition(registry: Registry, step: WorkflowStep): string {
  const event = registry.findEvent(step.functionCode);
  const table = event?.table ?? '';
  const parts: string[] = [];
  for (const [dataItem, filters] of Object.entries(step.conditions ?? {})) {
    const summary = summarizeTableFilter(filters, (f) => captionOf(registry, dataItem, f));
    if (summary === '') continue;
    const caption = registry.hasTable(dataItem) ? registry.table(dataItem).caption : dataItem;
    parts.push(dataItem === table ? summary : `${caption}: ${summary}`);
  }
  for (const rule of step.rules ?? [])
    parts.push(describeFieldChangeRule(captionOf(registry, table, rule.field), rule.operator));
  return parts.length === 0 ? 'Always' : parts.join('; ');
}

/**
 * Fills `{option}` placeholders of a response description; unset options show as `<option>`.
 * Options that name a field (`fieldOptions`) show its caption in `eventTable`, when known.
 */
export function describeResponse(registry: Registry, step: WorkflowStep, eventTable?: string): string {
  const response = registry.findResponse(step.functionCode);
  if (!response) return step.functionCode;
  return response.description.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = step.options?.[name];
    if (value === undefined || value === null || value === '') return `<${name}>`;
    return eventTable && response.fieldOptions?.includes(name)
      ? captionOf(registry, eventTable, String(value))
      : String(value);
  });
}

/** The table of the nearest event above a step (what its responses act on), if any. */
function eventTableAbove(registry: Registry, step: WorkflowStep, steps: readonly WorkflowStep[]): string | undefined {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const seen = new Set<number>();
  let current = step.previousStepId === null ? undefined : byId.get(step.previousStepId);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    if (current.type === 'event') return registry.findEvent(current.functionCode)?.table;
    current = current.previousStepId === null ? undefined : byId.get(current.previousStepId);
  }
  return undefined;
}

/** `steps`: the workflow's other steps, so a response can name fields by their captions. */
export function describeStep(
  registry: Registry,
  step: WorkflowStep,
  steps: readonly WorkflowStep[] = [],
): StepDescription {
  if (step.type === 'event') {
    const event = registry.findEvent(step.functionCode);
    return { text: event?.description ?? step.functionCode, condition: describeCondition(registry, step) };
  }
  if (step.type === 'response')
    return { text: describeResponse(registry, step, eventTableAbove(registry, step, steps)) };
  return { text: `Run workflow ${step.functionCode}` };
}
