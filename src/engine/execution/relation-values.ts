import type { WorkflowRecord } from '../record.ts';
import type { Registry } from '../registry.ts';
import type { WorkflowTableRelation } from '../registry-types.ts';
import type { InstanceRun } from './instance-state.ts';

/** A relation field may name the record's own table (`$table`) or key (`$key`) instead of a field. */
function fieldValue(record: WorkflowRecord, field: string): string {
  if (field === '$table') return record.table;
  if (field === '$key') return record.key;
  return String(record.data[field] ?? '');
}

function matchKey(relation: WorkflowTableRelation, values: readonly string[]): string {
  return JSON.stringify([relation.from, ...relation.fields.map(([, to], i) => [to, values[i]])]);
}

/**
 * The first time an instance acts on a record of a table, it notes the values by which records
 * of related tables will find it again (reference §2.9).
 */
export function noteRelationValues(registry: Registry, run: InstanceRun, record: WorkflowRecord): void {
  if (run.relationTables.has(record.table)) return;
  run.relationTables.add(record.table);
  run.dirty = true;
  for (const relation of registry.relationsFrom(record.table)) {
    const values = relation.fields.map(([from]) => fieldValue(record, from));
    run.newRelationValues.push({ table: relation.to, matchKey: matchKey(relation, values) });
  }
}

/** The keys under which an instance related to this record would have noted itself. */
export function relationMatchKeys(registry: Registry, record: WorkflowRecord): string[] {
  return registry.relationsTo(record.table).map((relation) =>
    matchKey(
      relation,
      relation.fields.map(([, to]) => fieldValue(record, to)),
    ),
  );
}
