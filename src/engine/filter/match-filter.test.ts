import { describe, expect, it } from 'vitest';
import type { FieldDefinition, FieldType, FieldValue } from '../field-types.ts';
import { matchesFieldFilter } from './match-filter.ts';
import { parseFieldFilter } from './parse-filter.ts';

const field = (type: FieldType, options?: readonly string[]): FieldDefinition => ({ name: type, type, options });
const status = field('option', ['Open', 'Released', 'Pending Approval']);

/** The values among `values` that the filter lets through. */
function passing(f: FieldDefinition, text: string, values: readonly (FieldValue | undefined)[]) {
  const filter = parseFieldFilter(f, text);
  return values.filter((v) => matchesFieldFilter(f, filter, v));
}

describe('matchesFieldFilter on text fields', () => {
  const text = field('text');
  const names = ['Berlin', 'berlin', 'Bern', 'Amsterdam', 'Zurich', ''];

  it('compares with = and <> case-sensitively', () => {
    expect(passing(text, 'Berlin', names)).toEqual(['Berlin']);
    expect(passing(text, '=Berlin', names)).toEqual(['Berlin']);
    expect(passing(text, '<>Berlin', names)).toEqual(['berlin', 'Bern', 'Amsterdam', 'Zurich', '']);
  });

  it('orders text by character code with <, <=, > and >=', () => {
    expect(passing(text, '<Bern', names)).toEqual(['Berlin', 'Amsterdam', '']);
    expect(passing(text, '<=Bern', names)).toEqual(['Berlin', 'Bern', 'Amsterdam', '']);
    expect(passing(text, '>Bern', names)).toEqual(['berlin', 'Zurich']);
    expect(passing(text, '>=Bern', names)).toEqual(['berlin', 'Bern', 'Zurich']);
  });

  it('matches ranges inclusively, open on either side', () => {
    expect(passing(text, 'B..Bern', names)).toEqual(['Berlin', 'Bern']);
    expect(passing(text, '..Bern', names)).toEqual(['Berlin', 'Bern', 'Amsterdam', '']);
    expect(passing(text, 'Bern..', names)).toEqual(['berlin', 'Bern', 'Zurich']);
  });

  it('matches * anywhere and ? as exactly one character', () => {
    expect(passing(text, 'B*', names)).toEqual(['Berlin', 'Bern']);
    expect(passing(text, '*in', names)).toEqual(['Berlin', 'berlin']);
    expect(passing(text, '*er*', names)).toEqual(['Berlin', 'berlin', 'Bern', 'Amsterdam']);
    expect(passing(text, 'Ber?', names)).toEqual(['Bern']);
    expect(passing(text, '*', names)).toEqual(names);
  });

  it('excludes pattern matches with <>', () => {
    expect(passing(text, '<>B*', names)).toEqual(['berlin', 'Amsterdam', 'Zurich', '']);
  });

  it('ignores case with @ in comparisons, ranges and patterns', () => {
    expect(passing(text, '@berlin', names)).toEqual(['Berlin', 'berlin']);
    expect(passing(text, '@b*', names)).toEqual(['Berlin', 'berlin', 'Bern']);
    expect(passing(text, '@a..BERLIN', names)).toEqual(['Berlin', 'berlin', 'Amsterdam']);
  });

  it('treats quoted wildcards and regular-expression characters as literal text', () => {
    const values = ['50% off', '50* off', 'a.b', 'axb', '(x)'];
    expect(passing(text, "'50* off'", values)).toEqual(['50* off']);
    expect(passing(text, 'a.b', values)).toEqual(['a.b']);
    expect(passing(text, "*'('*", values)).toEqual(['(x)']);
  });

  it('matches blank with a pair of quotes, counting null and undefined as blank', () => {
    expect(passing(text, "''", ['', null, undefined, 'x'])).toEqual(['', null, undefined]);
    expect(passing(text, "<>''", ['', null, undefined, 'x'])).toEqual(['x']);
  });

  it('combines alternatives with | and conditions with &', () => {
    expect(passing(text, 'Berlin|Zurich', names)).toEqual(['Berlin', 'Zurich']);
    expect(passing(text, 'B*&<>Bern', names)).toEqual(['Berlin']);
    expect(passing(text, 'A*|B*&*n', names)).toEqual(['Berlin', 'Bern', 'Amsterdam']);
  });
});

describe('matchesFieldFilter on code fields', () => {
  const code = field('code');
  const codes = ['EUR', 'eur', 'USD', 'GBP', null];

  it('compares without regard to case', () => {
    expect(passing(code, 'eur', codes)).toEqual(['EUR', 'eur']);
    expect(passing(code, '<>EUR', codes)).toEqual(['USD', 'GBP', null]);
    expect(passing(code, 'e*|u?d', codes)).toEqual(['EUR', 'eur', 'USD']);
  });

  it('orders codes by their upper-case form', () => {
    expect(passing(code, '>eur', codes)).toEqual(['USD', 'GBP']);
    expect(passing(code, '<=GBP', codes)).toEqual(['EUR', 'eur', 'GBP', null]);
    expect(passing(code, 'a..f', codes)).toEqual(['EUR', 'eur']);
    expect(passing(code, "''", codes)).toEqual([null]);
  });
});

