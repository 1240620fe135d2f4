import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDocument } from '../../../src/records/index.ts';
import { BASE, type Client, COMPANY, expectProblem, ok, signIn, startServer, type TestServer } from './client.ts';
import { libraryDocument } from './fixtures.ts';

const PO_KEY = '["order","PO-0001"]';

let t: TestServer;
let alicia: Client;
let sean: Client;
/** SEAN's open entry for ALICIA's PO-0001. */
let seanEntry: number;

beforeEach(async () => {
  t = await startServer();
  alicia = await signIn(t.server, 'ALICIA');
  sean = await signIn(t.server, 'SEAN');
  const sent = ok(await alicia.post(`${BASE}/purchase-documents/order/PO-0001/send-approval-request`));
  seanEntry = sent.entries.find((e: { approverId: string }) => e.approverId === 'SEAN').id;
});
afterEach(async () => {
  await t.close();
});

const documentStatus = (no: string) =>
  t.app.run(
    { company: COMPANY, userId: 'ADMIN' },
    async (ctx) => (await getDocument(ctx, 'purchase', 'order', no)).status,
  );

/** Sends another purchase order of ALICIA's and returns SEAN's entry id. */
async function anotherOrder(): Promise<{ no: string; entry: number }> {
  const doc = await libraryDocument(t.app, 'ALICIA', 'purchase', 'V20000');
  const sent = ok(await alicia.post(`${BASE}/approval-requests`, { table: 'purchase-header', key: doc.key }));
  return { no: doc.no, entry: sent.entries.find((e: { approverId: string }) => e.approverId === 'SEAN').id };
}

describe('GET …/approval-entries', () => {
  it('lists what waits for me by default, with paging and table/key filters', async () => {
    const second = await anotherOrder();
    const page = ok(await sean.get(`${BASE}/approval-entries`));
    expect(page).toMatchObject({ total: 2, limit: 50, offset: 0 });
    expect(page.items.map((e: { id: number }) => e.id)).toEqual([seanEntry, second.entry]);
    expect(page.items[0]).toMatchObject({ approverId: 'SEAN', status: 'Open', documentNo: 'PO-0001' });

    const paged = ok(await sean.get(`${BASE}/approval-entries`, { view: 'to-approve', limit: 1, offset: 1 }));
    expect(paged).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ id: second.entry }] });
    const filtered = ok(await sean.get(`${BASE}/approval-entries`, { table: 'purchase-header', key: PO_KEY }));
    expect(filtered.items.map((e: { id: number }) => e.id)).toEqual([seanEntry]);
    expect(ok(await sean.get(`${BASE}/approval-entries`, { table: 'customer' })).total).toBe(0);
    expect(ok(await alicia.get(`${BASE}/approval-entries`)).total).toBe(0);
  });

  it('lists what I sent, everything for the approval administrator only, and what is overdue', async () => {
    const sent = ok(await alicia.get(`${BASE}/approval-entries`, { view: 'sent' }));
    expect(sent.items.map((e: { approverId: string }) => e.approverId)).toEqual(['ALICIA', 'SEAN']);
    expectProblem(await alicia.get(`${BASE}/approval-entries`, { view: 'all' }), 403, 'approval-administrator-only');
    const admin = await signIn(t.server, 'ADMIN');
    expect(ok(await admin.get(`${BASE}/approval-entries`, { view: 'all' })).total).toBe(2);

    expect(ok(await sean.get(`${BASE}/approval-entries`, { view: 'overdue' })).total).toBe(0);
    t.advanceDays(2);
    const overdue = ok(await sean.get(`${BASE}/approval-entries`, { view: 'overdue' }));
    expect(overdue.items.map((e: { id: number }) => e.id)).toEqual([seanEntry]);
    const mary = await signIn(t.server, 'MARY');
    expect(ok(await mary.get(`${BASE}/approval-entries`, { view: 'overdue' })).total).toBe(0);
  });

  it('refuses an unknown view and bad paging', async () => {
    expectProblem(await sean.get(`${BASE}/approval-entries`, { view: 'mine' }), 400, 'request-invalid');
    expectProblem(await sean.get(`${BASE}/approval-entries`, { limit: 0 }), 400, 'request-invalid');
    expectProblem(await sean.get(`${BASE}/approval-entries`, { table: 'gl-account' }), 400, 'request-invalid');
  });
});

