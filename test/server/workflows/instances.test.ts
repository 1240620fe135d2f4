import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendApprovalRequest } from '../../../src/approvals/user-actions.ts';
import { runPurchaseOrderWalkthrough } from '../../../src/demo/walkthrough.ts';
import { addLine, createDocument, documentKey } from '../../../src/records/index.ts';
import { API, COMPANY, type Session, startTestServer, type TestServer } from './client.ts';

let t: TestServer;
let alicia: Session;
let orderKey: string;
let liveOrderInstance: string;
let liveCustomerInstance: string;

beforeAll(async () => {
  t = await startTestServer();
  alicia = await t.signIn('ALICIA');
  // One finished (archived) instance: the walkthrough's order, approved by Sean.
  await runPurchaseOrderWalkthrough(t.app, () => {});
  // Two running ones: a purchase order and a customer waiting for approval.
  const as = { company: COMPANY, userId: 'ALICIA' };
  orderKey = await t.app.run(as, async (ctx) => {
    const order = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V20000' });
    await addLine(ctx, order, { type: 'item', no: '1000', quantity: '1' });
    return documentKey(order);
  });
  liveOrderInstance = (await t.app.run(as, (ctx) => sendApprovalRequest(ctx, 'purchase-header', orderKey)))
    .instanceId as string;
  liveCustomerInstance = (await t.app.run(as, (ctx) => sendApprovalRequest(ctx, 'customer', 'C20000')))
    .instanceId as string;
});
afterAll(async () => t.close());

describe('workflow instances', () => {
  it('lists running instances, oldest first, with paging', async () => {
    const reply = await t.call('GET', `${API}/workflow-instances`, { as: alicia });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(reply.body.items.map((i: { id: string }) => i.id)).toEqual([liveOrderInstance, liveCustomerInstance]);
    const [order] = reply.body.items;
    expect(order).toMatchObject({
      workflowCode: 'WS-POAPW-01',
      record: { table: 'purchase-header', key: orderKey },
      createdBy: 'ALICIA',
      versionId: expect.any(Number),
    });
    expect(order.archivedAt).toBeUndefined();
    expect(order.steps[0]).toMatchObject({ id: expect.any(Number), type: 'event', status: 'completed' });

    const second = await t.call('GET', `${API}/workflow-instances?limit=1&offset=1`, { as: alicia });
    expect(second.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(second.body.items.map((i: { id: string }) => i.id)).toEqual([liveCustomerInstance]);
  });

  it('filters by workflow, and by record table and key', async () => {
    const byWorkflow = await t.call('GET', `${API}/workflow-instances?workflow=ws-custapw-01`, { as: alicia });
    expect(byWorkflow.body.items.map((i: { id: string }) => i.id)).toEqual([liveCustomerInstance]);
    const byRecord = await t.call(
      'GET',
      `${API}/workflow-instances?table=purchase-header&key=${encodeURIComponent(orderKey)}`,
      { as: alicia },
    );
    expect(byRecord.body.items.map((i: { id: string }) => i.id)).toEqual([liveOrderInstance]);
    const none = await t.call('GET', `${API}/workflow-instances?table=vendor`, { as: alicia });
    expect(none.body).toMatchObject({ items: [], total: 0 });
    const keyAlone = await t.call('GET', `${API}/workflow-instances?key=x`, { as: alicia });
    expect(keyAlone.status).toBe(400);
    expect(keyAlone.body).toMatchObject({ code: 'instance-filter-invalid', field: 'key' });
  });

  it('refuses bad paging, naming the parameter', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['offset=-1', 'offset'],
      ['limit=ten', 'limit'],
    ]) {
      const reply = await t.call('GET', `${API}/workflow-instances?${query}`, { as: alicia });
      expect(reply.status, query).toBe(400);
      expect(reply.body).toMatchObject({ code: 'request-invalid', field });
    }
  });

  it('lists archived instances with the time they were archived', async () => {
    const reply = await t.call('GET', `${API}/workflow-instances/archive`, { as: alicia });
    expect(reply.status).toBe(200);
    expect(reply.body.total).toBe(1);
    expect(reply.body.items[0]).toMatchObject({
      workflowCode: 'WS-POAPW-01',
      record: { table: 'purchase-header' },
      archivedAt: expect.any(String),
    });
    const filtered = await t.call('GET', `${API}/workflow-instances/archive?workflow=WS-SOAPW-01`, { as: alicia });
    expect(filtered.body).toMatchObject({ items: [], total: 0 });
  });

  it('reads one instance, running or archived; an unknown id is 404', async () => {
    const live = await t.call('GET', `${API}/workflow-instances/${liveOrderInstance}`, { as: alicia });
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ id: liveOrderInstance, workflowCode: 'WS-POAPW-01' });
    const archivedId = (await t.call('GET', `${API}/workflow-instances/archive`, { as: alicia })).body.items[0].id;
    const archived = await t.call('GET', `${API}/workflow-instances/${archivedId}`, { as: alicia });
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ id: archivedId, archivedAt: expect.any(String) });
    const unknown = await t.call('GET', `${API}/workflow-instances/no-such-instance`, { as: alicia });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('workflow-instance-not-found');
  });
});
