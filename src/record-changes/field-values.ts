import type { FieldDefinition, FieldValue } from '../engine/field-types.ts';
import { compareFieldValues } from '../engine/filter/index.ts';
import type { Registry } from '../engine/registry.ts';
import { invalid } from '../shared/errors.ts';

/**
 * A held value is stored as text: the field's value as the engine represents it (decimals as
 * exact decimal text, booleans `true`/`false`, no value as ''). `valueFromText` reads it back
 * as the field's type, so the record can be written with it again.
 */
export function valueText(value: FieldValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

export function valueFromText(field: FieldDefinition, text: string): FieldValue {
  switch (field.type) {
    case 'boolean':
      return text === 'true';
    case 'integer':
      return text === '' ? 0 : Number(text);
    case 'decimal':
      return text === '' ? '0' : text;
    case 'date':
    case 'datetime':
      return text === '' ? null : text;
    default:
      return text;
  }
}

/** Equal as the field's type sees it ("1000" and "1000.00" are one credit limit). */
export function sameValue(field: FieldDefinition, a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  const order = compareFieldValues(field, a, b);
  return order === undefined ? valueText(a) === valueText(b) : order === 0;
}

/** The field of a record table; a workflow step that names another field is refused when it runs. */
export function fieldOf(registry: Registry, table: string, name: string): FieldDefinition {
  const field = registry.table(table).fields.find((f) => f.name === name);
  if (!field) {
    throw invalid('record-change-field-unknown', `Table ${table} has no field "${name}" to hold a change of.`, {
      field: name,
    });
  }
  return field;
}

export function fieldCaption(registry: Registry, table: string, name: string): string {
  if (!registry.hasTable(table)) return name;
  return registry.table(table).fields.find((f) => f.name === name)?.caption ?? name;
}
