import { describe, expect, it } from 'vitest';
import { isWerkstroomError } from '../../shared/errors.ts';
import type { FieldDefinition, FieldType } from '../field-types.ts';
import type { FilterTerm } from './filter-ast.ts';
import { parseFieldFilter } from './parse-filter.ts';

const field = (type: FieldType, name: string = type, options?: readonly string[]): FieldDefinition => ({
  name,
  type,
  options,
});
const status = field('option', 'status', ['Open', 'Released', 'Pending Approval']);

/** The terms of a filter as a list of alternatives, for compact assertions. */
function terms(f: FieldDefinition, text: string): readonly (readonly FilterTerm[])[] {
  return parseFieldFilter(f, text).alternatives.map((a) => a.terms);
}

function parseError(f: FieldDefinition, text: string) {
  try {
    parseFieldFilter(f, text);
  } catch (error) {
    if (isWerkstroomError(error)) return error;
    throw error;
  }
  throw new Error(`expected "${text}" to be rejected`);
}

describe('parseFieldFilter: structure', () => {
  it('reads a bare value as an equality comparison', () => {
    expect(terms(field('text'), 'Berlin')).toEqual([
      [{ kind: 'comparison', operator: '=', value: 'Berlin', ignoreCase: false }],
    ]);
  });

  it('reads every comparison operator', () => {
    for (const op of ['=', '<>', '<', '<=', '>', '>='] as const) {
      expect(terms(field('integer'), `${op}10`)).toEqual([
        [{ kind: 'comparison', operator: op, value: 10, ignoreCase: false }],
      ]);
    }
  });

  it('reads closed and open ranges', () => {
    const amount = field('decimal', 'amount');
    expect(terms(amount, '1000..5000.50')[0]).toEqual([
      { kind: 'range', from: '1000', to: '5000.5', ignoreCase: false },
    ]);
    expect(terms(amount, '..5000')[0]).toEqual([{ kind: 'range', from: undefined, to: '5000', ignoreCase: false }]);
    expect(terms(amount, '1000..')[0]).toEqual([{ kind: 'range', from: '1000', to: undefined, ignoreCase: false }]);
  });

  it('binds & tighter than |', () => {
    const result = terms(field('integer'), '>1&<5|10');
    expect(result).toHaveLength(2);
    expect(result[0]).toHaveLength(2);
    expect(result[1]).toEqual([{ kind: 'comparison', operator: '=', value: 10, ignoreCase: false }]);
  });

  it('ignores spaces around operators, ranges and separators', () => {
    expect(terms(status, ' Open | Released ')).toEqual(terms(status, 'Open|Released'));
    expect(terms(field('integer'), '1 .. 5')).toEqual(terms(field('integer'), '1..5'));
    expect(terms(field('integer'), '>= 5')).toEqual(terms(field('integer'), '>=5'));
  });

  it('keeps spaces inside a value', () => {
    expect(terms(status, 'pending approval')[0]?.[0]).toMatchObject({ value: 'Pending Approval' });
  });

  it('treats special characters inside quotes as literal text', () => {
    expect(terms(field('text'), "'Smith & Sons|*'")).toEqual([
      [{ kind: 'comparison', operator: '=', value: 'Smith & Sons|*', ignoreCase: false }],
    ]);
  });

  it('reads a doubled quote inside quotes as one quote', () => {
    expect(terms(field('text'), "'O''Brien'")[0]?.[0]).toMatchObject({ value: "O'Brien" });
  });

  it('reads a lone pair of quotes as the blank value of the field type', () => {
    expect(terms(field('text'), "''")[0]?.[0]).toMatchObject({ operator: '=', value: '' });
    expect(terms(field('text'), "<>''")[0]?.[0]).toMatchObject({ operator: '<>', value: '' });
    expect(terms(field('integer'), "''")[0]?.[0]).toMatchObject({ value: 0 });
    expect(terms(field('decimal'), "''")[0]?.[0]).toMatchObject({ value: '0' });
    expect(terms(field('boolean'), "''")[0]?.[0]).toMatchObject({ value: false });
    expect(terms(field('date'), "''")[0]?.[0]).toMatchObject({ value: '' });
  });

  it('turns * and ? into pattern parts on text fields', () => {
    expect(terms(field('text'), 'A*b?c')[0]).toEqual([
      {
        kind: 'pattern',
        negated: false,
        ignoreCase: false,
        parts: [
          { kind: 'literal', text: 'A' },
          { kind: 'any' },
          { kind: 'literal', text: 'b' },
          { kind: 'one' },
          { kind: 'literal', text: 'c' },
        ],
      },
    ]);
  });

  it('negates a pattern written with <>', () => {
    expect(terms(field('text'), '<>*x*')[0]?.[0]).toMatchObject({ kind: 'pattern', negated: true });
  });

  it('marks terms written with @ as case-insensitive, before or after the operator', () => {
    expect(terms(field('text'), '@berlin')[0]?.[0]).toMatchObject({ ignoreCase: true });
    expect(terms(field('text'), '<>@berlin')[0]?.[0]).toMatchObject({ ignoreCase: true, operator: '<>' });
    expect(terms(field('text'), '@<>berlin')[0]?.[0]).toMatchObject({ ignoreCase: true, operator: '<>' });
    expect(terms(field('text'), '@a..c')[0]?.[0]).toMatchObject({ kind: 'range', ignoreCase: true });
  });

  it('keeps the trimmed filter text and the field for display', () => {
    const parsed = parseFieldFilter(status, ' Open|Released ');
    expect(parsed).toMatchObject({ kind: 'or', field: 'status', fieldType: 'option', text: 'Open|Released' });
  });
});

