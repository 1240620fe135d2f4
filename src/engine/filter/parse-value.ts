/**
 * Reading one literal value of a filter (or a stored field value) according to the field's type.
 * Parsing returns a reason instead of throwing so the filter parser can wrap it in one error that
 * quotes the whole filter text.
 */
import { Decimal } from 'decimal.js';
import type { FieldDefinition } from '../field-types.ts';
import type { FilterValue } from './filter-ast.ts';

export type ValueParseResult =
  | { readonly ok: true; readonly value: FilterValue }
  | { readonly ok: false; readonly reason: string };

const INTEGER = /^[+-]?\d+$/;
// No exponent and no thousands separator: "1,000" could mean one thousand or one, so it is refused.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = {
  yes: true,
  true: true,
  '1': true,
  no: false,
  false: false,
  '0': false,
};

/** The value an unset field of this type compares as, and what `''` in a filter stands for. */
export function blankFilterValue(field: FieldDefinition): FilterValue {
  switch (field.type) {
    case 'integer':
      return 0;
    case 'decimal':
      return '0';
    case 'boolean':
      return false;
    default:
      return '';
  }
}

export function isValidDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Milliseconds since the epoch for an ISO date-time, or undefined. A value without an offset is
 * UTC, as stored values are; `Date.parse` alone would read it as local time.
 */
export function parseIsoDateTime(text: string): number | undefined {
  const m = DATETIME.exec(text.trim());
  if (!m) return undefined;
  const [, date = '', hh = '', mi = '', ss = '00', frac = '', zone = 'Z'] = m;
  if (!isValidDate(date) || Number(hh) > 23 || Number(mi) > 59 || Number(ss) > 59) return undefined;
  const ms = frac.padEnd(3, '0').slice(0, 3);
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const time = Date.parse(`${date}T${hh}:${mi}:${ss}.${ms}${offset}`);
  return Number.isNaN(time) ? undefined : time;
}

/** Normalises a decimal string exactly, or returns undefined when it is not one. */
export function normalizeDecimal(text: string): string | undefined {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return undefined;
  const normalized = new Decimal(trimmed).toFixed();
  return normalized === '-0' ? '0' : normalized;
}

export function parseBooleanWord(text: string): boolean | undefined {
  return BOOLEAN_WORDS[text.trim().toLowerCase()];
}

/** Parses the literal `text` of a filter value for `field`, validating it against the field's type. */
export function parseFilterValue(field: FieldDefinition, text: string): ValueParseResult {
  const fail = (reason: string): ValueParseResult => ({ ok: false, reason });
  const ok = (value: FilterValue): ValueParseResult => ({ ok: true, value });
  switch (field.type) {
    case 'text':
      return ok(text);
    case 'code':
      return ok(text.toUpperCase());
    case 'option': {
      const options = field.options ?? [];
      const wanted = text.toLowerCase();
      const match = options.find((o) => o === text) ?? options.find((o) => o.toLowerCase() === wanted);
      if (match !== undefined) return ok(match);
      const allowed = options.length > 0 ? options.join(', ') : 'none are declared';
      return fail(`"${text}" is not one of its options (${allowed})`);
    }
    case 'integer': {
      const value = Number(text);
      if (INTEGER.test(text) && Number.isSafeInteger(value)) return ok(value === 0 ? 0 : value);
      return fail(`"${text}" is not a whole number${text.includes(',') ? ' (write it without separators)' : ''}`);
    }
    case 'decimal': {
      const value = normalizeDecimal(text);
      if (value !== undefined) return ok(value);
      const hint = text.includes(',') ? ' (use a dot for decimals and no thousands separators)' : '';
      return fail(`"${text}" is not a decimal number${hint}`);
    }
    case 'date':
      return isValidDate(text) ? ok(text) : fail(`"${text}" is not a date (expected YYYY-MM-DD)`);
    case 'datetime': {
      const time = parseIsoDateTime(text);
      if (time !== undefined) return ok(new Date(time).toISOString());
      return fail(`"${text}" is not a date-time (expected YYYY-MM-DDTHH:MM:SS, UTC unless an offset is given)`);
    }
    case 'boolean': {
      const value = parseBooleanWord(text);
      return value === undefined
        ? fail(`"${text}" is not a boolean (expected Yes, No, true, false, 1 or 0)`)
        : ok(value);
    }
  }
}
