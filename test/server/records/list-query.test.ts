import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldDefinition } from '../../../src/engine/field-types.ts';
import { listPage } from '../../../src/server/list-query.ts';
import { isWerkstroomError } from '../../../src/shared/errors.ts';
import { type Client, DEMO, expectProblem, ok, signIn, startServer, type TestServer } from './client.ts';

const FIELDS: readonly FieldDefinition[] = [
  { name: 'no', type: 'code' },
  { name: 'name', type: 'text' },
  { name: 'amount', type: 'decimal' },
  { name: 'open', type: 'boolean' },
];
const ROWS = [
  { no: 'A1', name: 'Contoso', amount: '1000', open: true },
  { no: 'A2', name: 'Fabrikam', amount: '250.5', open: false },
  { no: 'B1', name: 'contoso east', amount: '5000', open: true },
  { no: 'B2', name: 'Adatum', amount: '99', open: true },
];
const paging = { limit: 50, offset: 0 };
const spec = { table: 'test', fields: FIELDS };

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isWerkstroomError(error) ? `${error.code}:${error.details.field}` : String(error);
  }
  return undefined;
}

describe('listPage', () => {
  it('filters in the filter syntax, typed by field', () => {
    const nos = (query: Record<string, string>) => listPage(ROWS, { ...paging, ...query }, spec).items.map((r) => r.no);
    expect(nos({ 'filter[name]': '@*contoso*' })).toEqual(['A1', 'B1']);
    expect(nos({ 'filter[name]': '*contoso*' })).toEqual(['B1']);
    expect(nos({ 'filter[amount]': '100..1000' })).toEqual(['A1', 'A2']);
    expect(nos({ 'filter[amount]': '>=1000', 'filter[open]': 'yes' })).toEqual(['A1', 'B1']);
    expect(nos({ 'filter[no]': 'a*|b2' })).toEqual(['A1', 'A2', 'B2']);
    expect(nos({ 'filter[no]': '<>A1&<>B1' })).toEqual(['A2', 'B2']);
    expect(nos({ 'filter[name]': '' })).toEqual(['A1', 'A2', 'B1', 'B2']);
  });

  it('sorts by typed value (decimals by value, not as text), descending and by several fields', () => {
    const nos = (sort: string) => listPage(ROWS, { ...paging, sort }, spec).items.map((r) => r.no);
    expect(nos('amount')).toEqual(['B2', 'A2', 'A1', 'B1']);
    expect(nos('-amount')).toEqual(['B1', 'A1', 'A2', 'B2']);
    expect(nos('-open,name')).toEqual(['B2', 'A1', 'B1', 'A2']);
    expect(nos('')).toEqual(['A1', 'A2', 'B1', 'B2']);
  });

  it('pages after filtering and sorting, and reports the total', () => {
    expect(listPage(ROWS, { limit: 2, offset: 1, sort: '-no' }, spec)).toEqual({
      items: [ROWS[2], ROWS[1]],
      total: 4,
      limit: 2,
      offset: 1,
    });
    expect(listPage(ROWS, { limit: 2, offset: 10 }, spec)).toEqual({ items: [], total: 4, limit: 2, offset: 10 });
  });

  it('refuses unknown fields, bad filter text and unknown parameters, naming the field', () => {
    expect(codeOf(() => listPage(ROWS, { ...paging, sort: 'colour' }, spec))).toBe('sort-field-unknown:sort');
    expect(codeOf(() => listPage(ROWS, { ...paging, 'filter[amount]': 'lots' }, spec))).toBe('filter-invalid:amount');
    expect(codeOf(() => listPage(ROWS, { ...paging, 'filter[open]': 'maybe' }, spec))).toBe('filter-invalid:open');
    expect(codeOf(() => listPage(ROWS, { ...paging, 'filter[colour]': 'red' }, spec))).toBe(
      'filter-field-unknown:colour',
    );
    expect(codeOf(() => listPage(ROWS, { ...paging, 'filter[no]': ['A1', 'B1'] }, spec))).toBe('filter-invalid:no');
    expect(codeOf(() => listPage(ROWS, { ...paging, filters: 'x' }, spec))).toBe('query-parameter-unknown:filters');
    // A field named like an Object.prototype member is still unknown.
    expect(codeOf(() => listPage(ROWS, { ...paging, 'filter[constructor]': 'x' }, spec))).toBe(
      'filter-field-unknown:constructor',
    );
  });
});