describe('matchesFieldFilter on option fields', () => {
  const values = ['Open', 'Released', 'Pending Approval', null];

  it('matches = and <> on the declared value', () => {
    expect(passing(status, 'Open|Released', values)).toEqual(['Open', 'Released']);
    expect(passing(status, '<>Open', values)).toEqual(['Released', 'Pending Approval', null]);
  });

  it('orders options by their declared position', () => {
    expect(passing(status, '>Open', values)).toEqual(['Released', 'Pending Approval']);
    expect(passing(status, '>=Released', values)).toEqual(['Released', 'Pending Approval']);
    expect(passing(status, '<Pending Approval', values)).toEqual(['Open', 'Released', null]);
    expect(passing(status, '<=Open', values)).toEqual(['Open', null]);
    expect(passing(status, 'Released..', values)).toEqual(['Released', 'Pending Approval']);
    expect(passing(status, '..Released', values)).toEqual(['Open', 'Released', null]);
  });

  it('treats an unset option as blank', () => {
    expect(passing(status, "''", values)).toEqual([null]);
  });
});

describe('matchesFieldFilter on integer fields', () => {
  const integer = field('integer');
  const values = [-5, 0, 5, 10, 15, null];

  it('compares numerically with every operator', () => {
    expect(passing(integer, '10', values)).toEqual([10]);
    expect(passing(integer, '<>10', values)).toEqual([-5, 0, 5, 15, null]);
    expect(passing(integer, '<5', values)).toEqual([-5, 0, null]);
    expect(passing(integer, '<=5', values)).toEqual([-5, 0, 5, null]);
    expect(passing(integer, '>5', values)).toEqual([10, 15]);
    expect(passing(integer, '>=5', values)).toEqual([5, 10, 15]);
  });

  it('compares 9 below 10, not as text', () => {
    expect(passing(integer, '<10', [9, 10, 100])).toEqual([9]);
  });

  it('matches ranges, alternatives and combinations', () => {
    expect(passing(integer, '0..10', values)).toEqual([0, 5, 10, null]);
    expect(passing(integer, '..0', values)).toEqual([-5, 0, null]);
    expect(passing(integer, '10..', values)).toEqual([10, 15]);
    expect(passing(integer, '-5|15', values)).toEqual([-5, 15]);
    expect(passing(integer, '>0&<>10', values)).toEqual([5, 15]);
  });

  it('counts an unset integer as 0 and matches it with blank', () => {
    expect(passing(integer, "''", [0, null, undefined, 1])).toEqual([0, null, undefined]);
  });
});

describe('matchesFieldFilter on decimal fields', () => {
  const decimal = field('decimal');

  it('compares exactly, without floating-point rounding', () => {
    expect(passing(decimal, '>0.3', ['0.3', '0.30', '0.3000000000000000001'])).toEqual(['0.3000000000000000001']);
    expect(passing(decimal, '0.3', ['0.3', '0.30000000000000004'])).toEqual(['0.3']);
    expect(passing(decimal, '<=0.1', ['0.1', '0.10000000000000000001'])).toEqual(['0.1']);
  });

  it('treats trailing zeros as the same value', () => {
    expect(passing(decimal, '10.10', ['10.1', '10.100', '10.01'])).toEqual(['10.1', '10.100']);
    expect(passing(decimal, '10.1', ['10.10'])).toEqual(['10.10']);
  });

  it('compares with every operator', () => {
    const values = ['999.99', '1000', '1000.00', '5000.01', null];
    expect(passing(decimal, '=1000', values)).toEqual(['1000', '1000.00']);
    expect(passing(decimal, '<>1000', values)).toEqual(['999.99', '5000.01', null]);
    expect(passing(decimal, '<1000', values)).toEqual(['999.99', null]);
    expect(passing(decimal, '<=1000', values)).toEqual(['999.99', '1000', '1000.00', null]);
    expect(passing(decimal, '>1000', values)).toEqual(['5000.01']);
    expect(passing(decimal, '>=1000', values)).toEqual(['1000', '1000.00', '5000.01']);
  });

  it('matches ranges open on either side and alternatives', () => {
    const values = ['-1.5', '0', '1000', '5000', '5000.0001'];
    expect(passing(decimal, '1000..5000', values)).toEqual(['1000', '5000']);
    expect(passing(decimal, '..0', values)).toEqual(['-1.5', '0']);
    expect(passing(decimal, '5000..', values)).toEqual(['5000', '5000.0001']);
    expect(passing(decimal, '-1.5|5000', values)).toEqual(['-1.5', '5000']);
  });

  it('accepts stored values given as JS numbers', () => {
    expect(passing(decimal, '1000..5000', [1000, 2500.5, 5000.01])).toEqual([1000, 2500.5]);
  });

  it('counts an unset decimal as 0', () => {
    expect(passing(decimal, "''", [null, '0.00', '0.01'])).toEqual([null, '0.00']);
  });

  it('lets a value that is not a number pass only <>', () => {
    expect(passing(decimal, '<>1', ['abc'])).toEqual(['abc']);
    expect(passing(decimal, '1|>1|<1|..5', ['abc'])).toEqual([]);
  });
});

