/**
 * The parsed form of one field's filter in Business Central filter syntax. A filter is an `or` of
 * alternatives (`|`), each an `and` of terms (`&`). Every value in the tree has already been
 * validated and normalised for the field's type, so matching never re-parses text.
 */
import type { FieldType } from '../field-types.ts';

export const COMPARISON_OPERATORS = ['=', '<>', '<', '<=', '>', '>='] as const;

export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/**
 * A normalised filter value:
 * - text: as written; code: upper-cased; option: the declared spelling;
 * - integer: a number; decimal: an exact decimal string without trailing zeros ("10.1");
 * - date: `YYYY-MM-DD`; datetime: an ISO string in UTC (`toISOString()` form);
 * - boolean: true or false.
 * A blank value (`''` in the filter) is '' for text, code, option, date and datetime, 0 or "0"
 * for numbers and false for booleans, which is how an unset field of that type compares.
 */
export type FilterValue = string | number | boolean;

/** A piece of a wildcard pattern: literal text, `*` (any run of characters) or `?` (one character). */
export type PatternPart =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'any' }
  | { readonly kind: 'one' };

/** `=v`, `<>v`, `<v`, `<=v`, `>v`, `>=v`, or a bare `v` (which means `=v`). */
export interface ComparisonTerm {
  readonly kind: 'comparison';
  readonly operator: ComparisonOperator;
  readonly value: FilterValue;
  /** Set by `@`: compare text without regard to case. */
  readonly ignoreCase: boolean;
}

/** `a..b`, `..b` or `a..`, bounds included; an undefined bound is open. */
export interface RangeTerm {
  readonly kind: 'range';
  readonly from: FilterValue | undefined;
  readonly to: FilterValue | undefined;
  readonly ignoreCase: boolean;
}

/** A text or code value with `*` or `?`, optionally negated with `<>`. */
export interface PatternTerm {
  readonly kind: 'pattern';
  readonly negated: boolean;
  readonly parts: readonly PatternPart[];
  readonly ignoreCase: boolean;
}

export type FilterTerm = ComparisonTerm | RangeTerm | PatternTerm;

/** Terms joined with `&`: all must hold. */
export interface FilterConjunction {
  readonly kind: 'and';
  readonly terms: readonly FilterTerm[];
}

/** Alternatives joined with `|`: at least one must hold. */
export interface FieldFilter {
  readonly kind: 'or';
  /** The field the filter was parsed for, and its type at that time. */
  readonly field: string;
  readonly fieldType: FieldType;
  /** The filter text as entered, trimmed; kept for display. */
  readonly text: string;
  readonly alternatives: readonly FilterConjunction[];
}
