import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, COMPANY, OTHER_COMPANY, type Session, startTestServer, type TestServer } from './client.ts';
import { ROUTES } from './route-table.ts';

let t: TestServer;
let admin: Session;
let alicia: Session;

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.signIn('ADMIN');
  alicia = await t.signIn('ALICIA');
});
afterAll(async () => t.close());

const name = (r: (typeof ROUTES)[number]) => `${r.method} ${r.template}`;
const at = (company: string, path: string) => `/api/v1/companies/${company}${path}`;

describe('who may call the workflow API', () => {
  it.each(ROUTES.map((r) => [name(r), r] as const))('%s without a session is 401', async (_, route) => {
    const reply = await t.call(route.method, at(COMPANY, route.path), { body: route.body });
    expect(reply.status).toBe(401);
    expect(String(reply.headers['content-type'])).toContain('application/problem+json');
    expect(reply.body.code).toBe('unauthenticated');
  });

  it.each(ROUTES.map((r) => [name(r), r] as const))(
    '%s in an unknown company, or one ADMIN is not a member of, is 404',
    async (_, route) => {
      for (const company of ['NOPE', OTHER_COMPANY]) {
        const reply = await t.call(route.method, at(company, route.path), { as: admin, body: route.body });
        expect(reply.status, `${company}: ${reply.text}`).toBe(404);
        expect(reply.body.code).toBe('company-not-found');
      }
    },
  );

  it.each(ROUTES.filter((r) => r.write).map((r) => [name(r), r] as const))(
    '%s as ALICIA (role user) is 403 role-required and changes nothing',
    async (_, route) => {
      const before = (await t.call('GET', `${API}/workflows`, { as: admin })).body;
      const reply = await t.call(route.method, at(COMPANY, route.path), { as: alicia, body: route.body });
      expect(reply.status, reply.text).toBe(403);
      expect(reply.body).toMatchObject({ code: 'role-required', role: 'workflow-admin' });
      expect((await t.call('GET', `${API}/workflows`, { as: admin })).body).toEqual(before);
    },
  );

  it.each(ROUTES.filter((r) => !r.write).map((r) => [name(r), r] as const))(
    '%s is open to ALICIA (any member may read)',
    async (_, route) => {
      const reply = await t.call(route.method, at(COMPANY, route.path), { as: alicia, body: route.body });
      // The instance route is called with an id that does not exist.
      expect(reply.status, reply.text).toBe(route.template === '/workflow-instances/{id}' ? 404 : 200);
    },
  );

  it('writes by cookie need the CSRF token', async () => {
    const reply = await t.call('POST', `${API}/workflows`, {
      as: { ...admin, csrf: 'forged' },
      body: { code: 'CSRF-1', description: 'x' },
    });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('csrf-token-invalid');
  });

  it('a read-scope API token may read but not write', async () => {
    const token = await t.call('POST', '/api/v1/me/tokens', { as: admin, body: { name: 'reader', scope: 'read' } });
    expect(token.status).toBe(201);
    const bearer = { authorization: `Bearer ${token.body.token}` };
    expect((await t.call('GET', `${API}/workflows`, { headers: bearer })).status).toBe(200);
    const write = await t.call('POST', `${API}/workflows`, {
      headers: bearer,
      body: { code: 'TOKEN-1', description: 'x' },
    });
    expect(write.status).toBe(403);
    expect(write.body.code).toBe('token-scope-insufficient');
  });
});
