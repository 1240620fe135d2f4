import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymous,
  Client,
  DEMO,
  expectProblem,
  ok,
  signIn,
  startServer,
  type TestServer,
  withToken,
} from './client.ts';

let t: TestServer;
let admin: Client;

beforeAll(async () => {
  t = await startServer();
  admin = await signIn(t.server, 'ADMIN');
});
afterAll(async () => t.close());

describe('who is calling', () => {
  it('answers 401 without a session or token, on reads and writes alike', async () => {
    const nobody = anonymous(t.server);
    expectProblem(await nobody.get(`${DEMO}/customers`), 401, 'unauthenticated');
    expectProblem(await nobody.post(`${DEMO}/customers`, { no: 'X1', name: 'X' }), 401, 'unauthenticated');
    expectProblem(await nobody.get('/api/v1/companies'), 401, 'unauthenticated');
    expectProblem(await nobody.get('/api/v1/users'), 401, 'unauthenticated');
  });

  it('answers 401 for an unknown bearer token or a forged session cookie', async () => {
    const forged = new Client(t.server, { authorization: 'Bearer wst_not-a-real-token' });
    expectProblem(await forged.get(`${DEMO}/items`), 401, 'unauthenticated');
    const cookie = new Client(t.server, { cookie: 'werkstroom_session=forged' });
    expectProblem(await cookie.get(`${DEMO}/items`), 401, 'unauthenticated');
  });

  it('refuses a cookie request that changes something without the CSRF token (403), or with a wrong one', async () => {
    const noCsrf = admin.without('x-csrf-token');
    expectProblem(await noCsrf.post(`${DEMO}/salespeople`, { code: 'CS', name: 'No csrf' }), 403, 'csrf-token-invalid');
    expectProblem(await noCsrf.patch(`${DEMO}/items/1000`, { description: 'x' }), 403, 'csrf-token-invalid');
    expectProblem(await noCsrf.delete(`${DEMO}/items/1000`), 403, 'csrf-token-invalid');
    const wrong = new Client(t.server, { ...admin.headers, 'x-csrf-token': 'wrong' });
    expectProblem(await wrong.post(`${DEMO}/salespeople`, { code: 'CS', name: 'x' }), 403, 'csrf-token-invalid');
    // Reads need no CSRF token, and with the token the write goes through.
    ok(await noCsrf.get(`${DEMO}/salespeople`));
    ok(await admin.post(`${DEMO}/salespeople`, { code: 'CS', name: 'With csrf' }), 201);
  });

  it("another session's CSRF token does not fit this session", async () => {
    const sean = await signIn(t.server, 'SEAN');
    const mixed = new Client(t.server, { ...admin.headers, 'x-csrf-token': sean.headers['x-csrf-token'] as string });
    expectProblem(await mixed.post(`${DEMO}/salespeople`, { code: 'MX', name: 'x' }), 403, 'csrf-token-invalid');
  });

  it('bearer tokens need no CSRF token', async () => {
    const { client } = await withToken(admin, 'write');
    ok(await client.post(`${DEMO}/salespeople`, { code: 'TK', name: 'Token made' }), 201);
  });

  it('refuses a revoked token with 401', async () => {
    const { client, id } = await withToken(admin, 'read', 'soon revoked');
    ok(await client.get(`${DEMO}/customers`));
    ok(await admin.delete(`/api/v1/me/tokens/${id}`));
    expectProblem(await client.get(`${DEMO}/customers`), 401, 'unauthenticated');
  });

  it('a read-scope token reads but cannot write (403 token-scope-insufficient)', async () => {
    const { client } = await withToken(admin, 'read');
    ok(await client.get(`${DEMO}/customers`));
    ok(await client.get(`${DEMO}/purchase-documents`));
    expectProblem(await client.post(`${DEMO}/customers`, { no: 'RO1', name: 'x' }), 403, 'token-scope-insufficient');
    expectProblem(await client.patch(`${DEMO}/customers/C10000`, { name: 'x' }), 403, 'token-scope-insufficient');
    expectProblem(await client.delete(`${DEMO}/items/1000`), 403, 'token-scope-insufficient');
    expectProblem(
      await client.post(`${DEMO}/purchase-documents/order/PO-0001/release`),
      403,
      'token-scope-insufficient',
    );
    expectProblem(await client.post('/api/v1/companies', { code: 'RO', name: 'x' }), 403, 'token-scope-insufficient');
  });

  it('a write-scope token cannot manage members or users (admin scope)', async () => {
    const { client } = await withToken(admin, 'write');
    expectProblem(
      await client.put(`${DEMO}/members`, { userId: 'SEAN', roles: ['user'] }),
      403,
      'token-scope-insufficient',
    );
    expectProblem(
      await client.post('/api/v1/users', { id: 'W1', name: 'W', password: 'long enough', company: 'DEMO' }),
      403,
      'token-scope-insufficient',
    );
    const { client: adminToken } = await withToken(admin, 'admin');
    ok(await adminToken.put(`${DEMO}/members`, { userId: 'SEAN', roles: ['user'] }));
  });
});

