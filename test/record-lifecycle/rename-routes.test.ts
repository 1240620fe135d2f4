import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  DEMO,
  expectProblem,
  ok,
  signIn,
  startServer,
  type TestServer,
  withToken,
} from '../server/records/client.ts';

let t: TestServer;
let alicia: Client;
let sean: Client;

beforeAll(async () => {
  t = await startServer();
  alicia = await signIn(t.server, 'ALICIA');
  sean = await signIn(t.server, 'SEAN');
});
afterAll(async () => t.close());

describe('POST …/customers/:no/rename (and vendors, items)', () => {
  it('renames a customer with a pending approval request: the answer is the renamed record; entries and restriction follow, and the approval can still be given', async () => {
    ok(await alicia.post(`${DEMO}/customers`, { no: 'C30000', name: 'Litware Inc.' }), 201);
    const sent = ok(await alicia.post(`${DEMO}/approval-requests`, { table: 'customer', key: 'C30000' }));
    const open = sent.entries.find((e: { status: string }) => e.status === 'Open');
    expect(open).toBeDefined();

    const renamed = await alicia.post(
      `${DEMO}/customers/C30000/rename`,
      { newNo: 'c31000' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(ok(renamed)).toMatchObject({ no: 'C31000', name: 'Litware Inc.', revision: 2 });
    expect(renamed.headers.etag).toBe('"2"');
    expect(renamed.headers['content-location']).toBe('/api/v1/companies/DEMO/customers/C31000');
    expectProblem(await alicia.get(`${DEMO}/customers/C30000`), 404, 'customer-not-found');
    expect(ok(await alicia.get(`${DEMO}/customers/C31000`)).name).toBe('Litware Inc.');

    const entries = ok(await alicia.get(`${DEMO}/approval-entries?view=sent&table=customer&key=C31000`));
    expect(entries.items.map((e: { id: number; recordKey: string }) => [e.id, e.recordKey])).toContainEqual([
      open.id,
      'C31000',
    ]);
    const restricted = ok(await alicia.get(`${DEMO}/restricted-records`));
    const customerKeys = restricted.items
      .filter((r: { table: string }) => r.table === 'customer')
      .map((r: { key: string }) => r.key);
    expect(customerKeys).toContain('C31000');
    expect(customerKeys).not.toContain('C30000');

    // Deleting while the request waits is refused; once approved, the restriction is gone and it may go.
    expectProblem(await alicia.delete(`${DEMO}/customers/C31000`), 409, 'record-approval-pending');
    ok(await sean.post(`${DEMO}/approval-entries/${open.id}/approve`, {}));
    const after = ok(await alicia.get(`${DEMO}/restricted-records`));
    expect(after.items.map((r: { key: string }) => r.key)).not.toContain('C31000');
    expect(ok(await alicia.delete(`${DEMO}/customers/C31000`))).toEqual({ ok: true });
  });

  it('renames a vendor and an item the same way', async () => {
    ok(await alicia.post(`${DEMO}/vendors`, { no: 'V30000', name: 'Proseware' }), 201);
    expect(ok(await alicia.post(`${DEMO}/vendors/V30000/rename`, { newNo: 'V31000' }))).toMatchObject({
      no: 'V31000',
      name: 'Proseware',
      revision: 2,
    });
    ok(await alicia.post(`${DEMO}/items`, { no: '3000', description: 'Lamp' }), 201);
    expect(ok(await alicia.post(`${DEMO}/items/3000/rename`, { newNo: '3000-L' }))).toMatchObject({
      no: '3000-L',
      description: 'Lamp',
    });
  });

  it('refuses a taken, invalid or stale new no., an unknown record, a malformed body and a read-only token', async () => {
    ok(await alicia.post(`${DEMO}/customers`, { no: 'C40000', name: 'Fourth Coffee' }), 201);
    const url = `${DEMO}/customers/C40000/rename`;
    expectProblem(await alicia.post(url, { newNo: 'C10000' }), 409, 'customer-exists');
    expectProblem(await alicia.post(url, { newNo: 'two words' }), 400, 'customer-no-invalid', 'newNo');
    expectProblem(
      await alicia.post(url, { newNo: 'C41000' }, { headers: { 'if-match': '"9"' } }),
      412,
      'customer-revision-stale',
    );
    expectProblem(await alicia.post(`${DEMO}/customers/NOPE/rename`, { newNo: 'C41000' }), 404, 'customer-not-found');
    expect((await alicia.post(url, { newNo: 'C41000', name: 'x' })).status).toBe(400);
    expect((await alicia.post(url, {})).status).toBe(400);
    const { client: reader } = await withToken(alicia, 'read');
    expectProblem(await reader.post(url, { newNo: 'C41000' }), 403, 'token-scope-insufficient');
    // Nothing changed.
    expect(ok(await alicia.get(`${DEMO}/customers/C40000`))).toMatchObject({ no: 'C40000', revision: 1 });
  });
});
