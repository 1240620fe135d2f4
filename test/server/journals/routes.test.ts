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

const TEMPLATES = `${DEMO}/journal-templates`;
const batchPath = (template: string, batch: string) => `${TEMPLATES}/${template}/batches/${batch}`;

beforeAll(async () => {
  t = await startServer();
  alicia = await signIn(t.server, 'ALICIA');
  sean = await signIn(t.server, 'SEAN');
});
afterAll(async () => t.close());

async function enable(template: string): Promise<void> {
  await t.app.run({ company: 'DEMO', userId: 'ADMIN' }, async (ctx) => {
    const copy = await workflowFromTemplate(ctx, template);
    await enableWorkflow(ctx, copy.code);
  });
}

describe('ledger account routes', () => {
  it('G/L accounts and bank accounts are created, read with an ETag and changed with If-Match', async () => {
    const created = await alicia.post(`${DEMO}/gl-accounts`, { no: '6200', name: 'Travel' });
    expect(ok(created, 201)).toEqual({ no: '6200', name: 'Travel', blocked: false, revision: 1 });
    expect(created.headers.etag).toBe('"1"');
    expectProblem(await alicia.post(`${DEMO}/gl-accounts`, { no: '6200', name: 'Again' }), 409, 'gl-account-exists');
    expectProblem(
      await alicia.patch(`${DEMO}/gl-accounts/6200`, { blocked: true }, { headers: { 'if-match': '"7"' } }),
      412,
      'gl-account-revision-stale',
    );
    expect(
      ok(await alicia.patch(`${DEMO}/gl-accounts/6200`, { blocked: true }, { headers: { 'if-match': '"1"' } })),
    ).toMatchObject({
      blocked: true,
      revision: 2,
    });
    const list = ok(await alicia.get(`${DEMO}/gl-accounts`, { query: { 'filter[no]': '6*' } }));
    expect(list.items.map((a: { no: string }) => a.no)).toEqual(['6100', '6200']);

    expect(
      ok(await alicia.post(`${DEMO}/bank-accounts`, { no: 'bank2', name: 'Savings', glAccountNo: '1100' }), 201),
    ).toMatchObject({
      no: 'BANK2',
      glAccountNo: '1100',
    });
    expectProblem(
      await alicia.post(`${DEMO}/bank-accounts`, { no: 'BANK3', name: 'X', glAccountNo: '9999' }),
      400,
      'gl-account-not-found',
    );
    expect(ok(await alicia.get(`${DEMO}/bank-accounts/BANK2`)).name).toBe('Savings');
    expect(ok(await alicia.patch(`${DEMO}/bank-accounts/BANK2`, { name: 'Savings account' })).revision).toBe(2);
  });

  it('the posting setup is read and replaced', async () => {
    const setup = await alicia.get(`${DEMO}/posting-setup`);
    expect(ok(setup)).toMatchObject({ receivablesAccount: '1300', payablesAccount: '2100', revision: 1 });
    const body = { receivablesAccount: '1300', payablesAccount: '2100', salesAccount: '4000', purchaseAccount: '6100' };
    expectProblem(
      await alicia.put(`${DEMO}/posting-setup`, body, { headers: { 'if-match': '"5"' } }),
      412,
      'posting-setup-revision-stale',
    );
    expect(
      ok(await alicia.put(`${DEMO}/posting-setup`, body, { headers: { 'if-match': setup.headers.etag as string } })),
    ).toMatchObject({
      purchaseAccount: '6100',
      revision: 2,
    });
    expectProblem(
      await alicia.put(`${DEMO}/posting-setup`, { ...body, salesAccount: '9999' }),
      400,
      'gl-account-not-found',
    );
  });
});

