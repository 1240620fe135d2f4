/**
 * Field-change rules ("Credit limit is increased"): a comparison of a field's old value (before
 * the change) with its new value. Numbers compare numerically and exactly, dates and date-times
 * chronologically, other types by their values (options by declared order, booleans No < Yes,
 * text by code units, code without case).
 */
import type { FieldDefinition, FieldValue } from '../field-types.ts';
import { compareFieldValues } from './compare-values.ts';

export const FIELD_CHANGE_OPERATORS = ['increased', 'decreased', 'changed'] as const;

export type FieldChangeOperator = (typeof FIELD_CHANGE_OPERATORS)[number];

export function isFieldChangeOperator(value: unknown): value is FieldChangeOperator {
  return typeof value === 'string' && (FIELD_CHANGE_OPERATORS as readonly string[]).includes(value);
}

/**
 * Whether the change from `oldValue` to `newValue` satisfies the rule. A missing field (undefined
 * definition) never satisfies it. Unset values count as the type's blank (0, '', no date).
 */
export function evaluateFieldChangeRule(
  field: FieldDefinition | undefined,
  operator: FieldChangeOperator,
  oldValue: FieldValue | undefined,
  newValue: FieldValue | undefined,
): boolean {
  if (!field) return false;
  const order = compareFieldValues(field, oldValue, newValue);
  if (order === undefined) {
    // Values that cannot be read as the field's type have no order; they can only differ.
    return operator === 'changed' && String(oldValue ?? '') !== String(newValue ?? '');
  }
  switch (operator) {
    case 'increased':
      return order < 0;
    case 'decreased':
      return order > 0;
    case 'changed':
      return order !== 0;
    default:
      // Stored rules are data; an operator this version does not know never fires.
      return false;
  }
}

/** The display text of a rule, e.g. `Credit limit is increased`. */
export function describeFieldChangeRule(fieldCaption: string, operator: FieldChangeOperator): string {
  return `${fieldCaption} is ${operator}`;
}
