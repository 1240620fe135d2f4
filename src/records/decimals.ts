import { Decimal } from 'decimal.js';
import { invalid } from '../shared/errors.ts';

/**
 * Exact decimal arithmetic for amounts, prices and quantities. A private constructor keeps the
 * settings (generous precision, half-up rounding, no exponent notation) away from other code.
 */
export const Dec = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -60, toExpPos: 60 });

const DECIMAL_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const MAX_LENGTH = 40;

export interface DecimalRule {
  /** Prefix of the error codes: `<prefix>-invalid`, `<prefix>-negative`, `<prefix>-not-positive`. */
  readonly code: string;
  readonly field: string;
  readonly label: string;
  /** `zero`: at least 0; `positive`: greater than 0; absent: any sign. */
  readonly minimum?: 'zero' | 'positive';
}

/**
 * Reads a decimal given as text (`"12.50"`) or as a whole number. Fractional JS numbers are
 * refused: they are binary floating point and may not be the amount the caller meant.
 */
export function parseDecimal(value: unknown, rule: DecimalRule): Decimal {
  let text: string | undefined;
  if (typeof value === 'string') text = value.trim();
  else if (typeof value === 'number' && Number.isSafeInteger(value)) text = String(value);
  else if (Decimal.isDecimal(value)) text = (value as Decimal).toFixed();
  if (text === undefined || text.length > MAX_LENGTH || !DECIMAL_TEXT.test(text)) {
    throw invalid(
      `${rule.code}-invalid`,
      `${rule.label} must be a decimal number written as text, such as "12.50"; got ${JSON.stringify(value)}.`,
      { field: rule.field },
    );
  }
  const decimal = new Dec(text);
  if (rule.minimum === 'zero' && decimal.isNegative() && !decimal.isZero()) {
    throw invalid(`${rule.code}-negative`, `${rule.label} must not be negative; got ${text}.`, { field: rule.field });
  }
  if (rule.minimum === 'positive' && !decimal.greaterThan(0)) {
    throw invalid(`${rule.code}-not-positive`, `${rule.label} must be greater than 0; got ${text}.`, {
      field: rule.field,
    });
  }
  return decimal;
}

/** The stored spelling of a decimal: plain digits, no exponent, no needless zeros ("0" for zero). */
export function decimalText(value: Decimal): string {
  return value.isZero() ? '0' : value.toFixed();
}

/** Rounded half-up to `places` and written with exactly that many decimals ("0.30"). */
export function roundedText(value: Decimal, places: number): string {
  return value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);
}

/** Reads a stored decimal column. */
export function stored(text: string): Decimal {
  return new Dec(text === '' ? '0' : text);
}