describe('GET …/approval-entries/:id', () => {
  it('shows the entry with its history and the comments of its request', async () => {
    ok(await alicia.post(`${BASE}/approval-entries/${seanEntry}/comments`, { comment: 'Needed this week' }), 201);
    const entry = ok(await sean.get(`${BASE}/approval-entries/${seanEntry}`));
    expect(entry).toMatchObject({ id: seanEntry, approverId: 'SEAN', status: 'Open', senderId: 'ALICIA' });
    expect(entry.history.map((h: { action: string }) => h.action)).toEqual(['created', 'sent']);
    expect(entry.history[0]).toMatchObject({ toStatus: 'Created', toApprover: 'SEAN', byUser: 'ALICIA' });
    expect(entry.comments).toMatchObject([{ userId: 'ALICIA', comment: 'Needed this week', recordKey: PO_KEY }]);
  });

  it('is for its approver, sender and the approval administrator; 404 when it does not exist', async () => {
    ok(await alicia.get(`${BASE}/approval-entries/${seanEntry}`));
    ok(await (await signIn(t.server, 'ADMIN')).get(`${BASE}/approval-entries/${seanEntry}`));
    const mary = await signIn(t.server, 'MARY');
    expectProblem(await mary.get(`${BASE}/approval-entries/${seanEntry}`), 403, 'approval-entry-not-visible');
    expectProblem(await sean.get(`${BASE}/approval-entries/99999`), 404, 'approval-entry-not-found');
    expectProblem(await sean.get(`${BASE}/approval-entries/abc`), 400, 'request-invalid');
  });
});

