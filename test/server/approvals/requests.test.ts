import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDocument } from '../../../src/records/index.ts';
import { BASE, COMPANY, expectProblem, ok, signIn, startServer, type TestServer } from './client.ts';
import { enableTemplates, libraryDocument } from './fixtures.ts';

/** The seeded demo: ALICIA's purchase order PO-0001 (954.00) and JOHN's sales order SO-0001 (798.00). */
const PO = { table: 'purchase-header', key: '["order","PO-0001"]' } as const;

let t: TestServer;
beforeEach(async () => {
  t = await startServer();
});
afterEach(async () => {
  await t.close();
});

const status = (area: 'purchase' | 'sales', no: string) =>
  t.app.run({ company: COMPANY, userId: 'ADMIN' }, async (ctx) => (await getDocument(ctx, area, 'order', no)).status);

describe('POST …/approval-requests', () => {
  it('sends a record by table and key and answers with the created entries and the messages', async () => {
    const alicia = await signIn(t.server, 'ALICIA');
    const sent = ok(await alicia.post(`${BASE}/approval-requests`, PO));
    expect(sent.instanceId).toEqual(expect.any(String));
    expect(sent.messages).toEqual(['An approval request has been sent.']);
    expect(sent.entries).toMatchObject([
      { sequence: 1, approverId: 'ALICIA', senderId: 'ALICIA', status: 'Approved', approvalCode: 'WS-POAPW-01' },
      {
        sequence: 2,
        approverId: 'SEAN',
        status: 'Open',
        table: 'purchase-header',
        recordKey: PO.key,
        documentNo: 'PO-0001',
        amount: '954.00',
        reason: 'approver chain step 1 from ALICIA: unlimited purchase limit',
        instanceId: sent.instanceId,
      },
    ]);
    expect(await status('purchase', 'PO-0001')).toBe('Pending Approval');
  });

  it('refuses a second send while the request is open (409) and anything but an approval table (400)', async () => {
    const alicia = await signIn(t.server, 'ALICIA');
    ok(await alicia.post(`${BASE}/approval-requests`, PO));
    expectProblem(await alicia.post(`${BASE}/approval-requests`, PO), 409, 'approval-workflow-missing');
    const bad = expectProblem(
      await alicia.post(`${BASE}/approval-requests`, { table: 'gl-account', key: '1000' }),
      400,
      'request-invalid',
    );
    expect(bad.field).toBe('table');
    expectProblem(await alicia.post(`${BASE}/approval-requests`, { table: 'customer' }), 400, 'request-invalid');
  });

  it('answers 404 for a record that does not exist and 400 for a document without lines', async () => {
    const alicia = await signIn(t.server, 'ALICIA');
    expectProblem(
      await alicia.post(`${BASE}/approval-requests`, { table: 'purchase-header', key: '["order","PO-9999"]' }),
      404,
      'record-not-found',
    );
    const empty = await libraryDocument(t.app, 'ALICIA', 'purchase', 'V10000', []);
    expectProblem(
      await alicia.post(`${BASE}/approval-requests`, { table: 'purchase-header', key: empty.key }),
      400,
      'document-has-no-lines',
    );
  });

  it('needs a signed-in member with the CSRF token and, for tokens, write scope', async () => {
    const noSession = await t.server.inject({ method: 'POST', url: `${BASE}/approval-requests`, payload: PO });
    expect(noSession.statusCode).toBe(401);
    const alicia = await signIn(t.server, 'ALICIA');
    expectProblem(
      await alicia.post(`${BASE}/approval-requests`, PO, { 'x-csrf-token': 'forged' }),
      403,
      'csrf-token-invalid',
    );
    expectProblem(await alicia.post('/api/v1/companies/NOPE/approval-requests', PO), 404, 'company-not-found');
    const token = ok(await alicia.post('/api/v1/me/tokens', { name: 'reader', scope: 'read' }), 201).token;
    const byToken = await t.server.inject({
      method: 'POST',
      url: `${BASE}/approval-requests`,
      headers: { authorization: `Bearer ${token}` },
      payload: PO,
    });
    expect(byToken.statusCode).toBe(403);
    expect(byToken.json()).toMatchObject({ code: 'token-scope-insufficient' });
    expect(await status('purchase', 'PO-0001')).toBe('Open');
  });
});

