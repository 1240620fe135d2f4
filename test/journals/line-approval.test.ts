import { describe, expect, it } from 'vitest';
import { approveEntries, delegateEntries, rejectEntries } from '../../src/approvals/user-actions.ts';
import { enableWorkflow } from '../../src/engine/definition/enable.ts';
import { getWorkflow } from '../../src/engine/definition/workflow-store.ts';
import { updateWorkflow } from '../../src/engine/definition/workflows.ts';
import { listArchivedInstances, listInstances } from '../../src/engine/execution/instance-queries.ts';
import {
  cancelJournalLineApproval,
  postJournalBatch,
  sendJournalBatchForApproval,
  sendJournalLineForApproval,
  updateJournalLine,
} from '../../src/journals/index.ts';
import { listPostedApprovalEntries } from '../../src/posting/approval-history.ts';
import { findRestriction } from '../../src/records/index.ts';
import { workflowFromTemplate } from '../../src/templates/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import type { TestCompany } from '../support/harness.ts';
import {
  addJournalLine,
  BATCH_KEY,
  enabledCopy,
  entryTriples,
  failsWith,
  journalsCompany,
  lineKeyOf,
  notifications,
  PAYMENTS,
} from './fixtures.ts';

const TABLE = 'gen-journal-line';
const KEY = lineKeyOf(10000, PAYMENTS);

/** A vendor payment of `amount` in PAYMENT/BANK (balanced by BANK1): line 10000. */
const paymentLine = (t: TestCompany, amount = '250', userId = 'ALICIA') =>
  addJournalLine(
    t,
    { documentType: 'payment', documentNo: 'PAY-1', accountType: 'vendor', accountNo: 'V1000', amount },
    userId,
    PAYMENTS,
  );
const send = (t: TestCompany, userId = 'ALICIA', lineNo = 10000) =>
  t.run((ctx) => sendJournalLineForApproval(ctx, 'PAYMENT', 'BANK', lineNo), userId);
const restriction = (t: TestCompany, key = KEY) => t.run((ctx) => findRestriction(ctx, TABLE, key));
const instances = (t: TestCompany) =>
  t.run(async (ctx) => ({
    live: (await listInstances(ctx, { recordTable: TABLE, recordKey: KEY })).length,
    archived: (await listArchivedInstances(ctx, { recordTable: TABLE, recordKey: KEY })).length,
  }));

