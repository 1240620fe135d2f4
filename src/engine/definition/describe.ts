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

/** Fills `{option}` placeholders of a response description; unset options show as `<option>`. */
export function describeResponse(registry: Registry, step: WorkflowStep): string {
  const response = registry.findResponse(step.functionCode);
  if (!response) return step.functionCode;
  return response.description.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = step.options?.[name];
    return value === undefined || value === null || value === '' ? `<${name}>` : String(value);
  });
}

export function describeStep(registry: Registry, step: WorkflowStep): StepDescription {
  if (step.type === 'event') {
    const event = registry.findEvent(step.functionCode);
    return { text: event?.description ?? step.functionCode, condition: describeCondition(registry, step) };
  }
  if (step.type === 'response') return { text: describeResponse(registry, step) };
  return { text: `Run workflow ${step.functionCode}` };
}
