/**
 * Business Central date formulas (the DateFormula data type and CALCDATE).
 *
 * A formula is a list of signed terms applied left to right to a start date:
 *   period         `30D`, `2W`, `1M`, `1Q`, `1Y`  move by that many units
 *   current        `CW`, `CM`, `CQ`, `CY`, `CD`   end of the current period; `-CM` its start
 *   weekday        `WD2`                          the next Tuesday, never the start date itself
 *   day-of-period  `D15`, `W17`, `M5`, `Q3`       the next 15th of a month, the next Monday of
 *                                                 ISO week 17, the next 1 May, the next 1 July
 * A minus sign on a weekday or day-of-period term looks backwards instead. Weeks run Monday to
 * Sunday. Month steps clamp to the month end (31 Jan + 1M = 28/29 Feb) and never snap to it
 * (28 Feb + 1M = 28 Mar), which is what Microsoft's own example `<CQ+1M-10D>` relies on.
 *
 * Dates are `YYYY-MM-DD` strings; arithmetic is on integer day numbers (days since 1970-01-01)
 * so that no time zone or daylight-saving shift can move a date.
 */
import { invalid } from '../shared/errors.ts';

export type DateFormulaUnit = 'D' | 'WD' | 'W' | 'M' | 'Q' | 'Y';
export type DateFormulaKind = 'period' | 'current' | 'weekday' | 'day-of-period';

export interface DateFormulaTerm {
  readonly sign: 1 | -1;
  readonly kind: DateFormulaKind;
  readonly unit: DateFormulaUnit;
  /** period: how many units (0–9999); weekday / day-of-period: which one (2 in WD2); current: 0. */
  readonly count: number;
}

export interface DateFormula {
  readonly terms: readonly DateFormulaTerm[];
}

/** Business Central refuses numbers above 9999 in a date formula. */
const MAX_COUNT = 9999;
const PERIOD_UNITS: readonly string[] = ['D', 'W', 'M', 'Q', 'Y'];
/** Units that take their number after them, with the highest number each accepts. */
const ORDINAL_MAX: Readonly<Record<string, number>> = { D: 31, WD: 7, W: 53, M: 12, Q: 4 };

// ---------------------------------------------------------------------------------------------
// Parsing and formatting

function fail(text: string, index: number, reason: string): never {
  const position = index + 1;
  throw invalid('date-formula-invalid', `Date formula "${text}" is not valid at position ${position}: ${reason}.`, {
    text,
    position,
  });
}

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isLetter = (c: string | undefined): boolean => c !== undefined && c >= 'A' && c <= 'Z';

/** Accepts `1W`, `CM+1D`, `-WD2`, the stored `<…>` form, any letter case, and the empty formula. */
export function parseDateFormula(text: string): DateFormula {
  if (typeof text !== 'string') fail(String(text), 0, 'a date formula must be text');
  // Upper-case ASCII only, so that positions in `upper` stay positions in `text`.
  const upper = text.replace(/[a-z]/g, (c) => c.toUpperCase());
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  if (text[start] === '<') {
    if (end - start < 2 || text[end - 1] !== '>') fail(text, start, 'the opening "<" has no closing ">"');
    start++;
    end--;
  } else if (end > start && text[end - 1] === '>') {
    fail(text, end - 1, 'the closing ">" has no opening "<"');
  }

  let i = start;
  const skipSpace = (): void => {
    while (i < end && isSpace(upper[i])) i++;
  };
  const read = (test: (c: string | undefined) => boolean): string => {
    const from = i;
    while (i < end && test(upper[i])) i++;
    return upper.slice(from, i);
  };

  const terms: DateFormulaTerm[] = [];
  skipSpace();
  while (i < end) {
    let sign: 1 | -1 = 1;
    const c = upper[i];
    if (c === '+' || c === '-') {
      sign = c === '-' ? -1 : 1;
      i++;
      skipSpace();
    } else if (terms.length > 0) {
      fail(text, i, `expected "+" or "-" before "${text.slice(i, end)}"`);
    }
    const termAt = i;
    if (i >= end) fail(text, termAt, `a term must follow "${c}"`);
    const leading = read(isDigit);
    const letters = read(isLetter);
    const trailing = leading === '' && letters !== '' ? read(isDigit) : '';
    const unitAt = termAt + leading.length;

    if (leading !== '') {
      // [Number]Unit: move by whole periods.
      if (letters === '') fail(text, unitAt, `the number ${leading} needs a unit after it (D, W, M, Q or Y)`);
      if (letters === 'WD') fail(text, unitAt, 'WD takes its weekday number after it, as in WD2');
      if (!PERIOD_UNITS.includes(letters)) fail(text, unitAt, `"${letters}" is not a unit (D, W, M, Q or Y)`);
      const count = Number(leading);
      if (count > MAX_COUNT) fail(text, termAt, `numbers may not exceed ${MAX_COUNT}`);
      terms.push({ sign, kind: 'period', unit: letters as DateFormulaUnit, count });
    } else if (letters.startsWith('C') && letters !== 'C' && trailing === '') {
      // C + unit: the current period.
      const unit = letters.slice(1);
      if (!PERIOD_UNITS.includes(unit)) fail(text, termAt + 1, `"C" takes D, W, M, Q or Y, not "${unit}"`);
      terms.push({ sign, kind: 'current', unit: unit as DateFormulaUnit, count: 0 });
    } else if (letters !== '' && ORDINAL_MAX[letters] !== undefined) {
      // Unit[Number]: the next (or, negated, the previous) numbered weekday or day of a period.
      const max = ORDINAL_MAX[letters] ?? 0;
      if (trailing === '') {
        const hint = letters === 'WD' ? 'WD2 is the next Tuesday' : `1${letters} is a length, ${letters}1 a position`;
        fail(text, termAt, `"${letters}" needs a number (${hint})`);
      }
      const count = Number(trailing);
      if (count < 1 || count > max) fail(text, termAt + letters.length, `${letters} takes a number from 1 to ${max}`);
      const kind = letters === 'WD' ? 'weekday' : 'day-of-period';
      terms.push({ sign, kind, unit: letters as DateFormulaUnit, count });
    } else if (letters === '') {
      fail(text, termAt, `expected a term, found "${text[termAt] ?? ''}"`);
    } else if (letters === 'C') {
      fail(text, termAt, '"C" must be followed by D, W, M, Q or Y');
    } else if (letters.startsWith('C')) {
      fail(text, termAt + letters.length, 'a current period takes no number');
    } else if (PERIOD_UNITS.includes(letters)) {
      fail(text, termAt, `${letters} takes its number before it, as in 1${letters}`);
    } else {
      fail(text, termAt, `"${letters}" is not a unit of a date formula`);
    }
    skipSpace();
  }
  return { terms };
}

