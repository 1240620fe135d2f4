/**
 * The condition on one table: a filter per field, all of which must hold. The stored form is the
 * filter text per field name; it is compiled (validated and parsed) once against the table's
 * fields and then matched against any number of records.
 */
import { invalid } from '../../shared/errors.ts';
import type { FieldDefinition, RecordData } from '../field-types.ts';
import type { FieldFilter } from './filter-ast.ts';
import { matchesFieldFilter } from './match-filter.ts';
import { parseFieldFilter } from './parse-filter.ts';

/** Filter text by field name, e.g. `{ amount: '1000..5000', status: 'Open|Released' }`. */
export type TableFilterText = Readonly<Record<string, string>>;

export interface CompiledFieldFilter {
  readonly field: FieldDefinition;
  readonly filter: FieldFilter;
}

export interface CompiledTableFilter {
  readonly tableName: string;
  /** In the order of the stored filters; fields with blank filter text are left out. */
  readonly fields: readonly CompiledFieldFilter[];
}

/** Entries that actually filter: blank text means "no filter on this field", as in Business Central. */
function activeEntries(filters: TableFilterText): [string, string][] {
  return Object.entries(filters)
    .filter(([, text]) => typeof text === 'string' && text.trim() !== '')
    .map(([name, text]) => [name, text.trim()]);
}

/**
 * Validates and parses every field filter. Throws `filter-field-unknown` for a field the table
 * does not have and `filter-invalid` for filter text that does not fit its field.
 */
export function compileTableFilter(
  fields: readonly FieldDefinition[],
  filters: TableFilterText,
  tableName: string,
): CompiledTableFilter {
  // A Map rather than an object lookup, so names like "constructor" are not found by accident.
  const byName = new Map(fields.map((f) => [f.name, f]));
  const compiled = activeEntries(filters).map(([name, text]): CompiledFieldFilter => {
    const field = byName.get(name);
    if (!field) {
      throw invalid('filter-field-unknown', `Table ${tableName} has no field "${name}" to filter on.`, {
        field: name,
        table: tableName,
      });
    }
    return { field, filter: parseFieldFilter(field, text) };
  });
  return { tableName, fields: compiled };
}

/** True when the record passes every field filter; an empty filter passes every record. */
export function matchesTableFilter(compiled: CompiledTableFilter, record: RecordData): boolean {
  return compiled.fields.every(({ field, filter }) =>
    matchesFieldFilter(field, filter, Object.hasOwn(record, field.name) ? record[field.name] : undefined),
  );
}

/**
 * One readable line such as `Amount: 1000..5000, Status: Open|Released`, in the stored order;
 * '' when nothing is filtered. `captions` maps a field name to its caption (default: the name).
 */
export function summarizeTableFilter(filters: TableFilterText, captions?: (field: string) => string): string {
  return activeEntries(filters)
    .map(([name, text]) => `${captions ? captions(name) : name}: ${text}`)
    .join(', ');
}