describeEachDialect('general journal line approval (WS-GJLAPW, reference shape R without confirmation)', (db) => {
  async function ready(requestOptions?: Record<string, unknown>) {
    const t = await journalsCompany(db());
    expect(await enabledCopy(t, 'WS-GJLAPW', requestOptions)).toBe('WS-GJLAPW-01');
    return t;
  }

  describe('a line sent for approval', () => {
    it('is restricted and goes to the direct approver without a message', async () => {
      const t = await ready();
      await paymentLine(t);
      const sent = await send(t);
      expect(sent.messages).toEqual([]);
      expect(sent.entries.map((e) => [e.approverId, e.status, e.documentType, e.documentNo, e.amount])).toEqual([
        ['SEAN', 'Open', 'payment', 'PAY-1', '250.00'],
      ]);
      expect(await restriction(t)).toMatchObject({ workflowCode: 'WS-GJLAPW-01' });
      await failsWith(
        t.run((ctx) => postJournalBatch(ctx, 'PAYMENT', 'BANK')),
        'record-restricted',
      );
    });

    it('approved: the restriction is lifted and the line posts', async () => {
      const t = await ready();
      await paymentLine(t);
      const sent = await send(t);
      await t.run((ctx) => approveEntries(ctx, [sent.entries[0]?.id ?? 0]), 'SEAN');
      expect(await restriction(t)).toBeUndefined();
      expect(await instances(t)).toEqual({ live: 0, archived: 1 });
      const posted = await t.run((ctx) => postJournalBatch(ctx, 'PAYMENT', 'BANK'));
      expect(posted.lineCount).toBe(1);
      // The line's approval history moves to the posting's G/L register (reference §5.12).
      expect(await entryTriples(t, TABLE, KEY)).toEqual([]);
      const history = await t.run((ctx) =>
        listPostedApprovalEntries(ctx, { table: 'gl-register', key: String(posted.documents[0]?.registerId) }),
      );
      expect(history.map((e) => [e.recordKey, e.status])).toEqual([[KEY, 'Approved']]);
    });

    it('routed by its amount: an approver chain on a vendor line climbs the purchase limits, one approval at a time', async () => {
      const t = await ready({ limitType: 'approver-chain' });
      await paymentLine(t, '1000', 'JOHN');
      const sent = await send(t, 'JOHN');
      // JOHN (limit 500) approves his own part; MARY (limit 5000) covers 1000.
      expect(await entryTriples(t, TABLE, KEY)).toEqual([
        [1, 'JOHN', 'Approved'],
        [2, 'MARY', 'Open'],
      ]);
      await t.run((ctx) => approveEntries(ctx, [sent.entries[1]?.id ?? 0]), 'MARY');
      expect(await restriction(t)).toBeUndefined();
      // Over MARY's limit the chain goes on to SEAN (unlimited).
      const t2 = await ready({ limitType: 'approver-chain' });
      await paymentLine(t2, '7000', 'JOHN');
      const big = await send(t2, 'JOHN');
      expect(await entryTriples(t2, TABLE, KEY)).toEqual([
        [1, 'JOHN', 'Approved'],
        [2, 'MARY', 'Open'],
        [3, 'SEAN', 'Created'],
      ]);
      await t2.run((ctx) => approveEntries(ctx, [big.entries[1]?.id ?? 0]), 'MARY');
      expect(await restriction(t2)).toBeDefined();
      await t2.run((ctx) => approveEntries(ctx, [big.entries[2]?.id ?? 0]), 'SEAN');
      expect(await restriction(t2)).toBeUndefined();
    });

    it('D8: rejected, the line stays restricted and the sender is told', async () => {
      const t = await ready();
      await paymentLine(t);
      const sent = await send(t);
      await t.run((ctx) => rejectEntries(ctx, [sent.entries[0]?.id ?? 0]), 'SEAN');
      expect(await entryTriples(t, TABLE, KEY)).toEqual([[1, 'SEAN', 'Rejected']]);
      expect(await restriction(t)).toBeDefined();
      expect((await notifications(t)).map((n) => n.recipient)).toEqual(['SEAN', 'ALICIA']);
    });

    it('canceled: the entries are canceled without a message and the line stays restricted', async () => {
      const t = await ready();
      await paymentLine(t);
      await send(t);
      const canceled = await t.run((ctx) => cancelJournalLineApproval(ctx, 'PAYMENT', 'BANK', 10000), 'ALICIA');
      expect(canceled.messages).toEqual([]);
      expect(canceled.entries.map((e) => e.status)).toEqual(['Canceled']);
      expect(await restriction(t)).toBeDefined();
      expect(await instances(t)).toEqual({ live: 0, archived: 1 });
    });

    it('delegated: the delegate approves and the restriction is lifted', async () => {
      const t = await ready();
      await paymentLine(t);
      const sent = await send(t);
      const id = sent.entries[0]?.id ?? 0;
      await t.run((ctx) => delegateEntries(ctx, [id]), 'SEAN');
      expect(await entryTriples(t, TABLE, KEY)).toEqual([[1, 'ADMIN', 'Open']]);
      await t.run((ctx) => approveEntries(ctx, [id]), 'ADMIN');
      expect(await restriction(t)).toBeUndefined();
    });
  });

  it('a line cannot be sent without an enabled workflow, nor when it does not exist', async () => {
    const t = await journalsCompany(db());
    await paymentLine(t);
    await failsWith(send(t), 'approval-workflow-missing');
    await failsWith(send(t, 'ALICIA', 99), 'journal-line-not-found');
    expect(await instances(t)).toEqual({ live: 0, archived: 0 });
  });
});

