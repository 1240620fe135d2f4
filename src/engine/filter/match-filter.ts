/**
 * Evaluates a parsed {@link FieldFilter} against one field value with Business Central semantics:
 * an unset value is the type's blank (so `''` matches it), decimals compare exactly, dates and
 * date-times chronologically, text case-sensitively unless `@` is given, code without case.
 */
import type { FieldDefinition, FieldValue } from '../field-types.ts';
import { compareFieldValues, sortKey } from './compare-values.ts';
import type { ComparisonTerm, FieldFilter, FilterTerm, PatternTerm, RangeTerm } from './filter-ast.ts';

export function matchesFieldFilter(
  field: FieldDefinition,
  filter: FieldFilter,
  value: FieldValue | undefined,
): boolean {
  return filter.alternatives.some((conjunction) => conjunction.terms.every((term) => matchesTerm(field, term, value)));
}

function matchesTerm(field: FieldDefinition, term: FilterTerm, value: FieldValue | undefined): boolean {
  switch (term.kind) {
    case 'comparison':
      return matchesComparison(field, term, value);
    case 'range':
      return matchesRange(field, term, value);
    case 'pattern':
      return matchesPattern(field, term, value);
  }
}

function matchesComparison(field: FieldDefinition, term: ComparisonTerm, value: FieldValue | undefined): boolean {
  const order = compareFieldValues(field, value, term.value, term.ignoreCase);
  // A value that cannot be read as the field's type equals nothing, so only "<>" holds for it.
  if (order === undefined) return term.operator === '<>';
  switch (term.operator) {
    case '=':
      return order === 0;
    case '<>':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

function matchesRange(field: FieldDefinition, term: RangeTerm, value: FieldValue | undefined): boolean {
  if (term.from !== undefined) {
    const order = compareFieldValues(field, value, term.from, term.ignoreCase);
    if (order === undefined || order < 0) return false;
  }
  if (term.to !== undefined) {
    const order = compareFieldValues(field, value, term.to, term.ignoreCase);
    if (order === undefined || order > 0) return false;
  }
  return true;
}

// Terms are immutable, so each pattern's expression is built once and reused.
const patternCache = new WeakMap<PatternTerm, RegExp>();

function patternRegExp(term: PatternTerm, upperCase: boolean): RegExp {
  const cached = patternCache.get(term);
  if (cached) return cached;
  const source = term.parts
    .map((part) => {
      if (part.kind === 'any') return '.*';
      if (part.kind === 'one') return '.';
      const text = upperCase ? part.text.toUpperCase() : part.text;
      return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  const regExp = new RegExp(`^${source}$`, 'su');
  patternCache.set(term, regExp);
  return regExp;
}

function matchesPattern(field: FieldDefinition, term: PatternTerm, value: FieldValue | undefined): boolean {
  const key = sortKey(field, value, term.ignoreCase);
  // Code keys and `@` keys are upper-cased, so the pattern is upper-cased to meet them.
  const upperCase = term.ignoreCase || field.type === 'code';
  const matched = typeof key === 'string' && patternRegExp(term, upperCase).test(key);
  return term.negated ? !matched : matched;
}
