/**
 * Parses Business Central filter text for one field into a typed {@link FieldFilter}.
 *
 * Grammar (`|` binds looser than `&`; no parentheses):
 *   filter      := conjunction ('|' conjunction)*
 *   conjunction := term ('&' term)*
 *   term        := ['@'] ( operator ['@'] value | [value] '..' [value] | value )
 *   operator    := '=' | '<>' | '<' | '<=' | '>' | '>='
 * A value is unquoted text, `'quoted text'` (special characters are literal inside, `''` is one
 * quote) or a mix of both; `''` on its own is the blank value. `*` and `?` in unquoted text of a
 * text or code field are wildcards. Spaces around values and operators are ignored.
 */

import type { WerkstroomError } from '../../shared/errors.ts';
import { invalid } from '../../shared/errors.ts';
import type { FieldDefinition } from '../field-types.ts';
import type {
  ComparisonOperator,
  FieldFilter,
  FilterConjunction,
  FilterTerm,
  FilterValue,
  PatternPart,
} from './filter-ast.ts';
import { blankFilterValue, parseFilterValue } from './parse-value.ts';

/** A run of filter text that was either inside quotes (all literal) or outside them. */
interface Segment {
  readonly text: string;
  readonly quoted: boolean;
}

type Fail = (reason: string) => WerkstroomError;

const OPERATOR = /^(<>|<=|>=|<|>|=)/;

export function parseFieldFilter(field: FieldDefinition, text: string): FieldFilter {
  const fail: Fail = (reason) =>
    invalid('filter-invalid', `Filter "${text}" on field ${field.name} is not valid: ${reason}.`, {
      field: field.name,
      text,
    });
  if (text.trim() === '') throw fail("it is empty (use '' to filter on a blank value)");
  const alternatives: FilterConjunction[] = splitFilter(text, fail).map((terms) => ({
    kind: 'and',
    terms: terms.map((segments) => parseTerm(field, segments, fail)),
  }));
  return { kind: 'or', field: field.name, fieldType: field.type, text: text.trim(), alternatives };
}

/** Splits the text at unquoted `|` and `&` into alternatives of terms, each a list of segments. */
function splitFilter(text: string, fail: Fail): Segment[][][] {
  const alternatives: Segment[][][] = [[[]]];
  let buffer = '';
  const currentTerms = (): Segment[][] => alternatives[alternatives.length - 1] as Segment[][];
  const flush = (): void => {
    if (buffer !== '') (currentTerms().at(-1) as Segment[]).push({ text: buffer, quoted: false });
    buffer = '';
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === "'") {
      flush();
      let literal = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw fail('a quote is not closed');
        if (text[j] === "'") {
          if (text[j + 1] !== "'") break;
          literal += "'";
          j += 2;
        } else {
          literal += text[j];
          j += 1;
        }
      }
      (currentTerms().at(-1) as Segment[]).push({ text: literal, quoted: true });
      i = j + 1;
      continue;
    }
    if (ch === '|' || ch === '&') {
      flush();
      if (ch === '|') alternatives.push([[]]);
      else currentTerms().push([]);
    } else if (ch === '(' || ch === ')') {
      throw fail(`parentheses are not supported; quote "${ch}" to filter on it as text`);
    } else {
      buffer += ch;
    }
    i += 1;
  }
  flush();
  return alternatives;
}

/** Drops unquoted whitespace at both ends, so `1000 .. 5000` and `Open | Released` read naturally. */
function trimSegments(segments: readonly Segment[]): Segment[] {
  const out = segments.map((s) => ({ ...s }));
  const first = out[0];
  if (first && !first.quoted) out[0] = { text: first.text.trimStart(), quoted: false };
  const last = out.at(-1);
  if (last && !last.quoted) out[out.length - 1] = { text: last.text.trimEnd(), quoted: false };
  return out.filter((s) => s.quoted || s.text !== '');
}

/** Removes a prefix matched by `pattern` from the first segment when it is unquoted. */
function takePrefix(segments: Segment[], pattern: RegExp): [string | undefined, Segment[]] {
  const first = segments[0];
  const match = first && !first.quoted ? pattern.exec(first.text) : null;
  if (!first || !match) return [undefined, segments];
  const rest = [{ text: first.text.slice(match[0].length), quoted: false }, ...segments.slice(1)];
  return [match[0], trimSegments(rest)];
}

