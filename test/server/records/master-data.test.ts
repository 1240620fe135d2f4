import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, DEMO, expectProblem, ok, signIn, startServer, type TestServer, withToken } from './client.ts';

let t: TestServer;
let admin: Client;
/** ALICIA: a plain user of DEMO. */
let alicia: Client;
/** Company OTHER, which only JOHN belongs to. */
const OTHER = '/api/v1/companies/OTHER';
let john: Client;

beforeAll(async () => {
  t = await startServer();
  admin = await signIn(t.server, 'ADMIN');
  alicia = await signIn(t.server, 'ALICIA');
  john = await signIn(t.server, 'JOHN');
  ok(await john.post('/api/v1/companies', { code: 'OTHER', name: 'Other Ltd.' }), 201);
  ok(await john.post(`${OTHER}/customers`, { no: 'C90000', name: 'Only in OTHER' }), 201);
  ok(await john.post(`${OTHER}/salespeople`, { code: 'ZZ', name: 'Other salesperson' }), 201);
});
afterAll(async () => t.close());

describe('customers', () => {
  it('creates, reads (ETag), changes with If-Match, and deletes a customer', async () => {
    const created = await alicia.post(`${DEMO}/customers`, {
      no: 'c30000',
      name: 'Litware Inc.',
      salespersonCode: 'ms',
      creditLimitLcy: '5000',
    });
    expect(ok(created, 201)).toEqual({
      no: 'C30000',
      name: 'Litware Inc.',
      salespersonCode: 'MS',
      currencyCode: '',
      creditLimitLcy: '5000',
      blocked: false,
      revision: 1,
    });
    expect(created.headers.etag).toBe('"1"');
    expect(created.headers.location).toBe('/api/v1/companies/DEMO/customers/C30000');

    const read = await alicia.get(`${DEMO}/customers/c30000`);
    expect(ok(read).name).toBe('Litware Inc.');
    expect(read.headers.etag).toBe('"1"');

    const changed = await alicia.patch(
      `${DEMO}/customers/C30000`,
      { name: 'Litware Incorporated', blocked: true },
      { headers: { 'if-match': '"1"' } },
    );
    expect(ok(changed)).toMatchObject({ name: 'Litware Incorporated', blocked: true, revision: 2 });
    expect(changed.headers.etag).toBe('"2"');

    // Someone who read revision 1 is refused: 412, and nothing changes.
    const stale = await alicia.patch(
      `${DEMO}/customers/C30000`,
      { name: 'Lost update' },
      { headers: { 'if-match': '"1"' } },
    );
    expectProblem(stale, 412, 'customer-revision-stale');
    expect(stale.body).toMatchObject({ revision: 2, expectedRevision: 1 });
    expect(ok(await alicia.get(`${DEMO}/customers/C30000`)).name).toBe('Litware Incorporated');

    // Without If-Match the change is last-writer-wins; a weak tag and * are accepted too.
    ok(await alicia.patch(`${DEMO}/customers/C30000`, { blocked: false }));
    ok(await alicia.patch(`${DEMO}/customers/C30000`, { blocked: false }, { headers: { 'if-match': 'W/"3"' } }));
    ok(await alicia.patch(`${DEMO}/customers/C30000`, { blocked: false }, { headers: { 'if-match': '*' } }));

    expectProblem(
      await alicia.delete(`${DEMO}/customers/C30000`, { headers: { 'if-match': '"2"' } }),
      412,
      'customer-revision-stale',
    );
    expect(ok(await alicia.delete(`${DEMO}/customers/C30000`, { headers: { 'if-match': '"5"' } }))).toEqual({
      ok: true,
    });
    expectProblem(await alicia.get(`${DEMO}/customers/C30000`), 404, 'customer-not-found');
  });

  it('answers validation errors as problem+json naming the field', async () => {
    expectProblem(
      await alicia.post(`${DEMO}/customers`, { no: 'bad no!', name: 'x' }),
      400,
      'customer-no-invalid',
      'no',
    );
    expectProblem(await alicia.post(`${DEMO}/customers`, { no: 'C40000' }), 400, 'request-invalid', 'name');
    expectProblem(await alicia.post(`${DEMO}/customers`, { no: 'C40000', name: 42 }), 400, 'request-invalid', 'name');
    expectProblem(
      await alicia.post(`${DEMO}/customers`, { no: 'C40000', name: 'x', creditLimitLcy: '-1' }),
      400,
      'customer-credit-limit-negative',
      'creditLimitLcy',
    );
    expectProblem(
      await alicia.post(`${DEMO}/customers`, { no: 'C40000', name: 'x', salespersonCode: 'NOBODY' }),
      400,
      'salesperson-unknown',
      'salespersonCode',
    );
    expectProblem(
      await alicia.patch(`${DEMO}/customers/C10000`, { currencyCode: 'XYZ' }),
      400,
      'currency-unknown',
      'currencyCode',
    );
    expectProblem(
      await alicia.post(`${DEMO}/customers`, { no: 'C10000', name: 'Again' }),
      409,
      'customer-exists',
      'no',
    );
    expectProblem(
      await alicia.patch(`${DEMO}/customers/C10000`, { name: 'x' }, { headers: { 'if-match': 'revision one' } }),
      400,
      'if-match-invalid',
      'If-Match',
    );
  });

  it('refuses to delete a customer that has documents (409)', async () => {
    expectProblem(await alicia.delete(`${DEMO}/customers/C10000`), 409, 'customer-in-use', 'no');
  });

  it("answers 404 for unknown records and for another company's records", async () => {
    expectProblem(await alicia.get(`${DEMO}/customers/C99999`), 404, 'customer-not-found');
    expectProblem(await alicia.patch(`${DEMO}/customers/C99999`, { name: 'x' }), 404, 'customer-not-found');
    expectProblem(await alicia.delete(`${DEMO}/customers/C99999`), 404, 'customer-not-found');
    // C90000 exists, but in OTHER: from DEMO it does not.
    expectProblem(await admin.get(`${DEMO}/customers/C90000`), 404, 'customer-not-found');
    expect(ok(await admin.get(`${DEMO}/customers`)).items.map((c: { no: string }) => c.no)).not.toContain('C90000');
    // And OTHER itself does not exist for someone who is not a member.
    expectProblem(await admin.get(`${OTHER}/customers`), 404, 'company-not-found');
    expectProblem(await admin.get(`${OTHER}/customers/C90000`), 404, 'company-not-found');
    expectProblem(await admin.patch(`${OTHER}/customers/C90000`, { name: 'Hijack' }), 404, 'company-not-found');
    expectProblem(await admin.delete(`${OTHER}/salespeople/ZZ`), 404, 'company-not-found');
    expectProblem(await admin.get('/api/v1/companies/NOPE/customers'), 404, 'company-not-found');
    expect(ok(await john.get(`${OTHER}/customers/C90000`)).name).toBe('Only in OTHER');
  });
});

