import { afterAll, beforeAll, expect, it } from 'vitest';
import { BASE, expectProblem, ok, signIn, startServer, type TestServer } from './client.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(async () => {
  await t.close();
});

/**
 * The purchase-order walkthrough (src/demo/walkthrough.ts) through HTTP alone, as two people
 * signed in at the same time: Alicia's order goes to Sean, who approves it, and it is released.
 */
it('Alicia creates and sends a purchase order; Sean finds it, approves it; the order is Released', async () => {
  const alicia = await signIn(t.server, 'ALICIA');
  const sean = await signIn(t.server, 'SEAN');

  // 1. Alicia creates the order and adds a line.
  const created = ok(
    await alicia.post(`${BASE}/purchase-documents`, { documentType: 'order', partyNo: 'V10000' }),
    201,
  );
  expect(created).toMatchObject({ documentType: 'order', partyNo: 'V10000', status: 'Open', createdBy: 'ALICIA' });
  const order = `${BASE}/purchase-documents/order/${created.no}`;
  ok(await alicia.post(`${order}/lines`, { type: 'item', no: '1001', quantity: '2' }), 201);
  expect(ok(await alicia.get(order))).toMatchObject({ amount: '798.00', lineCount: 1, status: 'Open' });

  // 2. She sends it for approval: her own entry is approved at once, Sean's is open.
  const sent = ok(await alicia.post(`${order}/send-approval-request`));
  expect(sent.messages).toEqual(['An approval request has been sent.']);
  expect(sent.entries.map((e: { approverId: string; status: string }) => [e.approverId, e.status])).toEqual([
    ['ALICIA', 'Approved'],
    ['SEAN', 'Open'],
  ]);
  expect(ok(await alicia.get(order)).status).toBe('Pending Approval');
  // She cannot approve Sean's entry herself.
  const seansEntry = sent.entries[1].id;
  expectProblem(await alicia.post(`${BASE}/approval-entries/${seansEntry}/approve`), 403, 'approval-entry-not-yours');

  // 3. Sean opens his requests to approve and finds the order.
  const waiting = ok(await sean.get(`${BASE}/approval-entries`, { view: 'to-approve' }));
  const mine = waiting.items.filter((e: { documentNo: string }) => e.documentNo === created.no);
  expect(mine).toMatchObject([{ id: seansEntry, senderId: 'ALICIA', amount: '798.00', status: 'Open' }]);

  // 4. He approves it with a comment.
  const approved = ok(await sean.post(`${BASE}/approval-entries/${seansEntry}/approve`, { comment: 'Go ahead.' }));
  expect(approved.entry).toMatchObject({ status: 'Approved', modifiedBy: 'SEAN' });

  // 5. The order is released; Alicia sees her request approved, with Sean's comment.
  expect(ok(await alicia.get(order)).status).toBe('Released');
  const mySent = ok(await alicia.get(`${BASE}/approval-entries`, { view: 'sent', key: sent.entries[0].recordKey }));
  expect(mySent.items.map((e: { approverId: string; status: string }) => [e.approverId, e.status])).toEqual([
    ['ALICIA', 'Approved'],
    ['SEAN', 'Approved'],
  ]);
  const detail = ok(await alicia.get(`${BASE}/approval-entries/${seansEntry}`));
  expect(detail.comments).toMatchObject([{ userId: 'SEAN', comment: 'Go ahead.' }]);
  expect(ok(await sean.get(`${BASE}/approval-entries`)).items).toHaveLength(0);
});
