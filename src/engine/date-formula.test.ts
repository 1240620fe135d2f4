import { describe, expect, it } from 'vitest';
import { WerkstroomError } from '../shared/errors.ts';
import { calcDate, formatDateFormula, isNegativeDateFormula, parseDateFormula } from './date-formula.ts';

function errorOf(action: () => unknown): WerkstroomError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(WerkstroomError);
    return error as WerkstroomError;
  }
  throw new Error('expected an error');
}

describe('parseDateFormula', () => {
  it('reads a number followed by a unit as a period term', () => {
    expect(parseDateFormula('1W')).toEqual({ terms: [{ sign: 1, kind: 'period', unit: 'W', count: 1 }] });
  });

  it('accepts the stored <…> form in any case with surrounding whitespace', () => {
    expect(parseDateFormula('  <cm+1d> ')).toEqual({
      terms: [
        { sign: 1, kind: 'current', unit: 'M', count: 0 },
        { sign: 1, kind: 'period', unit: 'D', count: 1 },
      ],
    });
  });

  it('reads a leading minus as the sign of the first term', () => {
    expect(parseDateFormula('-CM').terms).toEqual([{ sign: -1, kind: 'current', unit: 'M', count: 0 }]);
  });

  it('reads a unit followed by a number as a weekday or a day of a period', () => {
    expect(parseDateFormula('WD2+D15').terms).toEqual([
      { sign: 1, kind: 'weekday', unit: 'WD', count: 2 },
      { sign: 1, kind: 'day-of-period', unit: 'D', count: 15 },
    ]);
  });

  it('allows spaces between terms and signs', () => {
    expect(formatDateFormula('CM + 10D - 1W')).toBe('<CM+10D-1W>');
  });

  it('treats an empty formula, blanks and <> as the formula without terms', () => {
    expect(parseDateFormula('').terms).toEqual([]);
    expect(parseDateFormula('   ').terms).toEqual([]);
    expect(parseDateFormula('<>').terms).toEqual([]);
  });

  it('accepts zero and the largest number Business Central allows, 9999', () => {
    expect(parseDateFormula('0D+9999D').terms.map((term) => term.count)).toEqual([0, 9999]);
  });

  it.each([
    ['1X', 2],
    ['++1D', 2],
    ['D', 1],
    ['1', 2],
    ['abc', 1],
    ['C', 1],
    ['CWD', 2],
    ['C1M', 1],
    ['1WD', 2],
    ['WD8', 3],
    ['WD0', 3],
    ['D32', 2],
    ['M13', 2],
    ['Q5', 2],
    ['W54', 2],
    ['Y2', 1],
    ['10000D', 1],
    ['1D2', 3],
    ['CM1D', 3],
    ['1D+', 4],
    ['<1D', 1],
    ['1D>', 3],
  ])('rejects %s with date-formula-invalid naming position %i', (text, position) => {
    const error = errorOf(() => parseDateFormula(text));
    expect(error.code).toBe('date-formula-invalid');
    expect(error.details).toMatchObject({ text, position });
    expect(error.message).toContain(`"${text}"`);
    expect(error.message).toContain(`position ${position}`);
  });
});

describe('formatDateFormula', () => {
  it('writes the stored form with angle brackets and no leading plus', () => {
    expect(formatDateFormula('1W')).toBe('<1W>');
    expect(formatDateFormula('+1D')).toBe('<1D>');
    expect(formatDateFormula('cm+1d')).toBe('<CM+1D>');
    expect(formatDateFormula('-1w')).toBe('<-1W>');
    expect(formatDateFormula('-wd2+d15-cq')).toBe('<-WD2+D15-CQ>');
  });

  it('writes the empty formula as an empty string', () => {
    expect(formatDateFormula('')).toBe('');
    expect(formatDateFormula({ terms: [] })).toBe('');
  });

  it.each(['1W', '<CM+1D>', '-CW', '1M-1D', 'CQ+1M-10D', '-WD2', 'D15+1M', 'CY-1Y+1D+M12+D25', 'W53-Q2', '0D', ''])(
    'round-trips %j through parse, format and parse',
    (text) => {
      const parsed = parseDateFormula(text);
      const stored = formatDateFormula(parsed);
      expect(parseDateFormula(stored)).toEqual(parsed);
      expect(formatDateFormula(stored)).toBe(stored);
    },
  );
});