describe('POST …/approval-requests/cancel', () => {
  it('cancels the open request for its sender: entries Canceled, the document Open again', async () => {
    const alicia = await signIn(t.server, 'ALICIA');
    ok(await alicia.post(`${BASE}/approval-requests`, PO));
    const canceled = ok(await alicia.post(`${BASE}/approval-requests/cancel`, PO));
    expect(canceled.entries.map((e: { status: string }) => e.status)).toEqual(['Canceled', 'Canceled']);
    expect(canceled.messages.length).toBeGreaterThan(0);
    expect(await status('purchase', 'PO-0001')).toBe('Open');
    expectProblem(await alicia.post(`${BASE}/approval-requests/cancel`, PO), 409, 'approval-request-missing');
  });

  it('refuses someone who neither sent it nor is the approval administrator; the administrator may', async () => {
    const alicia = await signIn(t.server, 'ALICIA');
    ok(await alicia.post(`${BASE}/approval-requests`, PO));
    const mary = await signIn(t.server, 'MARY');
    expectProblem(await mary.post(`${BASE}/approval-requests/cancel`, PO), 403, 'approval-cancel-forbidden');
    const admin = await signIn(t.server, 'ADMIN');
    const canceled = ok(await admin.post(`${BASE}/approval-requests/cancel`, PO));
    expect(canceled.entries.every((e: { status: string }) => e.status === 'Canceled')).toBe(true);
  });
});

describe('convenience routes per kind of record', () => {
  it('send and cancel a purchase document by type and no. (any case)', async () => {
    const alicia = await signIn(t.server, 'ALICIA');
    const sent = ok(await alicia.post(`${BASE}/purchase-documents/order/po-0001/send-approval-request`));
    expect(sent.entries.map((e: { approverId: string }) => e.approverId)).toEqual(['ALICIA', 'SEAN']);
    expect(sent.entries[0].recordKey).toBe(PO.key);
    const canceled = ok(await alicia.post(`${BASE}/purchase-documents/order/PO-0001/cancel-approval-request`));
    expect(canceled.entries.map((e: { status: string }) => e.status)).toEqual(['Canceled', 'Canceled']);
    expectProblem(
      await alicia.post(`${BASE}/purchase-documents/bestelling/PO-0001/send-approval-request`),
      400,
      'request-invalid',
    );
    expectProblem(
      await alicia.post(`${BASE}/purchase-documents/invoice/PO-0001/send-approval-request`),
      404,
      'record-not-found',
    );
  });

  it('send and cancel a sales document', async () => {
    const john = await signIn(t.server, 'JOHN');
    const sent = ok(await john.post(`${BASE}/sales-documents/order/SO-0001/send-approval-request`));
    expect(sent.entries).toMatchObject([
      { approverId: 'JOHN', status: 'Approved', approvalCode: 'WS-SOAPW-01' },
      { approverId: 'MARY', status: 'Open', reason: 'approver chain step 1 from JOHN: sales limit 5000 covers 798.00' },
    ]);
    expect(await status('sales', 'SO-0001')).toBe('Pending Approval');
    ok(await john.post(`${BASE}/sales-documents/order/SO-0001/cancel-approval-request`));
    expect(await status('sales', 'SO-0001')).toBe('Open');
  });

  it('send and cancel a customer', async () => {
    const mary = await signIn(t.server, 'MARY');
    const sent = ok(await mary.post(`${BASE}/customers/c10000/send-approval-request`));
    expect(sent.entries).toMatchObject([
      { table: 'customer', recordKey: 'C10000', approverId: 'SEAN', status: 'Open', reason: 'direct approver of MARY' },
    ]);
    expectProblem(await mary.post(`${BASE}/customers/C10000/send-approval-request`), 409, 'approval-request-exists');
    const canceled = ok(await mary.post(`${BASE}/customers/C10000/cancel-approval-request`));
    expect(canceled.entries).toMatchObject([{ status: 'Canceled' }]);
    expectProblem(await mary.post(`${BASE}/customers/C99999/send-approval-request`), 404, 'record-not-found');
  });

  it('send and cancel a vendor and an item once their workflows are enabled', async () => {
    const mary = await signIn(t.server, 'MARY');
    expectProblem(await mary.post(`${BASE}/vendors/V10000/send-approval-request`), 409, 'approval-workflow-missing');
    await enableTemplates(t.app, 'WS-VENDAPW', 'WS-ITEMAPW');
    for (const path of ['vendors/V10000', 'items/1000']) {
      const sent = ok(await mary.post(`${BASE}/${path}/send-approval-request`));
      expect(sent.entries).toMatchObject([{ approverId: 'SEAN', status: 'Open' }]);
      const canceled = ok(await mary.post(`${BASE}/${path}/cancel-approval-request`));
      expect(canceled.entries).toMatchObject([{ status: 'Canceled' }]);
    }
  });
});