describe('list query parameters over HTTP', () => {
  let t: TestServer;
  let admin: Client;

  beforeAll(async () => {
    t = await startServer();
    admin = await signIn(t.server, 'ADMIN');
    for (let i = 1; i <= 12; i += 1) {
      const no = `P${String(i).padStart(3, '0')}`;
      ok(
        await admin.post(`${DEMO}/items`, {
          no,
          description: `Part ${i}`,
          unitPrice: String(i * 10),
          blocked: i % 4 === 0,
        }),
        201,
      );
    }
  });
  afterAll(async () => t.close());

  it('pages with limit and offset (default 50, at most 500)', async () => {
    const first = ok(await admin.get(`${DEMO}/items`, { query: { 'filter[no]': 'P*', limit: '5' } }));
    expect(first).toMatchObject({ total: 12, limit: 5, offset: 0 });
    expect(first.items.map((i: { no: string }) => i.no)).toEqual(['P001', 'P002', 'P003', 'P004', 'P005']);
    const last = ok(await admin.get(`${DEMO}/items`, { query: { 'filter[no]': 'P*', limit: '5', offset: '10' } }));
    expect(last.items.map((i: { no: string }) => i.no)).toEqual(['P011', 'P012']);
    expect(ok(await admin.get(`${DEMO}/items`)).limit).toBe(50);
    expectProblem(await admin.get(`${DEMO}/items`, { query: { limit: '501' } }), 400, 'request-invalid', 'limit');
    expectProblem(await admin.get(`${DEMO}/items`, { query: { limit: '0' } }), 400, 'request-invalid', 'limit');
    expectProblem(await admin.get(`${DEMO}/items`, { query: { offset: '-1' } }), 400, 'request-invalid', 'offset');
    expectProblem(await admin.get(`${DEMO}/items`, { query: { limit: 'ten' } }), 400, 'request-invalid', 'limit');
  });

  it('sorts by a known field, ascending or descending', async () => {
    const byPrice = ok(await admin.get(`${DEMO}/items`, { query: { sort: '-unitPrice', limit: '3' } }));
    expect(byPrice.items.map((i: { unitPrice: string }) => i.unitPrice)).toEqual(['399', '149', '120']);
    const byName = ok(await admin.get(`${DEMO}/items`, { query: { sort: 'description', 'filter[no]': '1*' } }));
    expect(byName.items.map((i: { description: string }) => i.description)).toEqual([
      'Monitor arm',
      'Office chair',
      'Standing desk',
    ]);
    expectProblem(await admin.get(`${DEMO}/items`, { query: { sort: 'colour' } }), 400, 'sort-field-unknown', 'sort');
    expectProblem(
      await admin.get(`${DEMO}/items`, { query: { sort: '-revision' } }),
      400,
      'sort-field-unknown',
      'sort',
    );
  });

  it('filters with the filter syntax on any field of the list', async () => {
    const range = ok(await admin.get(`${DEMO}/items`, { query: { 'filter[unitPrice]': '50..90', sort: 'unitPrice' } }));
    // The demo's monitor arm (89.50) sorts by value between 80 and 90.
    expect(range.items.map((i: { no: string }) => i.no)).toEqual(['P005', 'P006', 'P007', 'P008', '1002', 'P009']);
    const combined = ok(
      await admin.get(`${DEMO}/items`, { query: { 'filter[unitPrice]': '50..90', 'filter[blocked]': 'false' } }),
    );
    expect(combined.total).toBe(5);
    const text = ok(await admin.get(`${DEMO}/items`, { query: { 'filter[description]': '@*CHAIR*' } }));
    expect(text.items.map((i: { no: string }) => i.no)).toEqual(['1000']);
    const customers = ok(await admin.get(`${DEMO}/customers`, { query: { 'filter[creditLimitLcy]': '>10000' } }));
    expect(customers.items.map((c: { no: string }) => c.no)).toEqual(['C20000']);
    const docs = ok(
      await admin.get(`${DEMO}/purchase-documents`, {
        query: { 'filter[amount]': '500..1000', 'filter[status]': 'open' },
      }),
    );
    expect(docs.items.map((d: { no: string }) => d.no)).toEqual(['PO-0001']);
    expect(ok(await admin.get(`${DEMO}/sales-documents`, { query: { 'filter[amount]': '>1000' } })).total).toBe(0);
    // Documents filter on the header table's fields, the names workflow conditions use.
    const byVendor = ok(
      await admin.get(`${DEMO}/purchase-documents`, { query: { 'filter[buyFromVendorNo]': 'V10000' } }),
    );
    expect(byVendor.total).toBe(1);
    const byCustomer = ok(
      await admin.get(`${DEMO}/sales-documents`, {
        query: { 'filter[sellToCustomerNo]': 'C10000', 'filter[lineCount]': '1' },
      }),
    );
    expect(byCustomer.items.map((d: { no: string }) => d.no)).toEqual(['SO-0001']);
    const lines = ok(
      await admin.get(`${DEMO}/purchase-documents/order/PO-0001/lines`, {
        query: { 'filter[lineAmount]': '>400', sort: '-lineNo' },
      }),
    );
    expect(lines.items.map((l: { no: string }) => l.no)).toEqual(['1000']);
  });

  it('answers bad filters with 400 and the field', async () => {
    expectProblem(
      await admin.get(`${DEMO}/items`, { query: { 'filter[unitPrice]': 'cheap' } }),
      400,
      'filter-invalid',
      'unitPrice',
    );
    expectProblem(
      await admin.get(`${DEMO}/purchase-documents`, { query: { 'filter[documentType]': 'receipt' } }),
      400,
      'filter-invalid',
      'documentType',
    );
    expectProblem(
      await admin.get(`${DEMO}/items`, { query: { 'filter[colour]': 'red' } }),
      400,
      'filter-field-unknown',
      'colour',
    );
    expectProblem(
      await admin.get(`${DEMO}/items`, { query: { 'filter[no]': "'open quote" } }),
      400,
      'filter-invalid',
      'no',
    );
    expectProblem(
      await admin.get(`${DEMO}/items`, { query: { filter: 'no=1000' } }),
      400,
      'query-parameter-unknown',
      'filter',
    );
    expectProblem(
      await admin.get(`${DEMO}/items?filter[no]=1000&filter[no]=1001`),
      400,
      'request-invalid',
      'filter[no]',
    );
  });
});
