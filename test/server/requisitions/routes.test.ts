import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enableWorkflow } from '../../../src/engine/definition/enable.ts';
import { workflowFromTemplate } from '../../../src/templates/index.ts';
import {
  type Client,
  DEMO,
  expectProblem,
  ok,
  signIn,
  startServer,
  type TestServer,
  withToken,
} from '../records/client.ts';

let t: TestServer;
let alicia: Client;
let sean: Client;

const WORKSHEETS = `${DEMO}/requisition-worksheets`;
const worksheetPath = (name: string) => `${WORKSHEETS}/${name}`;
const linesOf = (name: string) => `${worksheetPath(name)}/lines`;
const WORKFLOW = 'WS-RWBAPW-01';

beforeAll(async () => {
  t = await startServer();
  alicia = await signIn(t.server, 'ALICIA');
  sean = await signIn(t.server, 'SEAN');
});
afterAll(async () => t.close());

/** A copy of the template, enabled as ADMIN in-process (the routes of workflows are tested elsewhere). */
async function enable(template: string): Promise<string> {
  return t.app.run({ company: 'DEMO', userId: 'ADMIN' }, async (ctx) => {
    const copy = await workflowFromTemplate(ctx, template);
    await enableWorkflow(ctx, copy.code);
    return copy.code;
  });
}

/** A worksheet with lines: each `[item, quantity, vendor]`. */
async function worksheetWithLines(name: string, lines: readonly [string, string, string][]) {
  ok(await alicia.post(WORKSHEETS, { name }), 201);
  const saved = [];
  for (const [no, quantity, vendorNo] of lines) {
    saved.push(ok(await alicia.post(linesOf(name), { no, quantity, vendorNo }), 201));
  }
  return saved;
}

