/** Condition filters in Business Central filter syntax, and field-change rules. */

export { compareFieldValues } from './compare-values.ts';
export type { FieldChangeOperator } from './field-change-rule.ts';
export {
  describeFieldChangeRule,
  evaluateFieldChangeRule,
  FIELD_CHANGE_OPERATORS,
  isFieldChangeOperator,
} from './field-change-rule.ts';
export type {
  ComparisonOperator,
  ComparisonTerm,
  FieldFilter,
  FilterConjunction,
  FilterTerm,
  FilterValue,
  PatternPart,
  PatternTerm,
  RangeTerm,
} from './filter-ast.ts';
export { COMPARISON_OPERATORS } from './filter-ast.ts';
export { matchesFieldFilter } from './match-filter.ts';
export { parseFieldFilter } from './parse-filter.ts';
export type { CompiledFieldFilter, CompiledTableFilter, TableFilterText } from './table-filter.ts';
export { compileTableFilter, matchesTableFilter, summarizeTableFilter } from './table-filter.ts';
