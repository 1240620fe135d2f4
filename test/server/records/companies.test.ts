import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, DEMO, expectProblem, ok, signIn, startServer, type TestServer, withToken } from './client.ts';

let t: TestServer;
let admin: Client;
let alicia: Client;
let mary: Client;

beforeAll(async () => {
  t = await startServer();
  admin = await signIn(t.server, 'ADMIN');
  alicia = await signIn(t.server, 'ALICIA');
  mary = await signIn(t.server, 'MARY');
});
afterAll(async () => t.close());

describe('companies', () => {
  it('lists the companies I belong to, with my roles', async () => {
    expect(ok(await admin.get('/api/v1/companies'))).toEqual({
      items: [
        {
          code: 'DEMO',
          name: 'Werkstroom Demo Ltd.',
          timeZone: 'Europe/Amsterdam',
          roles: ['workflow-admin', 'approval-admin', 'user'],
        },
      ],
      total: 1,
      limit: 50,
      offset: 0,
    });
    expect(ok(await alicia.get('/api/v1/companies')).items[0].roles).toEqual(['user']);
  });

  it('lets any signed-in user create a company, of which they become a member with every role', async () => {
    const created = await mary.post('/api/v1/companies', {
      code: 'mary-co',
      name: 'Mary & Co.',
      timeZone: 'Europe/Brussels',
    });
    expect(ok(created, 201)).toEqual({
      code: 'MARY-CO',
      name: 'Mary & Co.',
      timeZone: 'Europe/Brussels',
      roles: ['workflow-admin', 'approval-admin', 'user'],
    });
    expect(created.headers.location).toBe('/api/v1/companies/MARY-CO');
    const mine = ok(await mary.get('/api/v1/companies', { query: { sort: '-code' } }));
    expect(mine.items.map((c: { code: string }) => c.code)).toEqual(['MARY-CO', 'DEMO']);
    expect(ok(await mary.get('/api/v1/companies', { query: { 'filter[name]': '@*mary*' } })).total).toBe(1);
    // The new company starts empty and is Mary's alone.
    expect(ok(await mary.get('/api/v1/companies/MARY-CO/customers')).total).toBe(0);
    expectProblem(await admin.get('/api/v1/companies/MARY-CO/customers'), 404, 'company-not-found');
    expect(ok(await admin.get('/api/v1/companies')).total).toBe(1);
  });

  it('refuses bad companies with the field', async () => {
    expectProblem(
      await mary.post('/api/v1/companies', { code: 'no spaces', name: 'x' }),
      400,
      'company-code-invalid',
      'code',
    );
    expectProblem(
      await mary.post('/api/v1/companies', { code: 'DEMO', name: 'Again' }),
      409,
      'company-code-taken',
      'code',
    );
    expectProblem(
      await mary.post('/api/v1/companies', { code: 'TZ', name: 'x', timeZone: 'Mars/Olympus' }),
      400,
      'company-time-zone-invalid',
      'timeZone',
    );
    expectProblem(await mary.post('/api/v1/companies', { code: 'NONAME' }), 400, 'request-invalid', 'name');
    expectProblem(await mary.post('/api/v1/companies', { code: 'BLANK', name: '   ' }), 400, 'request-invalid', 'name');
    expectProblem(await mary.get('/api/v1/companies/TZ/members'), 404, 'company-not-found');
  });
});

describe('members', () => {
  it('lists the members of a company with names and roles (any member may read)', async () => {
    const list = ok(await alicia.get(`${DEMO}/members`));
    expect(list.total).toBe(5);
    expect(list.items[0]).toEqual({
      userId: 'ADMIN',
      name: 'Ada Admin',
      email: 'admin@demo.werkstroom.test',
      roles: ['workflow-admin', 'approval-admin', 'user'],
    });
    const filtered = ok(await alicia.get(`${DEMO}/members`, { query: { 'filter[userId]': 'A*', sort: '-userId' } }));
    expect(filtered.items.map((m: { userId: string }) => m.userId)).toEqual(['ALICIA', 'ADMIN']);
  });

  it('a workflow-admin sets the roles of a user, and adds a user to the company', async () => {
    const set = await admin.put(`${DEMO}/members`, { userId: 'sean', roles: ['approval-admin', 'user'] });
    expect(ok(set)).toEqual({
      userId: 'SEAN',
      name: 'Sean Chai',
      email: 'sean@demo.werkstroom.test',
      roles: ['approval-admin', 'user'],
    });
    const sean = await signIn(t.server, 'SEAN');
    expect(ok(await sean.get('/api/v1/me')).companies[0].roles).toEqual(['approval-admin', 'user']);

    // MARY owns MARY-CO and brings ALICIA in.
    expect(ok(await mary.put('/api/v1/companies/MARY-CO/members', { userId: 'ALICIA', roles: ['user'] })).userId).toBe(
      'ALICIA',
    );
    expect(ok(await alicia.get('/api/v1/companies/MARY-CO/members')).total).toBe(2);
  });

  it('needs the workflow-admin role and keeps at least one workflow-admin', async () => {
    expectProblem(
      await alicia.put(`${DEMO}/members`, { userId: 'ALICIA', roles: ['workflow-admin'] }),
      403,
      'role-required',
    );
    expectProblem(
      await admin.put(`${DEMO}/members`, { userId: 'NOBODY', roles: ['user'] }),
      400,
      'user-unknown',
      'userId',
    );
    expectProblem(
      await admin.put(`${DEMO}/members`, { userId: 'SEAN', roles: ['root'] }),
      400,
      'request-invalid',
      'roles.0',
    );
    expectProblem(await admin.put(`${DEMO}/members`, { userId: 'SEAN', roles: [] }), 400, 'request-invalid', 'roles');
    expectProblem(
      await admin.put(`${DEMO}/members`, { userId: 'ADMIN', roles: ['user'] }),
      409,
      'workflow-admin-required',
      'roles',
    );
    expect(ok(await admin.get(`${DEMO}/members`)).items[0].roles).toContain('workflow-admin');
    // Not a member of MARY-CO: the company does not exist for ADMIN.
    expectProblem(
      await admin.put('/api/v1/companies/MARY-CO/members', { userId: 'ADMIN', roles: ['workflow-admin'] }),
      404,
      'company-not-found',
    );
  });
});