describe('journal routes', () => {
  it('templates, batches and lines: create, read, balance, post; bad input is refused with its code', async () => {
    // The demo company has GENERAL and PAYMENT already.
    expectProblem(await alicia.post(TEMPLATES, { name: 'general' }), 409, 'journal-template-exists', 'name');
    expect(ok(await alicia.post(TEMPLATES, { name: 'misc', description: 'Other entries' }), 201)).toEqual({
      name: 'MISC',
      description: 'Other entries',
      type: 'general',
      revision: 1,
    });
    expect(ok(await alicia.post(`${TEMPLATES}/MISC/batches`, { name: 'default' }), 201)).toMatchObject({
      templateName: 'MISC',
      name: 'DEFAULT',
      balAccountType: '',
    });
    expectProblem(await alicia.post(`${TEMPLATES}/NOPE/batches`, { name: 'X' }), 404, 'journal-template-not-found');
    const lines = `${batchPath('MISC', 'DEFAULT')}/lines`;
    const line = {
      postingDate: '2026-03-02',
      documentNo: 'GJ-1',
      accountType: 'gl-account',
      accountNo: '6100',
      amount: '45.00',
    };
    const first = ok(await alicia.post(lines, line), 201);
    expect(first).toMatchObject({
      line: { lineNo: 10000, amount: '45.00', systemCreated: false },
      restriction: null,
      messages: [],
    });
    expectProblem(
      await alicia.post(lines, { ...line, accountNo: '9999' }),
      400,
      'journal-account-not-found',
      'accountNo',
    );
    expectProblem(await alicia.post(lines, { ...line, amount: '0' }), 400, 'journal-line-amount-zero', 'amount');
    expect(ok(await alicia.get(`${batchPath('MISC', 'DEFAULT')}/balance`))).toEqual({
      balanced: false,
      difference: '45',
      lineCount: 1,
      unbalancedDocuments: [{ postingDate: '2026-03-02', documentNo: 'GJ-1', difference: '45' }],
    });
    expectProblem(await alicia.post(`${batchPath('MISC', 'DEFAULT')}/post`), 409, 'journal-batch-not-balanced');
    const patched = await alicia.patch(
      `${lines}/10000`,
      { balAccountType: 'bank-account', balAccountNo: 'BANK1' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(ok(patched).line).toMatchObject({ balAccountType: 'bank-account', balAccountNo: 'BANK1', revision: 2 });
    expect(patched.headers.etag).toBe('"2"');
    expect(ok(await alicia.get(`${lines}`, { query: { 'filter[accountNo]': '6100' } })).total).toBe(1);
    const posted = ok(await alicia.post(`${batchPath('MISC', 'DEFAULT')}/post`));
    expect(posted).toMatchObject({
      templateName: 'MISC',
      batchName: 'DEFAULT',
      lineCount: 1,
      documents: [{ documentNo: 'GJ-1' }],
    });
    const entries = ok(await alicia.get(`${DEMO}/gl-entries`, { query: { 'filter[documentNo]': 'GJ-1' } }));
    expect(entries.items.map((e: { accountNo: string; amount: string }) => [e.accountNo, e.amount])).toEqual([
      ['6100', '45'],
      ['1100', '-45'],
    ]);
    expect(ok(await alicia.get(lines)).total).toBe(0);
  });

  it('a batch is sent for approval, cannot be posted until approved, and posts after the approval', async () => {
    await enable('WS-GJBAPW');
    ok(await alicia.post(TEMPLATES, { name: 'PAYOUT', type: 'payments' }), 201);
    ok(
      await alicia.post(`${TEMPLATES}/PAYOUT/batches`, {
        name: 'BANK',
        balAccountType: 'bank-account',
        balAccountNo: 'BANK1',
      }),
      201,
    );
    const path = batchPath('PAYOUT', 'BANK');
    const saved = ok(
      await alicia.post(`${path}/lines`, {
        documentType: 'payment',
        documentNo: 'PAY-1',
        accountType: 'gl-account',
        accountNo: '6100',
        amount: '80',
      }),
      201,
    );
    expect(saved.restriction).toMatchObject({ workflowCode: 'WS-GJBAPW-01' });
    const sent = ok(await alicia.post(`${path}/send-approval-request`));
    expect(sent.messages).toEqual(['An approval request has been sent.']);
    expect(sent.entries.map((e: { approverId: string; status: string }) => [e.approverId, e.status])).toEqual([
      ['SEAN', 'Open'],
    ]);
    expectProblem(await alicia.post(`${path}/post`), 409, 'record-restricted');
    ok(await sean.post(`${DEMO}/approval-entries/${sent.entries[0].id}/approve`));
    const posted = ok(await alicia.post(`${path}/post`));
    expect(posted.lineCount).toBe(1);
    expectProblem(await alicia.post(`${path}/send-approval-request`), 409, 'journal-batch-empty');

    // The batch's approval history went with the posting: its G/L register shows it.
    const registerId = posted.documents[0].registerId;
    const register = ok(await alicia.get(`${DEMO}/gl-registers/${registerId}`));
    expect(register).toMatchObject({ id: registerId, source: 'journal', documentNo: 'PAY-1', createdBy: 'ALICIA' });
    expect(register.glEntries.map((e: { accountNo: string; amount: string }) => [e.accountNo, e.amount])).toEqual([
      ['6100', '80'],
      ['1100', '-80'],
    ]);
    expect(
      register.approvalEntries.map((e: { table: string; recordKey: string; approverId: string; status: string }) => [
        e.table,
        e.recordKey,
        e.approverId,
        e.status,
      ]),
    ).toEqual([['gen-journal-batch', '["PAYOUT","BANK"]', 'SEAN', 'Approved']]);
    expect(register.approvalEntries[0].history.map((h: { action: string }) => h.action)).toContain('approved');
    expect(register.comments).toEqual([]);
    expectProblem(await alicia.get(`${DEMO}/gl-registers/999999`), 404, 'gl-register-not-found');
  });

  it('a line is sent for approval and its request canceled', async () => {
    await enable('WS-GJLAPW');
    const lines = `${batchPath('GENERAL', 'DEFAULT')}/lines`;
    const saved = ok(
      await alicia.post(lines, {
        documentNo: 'GJ-5',
        accountType: 'gl-account',
        accountNo: '6100',
        amount: '10',
        balAccountType: 'bank-account',
        balAccountNo: 'BANK1',
      }),
      201,
    );
    const line = `${lines}/${saved.line.lineNo}`;
    expect(saved.restriction).toMatchObject({ workflowCode: 'WS-GJLAPW-01' });
    const sent = ok(await alicia.post(`${line}/send-approval-request`));
    expect(sent.entries.map((e: { approverId: string; amount: string }) => [e.approverId, e.amount])).toEqual([
      ['SEAN', '10.00'],
    ]);
    expectProblem(await alicia.delete(line), 409, 'journal-approval-pending');
    const canceled = ok(await alicia.post(`${line}/cancel-approval-request`));
    expect(canceled.entries.map((e: { status: string }) => e.status)).toEqual(['Canceled']);
    ok(await alicia.delete(line));
    expectProblem(await alicia.get(line), 404, 'journal-line-not-found');
  });

  it('a read-only token reads journals but cannot change them', async () => {
    const { client } = await withToken(alicia, 'read');
    expect(ok(await client.get(TEMPLATES)).total).toBeGreaterThanOrEqual(2);
    expectProblem(await client.post(TEMPLATES, { name: 'X' }), 403, 'token-scope-insufficient');
  });
});