describe('deciding one entry', () => {
  it('approve: the entry is Approved on channel api, with the comment, and the order is released', async () => {
    const decided = ok(await sean.post(`${BASE}/approval-entries/${seanEntry}/approve`, { comment: 'Fine by me' }));
    expect(decided.entry).toMatchObject({ id: seanEntry, status: 'Approved', modifiedBy: 'SEAN' });
    expect(decided.messages).toEqual(expect.any(Array));
    expect(await documentStatus('PO-0001')).toBe('Released');
    const entry = ok(await sean.get(`${BASE}/approval-entries/${seanEntry}`));
    expect(entry.history.at(-1)).toMatchObject({ action: 'approved', channel: 'api', byUser: 'SEAN' });
    expect(entry.comments).toMatchObject([{ userId: 'SEAN', comment: 'Fine by me' }]);
  });

  it('approve without a body', async () => {
    ok(await sean.post(`${BASE}/approval-entries/${seanEntry}/approve`));
    expect(await documentStatus('PO-0001')).toBe('Released');
  });

  it('reject: the entry is Rejected and the order is open again', async () => {
    const decided = ok(await sean.post(`${BASE}/approval-entries/${seanEntry}/reject`, { comment: 'Too expensive' }));
    expect(decided.entry).toMatchObject({ status: 'Rejected' });
    expect(await documentStatus('PO-0001')).toBe('Open');
    const entry = ok(await alicia.get(`${BASE}/approval-entries/${seanEntry}`));
    expect(entry.history.at(-1)).toMatchObject({ action: 'rejected', channel: 'api' });
    expect(entry.comments).toMatchObject([{ comment: 'Too expensive' }]);
  });

  it('delegate: SEAN has no substitute or approver, so it goes to the approval administrator, with the reason', async () => {
    const decided = ok(await sean.post(`${BASE}/approval-entries/${seanEntry}/delegate`, { reason: 'On holiday' }));
    expect(decided.entry).toMatchObject({ status: 'Open', approverId: 'ADMIN' });
    const admin = await signIn(t.server, 'ADMIN');
    expect(ok(await admin.get(`${BASE}/approval-entries`)).items.map((e: { id: number }) => e.id)).toEqual([seanEntry]);
    // SEAN passed it on; he may still look at it.
    const entry = ok(await sean.get(`${BASE}/approval-entries/${seanEntry}`));
    expect(entry.history.at(-1)).toMatchObject({
      action: 'delegated',
      fromApprover: 'SEAN',
      toApprover: 'ADMIN',
      reason: 'On holiday',
      channel: 'api',
    });
  });

  it('refuses an entry that is not yours (403 approval-entry-not-yours); the approval administrator may decide it', async () => {
    const mary = await signIn(t.server, 'MARY');
    const refused = expectProblem(
      await mary.post(`${BASE}/approval-entries/${seanEntry}/approve`),
      403,
      'approval-entry-not-yours',
    );
    expect(refused.entryId).toBe(seanEntry);
    expectProblem(await mary.post(`${BASE}/approval-entries/${seanEntry}/reject`), 403, 'approval-entry-not-yours');
    expectProblem(
      await mary.post(`${BASE}/approval-entries/${seanEntry}/delegate`),
      403,
      'approval-delegate-forbidden',
    );
    expect(await documentStatus('PO-0001')).toBe('Pending Approval');
    const admin = await signIn(t.server, 'ADMIN');
    expect(ok(await admin.post(`${BASE}/approval-entries/${seanEntry}/approve`)).entry.modifiedBy).toBe('ADMIN');
  });

  it('an entry decided already answers 409 saying who decided and when, for every decision', async () => {
    const admin = await signIn(t.server, 'ADMIN');
    const decided = ok(await admin.post(`${BASE}/approval-entries/${seanEntry}/approve`)).entry;
    for (const action of ['approve', 'reject', 'delegate']) {
      const problem = expectProblem(
        await sean.post(`${BASE}/approval-entries/${seanEntry}/${action}`),
        409,
        'approval-entry-not-open',
      );
      expect(problem).toMatchObject({
        entryId: seanEntry,
        entryStatus: 'Approved',
        decidedBy: 'ADMIN',
        decidedAt: decided.modifiedAt,
      });
    }
  });

  it('two simultaneous approvals of one entry: one 200, one 409 naming the winner', async () => {
    const admin = await signIn(t.server, 'ADMIN');
    const replies = await Promise.all([
      sean.post(`${BASE}/approval-entries/${seanEntry}/approve`),
      admin.post(`${BASE}/approval-entries/${seanEntry}/approve`),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = replies.find((r) => r.status === 200)?.body.entry.modifiedBy;
    const loser = replies.find((r) => r.status === 409);
    expect(loser?.body).toMatchObject({ entryId: seanEntry, decidedBy: winner, entryStatus: 'Approved' });
    expect(['approval-entry-not-open', 'approval-entry-changed']).toContain(loser?.body.code);
    const entry = ok(await sean.get(`${BASE}/approval-entries/${seanEntry}`));
    expect(entry.history.filter((h: { action: string }) => h.action === 'approved')).toHaveLength(1);
    expect(await documentStatus('PO-0001')).toBe('Released');
  });

  it('refuses an unknown entry and a bad body', async () => {
    expectProblem(await sean.post(`${BASE}/approval-entries/99999/approve`), 404, 'approval-entry-not-found');
    expectProblem(
      await sean.post(`${BASE}/approval-entries/${seanEntry}/approve`, { comment: 42 }),
      400,
      'request-invalid',
    );
    expectProblem(
      await sean.post(`${BASE}/approval-entries/${seanEntry}/approve`, { comment: 'x'.repeat(251) }),
      400,
      'comment-too-long',
    );
    expect(await documentStatus('PO-0001')).toBe('Pending Approval');
  });
});

describe('deciding a batch', () => {
  it('approves several entries in one go', async () => {
    const second = await anotherOrder();
    const done = ok(
      await sean.post(`${BASE}/approval-entries/approve`, { ids: [seanEntry, second.entry], comment: 'Both fine' }),
    );
    expect(done.results.map((r: { entry: { status: string } }) => r.entry.status)).toEqual(['Approved', 'Approved']);
    expect(await documentStatus('PO-0001')).toBe('Released');
    expect(await documentStatus(second.no)).toBe('Released');
  });

  it('is all or nothing: one entry that is not yours, or already decided, leaves the others undecided', async () => {
    const second = await anotherOrder();
    const mary = await signIn(t.server, 'MARY');
    ok(await mary.post(`${BASE}/customers/C10000/send-approval-request`));
    const customerEntry = ok(await sean.get(`${BASE}/approval-entries`, { table: 'customer' })).items[0].id;
    ok(await sean.post(`${BASE}/approval-entries/${customerEntry}/approve`));

    const notYours = expectProblem(
      await mary.post(`${BASE}/approval-entries/reject`, { ids: [seanEntry] }),
      403,
      'approval-entry-not-yours',
    );
    expect(notYours.entryId).toBe(seanEntry);
    const decided = expectProblem(
      await sean.post(`${BASE}/approval-entries/approve`, { ids: [seanEntry, customerEntry, second.entry] }),
      409,
      'approval-entry-not-open',
    );
    expect(decided).toMatchObject({ entryId: customerEntry, decidedBy: 'SEAN' });
    expect(await documentStatus('PO-0001')).toBe('Pending Approval');
    const waiting = ok(await sean.get(`${BASE}/approval-entries`));
    expect(waiting.items.map((e: { id: number }) => e.id)).toEqual([seanEntry, second.entry]);
  });

  it('rejects and delegates several entries; a repeated id counts once', async () => {
    const second = await anotherOrder();
    const third = await anotherOrder();
    const rejected = ok(
      await sean.post(`${BASE}/approval-entries/reject`, { ids: [seanEntry, second.entry, seanEntry] }),
    );
    expect(rejected.results).toHaveLength(2);
    expect(await documentStatus(second.no)).toBe('Open');
    const delegated = ok(await sean.post(`${BASE}/approval-entries/delegate`, { ids: [third.entry], reason: 'Away' }));
    expect(delegated.results).toMatchObject([{ entry: { id: third.entry, approverId: 'ADMIN' } }]);
  });

  it('needs at least one id', async () => {
    expectProblem(await sean.post(`${BASE}/approval-entries/approve`, { ids: [] }), 400, 'request-invalid');
    expectProblem(await sean.post(`${BASE}/approval-entries/approve`, {}), 400, 'request-invalid');
  });
});

describe('comments', () => {
  it('the approver and the sender comment on an entry; everyone in the company reads a record’s comments', async () => {
    const mine = ok(await sean.post(`${BASE}/approval-entries/${seanEntry}/comments`, { comment: 'Which desk?' }), 201);
    expect(mine).toMatchObject({ userId: 'SEAN', table: 'purchase-header', recordKey: PO_KEY, comment: 'Which desk?' });
    ok(await alicia.post(`${BASE}/approval-entries/${seanEntry}/comments`, { comment: 'The standing one.' }), 201);
    const mary = await signIn(t.server, 'MARY');
    const comments = ok(await mary.get(`${BASE}/comments`, { table: 'purchase-header', key: PO_KEY }));
    expect(comments.map((c: { userId: string; comment: string }) => [c.userId, c.comment])).toEqual([
      ['SEAN', 'Which desk?'],
      ['ALICIA', 'The standing one.'],
    ]);
    expect(ok(await mary.get(`${BASE}/comments`, { table: 'customer', key: 'C10000' }))).toEqual([]);
  });

  it('refuses empty comments, comments from outsiders, and a comment list without table and key', async () => {
    expectProblem(
      await sean.post(`${BASE}/approval-entries/${seanEntry}/comments`, { comment: '   ' }),
      400,
      'comment-empty',
    );
    const mary = await signIn(t.server, 'MARY');
    expectProblem(
      await mary.post(`${BASE}/approval-entries/${seanEntry}/comments`, { comment: 'Hi' }),
      403,
      'approval-entry-not-visible',
    );
    expectProblem(await mary.get(`${BASE}/comments`, { table: 'purchase-header' }), 400, 'request-invalid');
  });
});
