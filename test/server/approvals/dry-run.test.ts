import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASE, type Client, expectProblem, ok, signIn, startServer, type TestServer } from './client.ts';
import { footprint, libraryDocument } from './fixtures.ts';

const PO = { table: 'purchase-header', key: '["order","PO-0001"]' } as const;
const DRY_RUN = `${BASE}/approval-requests/dry-run`;

let t: TestServer;
let alicia: Client;

beforeEach(async () => {
  t = await startServer();
  alicia = await signIn(t.server, 'ALICIA');
});
afterEach(async () => {
  await t.close();
});

describe('POST …/approval-requests/dry-run', () => {
  it('tells which workflow would start and which entries it would create, with their reasons', async () => {
    const plan = ok(await alicia.post(DRY_RUN, PO));
    expect(plan).toEqual({
      table: 'purchase-header',
      key: PO.key,
      wouldStart: true,
      workflow: { code: 'WS-POAPW-01', description: 'Purchase order approval' },
      entries: [
        expect.objectContaining({
          sequence: 1,
          approverId: 'ALICIA',
          status: 'Approved',
          reason: "requester: purchase limit 0 does not cover 954.00; the requester's own entry is approved at once",
          amountLcy: '954.00',
          approvalType: 'approver',
          limitType: 'approval-limits',
        }),
        expect.objectContaining({
          sequence: 2,
          approverId: 'SEAN',
          status: 'Open',
          reason: 'approver chain step 1 from ALICIA: unlimited purchase limit',
        }),
      ],
      messages: ['An approval request has been sent.'],
      documentStatus: 'Pending Approval',
      summary: 'Workflow WS-POAPW-01 would start and create 2 approval entries, asking SEAN.',
    });
  });

  it('writes nothing: no entries, events, instances, notifications, restrictions or status change', async () => {
    const before = await footprint(t.app);
    ok(await alicia.post(DRY_RUN, PO));
    ok(await (await signIn(t.server, 'JOHN')).post(DRY_RUN, { table: 'sales-header', key: '["order","SO-0001"]' }));
    ok(await (await signIn(t.server, 'MARY')).post(DRY_RUN, { table: 'customer', key: 'C10000' }));
    expect(await footprint(t.app)).toEqual(before);
    const sean = await signIn(t.server, 'SEAN');
    expect(ok(await sean.get(`${BASE}/approval-entries`)).total).toBe(0);
    // A real send afterwards creates exactly what the dry run showed.
    const plan = ok(await alicia.post(DRY_RUN, PO));
    const sent = ok(await alicia.post(`${BASE}/approval-requests`, PO));
    const shape = (e: { sequence: number; approverId: string; status: string; reason: string }) => [
      e.sequence,
      e.approverId,
      e.status,
      e.reason,
    ];
    expect(sent.entries.map(shape)).toEqual(plan.entries.map(shape));
    expect(await footprint(t.app)).not.toEqual(before);
  });

  it('says so when no workflow would start: no workflow for the table, or the record already sent', async () => {
    const mary = await signIn(t.server, 'MARY');
    const vendor = ok(await mary.post(DRY_RUN, { table: 'vendor', key: 'V10000' }));
    expect(vendor).toMatchObject({ wouldStart: false, workflow: null, entries: [], messages: [] });
    expect(vendor.summary).toMatch(/^No workflow would start/);
    ok(await alicia.post(`${BASE}/approval-requests`, PO));
    const again = ok(await alicia.post(DRY_RUN, PO));
    expect(again).toMatchObject({ wouldStart: false, entries: [] });
    expect(again.documentStatus).toBeUndefined();
    ok(await mary.post(`${BASE}/customers/C10000/send-approval-request`));
    const waiting = ok(await mary.post(DRY_RUN, { table: 'customer', key: 'C10000' }));
    expect(waiting).toMatchObject({ wouldStart: false, workflow: null, entries: [] });
  });

  it('routes for the caller: a customer sent by MARY goes to her direct approver', async () => {
    const mary = await signIn(t.server, 'MARY');
    const plan = ok(await mary.post(DRY_RUN, { table: 'customer', key: 'C10000' }));
    expect(plan.workflow).toEqual({ code: 'WS-CUSTAPW-01', description: 'Customer approval' });
    expect(plan.entries).toMatchObject([{ approverId: 'SEAN', status: 'Open', reason: 'direct approver of MARY' }]);
    expect(plan.documentStatus).toBeUndefined();
  });

  it('answers errors a real send would give, and still writes nothing', async () => {
    const empty = await libraryDocument(t.app, 'ALICIA', 'purchase', 'V10000', []);
    const before = await footprint(t.app);
    expectProblem(
      await alicia.post(DRY_RUN, { table: 'purchase-header', key: empty.key }),
      400,
      'document-has-no-lines',
    );
    expectProblem(await alicia.post(DRY_RUN, { table: 'item', key: '4711' }), 404, 'record-not-found');
    expectProblem(await alicia.post(DRY_RUN, { table: 'gl-account', key: '1' }), 400, 'request-invalid');
    expect(await footprint(t.app)).toEqual(before);
  });
});