describe('vendors', () => {
  it('creates, reads, changes and deletes a vendor', async () => {
    const created = await alicia.post(`${DEMO}/vendors`, { no: 'V30000', name: 'Proseware', purchaserCode: 'JR' });
    expect(ok(created, 201)).toEqual({
      no: 'V30000',
      name: 'Proseware',
      purchaserCode: 'JR',
      currencyCode: '',
      blocked: false,
      revision: 1,
    });
    const list = ok(await alicia.get(`${DEMO}/vendors`));
    expect(list.items.map((v: { no: string }) => v.no)).toEqual(['V10000', 'V20000', 'V30000']);
    const read = await alicia.get(`${DEMO}/vendors/V30000`);
    expect(read.headers.etag).toBe('"1"');
    const changed = await alicia.patch(
      `${DEMO}/vendors/V30000`,
      { purchaserCode: '' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(ok(changed)).toMatchObject({ purchaserCode: '', revision: 2 });
    expectProblem(
      await alicia.patch(`${DEMO}/vendors/V30000`, { name: 'x' }, { headers: { 'if-match': '"1"' } }),
      412,
      'vendor-revision-stale',
    );
    expectProblem(await alicia.post(`${DEMO}/vendors`, { no: '', name: 'x' }), 400, 'vendor-no-invalid', 'no');
    expectProblem(await alicia.delete(`${DEMO}/vendors/V10000`), 409, 'vendor-in-use');
    ok(await alicia.delete(`${DEMO}/vendors/V30000`));
    expectProblem(await alicia.get(`${DEMO}/vendors/V30000`), 404, 'vendor-not-found');
  });
});

describe('items', () => {
  it('creates, reads, changes and deletes an item', async () => {
    const created = await alicia.post(`${DEMO}/items`, { no: '2000', description: 'Desk lamp', unitPrice: '35.50' });
    expect(ok(created, 201)).toEqual({
      no: '2000',
      description: 'Desk lamp',
      unitPrice: '35.5',
      blocked: false,
      revision: 1,
    });
    expect(created.headers.etag).toBe('"1"');
    const changed = await alicia.patch(`${DEMO}/items/2000`, { unitPrice: '39' }, { headers: { 'if-match': '"1"' } });
    expect(ok(changed)).toMatchObject({ unitPrice: '39', revision: 2 });
    expect(changed.headers.etag).toBe('"2"');
    expectProblem(
      await alicia.patch(`${DEMO}/items/2000`, { unitPrice: 'cheap' }),
      400,
      'item-unit-price-invalid',
      'unitPrice',
    );
    expectProblem(await alicia.patch(`${DEMO}/items/2000`, { blocked: 'yes' }), 400, 'request-invalid', 'blocked');
    expectProblem(
      await alicia.delete(`${DEMO}/items/2000`, { headers: { 'if-match': '"1"' } }),
      412,
      'item-revision-stale',
    );
    ok(await alicia.delete(`${DEMO}/items/2000`));
    expectProblem(await alicia.get(`${DEMO}/items/2000`), 404, 'item-not-found');
  });
});

describe('salespeople', () => {
  it('creates, reads, renames and deletes a salesperson; they have no ETag', async () => {
    const created = await alicia.post(`${DEMO}/salespeople`, { code: 'pk', name: 'Pat Kim' });
    expect(ok(created, 201)).toEqual({ code: 'PK', name: 'Pat Kim' });
    expect(created.headers.etag).toBeUndefined();
    expect(created.headers.location).toBe('/api/v1/companies/DEMO/salespeople/PK');
    const read = await alicia.get(`${DEMO}/salespeople/PK`);
    expect(ok(read)).toEqual({ code: 'PK', name: 'Pat Kim' });
    expect(read.headers.etag).toBeUndefined();
    expect(ok(await alicia.patch(`${DEMO}/salespeople/PK`, { name: 'Pat Kimball' }))).toEqual({
      code: 'PK',
      name: 'Pat Kimball',
    });
    expectProblem(
      await alicia.patch(`${DEMO}/salespeople/PK`, { name: 'x' }, { headers: { 'if-match': '"1"' } }),
      400,
      'if-match-unsupported',
      'If-Match',
    );
    expectProblem(await alicia.patch(`${DEMO}/salespeople/PK`, { name: '' }), 400, 'salesperson-name-required', 'name');
    expectProblem(await alicia.post(`${DEMO}/salespeople`, { code: 'PK', name: 'Again' }), 409, 'salesperson-exists');
    expectProblem(await alicia.delete(`${DEMO}/salespeople/JR`), 409, 'salesperson-in-use');
    ok(await alicia.delete(`${DEMO}/salespeople/PK`));
    expectProblem(await alicia.get(`${DEMO}/salespeople/PK`), 404, 'salesperson-not-found');
    expectProblem(await alicia.get(`${DEMO}/salespeople/ZZ`), 404, 'salesperson-not-found');
  });
});

describe('currencies and exchange rates', () => {
  it('creates a currency, sets, lists and deletes its exchange rates, and deletes it', async () => {
    const created = await alicia.post(`${DEMO}/currencies`, { code: 'usd', description: 'US dollar' });
    expect(ok(created, 201)).toEqual({ code: 'USD', description: 'US dollar', decimals: 2 });
    expect(ok(await alicia.get(`${DEMO}/currencies/USD`))).toEqual({
      code: 'USD',
      description: 'US dollar',
      decimals: 2,
    });
    expect(ok(await alicia.patch(`${DEMO}/currencies/USD`, { decimals: 3 }))).toEqual({
      code: 'USD',
      description: 'US dollar',
      decimals: 3,
    });
    expectProblem(
      await alicia.patch(`${DEMO}/currencies/USD`, { decimals: 9 }),
      400,
      'currency-decimals-invalid',
      'decimals',
    );
    expectProblem(await alicia.patch(`${DEMO}/currencies/USD`, { decimals: 1.5 }), 400, 'request-invalid', 'decimals');

    const rates = `${DEMO}/currencies/USD/exchange-rates`;
    expect(ok(await alicia.put(`${rates}/2026-01-01`, { rate: '0.90' }))).toEqual({
      currencyCode: 'USD',
      startingDate: '2026-01-01',
      rate: '0.9',
    });
    ok(await alicia.put(`${rates}/2026-03-01`, { rate: '0.95' }));
    ok(await alicia.put(`${rates}/2026-03-01`, { rate: '0.96' }));
    const list = ok(await alicia.get(rates));
    expect(list).toEqual({
      items: [
        { currencyCode: 'USD', startingDate: '2026-01-01', rate: '0.9' },
        { currencyCode: 'USD', startingDate: '2026-03-01', rate: '0.96' },
      ],
      total: 2,
      limit: 50,
      offset: 0,
    });
    expect(ok(await alicia.get(rates, { query: { 'filter[rate]': '>0.95', sort: '-startingDate' } })).items).toEqual([
      { currencyCode: 'USD', startingDate: '2026-03-01', rate: '0.96' },
    ]);
    expectProblem(
      await alicia.put(`${rates}/2026-02-30`, { rate: '1' }),
      400,
      'exchange-rate-date-invalid',
      'startingDate',
    );
    expectProblem(await alicia.put(`${rates}/2026-02-01`, { rate: '0' }), 400, 'exchange-rate-not-positive', 'rate');
    expectProblem(await alicia.put(`${rates}/2026-02-01`, {}), 400, 'request-invalid', 'rate');
    expectProblem(
      await alicia.put(`${DEMO}/currencies/EUR/exchange-rates/2026-02-01`, { rate: '1' }),
      400,
      'exchange-rate-local-currency',
      'currencyCode',
    );
    expectProblem(await alicia.get(`${DEMO}/currencies/GBP/exchange-rates`), 404, 'currency-not-found');
    expectProblem(
      await alicia.put(`${DEMO}/currencies/GBP/exchange-rates/2026-02-01`, { rate: '1' }),
      404,
      'currency-not-found',
    );
    expect(ok(await alicia.delete(`${rates}/2026-01-01`))).toEqual({ ok: true });
    expectProblem(await alicia.delete(`${rates}/2026-01-01`), 404, 'exchange-rate-not-found');
    expect(ok(await alicia.get(rates)).total).toBe(1);

    // A currency a customer uses stays.
    ok(await alicia.post(`${DEMO}/customers`, { no: 'C50000', name: 'Dollar customer', currencyCode: 'USD' }), 201);
    expectProblem(await alicia.delete(`${DEMO}/currencies/USD`), 409, 'currency-in-use');
    ok(await alicia.delete(`${DEMO}/customers/C50000`));
    ok(await alicia.delete(`${DEMO}/currencies/USD`));
    expectProblem(await alicia.get(`${DEMO}/currencies/USD`), 404, 'currency-not-found');
    expectProblem(
      await alicia.post(`${DEMO}/currencies`, { code: 'TOOLONGCODE1' }),
      400,
      'currency-code-invalid',
      'code',
    );
  });
});

describe('access', () => {
  it('every master-data list answers to a read-scope token and a plain user', async () => {
    const { client } = await withToken(alicia, 'read');
    for (const path of ['customers', 'vendors', 'items', 'salespeople', 'currencies']) {
      const reply = await client.get(`${DEMO}/${path}`);
      expect(ok(reply)).toMatchObject({ limit: 50, offset: 0 });
      expect(reply.body.total).toBeGreaterThanOrEqual(0);
    }
  });
});