describe('users', () => {
  it('lists the users I share a company with', async () => {
    const all = ok(await admin.get('/api/v1/users'));
    expect(all.items.map((u: { id: string }) => u.id)).toEqual(['ADMIN', 'ALICIA', 'JOHN', 'MARY', 'SEAN']);
    expect(all.items[0]).toEqual({
      id: 'ADMIN',
      name: 'Ada Admin',
      email: 'admin@demo.werkstroom.test',
      language: 'en',
      createdAt: expect.any(String),
    });
    const filtered = ok(await admin.get('/api/v1/users', { query: { 'filter[email]': '@*SEAN*|@*mary*' } }));
    expect(filtered.items.map((u: { id: string }) => u.id)).toEqual(['MARY', 'SEAN']);
  });

  it('a workflow-admin creates a user with a password as a member of their company', async () => {
    const created = await admin.post('/api/v1/users', {
      id: 'nina',
      name: 'Nina Novak',
      email: 'nina@demo.werkstroom.test',
      language: 'nl-BE',
      password: 'a long enough password',
      company: 'demo',
      roles: ['approval-admin', 'user'],
    });
    expect(ok(created, 201)).toEqual({
      id: 'NINA',
      name: 'Nina Novak',
      email: 'nina@demo.werkstroom.test',
      language: 'nl-BE',
      createdAt: expect.any(String),
    });
    const nina = await signIn(t.server, 'NINA', 'a long enough password');
    expect(ok(await nina.get('/api/v1/companies')).items).toEqual([
      expect.objectContaining({ code: 'DEMO', roles: ['approval-admin', 'user'] }),
    ]);
    expect(ok(await nina.get(`${DEMO}/customers`)).total).toBe(2);
    // NINA sees the six users of DEMO, herself included.
    expect(ok(await nina.get('/api/v1/users')).total).toBe(6);
  });

  it('a user sees only themselves and the members of their own companies', async () => {
    ok(
      await mary.post('/api/v1/users', {
        id: 'OSCAR',
        name: 'Oscar',
        password: 'another long password',
        company: 'MARY-CO',
      }),
      201,
    );
    const oscar = await signIn(t.server, 'OSCAR', 'another long password');
    expect(ok(await oscar.get('/api/v1/users')).items.map((u: { id: string }) => u.id)).toEqual([
      'ALICIA',
      'MARY',
      'OSCAR',
    ]);
    expect(ok(await oscar.get('/api/v1/companies')).items.map((c: { code: string }) => c.code)).toEqual(['MARY-CO']);
    expectProblem(await oscar.get(`${DEMO}/customers`), 404, 'company-not-found');
    expect(ok(await admin.get('/api/v1/users')).items.map((u: { id: string }) => u.id)).not.toContain('OSCAR');
  });

  it('refuses bad users with the field, and callers who are not workflow-admin there', async () => {
    const base = { name: 'P', password: 'long enough pw', company: 'DEMO' };
    expectProblem(await admin.post('/api/v1/users', { ...base, id: 'ADMIN' }), 409, 'user-exists', 'id');
    expectProblem(await admin.post('/api/v1/users', { ...base, id: 'bad id!' }), 400, 'user-id-invalid', 'id');
    expectProblem(
      await admin.post('/api/v1/users', { ...base, id: 'P1', password: 'short' }),
      400,
      'password-too-short',
      'password',
    );
    expectProblem(
      await admin.post('/api/v1/users', { ...base, id: 'P1', email: 'not-an-email' }),
      400,
      'user-email-invalid',
      'email',
    );
    expectProblem(
      await admin.post('/api/v1/users', { ...base, id: 'P1', password: undefined }),
      400,
      'request-invalid',
      'password',
    );
    expectProblem(await alicia.post('/api/v1/users', { ...base, id: 'P1' }), 403, 'role-required');
    expectProblem(
      await admin.post('/api/v1/users', { ...base, id: 'P1', company: 'MARY-CO' }),
      404,
      'company-not-found',
    );
    // Nothing of the refused users was kept.
    expect(ok(await admin.get('/api/v1/users', { query: { 'filter[id]': 'P1' } })).total).toBe(0);
    const bad = await t.server.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { userId: 'P1', password: 'short' },
    });
    expect(bad.statusCode).toBe(401);
  });

  it('read tokens list companies, members and users', async () => {
    const { client } = await withToken(alicia, 'read');
    expect(ok(await client.get('/api/v1/companies')).total).toBe(2);
    expect(ok(await client.get(`${DEMO}/members`)).total).toBe(6);
    expect(ok(await client.get('/api/v1/users')).total).toBeGreaterThanOrEqual(6);
  });
});