function display(segments: readonly Segment[]): string {
  return segments.map((s) => (s.quoted ? `'${s.text.replaceAll("'", "''")}'` : s.text)).join('');
}

function parseTerm(field: FieldDefinition, raw: readonly Segment[], fail: Fail): FilterTerm {
  let segments = trimSegments(raw);
  if (segments.length === 0) throw fail('"|" or "&" needs a value on both sides');
  let at: string | undefined;
  let operator: string | undefined;
  [at, segments] = takePrefix(segments, /^@/);
  [operator, segments] = takePrefix(segments, OPERATOR);
  if (at === undefined) [at, segments] = takePrefix(segments, /^@/);
  const ignoreCase = at !== undefined;
  if (ignoreCase && field.type !== 'text' && field.type !== 'code') {
    throw fail(`"@" (ignore case) only applies to text and code fields`);
  }

  const rangeAt = segments.findIndex((s) => !s.quoted && s.text.includes('..'));
  if (rangeAt >= 0) {
    if (operator !== undefined) throw fail(`"${operator}" cannot be combined with a range ("..")`);
    const split = segments[rangeAt] as Segment;
    const cut = split.text.indexOf('..');
    const left = trimSegments([...segments.slice(0, rangeAt), { text: split.text.slice(0, cut), quoted: false }]);
    const right = trimSegments([{ text: split.text.slice(cut + 2), quoted: false }, ...segments.slice(rangeAt + 1)]);
    if (right.some((s) => !s.quoted && s.text.includes('..')))
      throw fail(`"${display(segments)}" has more than one ".."`);
    if (left.length === 0 && right.length === 0) throw fail('a range needs a start or an end value');
    const bound = (side: Segment[]): FilterValue | undefined =>
      side.length === 0 ? undefined : scalarValue(field, side, fail);
    return { kind: 'range', from: bound(left), to: bound(right), ignoreCase };
  }

  if (segments.length === 0) throw fail(`"${operator ?? '@'}" needs a value after it`);
  const parts = patternParts(segments);
  if (parts.some((p) => p.kind !== 'literal')) {
    if (field.type !== 'text' && field.type !== 'code') {
      throw fail(`"${display(segments)}" uses a wildcard, which only text and code fields allow`);
    }
    if (operator !== undefined && operator !== '=' && operator !== '<>') {
      throw fail(`"${operator}" cannot be combined with a wildcard`);
    }
    const upper = field.type === 'code';
    const normalized = parts.map((p) => (p.kind === 'literal' && upper ? { ...p, text: p.text.toUpperCase() } : p));
    return { kind: 'pattern', negated: operator === '<>', parts: normalized, ignoreCase };
  }
  const value = scalarValue(field, segments, fail);
  return { kind: 'comparison', operator: (operator ?? '=') as ComparisonOperator, value, ignoreCase };
}

/** Splits unquoted text at `*` and `?`; quoted text stays literal. Adjacent literals are joined. */
function patternParts(segments: readonly Segment[]): PatternPart[] {
  const parts: PatternPart[] = [];
  const addLiteral = (text: string): void => {
    if (text === '') return;
    const last = parts.at(-1);
    if (last?.kind === 'literal') parts[parts.length - 1] = { kind: 'literal', text: last.text + text };
    else parts.push({ kind: 'literal', text });
  };
  for (const segment of segments) {
    if (segment.quoted) {
      addLiteral(segment.text);
      continue;
    }
    for (const piece of segment.text.split(/([*?])/)) {
      if (piece === '*') parts.push({ kind: 'any' });
      else if (piece === '?') parts.push({ kind: 'one' });
      else addLiteral(piece);
    }
  }
  return parts;
}

/** A single value: blank for a lone `''`, otherwise the joined text parsed for the field's type. */
function scalarValue(field: FieldDefinition, segments: readonly Segment[], fail: Fail): FilterValue {
  const only = segments[0];
  if (segments.length === 1 && only?.quoted && only.text === '') return blankFilterValue(field);
  if (segments.some((s) => !s.quoted && /[*?]/.test(s.text))) {
    const where = field.type === 'text' || field.type === 'code' ? 'in a range or comparison' : 'on this field';
    throw fail(`"${display(segments)}" uses a wildcard, which is not allowed ${where}`);
  }
  const result = parseFilterValue(field, segments.map((s) => s.text).join(''));
  if (!result.ok) throw fail(result.reason);
  return result.value;
}