describe('parseFieldFilter: values per field type', () => {
  it('upper-cases code values and code patterns', () => {
    expect(terms(field('code'), 'eur')[0]?.[0]).toMatchObject({ value: 'EUR' });
    expect(terms(field('code'), 'e*')[0]?.[0]).toMatchObject({
      parts: [{ kind: 'literal', text: 'E' }, { kind: 'any' }],
    });
  });

  it('normalises option values to their declared spelling', () => {
    expect(terms(status, 'RELEASED|open')).toEqual([
      [{ kind: 'comparison', operator: '=', value: 'Released', ignoreCase: false }],
      [{ kind: 'comparison', operator: '=', value: 'Open', ignoreCase: false }],
    ]);
  });

  it('reads integers with a sign', () => {
    expect(terms(field('integer'), '-5..+5')[0]?.[0]).toMatchObject({ from: -5, to: 5 });
  });

  it('keeps decimals exact and drops trailing zeros', () => {
    expect(terms(field('decimal'), '1234.50')[0]?.[0]).toMatchObject({ value: '1234.5' });
    expect(terms(field('decimal'), '0.1000000000000000000001')[0]?.[0]).toMatchObject({
      value: '0.1000000000000000000001',
    });
    expect(terms(field('decimal'), '-.5')[0]?.[0]).toMatchObject({ value: '-0.5' });
  });

  it('reads dates as YYYY-MM-DD', () => {
    expect(terms(field('date'), '2024-02-29')[0]?.[0]).toMatchObject({ value: '2024-02-29' });
  });

  it('normalises date-times to UTC, reading a value without offset as UTC', () => {
    expect(terms(field('datetime'), '2024-03-01T10:00')[0]?.[0]).toMatchObject({ value: '2024-03-01T10:00:00.000Z' });
    expect(terms(field('datetime'), '2024-03-01T10:00:00+02:00')[0]?.[0]).toMatchObject({
      value: '2024-03-01T08:00:00.000Z',
    });
  });

  it('reads Yes/No, true/false and 1/0 as booleans without regard to case', () => {
    for (const [text, value] of [
      ['Yes', true],
      ['NO', false],
      ['true', true],
      ['False', false],
      ['1', true],
      ['0', false],
    ] as const) {
      expect(terms(field('boolean'), text)[0]?.[0]).toMatchObject({ value });
    }
  });
});

describe('parseFieldFilter: errors', () => {
  it('names the field and the bad text in the message and details', () => {
    const error = parseError(field('decimal', 'amount'), '1000..x');
    expect(error.code).toBe('filter-invalid');
    expect(error.kind).toBe('invalid');
    expect(error.details).toEqual({ field: 'amount', text: '1000..x' });
    expect(error.message).toBe('Filter "1000..x" on field amount is not valid: "x" is not a decimal number.');
  });

  it.each([
    ['integer', '1.5', '"1.5" is not a whole number'],
    ['integer', '1,000', '"1,000" is not a whole number'],
    ['integer', '99999999999999999999', 'is not a whole number'],
    ['decimal', '1,000.50', '"1,000.50" is not a decimal number (use a dot'],
    ['decimal', '1e5', '"1e5" is not a decimal number'],
    ['date', '2023-02-29', '"2023-02-29" is not a date'],
    ['date', '01.02.2024', '"01.02.2024" is not a date'],
    ['datetime', '2024-03-01', '"2024-03-01" is not a date-time'],
    ['datetime', '2024-03-01T25:00', '"2024-03-01T25:00" is not a date-time'],
    ['boolean', 'maybe', '"maybe" is not a boolean'],
  ] as const)('rejects %s filter %j', (type, text, reason) => {
    const error = parseError(field(type, `my${type}`), text);
    expect(error.code).toBe('filter-invalid');
    expect(error.details).toEqual({ field: `my${type}`, text });
    expect(error.message).toContain(`Filter "${text}" on field my${type} is not valid: `);
    expect(error.message).toContain(reason);
  });

  it('rejects an option value that is not declared and lists the options', () => {
    const error = parseError(status, 'Open|Closed');
    expect(error.message).toBe(
      'Filter "Open|Closed" on field status is not valid: "Closed" is not one of its options (Open, Released, Pending Approval).',
    );
  });

  it.each(['integer', 'decimal', 'date', 'datetime', 'boolean', 'option'] as const)(
    'rejects wildcards on %s fields',
    (type) => {
      expect(parseError(field(type, 'f', ['A']), 'A*').message).toContain('wildcard');
    },
  );

  it('rejects wildcards in ranges and with ordering operators', () => {
    expect(parseError(field('text'), 'a*..b').message).toContain('wildcard');
    expect(parseError(field('text'), '>a*').message).toContain('">" cannot be combined with a wildcard');
  });

  it('rejects @ on fields that are not text or code', () => {
    expect(parseError(field('integer'), '@5').message).toContain('"@" (ignore case) only applies to text and code');
  });

  it.each([
    ['', 'it is empty'],
    ['   ', 'it is empty'],
    ['a|', 'needs a value on both sides'],
    ['&a', 'needs a value on both sides'],
    ['..', 'a range needs a start or an end value'],
    ['1..2..3', 'more than one ".."'],
    ['>1..2', 'cannot be combined with a range'],
    ['>', 'needs a value after it'],
    ["'open", 'a quote is not closed'],
    ['(a|b)', 'parentheses are not supported'],
  ])('rejects malformed filter %j', (text, reason) => {
    const error = parseError(field('text', 'name'), text);
    expect(error.code).toBe('filter-invalid');
    expect(error.details).toEqual({ field: 'name', text });
    expect(error.message).toContain(reason);
  });
});
