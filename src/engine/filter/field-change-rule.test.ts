import { describe, expect, it } from 'vitest';
import type { FieldDefinition, FieldType, FieldValue } from '../field-types.ts';
import {
  describeFieldChangeRule,
  evaluateFieldChangeRule,
  FIELD_CHANGE_OPERATORS,
  isFieldChangeOperator,
} from './field-change-rule.ts';

const field = (type: FieldType, options?: readonly string[]): FieldDefinition => ({ name: type, type, options });

/** Which operators hold for the change from `oldValue` to `newValue`. */
function holding(f: FieldDefinition | undefined, oldValue: FieldValue | undefined, newValue: FieldValue | undefined) {
  return FIELD_CHANGE_OPERATORS.filter((op) => evaluateFieldChangeRule(f, op, oldValue, newValue));
}

describe('evaluateFieldChangeRule', () => {
  it('compares integers numerically', () => {
    expect(holding(field('integer'), 9, 10)).toEqual(['increased', 'changed']);
    expect(holding(field('integer'), 10, 9)).toEqual(['decreased', 'changed']);
    expect(holding(field('integer'), 10, 10)).toEqual([]);
  });

  it('compares decimals exactly', () => {
    const decimal = field('decimal');
    expect(holding(decimal, '1000.00', '1000.01')).toEqual(['increased', 'changed']);
    expect(holding(decimal, '0.3', '0.2999999999999999999')).toEqual(['decreased', 'changed']);
    expect(holding(decimal, '10.10', '10.1')).toEqual([]);
    expect(holding(decimal, '9.5', '10')).toEqual(['increased', 'changed']);
  });

  it('counts an unset number as 0', () => {
    expect(holding(field('decimal'), null, '0.00')).toEqual([]);
    expect(holding(field('decimal'), undefined, '5')).toEqual(['increased', 'changed']);
    expect(holding(field('integer'), 3, null)).toEqual(['decreased', 'changed']);
  });

  it('compares dates chronologically, with no date before any date', () => {
    const date = field('date');
    expect(holding(date, '2024-01-31', '2024-02-01')).toEqual(['increased', 'changed']);
    expect(holding(date, '2024-02-01', '2024-01-31')).toEqual(['decreased', 'changed']);
    expect(holding(date, '2024-02-01', '2024-02-01')).toEqual([]);
    expect(holding(date, null, '2024-02-01')).toEqual(['increased', 'changed']);
  });

  it('compares date-times as instants', () => {
    const datetime = field('datetime');
    expect(holding(datetime, '2024-03-01T08:00:00Z', '2024-03-01T08:00:01Z')).toEqual(['increased', 'changed']);
    expect(holding(datetime, '2024-03-01T09:00:00Z', '2024-03-01T10:00:00+02:00')).toEqual(['decreased', 'changed']);
    expect(holding(datetime, '2024-03-01T08:00:00Z', '2024-03-01T10:00:00+02:00')).toEqual([]);
  });

  it('compares text case-sensitively', () => {
    const text = field('text');
    expect(holding(text, 'Alpha', 'Beta')).toEqual(['increased', 'changed']);
    expect(holding(text, 'Beta', 'Alpha')).toEqual(['decreased', 'changed']);
    expect(holding(text, 'alpha', 'Alpha')).toEqual(['decreased', 'changed']);
    expect(holding(text, null, '')).toEqual([]);
  });

  it('compares code without regard to case', () => {
    expect(holding(field('code'), 'eur', 'EUR')).toEqual([]);
    expect(holding(field('code'), 'EUR', 'USD')).toEqual(['increased', 'changed']);
  });

  it('orders options by their declared position', () => {
    const status = field('option', ['Open', 'Released', 'Pending Approval']);
    expect(holding(status, 'Open', 'Pending Approval')).toEqual(['increased', 'changed']);
    expect(holding(status, 'Released', 'Open')).toEqual(['decreased', 'changed']);
    expect(holding(status, 'Open', 'Open')).toEqual([]);
  });

  it('orders booleans No before Yes', () => {
    expect(holding(field('boolean'), false, true)).toEqual(['increased', 'changed']);
    expect(holding(field('boolean'), true, false)).toEqual(['decreased', 'changed']);
    expect(holding(field('boolean'), null, false)).toEqual([]);
  });

  it('is false for every operator when the field does not exist', () => {
    expect(holding(undefined, 1, 2)).toEqual([]);
  });

  it('reports only a change for values that cannot be read as the field type', () => {
    expect(holding(field('decimal'), 'abc', '5')).toEqual(['changed']);
  });

  it('is false for an operator it does not know', () => {
    expect(evaluateFieldChangeRule(field('integer'), 'doubled' as never, 1, 2)).toBe(false);
  });
});

describe('describeFieldChangeRule', () => {
  it('reads as "<field> is <operator>"', () => {
    expect(describeFieldChangeRule('Credit limit', 'increased')).toBe('Credit limit is increased');
    expect(describeFieldChangeRule('Unit Price', 'decreased')).toBe('Unit Price is decreased');
    expect(describeFieldChangeRule('Name', 'changed')).toBe('Name is changed');
  });
});

describe('isFieldChangeOperator', () => {
  it('accepts exactly the three operators', () => {
    expect(FIELD_CHANGE_OPERATORS.every(isFieldChangeOperator)).toBe(true);
    expect(isFieldChangeOperator('Increased')).toBe(false);
    expect(isFieldChangeOperator(undefined)).toBe(false);
  });
});
