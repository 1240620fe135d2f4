import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_COMPANY } from '../../src/demo/demo-data.ts';
import { enableWorkflow } from '../../src/engine/definition/enable.ts';
import { workflowFromTemplate } from '../../src/templates/index.ts';
import { setRequestOptions } from '../approvals/actions/fixtures.ts';
import {
  type Client,
  DEMO,
  expectProblem,
  ok,
  signIn,
  startServer,
  type TestServer,
} from '../server/records/client.ts';

let t: TestServer;
let alicia: Client;
let mary: Client;
let admin: Client;

beforeAll(async () => {
  t = await startServer();
  // WS-CCLCAPW with the demo's FINANCE group: MARY or SEAN first (any of them), then ADMIN.
  await t.app.run({ company: DEMO_COMPANY.code, userId: 'ADMIN' }, async (ctx) => {
    const copy = await workflowFromTemplate(ctx, 'WS-CCLCAPW');
    await setRequestOptions(ctx, copy.code, { workflowUserGroup: 'FINANCE' });
    await enableWorkflow(ctx, copy.code);
  });
  alicia = await signIn(t.server, 'ALICIA');
  mary = await signIn(t.server, 'MARY');
  admin = await signIn(t.server, 'ADMIN');
});
afterAll(async () => t.close());

const HELD = {
  table: 'customer',
  recordKey: 'C10000',
  record: 'Customer C10000',
  field: 'creditLimitLcy',
  fieldCaption: 'Credit limit (LCY)',
  oldValue: '10000',
  newValue: '20000',
  details: 'Credit limit (LCY) changed from 10000 to 20000',
  workflowCode: 'WS-CCLCAPW-01',
  status: 'held',
  active: true,
  createdBy: 'ALICIA',
  decidedAt: null,
};

describe('held field changes over HTTP', () => {
  let changeId: number;

  it('PATCH of a raised credit limit keeps the old value, says it was sent for approval, and the change is listed as held', async () => {
    const before = ok(await alicia.get(`${DEMO}/customers/C10000`));
    const patched = await alicia.patch(
      `${DEMO}/customers/C10000`,
      { creditLimitLcy: '20000' },
      { headers: { 'if-match': `"${before.revision}"` } },
    );
    // The answer is the customer as the workflow left it (the old limit, a new revision), with what
    // the workflow said.
    expect(ok(patched)).toMatchObject({ no: 'C10000', creditLimitLcy: '10000' });
    expect(patched.body.messages).toEqual([expect.stringContaining('sent for approval')]);
    expect(patched.body.revision).toBeGreaterThan(before.revision);
    expect(patched.headers.etag).toBe(`"${patched.body.revision}"`);
    expect(ok(await alicia.get(`${DEMO}/customers/C10000`)).creditLimitLcy).toBe('10000');

    const held = ok(await alicia.get(`${DEMO}/record-changes`, { query: { 'filter[active]': 'true' } }));
    expect(held).toMatchObject({ total: 1, items: [HELD] });
    changeId = held.items[0].id;
    expect(ok(await alicia.get(`${DEMO}/record-changes/${changeId}`))).toMatchObject({ id: changeId, ...HELD });
    expect(ok(await alicia.get(`${DEMO}/record-changes`, { query: { 'filter[table]': 'vendor' } })).total).toBe(0);
    expectProblem(await alicia.get(`${DEMO}/record-changes/99999`), 404, 'record-change-not-found');
    expectProblem(
      await alicia.get(`${DEMO}/record-changes`, { query: { table: 'customer' } }),
      400,
      'query-parameter-unknown',
    );
  });

  it('the approval entries of the change are related to it and say what changed', async () => {
    const page = ok(await mary.get(`${DEMO}/approval-entries`));
    expect(page.items).toMatchObject([
      {
        table: 'customer',
        recordKey: 'C10000',
        senderId: 'ALICIA',
        relatedToChange: true,
        changeDetails: HELD.details,
      },
    ]);
    const one = ok(await mary.get(`${DEMO}/approval-entries/${page.items[0].id}`));
    expect(one).toMatchObject({ relatedToChange: true, changeDetails: HELD.details });
  });

  it('approved in both sequences, the new limit is applied and the change is no longer held', async () => {
    const [marys] = ok(await mary.get(`${DEMO}/approval-entries`)).items;
    ok(await mary.post(`${DEMO}/approval-entries/${marys.id}/approve`, {}));
    expect(ok(await alicia.get(`${DEMO}/customers/C10000`)).creditLimitLcy).toBe('10000');
    const [admins] = ok(await admin.get(`${DEMO}/approval-entries`)).items;
    expect(admins).toMatchObject({ sequence: 2, relatedToChange: true });
    ok(await admin.post(`${DEMO}/approval-entries/${admins.id}/approve`, {}));

    expect(ok(await alicia.get(`${DEMO}/customers/C10000`)).creditLimitLcy).toBe('20000');
    expect(ok(await alicia.get(`${DEMO}/record-changes`, { query: { 'filter[active]': 'true' } })).total).toBe(0);
    expect(ok(await alicia.get(`${DEMO}/record-changes/${changeId}`))).toMatchObject({
      status: 'applied',
      active: false,
      decidedBy: 'ADMIN',
    });
  });
});