function termText(term: DateFormulaTerm, first: boolean): string {
  const sign = term.sign < 0 ? '-' : first ? '' : '+';
  switch (term.kind) {
    case 'period':
      return `${sign}${term.count}${term.unit}`;
    case 'current':
      return `${sign}C${term.unit}`;
    default:
      return `${sign}${term.unit}${term.count}`;
  }
}

/** The stored, language-neutral form: `<1W>`, `<CM+1D>`, `<-1W>`; '' for the empty formula. */
export function formatDateFormula(formula: DateFormula | string): string {
  const { terms } = typeof formula === 'string' ? parseDateFormula(formula) : formula;
  if (terms.length === 0) return '';
  return `<${terms.map((term, index) => termText(term, index === 0)).join('')}>`;
}

// ---------------------------------------------------------------------------------------------
// Civil-date arithmetic on day numbers (Howard Hinnant's days_from_civil / civil_from_days)

interface Civil {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

function civilFromDays(n: number): Civil {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Monday = 1 … Sunday = 7; day 0 (1970-01-01) was a Thursday. */
const weekday = (n: number): number => ((((n + 3) % 7) + 7) % 7) + 1;

/** Month steps keep the day of month, clamped to the length of the target month. */
function addMonths(n: number, months: number): number {
  const { y, m, d } = civilFromDays(n);
  const index = y * 12 + (m - 1) + months;
  const y2 = Math.floor(index / 12);
  const m2 = index - y2 * 12 + 1;
  return daysFromCivil(y2, m2, Math.min(d, daysInMonth(y2, m2)));
}

/** First and last day of the week, month, quarter or year that contains day n. */
function periodBounds(n: number, unit: DateFormulaUnit): [number, number] {
  const { y, m } = civilFromDays(n);
  switch (unit) {
    case 'W': {
      const monday = n - weekday(n) + 1;
      return [monday, monday + 6];
    }
    case 'M':
      return [daysFromCivil(y, m, 1), daysFromCivil(y, m, daysInMonth(y, m))];
    case 'Q': {
      const first = m - ((m - 1) % 3);
      return [daysFromCivil(y, first, 1), daysFromCivil(y, first + 2, daysInMonth(y, first + 2))];
    }
    case 'Y':
      return [daysFromCivil(y, 1, 1), daysFromCivil(y, 12, 31)];
    default:
      return [n, n];
  }
}

/** Monday of ISO week `week` of ISO year y, or undefined when that year has fewer weeks. */
function isoWeekMonday(y: number, week: number): number | undefined {
  const mondayOfWeek1 = (year: number): number => {
    const jan4 = daysFromCivil(year, 1, 4);
    return jan4 - weekday(jan4) + 1;
  };
  const monday = mondayOfWeek1(y) + (week - 1) * 7;
  return monday < mondayOfWeek1(y + 1) ? monday : undefined;
}

/**
 * The nearest day strictly after (dir 1) or before (dir -1) n that is day `count` of its period:
 * D = day of month, W = Monday of ISO week, M = 1st of month, Q = 1st of quarter.
 * Months too short for D29–D31 are skipped, as are years without a week 53.
 */
function nearestDayOfPeriod(n: number, unit: DateFormulaUnit, count: number, dir: 1 | -1): number {
  const { y, m } = civilFromDays(n);
  const candidate = (k: number): number | undefined => {
    switch (unit) {
      case 'D': {
        const index = y * 12 + (m - 1) + k;
        const cy = Math.floor(index / 12);
        const cm = index - cy * 12 + 1;
        return count <= daysInMonth(cy, cm) ? daysFromCivil(cy, cm, count) : undefined;
      }
      case 'W':
        return isoWeekMonday(y + k, count);
      case 'M':
        return daysFromCivil(y + k, count, 1);
      default:
        return daysFromCivil(y + k, (count - 1) * 3 + 1, 1);
    }
  };
  // Start one step behind so the period around n is always considered; the bound is generous
  // enough for D31 (two months) and W53 (at most six years between such weeks).
  for (let k = -dir; Math.abs(k) <= 12; k += dir) {
    const day = candidate(k);
    if (day !== undefined && (dir > 0 ? day > n : day < n)) return day;
  }
  throw new Error(`unreachable: no ${unit}${count} near day ${n}`);
}

function applyTerm(n: number, term: DateFormulaTerm): number {
  switch (term.kind) {
    case 'period': {
      const k = term.sign * term.count;
      if (term.unit === 'D') return n + k;
      if (term.unit === 'W') return n + 7 * k;
      return addMonths(n, term.unit === 'M' ? k : term.unit === 'Q' ? 3 * k : 12 * k);
    }
    case 'current': {
      const [first, last] = periodBounds(n, term.unit);
      return term.sign > 0 ? last : first;
    }
    case 'weekday': {
      // Never the start date itself: a full week on when it already is that weekday.
      const ahead = (term.count - weekday(n) + 7) % 7 || 7;
      const behind = (weekday(n) - term.count + 7) % 7 || 7;
      return term.sign > 0 ? n + ahead : n - behind;
    }
    case 'day-of-period':
      return nearestDayOfPeriod(n, term.unit, term.count, term.sign);
  }
}

function evaluate(formula: DateFormula, n: number): number {
  return formula.terms.reduce(applyTerm, n);
}

// ---------------------------------------------------------------------------------------------
// Public calculation

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const FIRST_DAY = daysFromCivil(1, 1, 1);
const LAST_DAY = daysFromCivil(9999, 12, 31);

function parseDate(date: string): number {
  const match = typeof date === 'string' ? DATE_PATTERN.exec(date) : null;
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  if (!match || y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw invalid('date-invalid', `"${String(date)}" is not a calendar date of the form YYYY-MM-DD.`, { text: date });
  }
  return daysFromCivil(y, m, d);
}

function formatDate(n: number): string {
  const { y, m, d } = civilFromDays(n);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** CALCDATE: apply the formula to a `YYYY-MM-DD` date. */
export function calcDate(formula: DateFormula | string, date: string): string {
  const parsed = typeof formula === 'string' ? parseDateFormula(formula) : formula;
  const result = evaluate(parsed, parseDate(date));
  if (result < FIRST_DAY || result > LAST_DAY) {
    const stored = formatDateFormula(parsed);
    throw invalid('date-out-of-range', `Date formula ${stored} takes ${date} outside the years 0001–9999.`, {
      text: stored,
      date,
    });
  }
  return formatDate(result);
}

/** Start dates 2001-01-01 … 2028-12-31: 28 years repeat every weekday/leap-year combination. */
const SCAN_FROM = daysFromCivil(2001, 1, 1);
const SCAN_TO = daysFromCivil(2028, 12, 31);

/**
 * True when, for some start date, the formula yields an earlier date. Business Central checks
 * this against today only; checking a whole calendar cycle makes the answer independent of when
 * it is asked (so `CM-1D`, earlier only on a month's last day, counts as negative).
 */
export function isNegativeDateFormula(formula: DateFormula | string): boolean {
  const parsed = typeof formula === 'string' ? parseDateFormula(formula) : formula;
  // Every term with a plus sign lands on or after its input, so only minus terms can go back.
  if (parsed.terms.every((term) => term.sign > 0)) return false;
  for (let n = SCAN_FROM; n <= SCAN_TO; n++) {
    if (evaluate(parsed, n) < n) return true;
  }
  return false;
}