describe('request bodies', () => {
  it('answers malformed JSON with 400 json-malformed', async () => {
    const reply = await admin.post(`${DEMO}/customers`, undefined, { rawBody: '{"no": "X1", "name": ' });
    expectProblem(reply, 400, 'json-malformed');
  });

  it('answers a body over 1 MiB with 413 body-too-large', async () => {
    const huge = JSON.stringify({ no: 'BIG', name: 'x'.repeat(1_100_000) });
    expectProblem(await admin.post(`${DEMO}/customers`, undefined, { rawBody: huge }), 413, 'body-too-large');
    expectProblem(await admin.get(`${DEMO}/customers/BIG`), 404, 'customer-not-found');
  });

  it('refuses fields the API does not know', async () => {
    const reply = await admin.post(`${DEMO}/customers`, { no: 'X2', name: 'X', isAdmin: true });
    expectProblem(reply, 400, 'request-invalid');
  });
});

describe('filter text is data', () => {
  const injection = "'; drop table customer; --";

  it('SQL metacharacters in filters give a clean 400 or an empty list, and the table stays', async () => {
    const unclosed = await admin.get(`${DEMO}/customers`, { query: { 'filter[name]': injection } });
    expectProblem(unclosed, 400, 'filter-invalid', 'name');

    const quoted = await admin.get(`${DEMO}/customers`, {
      query: { 'filter[name]': `'${injection.replaceAll("'", "''")}'` },
    });
    expect(ok(quoted)).toEqual({ items: [], total: 0, limit: 50, offset: 0 });

    const wildcard = await admin.get(`${DEMO}/customers`, { query: { 'filter[no]': "*' OR '1'='1*" } });
    expect(ok(wildcard).total).toBe(0);

    const parens = await admin.get(`${DEMO}/customers`, { query: { 'filter[name]': 'x); DROP TABLE customer;--' } });
    expectProblem(parens, 400, 'filter-invalid', 'name');

    const sort = await admin.get(`${DEMO}/customers`, { query: { sort: 'name; drop table customer' } });
    expectProblem(sort, 400, 'sort-field-unknown', 'sort');

    const field = await admin.get(`${DEMO}/customers`, { query: { 'filter[name;drop table customer]': 'x' } });
    expectProblem(field, 400, 'filter-field-unknown');

    const still = await sql<{ n: number }>`select count(*) as n from customer`.execute(t.app.database.db);
    expect(Number(still.rows[0]?.n)).toBeGreaterThanOrEqual(2);
    expect(ok(await admin.get(`${DEMO}/customers`)).total).toBeGreaterThanOrEqual(2);
  });

  it('SQL metacharacters in a path are just an unknown key', async () => {
    const reply = await admin.get(`${DEMO}/customers/${encodeURIComponent("C10000' OR '1'='1")}`);
    expectProblem(reply, 404, 'customer-not-found');
  });
});

describe('response headers', () => {
  it('carries the security headers of helmet and a request id', async () => {
    const reply = await admin.get(`${DEMO}/customers`);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(reply.headers['strict-transport-security']).toContain('max-age=');
    expect(reply.headers['content-security-policy']).toContain("default-src 'self'");
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    expect(reply.headers['x-request-id']).toBeTruthy();
    const problem = await anonymous(t.server).get(`${DEMO}/customers`);
    expect(problem.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('sign-in', () => {
  it('is rate-limited: the 11th attempt within a minute is refused with 429 rate-limited', async () => {
    const limited = await startServer({ productionSignInLimit: true });
    try {
      const attempt = () =>
        limited.server.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          payload: { userId: 'ADMIN', password: 'wrong password' },
          remoteAddress: '203.0.113.7',
        });
      for (let i = 0; i < 10; i += 1) {
        const reply = await attempt();
        expect(reply.statusCode).toBe(401);
        expect(reply.json().code).toBe('sign-in-failed');
      }
      const refused = await attempt();
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().code).toBe('rate-limited');
      // Even the right password waits out the minute from that address.
      const right = await limited.server.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { userId: 'ADMIN', password: 'werkstroom-demo' },
        remoteAddress: '203.0.113.7',
      });
      expect(right.statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