describe('requisition worksheet routes', () => {
  it('worksheets and lines are created, read with an ETag, changed with If-Match and deleted', async () => {
    const created = await alicia.post(WORKSHEETS, { name: 'weekly', description: 'Weekly purchases' });
    expect(ok(created, 201)).toEqual({ name: 'WEEKLY', description: 'Weekly purchases', lineCount: 0, revision: 1 });
    expect(created.headers.etag).toBe('"1"');
    // The description changes under If-Match; a stale ETag is refused.
    expectProblem(
      await alicia.patch(`${WORKSHEETS}/WEEKLY`, { description: 'Old' }, { headers: { 'if-match': '"9"' } }),
      412,
      'requisition-worksheet-revision-stale',
    );
    expectProblem(
      await alicia.patch(`${WORKSHEETS}/WEEKLY`, { description: 'x'.repeat(101) }, { headers: { 'if-match': '"1"' } }),
      400,
      'requisition-worksheet-description-too-long',
    );
    expect(ok(await alicia.get(`${WORKSHEETS}/WEEKLY`))).toMatchObject({
      description: 'Weekly purchases',
      revision: 1,
    });
    const renamed = await alicia.patch(
      `${WORKSHEETS}/WEEKLY`,
      { description: 'Purchases of the week' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(ok(renamed)).toMatchObject({ description: 'Purchases of the week', revision: 2 });
    expect(renamed.headers.etag).toBe('"2"');

    const first = await alicia.post(linesOf('WEEKLY'), {
      no: '1000',
      quantity: '5',
      vendorNo: 'v10000',
      dueDate: '2026-03-20',
    });
    expect(ok(first, 201)).toEqual({
      line: {
        worksheetName: 'WEEKLY',
        lineNo: 10000,
        type: 'item',
        no: '1000',
        description: 'Office chair',
        quantity: '5',
        vendorNo: 'V10000',
        dueDate: '2026-03-20',
        revision: 1,
      },
      restriction: null,
    });
    expect(first.headers.etag).toBe('"1"');
    expect(
      ok(await alicia.post(linesOf('WEEKLY'), { no: '1001', quantity: '2.5', vendorNo: 'V20000' }), 201).line,
    ).toMatchObject({ lineNo: 20000, description: 'Standing desk', quantity: '2.5', dueDate: '' });

    const read = await alicia.get(`${linesOf('WEEKLY')}/10000`);
    expect(ok(read)).toMatchObject({ lineNo: 10000, quantity: '5' });
    expect(read.headers.etag).toBe('"1"');
    expect(ok(await alicia.get(worksheetPath('weekly')))).toMatchObject({ name: 'WEEKLY', lineCount: 2 });
    const list = ok(await alicia.get(WORKSHEETS, { query: { 'filter[name]': 'WEEK*' } }));
    expect(list.items).toEqual([{ name: 'WEEKLY', description: 'Purchases of the week', lineCount: 2, revision: 2 }]);
    const byVendor = ok(await alicia.get(linesOf('WEEKLY'), { query: { 'filter[vendorNo]': 'V20000' } }));
    expect(byVendor.items.map((l: { lineNo: number }) => l.lineNo)).toEqual([20000]);

    expectProblem(
      await alicia.patch(`${linesOf('WEEKLY')}/10000`, { quantity: '6' }, { headers: { 'if-match': '"7"' } }),
      412,
      'requisition-line-revision-stale',
    );
    const patched = await alicia.patch(
      `${linesOf('WEEKLY')}/10000`,
      { quantity: '6', no: '1002' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(ok(patched)).toEqual({
      line: expect.objectContaining({ no: '1002', description: 'Monitor arm', quantity: '6', revision: 2 }),
      restriction: null,
    });
    expect(patched.headers.etag).toBe('"2"');

    expectProblem(
      await alicia.delete(`${linesOf('WEEKLY')}/20000`, { headers: { 'if-match': '"3"' } }),
      412,
      'requisition-line-revision-stale',
    );
    ok(await alicia.delete(`${linesOf('WEEKLY')}/20000`, { headers: { 'if-match': '"1"' } }));
    expectProblem(await alicia.get(`${linesOf('WEEKLY')}/20000`), 404, 'requisition-line-not-found');

    expectProblem(
      await alicia.delete(worksheetPath('WEEKLY'), { headers: { 'if-match': '"1"' } }),
      412,
      'requisition-worksheet-revision-stale',
    );
    ok(await alicia.delete(worksheetPath('WEEKLY'), { headers: { 'if-match': '"2"' } }));
    expectProblem(await alicia.get(worksheetPath('WEEKLY')), 404, 'requisition-worksheet-not-found');
    expectProblem(await alicia.get(linesOf('WEEKLY')), 404, 'requisition-worksheet-not-found');
  });

  it('bad input is refused with its code (400) and writes nothing', async () => {
    ok(await alicia.post(WORKSHEETS, { name: 'BAD' }), 201);
    expectProblem(await alicia.post(WORKSHEETS, { name: 'bad' }), 409, 'requisition-worksheet-exists', 'name');
    expectProblem(
      await alicia.post(WORKSHEETS, { name: 'MUCH-TOO-LONG' }),
      400,
      'requisition-worksheet-name-invalid',
      'name',
    );
    expectProblem(await alicia.post(WORKSHEETS, { name: 'X', colour: 'red' }), 400, 'request-invalid');

    const line = { no: '1000', quantity: '1', vendorNo: 'V10000' };
    const lines = linesOf('BAD');
    expectProblem(await alicia.post(lines, { ...line, no: '9999' }), 400, 'requisition-line-item-not-found', 'no');
    expectProblem(
      await alicia.post(lines, { ...line, vendorNo: 'V99999' }),
      400,
      'requisition-line-vendor-not-found',
      'vendorNo',
    );
    expectProblem(
      await alicia.post(lines, { ...line, quantity: '0' }),
      400,
      'requisition-line-quantity-not-positive',
      'quantity',
    );
    expectProblem(
      await alicia.post(lines, { ...line, quantity: 'lots' }),
      400,
      'requisition-line-quantity-invalid',
      'quantity',
    );
    expectProblem(
      await alicia.post(lines, { ...line, dueDate: '2026-02-30' }),
      400,
      'requisition-line-due-date-invalid',
      'dueDate',
    );
    expectProblem(await alicia.post(lines, { ...line, type: 'resource' }), 400, 'request-invalid', 'type');
    expectProblem(await alicia.post(lines, { no: '1000', vendorNo: 'V10000' }), 400, 'request-invalid', 'quantity');
    expectProblem(await alicia.post(linesOf('NOPE'), line), 404, 'requisition-worksheet-not-found');
    expect(ok(await alicia.get(lines)).total).toBe(0);

    ok(await alicia.post(lines, { ...line, lineNo: 500 }), 201);
    expectProblem(await alicia.post(lines, { ...line, lineNo: 500 }), 400, 'requisition-line-exists', 'lineNo');
    expectProblem(
      await alicia.patch(`${lines}/500`, { vendorNo: 'V99999' }),
      400,
      'requisition-line-vendor-not-found',
      'vendorNo',
    );
    expect(ok(await alicia.get(`${lines}/500`))).toMatchObject({ vendorNo: 'V10000', revision: 1 });
    expectProblem(await alicia.patch(`${lines}/600`, { quantity: '2' }), 404, 'requisition-line-not-found');
    ok(await alicia.delete(worksheetPath('BAD')));
  });

  it('a worksheet without lines is neither sent for approval nor carried out (409 requisition-worksheet-empty)', async () => {
    ok(await alicia.post(WORKSHEETS, { name: 'EMPTY' }), 201);
    expectProblem(
      await alicia.post(`${worksheetPath('EMPTY')}/send-approval-request`),
      409,
      'requisition-worksheet-empty',
    );
    expectProblem(await alicia.post(`${worksheetPath('EMPTY')}/carry-out`), 409, 'requisition-worksheet-empty');
  });

  it('with WS-RWBAPW enabled: lines are restricted, the sent worksheet is not carried out until SEAN approves, then one purchase order per vendor is made', async () => {
    expect(await enable('WS-RWBAPW')).toBe(WORKFLOW);
    const saved = await worksheetWithLines('REQ', [
      ['1000', '5', 'V20000'],
      ['1001', '2', 'V10000'],
      ['1002', '10', 'V20000'],
    ]);
    expect(saved.map((s) => s.restriction?.workflowCode)).toEqual([WORKFLOW, WORKFLOW, WORKFLOW]);
    const path = worksheetPath('REQ');

    const sent = ok(await alicia.post(`${path}/send-approval-request`));
    expect(sent.messages).toEqual(['An approval request has been sent.']);
    expect(
      sent.entries.map((e: { table: string; recordKey: string; approverId: string; status: string }) => [
        e.table,
        e.recordKey,
        e.approverId,
        e.status,
      ]),
    ).toEqual([['requisition-worksheet', 'REQ', 'SEAN', 'Open']]);
    expectProblem(await alicia.post(`${path}/send-approval-request`), 409, 'approval-request-exists');

    // What SEAN was sent stays as it is while he decides.
    expectProblem(await alicia.post(`${path}/carry-out`), 409, 'requisition-approval-pending');
    expectProblem(
      await alicia.post(`${path}/lines`, { no: '1000', quantity: '1', vendorNo: 'V10000' }),
      409,
      'requisition-approval-pending',
    );
    expectProblem(await alicia.patch(`${path}/lines/10000`, { quantity: '6' }), 409, 'requisition-approval-pending');
    expectProblem(await alicia.delete(`${path}/lines/10000`), 409, 'requisition-approval-pending');
    expectProblem(await alicia.delete(path), 409, 'requisition-approval-pending');

    const mine = ok(await sean.get(`${DEMO}/approval-entries`, { query: { view: 'to-approve' } }));
    expect(mine.items.map((e: { id: number }) => e.id)).toContain(sent.entries[0].id);
    ok(await sean.post(`${DEMO}/approval-entries/${sent.entries[0].id}/approve`));

    const carried = ok(await alicia.post(`${path}/carry-out`));
    expect(carried).toMatchObject({ worksheetName: 'REQ', lineCount: 3 });
    expect(
      carried.orders.map((o: { documentType: string; vendorNo: string; lineCount: number }) => [
        o.documentType,
        o.vendorNo,
        o.lineCount,
      ]),
    ).toEqual([
      ['order', 'V10000', 1],
      ['order', 'V20000', 2],
    ]);
    const second = ok(await alicia.get(`${DEMO}/purchase-documents/order/${carried.orders[1].no}`));
    expect(second).toMatchObject({ partyNo: 'V20000', status: 'Open' });
    expect(second.lines.map((l: { no: string; quantity: string }) => [l.no, l.quantity])).toEqual([
      ['1000', '5'],
      ['1002', '10'],
    ]);
    expect(ok(await alicia.get(`${DEMO}/purchase-documents/order/${carried.orders[0].no}`))).toMatchObject({
      partyNo: 'V10000',
    });
    expect(ok(await alicia.get(`${path}/lines`)).total).toBe(0);
    expect(ok(await alicia.get(path)).lineCount).toBe(0);
  });

  it('a canceled request leaves the worksheet restricted until a new request is approved: carrying out is refused (409 record-restricted)', async () => {
    await worksheetWithLines('CANCEL', [['1000', '1', 'V10000']]);
    const path = worksheetPath('CANCEL');
    ok(await alicia.post(`${path}/send-approval-request`));
    const canceled = ok(await alicia.post(`${path}/cancel-approval-request`));
    expect(canceled.entries.map((e: { status: string }) => e.status)).toEqual(['Canceled']);
    const refused = await alicia.post(`${path}/carry-out`);
    expectProblem(refused, 409, 'record-restricted');
    expect(refused.body).toMatchObject({ workflow: WORKFLOW, table: 'requisition-worksheet' });
    expect(ok(await alicia.get(`${path}/lines`)).total).toBe(1);
    // No longer pending: the worksheet may be deleted, lines and all.
    ok(await alicia.delete(path, { headers: { 'if-match': '"1"' } }));
  });

  it('a read-only token reads requisition worksheets but cannot change them (403)', async () => {
    const { client } = await withToken(alicia, 'read');
    expect(ok(await client.get(WORKSHEETS)).total).toBeGreaterThanOrEqual(1);
    expectProblem(await client.post(WORKSHEETS, { name: 'RO' }), 403, 'token-scope-insufficient');
    expectProblem(await client.post(`${worksheetPath('EMPTY')}/carry-out`), 403, 'token-scope-insufficient');
    expectProblem(await client.delete(worksheetPath('EMPTY')), 403, 'token-scope-insufficient');
  });
});