describe('calcDate', () => {
  describe("Microsoft's CalcDate example, reference date 21 May 1996 (a Tuesday)", () => {
    it('CQ+1M-10D: end of quarter 30 Jun, one month keeps day 30 (30 Jul), ten days back', () => {
      expect(calcDate('<CQ+1M-10D>', '1996-05-21')).toBe('1996-07-20');
    });

    it('-WD2 on a Tuesday goes back to the Tuesday of the week before', () => {
      expect(calcDate('<-WD2>', '1996-05-21')).toBe('1996-05-14');
    });

    it('CM+30D: end of month 31 May plus thirty days', () => {
      expect(calcDate('<CM+30D>', '1996-05-21')).toBe('1996-06-30');
    });
  });

  it('follows the DateFormula data type table for a Wednesday, 15 May 2024', () => {
    const from = '2024-05-15';
    expect(calcDate('30D', from)).toBe('2024-06-14');
    expect(calcDate('2W', from)).toBe('2024-05-29');
    expect(calcDate('CM+10D', from)).toBe('2024-06-10');
    expect(calcDate('CM+1M', from)).toBe('2024-06-30');
    expect(calcDate('CQ+1M+20D', from)).toBe('2024-08-19');
    expect(calcDate('CW+1W', from)).toBe('2024-05-26');
  });

  it('an empty formula gives the same date', () => {
    expect(calcDate('', '2024-05-15')).toBe('2024-05-15');
    expect(calcDate({ terms: [] }, '2024-05-15')).toBe('2024-05-15');
  });

  it('takes a parsed formula as well as text', () => {
    expect(calcDate(parseDateFormula('<1W>'), '2024-05-15')).toBe('2024-05-22');
  });

  describe('days and weeks', () => {
    it('D moves by days, across month and year ends, in both directions', () => {
      expect(calcDate('10D', '2019-11-05')).toBe('2019-11-15');
      expect(calcDate('1D', '2024-12-31')).toBe('2025-01-01');
      expect(calcDate('-1D', '2024-01-01')).toBe('2023-12-31');
      expect(calcDate('0D', '2024-01-01')).toBe('2024-01-01');
    });

    it('W moves by seven days per week', () => {
      expect(calcDate('2W', '2024-12-25')).toBe('2025-01-08');
      expect(calcDate('-1W', '2024-03-05')).toBe('2024-02-27');
    });
  });

  describe('months, quarters and years', () => {
    it('M keeps the day of month and clamps to the end of a shorter month', () => {
      expect(calcDate('1M', '2024-01-31')).toBe('2024-02-29');
      expect(calcDate('1M', '2023-01-31')).toBe('2023-02-28');
      expect(calcDate('-1M', '2024-03-31')).toBe('2024-02-29');
      expect(calcDate('-1M', '2025-01-15')).toBe('2024-12-15');
    });

    it('M does not snap a month end to the next month end (28 Feb + 1M = 28 Mar)', () => {
      expect(calcDate('1M', '2023-02-28')).toBe('2023-03-28');
      expect(calcDate('CM+1M', '2013-02-23')).toBe('2013-03-28');
    });

    it('Q moves by three months with the same clamping', () => {
      expect(calcDate('1Q', '2024-08-31')).toBe('2024-11-30');
      expect(calcDate('1Q', '2024-11-30')).toBe('2025-02-28');
      expect(calcDate('-2Q', '2024-05-15')).toBe('2023-11-15');
    });

    it('Y moves 29 February to 28 February in a common year and keeps it in a leap year', () => {
      expect(calcDate('1Y', '2024-02-29')).toBe('2025-02-28');
      expect(calcDate('4Y', '2024-02-29')).toBe('2028-02-29');
      expect(calcDate('-1Y', '2019-11-05')).toBe('2018-11-05');
    });

    it('terms apply left to right, so 1Y+1M and 1M+1Y differ across a leap day', () => {
      expect(calcDate('1Y+1M', '2015-01-31')).toBe('2016-02-29');
      expect(calcDate('1M+1Y', '2015-01-31')).toBe('2016-02-28');
    });

    it('uses Gregorian leap years: 1900 and 2100 are common, 2000 is leap', () => {
      expect(calcDate('1D', '1900-02-28')).toBe('1900-03-01');
      expect(calcDate('1D', '2000-02-28')).toBe('2000-02-29');
      expect(calcDate('CM', '2100-02-10')).toBe('2100-02-28');
    });
  });

  describe('current period (C)', () => {
    it('CD gives the same day, with either sign', () => {
      expect(calcDate('CD', '2024-05-15')).toBe('2024-05-15');
      expect(calcDate('-CD', '2024-05-15')).toBe('2024-05-15');
    });

    it('CW gives the Sunday ending the current Monday-to-Sunday week', () => {
      expect(calcDate('CW', '2024-05-13')).toBe('2024-05-19');
      expect(calcDate('CW', '2024-05-19')).toBe('2024-05-19');
    });

    it('-CW gives the Monday starting the current week', () => {
      expect(calcDate('-CW', '2024-05-15')).toBe('2024-05-13');
      expect(calcDate('-CW', '2024-05-13')).toBe('2024-05-13');
      expect(calcDate('-CW', '2024-05-19')).toBe('2024-05-13');
    });

    it('CM gives the last day of the current month, -CM the first', () => {
      expect(calcDate('CM', '2024-05-15')).toBe('2024-05-31');
      expect(calcDate('CM', '2024-02-10')).toBe('2024-02-29');
      expect(calcDate('-CM', '2024-05-15')).toBe('2024-05-01');
    });

    it('CQ gives the last day of the current quarter, -CQ the first', () => {
      expect(calcDate('CQ', '2024-05-15')).toBe('2024-06-30');
      expect(calcDate('CQ', '2024-10-01')).toBe('2024-12-31');
      expect(calcDate('-CQ', '2024-05-15')).toBe('2024-04-01');
      expect(calcDate('-CQ', '2024-12-31')).toBe('2024-10-01');
    });

    it('CY gives 31 December of the current year, -CY 1 January', () => {
      expect(calcDate('CY', '2024-05-15')).toBe('2024-12-31');
      expect(calcDate('-CY', '2024-05-15')).toBe('2024-01-01');
    });
  });

  describe('weekday (WD, Monday = 1 … Sunday = 7)', () => {
    it('WD4 gives the next Thursday', () => {
      expect(calcDate('WD4', '2019-11-05')).toBe('2019-11-07');
    });

    it('WD never returns the start date: WD2 on a Tuesday gives the Tuesday after', () => {
      expect(calcDate('WD2', '2019-11-05')).toBe('2019-11-12');
      expect(calcDate('-WD7', '2024-05-19')).toBe('2024-05-12');
    });

    it('WD1 on a Sunday gives the next day, WD7 on a Monday the coming Sunday', () => {
      expect(calcDate('WD1', '2024-05-19')).toBe('2024-05-20');
      expect(calcDate('WD7', '2024-05-13')).toBe('2024-05-19');
    });

    it('-WD5 gives the most recent Friday before the start date', () => {
      expect(calcDate('-WD5', '2024-05-15')).toBe('2024-05-10');
    });
  });

  describe('day of a period', () => {
    it('D10 gives the next 10th of a month', () => {
      expect(calcDate('D10', '2019-11-05')).toBe('2019-11-10');
      expect(calcDate('D1', '2024-12-15')).toBe('2025-01-01');
    });

    it('D15 on the 15th gives the 15th of the next month, never the start date', () => {
      expect(calcDate('D15', '2024-05-15')).toBe('2024-06-15');
    });

    it('D29–D31 skip months that have no such day', () => {
      expect(calcDate('D31', '2024-04-05')).toBe('2024-05-31');
      expect(calcDate('D31', '2024-05-31')).toBe('2024-07-31');
      expect(calcDate('D29', '2023-02-01')).toBe('2023-03-29');
      expect(calcDate('D29', '2024-02-01')).toBe('2024-02-29');
    });

    it('-D15 gives the most recent 15th before the start date', () => {
      expect(calcDate('-D15', '2024-05-10')).toBe('2024-04-15');
      expect(calcDate('-D15', '2024-05-15')).toBe('2024-04-15');
      expect(calcDate('-D31', '2024-05-15')).toBe('2024-03-31');
    });

    it('M, Q and W with a number give the first day of the next such month, quarter or ISO week', () => {
      expect(calcDate('M12', '2024-01-01')).toBe('2024-12-01');
      expect(calcDate('M1', '2024-01-01')).toBe('2025-01-01');
      expect(calcDate('-M5', '2024-05-01')).toBe('2023-05-01');
      expect(calcDate('Q3', '2024-05-15')).toBe('2024-07-01');
      expect(calcDate('-Q2', '2024-05-15')).toBe('2024-04-01');
      expect(calcDate('W17', '2024-01-01')).toBe('2024-04-22');
      expect(calcDate('W1', '2024-06-10')).toBe('2024-12-30');
      expect(calcDate('W53', '2024-06-10')).toBe('2026-12-28');
    });
  });

  describe('sums of terms', () => {
    it('CM+1D gives the first day of the next month', () => {
      expect(calcDate('CM+1D', '2024-02-10')).toBe('2024-03-01');
      expect(calcDate('CM+1D', '2024-12-31')).toBe('2025-01-01');
    });

    it('-CM-1D gives the last day of the previous month', () => {
      expect(calcDate('-CM-1D', '2024-03-10')).toBe('2024-02-29');
    });

    it('1M-1D gives the day before the same day next month', () => {
      expect(calcDate('1M-1D', '2024-05-15')).toBe('2024-06-14');
      expect(calcDate('1M-1D', '2024-01-31')).toBe('2024-02-28');
    });

    it('5M-CY+7M-1D gives the next 31 July on or after a cut-off', () => {
      expect(calcDate('5M-CY+7M-1D', '2019-06-15')).toBe('2019-07-31');
      expect(calcDate('5M-CY+7M-1D', '2019-10-15')).toBe('2020-07-31');
    });

    it('3M-CQ+WD1 gives the first Monday after the next quarter starts', () => {
      expect(calcDate('3M-CQ+WD1', '2021-06-15')).toBe('2021-07-05');
    });

    it('CY-1Y+1D+M12+D25 pins 25 December of the current year', () => {
      expect(calcDate('CY-1Y+1D+M12+D25', '2024-03-10')).toBe('2024-12-25');
    });
  });

  it.each(['2024-02-30', '2023-02-29', '2024-13-01', '0000-01-01', '24-01-01', '2024-1-1', ' 2024-01-01', ''])(
    'rejects the date %j with date-invalid',
    (date) => {
      expect(errorOf(() => calcDate('1D', date)).code).toBe('date-invalid');
    },
  );

  it('refuses a result beyond 9999-12-31 with date-out-of-range', () => {
    expect(errorOf(() => calcDate('1D', '9999-12-31')).code).toBe('date-out-of-range');
  });

  it('reports a bad formula before looking at the date', () => {
    expect(errorOf(() => calcDate('1X', 'not a date')).code).toBe('date-formula-invalid');
  });
});

describe('isNegativeDateFormula', () => {
  it.each(['', '1W', 'CM+1D', 'D15', 'WD2', 'CW', '1M-1D', '2W-1W', '1W-7D', '-0D', '-CD'])(
    '%j never lands before the start date',
    (text) => {
      expect(isNegativeDateFormula(text)).toBe(false);
    },
  );

  it.each(['-1D', '-1W', '-CM', '-CW', '-WD2', '-D15', 'CM-1D', '1M-1M', '1W-8D', '<-CY+1Y-1M>'])(
    '%j can land before the start date',
    (text) => {
      expect(isNegativeDateFormula(text)).toBe(true);
    },
  );

  it('takes a parsed formula as well as text', () => {
    expect(isNegativeDateFormula(parseDateFormula('-1W'))).toBe(true);
  });
});
