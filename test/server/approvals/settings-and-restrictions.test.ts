import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, type Client, expectProblem, signIn, startServer, type TestServer } from './client.ts';

describe('approval settings and restrictions over HTTP', () => {
  let t: TestServer;
  let admin: Client;
  let alicia: Client;
  beforeAll(async () => {
    t = await startServer();
    admin = await signIn(t.server, 'ADMIN');
    alicia = await signIn(t.server, 'ALICIA');
  });
  afterAll(async () => t.close());

  it('D13: the approval administrator switches forbidSelfApproval on; other users may only read it', async () => {
    expect((await alicia.get(`${BASE}/approval-settings`)).body).toMatchObject({
      forbidSelfApproval: false,
      timeZone: 'Europe/Amsterdam',
    });
    expectProblem(await alicia.put(`${BASE}/approval-settings`, { forbidSelfApproval: true }), 403, 'role-required');
    const changed = await admin.put(`${BASE}/approval-settings`, { forbidSelfApproval: true });
    expect(changed.status).toBe(200);
    expect(changed.body.forbidSelfApproval).toBe(true);
    expect((await alicia.get(`${BASE}/approval-settings`)).body.forbidSelfApproval).toBe(true);
    await admin.put(`${BASE}/approval-settings`, { forbidSelfApproval: false });
  });

  it('D8: a restriction kept after a rejection can be lifted by hand by the approval administrator only', async () => {
    const order = await alicia.post(`${BASE}/purchase-documents`, { documentType: 'order', partyNo: 'V10000' });
    expect(order.status).toBe(201);
    const no = order.body.no as string;
    await alicia.post(`${BASE}/purchase-documents/order/${no}/lines`, { type: 'item', no: '1000', quantity: '1' });
    const sent = await alicia.post(`${BASE}/purchase-documents/order/${no}/send-approval-request`);
    expect(sent.status).toBe(200);
    const sean = await signIn(t.server, 'SEAN');
    const open = (sent.body.entries as { id: number; status: string }[]).find((e) => e.status === 'Open');
    expect((await sean.post(`${BASE}/approval-entries/${open?.id}/reject`)).status).toBe(200);
    const key = JSON.stringify(['order', no]);
    const restricted = await admin.get(`${BASE}/restricted-records`);
    expect(restricted.body.items.map((r: { key: string }) => r.key)).toContain(key);
    expectProblem(
      await alicia.post(`${BASE}/restricted-records/remove`, { table: 'purchase-header', key }),
      403,
      'role-required',
    );
    expect((await admin.post(`${BASE}/restricted-records/remove`, { table: 'purchase-header', key })).status).toBe(200);
    expect((await admin.get(`${BASE}/restricted-records`)).body.items.map((r: { key: string }) => r.key)).not.toContain(
      key,
    );
    expectProblem(
      await admin.post(`${BASE}/restricted-records/remove`, { table: 'purchase-header', key }),
      404,
      'restriction-not-found',
    );
  });
});