describeEachDialect('automatic restriction of journal lines (reference §8.1)', (db) => {
  it('without an enabled journal approval workflow new lines are not restricted', async () => {
    const t = await journalsCompany(db());
    const saved = await paymentLine(t);
    expect(saved.restriction).toBeUndefined();
    expect(await restriction(t)).toBeUndefined();
  });

  it('while a line workflow would take the line, a new line is restricted; a changed one again after its approval', async () => {
    const t = await journalsCompany(db());
    await enabledCopy(t, 'WS-GJLAPW');
    const saved = await paymentLine(t);
    expect(saved.restriction).toMatchObject({
      workflowCode: 'WS-GJLAPW-01',
      details: 'Line 10000 needs approval before it can be posted (workflow WS-GJLAPW-01).',
    });
    const sent = await send(t);
    await t.run((ctx) => approveEntries(ctx, [sent.entries[0]?.id ?? 0]), 'SEAN');
    expect(await restriction(t)).toBeUndefined();
    // An unchanged save restricts nothing; a real change needs a new approval.
    await t.run((ctx) => updateJournalLine(ctx, 'PAYMENT', 'BANK', 10000, { amount: '250' }), 'ALICIA');
    expect(await restriction(t)).toBeUndefined();
    await t.run((ctx) => updateJournalLine(ctx, 'PAYMENT', 'BANK', 10000, { amount: '260' }), 'ALICIA');
    expect(await restriction(t)).toMatchObject({ workflowCode: 'WS-GJLAPW-01' });
  });

  it('the workflow’s condition decides: only lines it would take are restricted', async () => {
    const t = await journalsCompany(db());
    await t.run(async (ctx) => {
      const copy = await workflowFromTemplate(ctx, 'WS-GJLAPW');
      const workflow = await getWorkflow(ctx, copy.code);
      const steps = workflow.steps.map((s) =>
        s.previousStepId === null ? { ...s, conditions: { [TABLE]: { amount: '>=1000' } } } : s,
      );
      await updateWorkflow(ctx, copy.code, { steps });
      await enableWorkflow(ctx, copy.code);
    }, 'ADMIN');
    expect((await paymentLine(t, '999.99')).restriction).toBeUndefined();
    const big = await addJournalLine(
      t,
      { documentType: 'payment', documentNo: 'PAY-2', accountType: 'vendor', accountNo: 'V2000', amount: '1000' },
      'ALICIA',
      PAYMENTS,
    );
    expect(big.restriction).toMatchObject({ workflowCode: 'WS-GJLAPW-01' });
    // Raising the amount of the small line brings it under the workflow.
    await t.run((ctx) => updateJournalLine(ctx, 'PAYMENT', 'BANK', 10000, { amount: '1500' }), 'ALICIA');
    expect(await restriction(t)).toMatchObject({ workflowCode: 'WS-GJLAPW-01' });
  });

  it('while a batch workflow is enabled, new lines are restricted for the batch; approving the batch allows them', async () => {
    const t = await journalsCompany(db());
    await enabledCopy(t, 'WS-GJBAPW');
    const first = await addJournalLine(t, {
      postingDate: '2026-03-02',
      documentNo: 'GJ-1',
      accountType: 'gl-account',
      accountNo: '5000',
      amount: '80',
      balAccountType: 'bank-account',
      balAccountNo: 'BANK1',
    });
    expect(first.restriction).toMatchObject({
      workflowCode: 'WS-GJBAPW-01',
      details: 'Journal batch DEFAULT needs approval before its lines can be posted (workflow WS-GJBAPW-01).',
    });
    const sent = await t.run((ctx) => sendJournalBatchForApproval(ctx, 'GENERAL', 'DEFAULT'), 'ALICIA');
    await t.run((ctx) => approveEntries(ctx, [sent.entries[0]?.id ?? 0]), 'SEAN');
    expect(await t.run((ctx) => findRestriction(ctx, TABLE, lineKeyOf(10000)))).toBeUndefined();
    expect(await t.run((ctx) => findRestriction(ctx, 'gen-journal-batch', BATCH_KEY))).toBeUndefined();
  });
});
