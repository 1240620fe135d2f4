import type { FieldDefinition, FieldValue, RecordData } from '../engine/field-types.ts';
import { compareFieldValues } from '../engine/filter/index.ts';

/**
 * Keeps the rows whose fields equal the given values, compared by field type (codes without
 * case, decimals by value). Unknown fields match nothing.
 */
export function filterByEquals(
  fields: readonly FieldDefinition[],
  rows: readonly RecordData[],
  equals: Readonly<Record<string, FieldValue>>,
): RecordData[] {
  const checks = Object.entries(equals).map(([name, value]) => ({
    name,
    value,
    field: fields.find((f) => f.name === name),
  }));
  return rows.filter((row) =>
    checks.every(({ name, value, field }) => field !== undefined && compareFieldValues(field, row[name], value) === 0),
  );
}

/** A text value of `equals` usable to narrow a query, or undefined to leave the column unfiltered. */
export function textOf(equals: Readonly<Record<string, FieldValue>>, name: string): string | undefined {
  const value = equals[name];
  return typeof value === 'string' ? value : undefined;
}