describe('matchesFieldFilter on date fields', () => {
  const date = field('date');
  const values = ['2024-01-31', '2024-02-01', '2024-02-29', '2024-03-01', null];

  it('compares chronologically with every operator', () => {
    expect(passing(date, '2024-02-01', values)).toEqual(['2024-02-01']);
    expect(passing(date, '<>2024-02-01', values)).toEqual(['2024-01-31', '2024-02-29', '2024-03-01', null]);
    expect(passing(date, '>2024-02-01', values)).toEqual(['2024-02-29', '2024-03-01']);
    expect(passing(date, '>=2024-02-01', values)).toEqual(['2024-02-01', '2024-02-29', '2024-03-01']);
    expect(passing(date, "<2024-02-01&<>''", values)).toEqual(['2024-01-31']);
    expect(passing(date, "<=2024-02-01&<>''", values)).toEqual(['2024-01-31', '2024-02-01']);
  });

  it('matches a month as a range and open ranges', () => {
    expect(passing(date, '2024-02-01..2024-02-29', values)).toEqual(['2024-02-01', '2024-02-29']);
    expect(passing(date, '2024-02-29..', values)).toEqual(['2024-02-29', '2024-03-01']);
  });

  it('sorts a blank date before every date, as Business Central does', () => {
    expect(passing(date, '..2024-01-31', values)).toEqual(['2024-01-31', null]);
    expect(passing(date, "''", values)).toEqual([null]);
  });
});

describe('matchesFieldFilter on date-time fields', () => {
  const datetime = field('datetime');
  const values = [
    '2024-03-01T07:59:59Z',
    '2024-03-01T08:00:00.000Z',
    '2024-03-01T10:00:00+02:00',
    '2024-03-01T12:00:00Z',
    null,
  ];

  it('compares instants, whatever offset they were written with', () => {
    expect(passing(datetime, '2024-03-01T08:00:00Z', values)).toEqual([
      '2024-03-01T08:00:00.000Z',
      '2024-03-01T10:00:00+02:00',
    ]);
    expect(passing(datetime, '<>2024-03-01T10:00+02:00', values)).toEqual([
      '2024-03-01T07:59:59Z',
      '2024-03-01T12:00:00Z',
      null,
    ]);
  });

  it('orders instants with <, <=, > and >=', () => {
    expect(passing(datetime, "<2024-03-01T08:00&<>''", values)).toEqual(['2024-03-01T07:59:59Z']);
    expect(passing(datetime, '>2024-03-01T08:00', values)).toEqual(['2024-03-01T12:00:00Z']);
    expect(passing(datetime, '>=2024-03-01T08:00', values)).toHaveLength(3);
    expect(passing(datetime, '<=2024-03-01T08:00', values)).toHaveLength(4);
  });

  it('matches ranges open on either side and blank', () => {
    expect(passing(datetime, '2024-03-01T08:00..2024-03-01T11:00', values)).toHaveLength(2);
    expect(passing(datetime, '2024-03-01T12:00..', values)).toEqual(['2024-03-01T12:00:00Z']);
    expect(passing(datetime, '..2024-03-01T07:59:59', values)).toEqual(['2024-03-01T07:59:59Z', null]);
    expect(passing(datetime, "''", values)).toEqual([null]);
  });
});

describe('matchesFieldFilter on boolean fields', () => {
  const boolean = field('boolean');
  const values = [true, false, null];

  it('matches Yes, No and their spellings', () => {
    expect(passing(boolean, 'Yes', values)).toEqual([true]);
    expect(passing(boolean, 'no', values)).toEqual([false, null]);
    expect(passing(boolean, '<>true', values)).toEqual([false, null]);
    expect(passing(boolean, '1|0', values)).toEqual(values);
  });

  it('orders No before Yes', () => {
    expect(passing(boolean, '>No', values)).toEqual([true]);
    expect(passing(boolean, '<Yes', values)).toEqual([false, null]);
    expect(passing(boolean, '>=No&<=No', values)).toEqual([false, null]);
    expect(passing(boolean, 'No..Yes', values)).toEqual(values);
  });

  it('counts an unset boolean as No', () => {
    expect(passing(boolean, "''", values)).toEqual([false, null]);
  });
});
