import { describe, expect, it } from 'vitest';
import { isWerkstroomError } from '../../shared/errors.ts';
import type { FieldDefinition } from '../field-types.ts';
import { compileTableFilter, matchesTableFilter, summarizeTableFilter } from './table-filter.ts';

const purchaseHeader: readonly FieldDefinition[] = [
  { name: 'no', type: 'code', caption: 'No.' },
  { name: 'amount', type: 'decimal', caption: 'Amount' },
  { name: 'status', type: 'option', caption: 'Status', options: ['Open', 'Released', 'Pending Approval'] },
  { name: 'orderDate', type: 'date', caption: 'Order Date' },
];

function thrown(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isWerkstroomError(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('compileTableFilter and matchesTableFilter', () => {
  const compiled = compileTableFilter(
    purchaseHeader,
    { amount: '1000..5000', status: 'Open|Released' },
    'Purchase Header',
  );

  it('passes a record only when every field filter holds', () => {
    expect(matchesTableFilter(compiled, { no: 'PO-1', amount: '2500.00', status: 'Open' })).toBe(true);
    expect(matchesTableFilter(compiled, { no: 'PO-2', amount: '5000.01', status: 'Open' })).toBe(false);
    expect(matchesTableFilter(compiled, { no: 'PO-3', amount: '2500', status: 'Pending Approval' })).toBe(false);
  });

  it('treats a field missing from the record as blank', () => {
    const blankDate = compileTableFilter(purchaseHeader, { orderDate: "''" }, 'Purchase Header');
    expect(matchesTableFilter(blankDate, { no: 'PO-1' })).toBe(true);
    expect(matchesTableFilter(blankDate, { no: 'PO-1', orderDate: '2024-01-01' })).toBe(false);
  });

  it('passes every record when there are no filters', () => {
    const empty = compileTableFilter(purchaseHeader, {}, 'Purchase Header');
    expect(empty.fields).toEqual([]);
    expect(matchesTableFilter(empty, {})).toBe(true);
  });

  it('ignores fields whose filter text is blank', () => {
    const partial = compileTableFilter(purchaseHeader, { amount: '  ', status: 'Open' }, 'Purchase Header');
    expect(partial.fields.map((f) => f.field.name)).toEqual(['status']);
  });

  it('keeps the table name and the parsed filter of each field', () => {
    expect(compiled.tableName).toBe('Purchase Header');
    expect(compiled.fields.map((f) => [f.field.name, f.filter.text])).toEqual([
      ['amount', '1000..5000'],
      ['status', 'Open|Released'],
    ]);
  });

  it('rejects a field the table does not have, naming table and field', () => {
    const error = thrown(() => compileTableFilter(purchaseHeader, { colour: 'Red' }, 'Purchase Header'));
    expect(error.code).toBe('filter-field-unknown');
    expect(error.details).toEqual({ field: 'colour', table: 'Purchase Header' });
    expect(error.message).toBe('Table Purchase Header has no field "colour" to filter on.');
  });

  it('does not mistake inherited object properties for fields', () => {
    expect(thrown(() => compileTableFilter(purchaseHeader, { constructor: 'x' }, 'T')).code).toBe(
      'filter-field-unknown',
    );
  });

  it('rejects invalid filter text with the field and text', () => {
    const error = thrown(() => compileTableFilter(purchaseHeader, { amount: '1000..x' }, 'Purchase Header'));
    expect(error.code).toBe('filter-invalid');
    expect(error.details).toEqual({ field: 'amount', text: '1000..x' });
  });
});

describe('summarizeTableFilter', () => {
  it('lists each filtered field with its filter text, in stored order', () => {
    expect(summarizeTableFilter({ amount: '1000..5000', status: 'Open|Released' })).toBe(
      'amount: 1000..5000, status: Open|Released',
    );
  });

  it('uses captions when given', () => {
    const captions = (name: string) => purchaseHeader.find((f) => f.name === name)?.caption ?? name;
    expect(summarizeTableFilter({ amount: '1000..5000', status: 'Open|Released' }, captions)).toBe(
      'Amount: 1000..5000, Status: Open|Released',
    );
  });

  it('returns an empty string when nothing is filtered', () => {
    expect(summarizeTableFilter({})).toBe('');
    expect(summarizeTableFilter({ amount: ' ' })).toBe('');
  });
});
