import { z } from 'zod';
import type { FieldDefinition, RecordData } from '../engine/field-types.ts';
import { compareFieldValues, compileTableFilter, matchesTableFilter } from '../engine/filter/index.ts';
import { invalid } from '../shared/errors.ts';
import { pagingQuery } from './schemas.ts';

/**
 * The query parameters every list shares:
 * - `limit` (default 50, at most 500) and `offset`;
 * - `sort`: `field` or `-field` (descending), several separated by commas; only the list's
 *   fields (`sort-field-unknown` otherwise);
 * - `filter[<field>]=<filter text>` in the product's filter syntax (`amount=1000..5000`,
 *   `name=@*contoso*`, `status=Open|Released`), compiled against the list's fields by the same
 *   code that evaluates workflow conditions (`filter-invalid` / `filter-field-unknown`, with the
 *   field). Filter text is data: it is parsed, never put into SQL.
 *
 * Filtering, sorting and paging run in memory over the company's rows, which is fine at the
 * sizes a company's master data and open documents have here; a list that outgrows that would
 * compile the filter to SQL instead, with the same parameters.
 */
export interface ListSpec<T> {
  /** How error messages name the list ("customer"). */
  readonly table: string;
  /** The fields that can be filtered and sorted on, typed as the filter syntax needs. */
  readonly fields: readonly FieldDefinition[];
  /** The field values of a row; by default the row itself (its properties are the fields). */
  readonly data?: (row: T) => RecordData;
}

export interface ListPage<T> {
  readonly items: T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

const FILTER_PARAMETER = /^filter\[([^\]]+)\]$/;

function filterExample(field: FieldDefinition): string {
  switch (field.type) {
    case 'text':
      return '@*contoso*';
    case 'code':
      return 'C1*|C2*';
    case 'option':
      return (field.options ?? []).slice(0, 2).join('|') || 'value';
    case 'integer':
      return '1..10';
    case 'decimal':
      return '1000..5000';
    case 'date':
      return '2026-01-01..2026-03-31';
    case 'datetime':
      return '>=2026-01-01T00:00:00Z';
    case 'boolean':
      return 'true';
  }
}

/** The querystring schema of a list: paging, sort, and one documented `filter[<field>]` per field. */
export function listQuerySchema(fields: readonly FieldDefinition[]) {
  const filters: Record<string, z.ZodOptional<z.ZodString>> = {};
  for (const field of fields) {
    filters[`filter[${field.name}]`] = z
      .string()
      .optional()
      .describe(
        `Filter on ${field.caption ?? field.name} (${field.type}) in filter syntax, e.g. ${filterExample(field)}`,
      );
  }
  const names = fields.map((f) => f.name).join(', ');
  return z.looseObject({
    ...pagingQuery.shape,
    sort: z
      .string()
      .max(500)
      .optional()
      .describe(`Sort by field, "-field" for descending, several separated by commas; fields: ${names}`),
    ...filters,
  });
}

interface SortKey {
  readonly field: FieldDefinition;
  readonly descending: boolean;
}

function parseSort(text: string | undefined, spec: ListSpec<unknown>): SortKey[] {
  if (text === undefined || text.trim() === '') return [];
  const byName = new Map(spec.fields.map((f) => [f.name, f]));
  return text.split(',').map((part) => {
    const trimmed = part.trim();
    const descending = trimmed.startsWith('-');
    const name = descending ? trimmed.slice(1) : trimmed;
    const field = byName.get(name);
    if (!field) {
      throw invalid(
        'sort-field-unknown',
        `The ${spec.table} list cannot be sorted by "${name}"; sort by one of ${[...byName.keys()].join(', ')}.`,
        { field: 'sort', sortField: name },
      );
    }
    return { field, descending };
  });
}

function filterTexts(query: Readonly<Record<string, unknown>>): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const [parameter, value] of Object.entries(query)) {
    if (parameter === 'limit' || parameter === 'offset' || parameter === 'sort') continue;
    const match = FILTER_PARAMETER.exec(parameter);
    if (!match) {
      throw invalid(
        'query-parameter-unknown',
        `Unknown query parameter "${parameter}"; lists take limit, offset, sort and filter[<field>].`,
        { field: parameter },
      );
    }
    const name = match[1] as string;
    if (typeof value !== 'string') {
      throw invalid('filter-invalid', `Give the filter on ${name} once, as text.`, { field: name });
    }
    filters[name] = value;
  }
  return filters;
}

/** Filters, sorts and pages `rows` as the list query asks. */
export function listPage<T>(
  rows: readonly T[],
  query: Readonly<Record<string, unknown>> & { limit: number; offset: number; sort?: string | undefined },
  spec: ListSpec<T>,
): ListPage<T> {
  const compiled = compileTableFilter(spec.fields, filterTexts(query), spec.table);
  const sort = parseSort(query.sort, spec as ListSpec<unknown>);
  const dataOf = spec.data ?? ((row: T) => row as RecordData);
  let selected = rows.map((row) => ({ row, data: dataOf(row) }));
  if (compiled.fields.length > 0) selected = selected.filter((r) => matchesTableFilter(compiled, r.data));
  if (sort.length > 0) {
    // Array.prototype.sort is stable: rows equal on every key keep the store's order.
    selected.sort((a, b) => {
      for (const { field, descending } of sort) {
        const order = compareFieldValues(field, a.data[field.name], b.data[field.name]) ?? 0;
        if (order !== 0) return descending ? -order : order;
      }
      return 0;
    });
  }
  return {
    items: selected.slice(query.offset, query.offset + query.limit).map((r) => r.row),
    total: selected.length,
    limit: query.limit,
    offset: query.offset,
  };
}
