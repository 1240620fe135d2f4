import { invalid } from '../shared/errors.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar date `YYYY-MM-DD`, checked. */
export function normalizeDate(value: unknown, code: string, field: string, label: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!isIsoDate(text)) {
    throw invalid(code, `${label} must be a date written YYYY-MM-DD; got ${JSON.stringify(value)}.`, { field });
  }
  return text;
}
