import { invalid, type WerkstroomError } from '../shared/errors.ts';

/**
 * Codes and numbers of records (customer no., salesperson code, currency code, …) are stored
 * upper-case, like Business Central's Code fields. Letters, digits and `.`, `_`, `-`, `/`.
 */
const CODE_PATTERN = /^[A-Z0-9][A-Z0-9._/-]*$/;

export interface CodeRule {
  /** The error code when the value is not a valid code (`customer-no-invalid`). */
  readonly code: string;
  readonly field: string;
  /** How the message names the value ("Customer no."). */
  readonly label: string;
  readonly maxLength: number;
}

/** A required code: trimmed, upper-cased, checked. */
export function normalizeCode(value: unknown, rule: CodeRule): string {
  const text = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (text.length === 0 || text.length > rule.maxLength || !CODE_PATTERN.test(text)) {
    throw invalid(
      rule.code,
      `${rule.label} "${String(value ?? '')}" must be 1 to ${rule.maxLength} letters, digits, ".", "_", "-" or "/".`,
      { field: rule.field },
    );
  }
  return text;
}

/** A code as stored, for looking one up: trimmed and upper-cased, never refused. */
export function lookupCode(value: string): string {
  return String(value ?? '')
    .trim()
    .toUpperCase();
}

/** An optional code: blank (or absent) stays blank. */
export function normalizeOptionalCode(value: unknown, rule: CodeRule): string {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return '';
  return normalizeCode(value, rule);
}

export interface TextRule {
  /** Prefix of the error codes: `<prefix>-required`, `<prefix>-too-long`. */
  readonly code: string;
  readonly field: string;
  readonly label: string;
  readonly maxLength: number;
  /** Blank allowed (default false). */
  readonly optional?: boolean;
}

/** Free text: trimmed, required unless optional, at most `maxLength` characters. */
export function normalizeText(value: unknown, rule: TextRule): string {
  if (value !== undefined && value !== null && typeof value !== 'string') {
    throw invalid(`${rule.code}-required`, `${rule.label} must be text.`, { field: rule.field });
  }
  const text = (value ?? '').trim();
  if (text === '' && !rule.optional) throw requiredTextError(rule);
  if (text.length > rule.maxLength) {
    throw invalid(`${rule.code}-too-long`, `${rule.label} must be at most ${rule.maxLength} characters.`, {
      field: rule.field,
    });
  }
  return text;
}

/** The error for a required text left blank (or out). */
export function requiredTextError(rule: TextRule): WerkstroomError {
  return invalid(`${rule.code}-required`, `${rule.label} must not be blank.`, { field: rule.field });
}

export function normalizeBoolean(value: unknown, code: string, field: string, label: string): boolean {
  if (typeof value !== 'boolean') throw invalid(code, `${label} must be true or false.`, { field });
  return value;
}
