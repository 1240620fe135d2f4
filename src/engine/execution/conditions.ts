import type { EngineContext } from '../context.ts';
import type { EventConditions, FieldChangeRule } from '../definition/types.ts';
import {
  type CompiledTableFilter,
  compileTableFilter,
  evaluateFieldChangeRule,
  matchesTableFilter,
} from '../filter/index.ts';
import type { WorkflowRecord } from '../record.ts';
import type { Registry } from '../registry.ts';

export interface ConditionSource {
  readonly conditions?: EventConditions;
  readonly rules?: readonly FieldChangeRule[];
}

// Snapshot steps are immutable and cached, so their compiled filters can be kept with them.
const compiled = new WeakMap<object, Map<string, CompiledTableFilter>>();

function compiledFilter(
  registry: Registry,
  conditions: EventConditions,
  table: string,
): CompiledTableFilter | undefined {
  let perTable = compiled.get(conditions);
  if (!perTable) {
    perTable = new Map();
    compiled.set(conditions, perTable);
  }
  if (!perTable.has(table)) {
    const filters = conditions[table];
    if (!filters || Object.keys(filters).length === 0) return undefined;
    perTable.set(table, compileTableFilter(registry.table(table).fields, filters, table));
  }
  return perTable.get(table);
}

/**
 * A step's condition: its filters on the record (re-read, so stored and computed values count),
 * at least one matching row in each filtered related table, and every field-change rule
 * (reference §2.5).
 */
export async function evaluateCondition(
  ctx: EngineContext,
  source: ConditionSource,
  record: WorkflowRecord,
  oldRecord: WorkflowRecord | undefined,
): Promise<boolean> {
  const { registry } = ctx;
  const conditions = source.conditions;
  if (conditions) {
    const table = registry.table(record.table);
    const main = compiledFilter(registry, conditions, record.table);
    if (main) {
      const data = table.load ? await table.load(ctx, record.key) : record.data;
      if (!data || !matchesTableFilter(main, data)) return false;
    }
    for (const dataItem of Object.keys(conditions)) {
      if (dataItem === record.table) continue;
      const filter = compiledFilter(registry, conditions, dataItem);
      if (!filter) continue;
      const relation = table.relations?.find((r) => r.table === dataItem);
      const related = registry.table(dataItem);
      if (!relation || !related.findWhere) return false;
      const equals = Object.fromEntries(relation.fields.map(([from, to]) => [to, record.data[from] ?? null]));
      const rows = await related.findWhere(ctx, equals);
      if (!rows.some((row) => matchesTableFilter(filter, row))) return false;
    }
  }
  return rulesPass(registry, source.rules, record, oldRecord);
}

function rulesPass(
  registry: Registry,
  rules: readonly FieldChangeRule[] | undefined,
  record: WorkflowRecord,
  oldRecord: WorkflowRecord | undefined,
): boolean {
  if (!rules || rules.length === 0) return true;
  // Without an old record the event compares the record with itself, so no rule fires.
  const old = oldRecord ?? record;
  if (old.table !== record.table) return false;
  const fields = registry.table(record.table).fields;
  for (const rule of rules) {
    const field = fields.find((f) => f.name === rule.field);
    if (!field) return false;
    if (!evaluateFieldChangeRule(field, rule.operator, old.data[rule.field], record.data[rule.field])) return false;
  }
  return true;
}
