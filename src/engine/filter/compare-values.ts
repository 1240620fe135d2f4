/**
 * Ordering of field values per type, shared by filter matching and field-change rules. Each value
 * is turned into a sort key: exact `Decimal`s for decimals (never floats), epoch milliseconds for
 * date-times, `YYYY-MM-DD` strings for dates, ordinals for options and booleans, strings for
 * text. Unset values take the type's blank key, which sorts first, as in Business Central.
 */
import { Decimal } from 'decimal.js';
import type { FieldDefinition, FieldValue } from '../field-types.ts';
import { parseBooleanWord, parseIsoDateTime } from './parse-value.ts';

export type SortKey = string | number | Decimal;

const LEADING_DATE = /^\d{4}-\d{2}-\d{2}/;
const INTEGER = /^[+-]?\d+$/;

function isBlank(value: FieldValue | undefined): value is null | undefined | '' {
  return value === null || value === undefined || value === '';
}

/**
 * The sort key of `value` for `field`, or undefined when the value cannot be read as that type
 * (such a value only ever satisfies "not equal"). `ignoreCase` upper-cases text; code values
 * are always compared without case, like Business Central's upper-case Code fields.
 */
export function sortKey(
  field: FieldDefinition,
  value: FieldValue | undefined,
  ignoreCase = false,
): SortKey | undefined {
  switch (field.type) {
    case 'text': {
      const text = isBlank(value) ? '' : String(value);
      return ignoreCase ? text.toUpperCase() : text;
    }
    case 'code':
      return isBlank(value) ? '' : String(value).toUpperCase();
    case 'option': {
      const options = field.options ?? [];
      const text = isBlank(value) ? '' : String(value);
      let index = options.indexOf(text);
      if (index < 0) index = options.findIndex((o) => o.toLowerCase() === text.toLowerCase());
      if (index >= 0) return index;
      // An undeclared blank sorts before every declared option.
      return text === '' ? -1 : undefined;
    }
    case 'integer':
      if (isBlank(value)) return 0;
      if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
      return typeof value === 'string' && INTEGER.test(value.trim()) ? Number(value) : undefined;
    case 'decimal':
      if (isBlank(value)) return new Decimal(0);
      if (typeof value === 'number') return Number.isFinite(value) ? new Decimal(value) : undefined;
      if (typeof value !== 'string') return undefined;
      try {
        const decimal = new Decimal(value.trim());
        return decimal.isFinite() ? decimal : undefined;
      } catch {
        return undefined;
      }
    case 'date':
      if (isBlank(value)) return '';
      return typeof value === 'string' && LEADING_DATE.test(value) ? value.slice(0, 10) : undefined;
    case 'datetime':
      if (isBlank(value)) return Number.NEGATIVE_INFINITY;
      return typeof value === 'string' ? parseIsoDateTime(value) : undefined;
    case 'boolean': {
      if (isBlank(value)) return 0;
      if (typeof value === 'boolean') return Number(value);
      if (value === 0 || value === 1) return value;
      const flag = typeof value === 'string' ? parseBooleanWord(value) : undefined;
      return flag === undefined ? undefined : Number(flag);
    }
  }
}

/** -1, 0 or 1 when both keys are of the same kind, otherwise undefined. */
export function compareKeys(a: SortKey, b: SortKey): number | undefined {
  if (a instanceof Decimal && b instanceof Decimal) return a.cmp(b);
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  // Code-unit order, not locale order, so results do not depend on the host's locale.
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

/** Compares two values of `field`; undefined when either cannot be read as the field's type. */
export function compareFieldValues(
  field: FieldDefinition,
  a: FieldValue | undefined,
  b: FieldValue | undefined,
  ignoreCase = false,
): number | undefined {
  const left = sortKey(field, a, ignoreCase);
  const right = sortKey(field, b, ignoreCase);
  return left === undefined || right === undefined ? undefined : compareKeys(left, right);
}
