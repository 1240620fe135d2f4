import { describe, expect, it } from 'vitest';
import { approveEntries, delegateEntries, rejectEntries } from '../../src/approvals/user-actions.ts';
import { saveUserGroup } from '../../src/approvals/user-groups.ts';
import { listArchivedInstances, listInstances } from '../../src/engine/execution/instance-queries.ts';
import {
  cancelJournalBatchApproval,
  postJournalBatch,
  sendJournalBatchForApproval,
  sendJournalLineForApproval,
} from '../../src/journals/index.ts';
import { listPostedApprovalEntries } from '../../src/posting/approval-history.ts';
import { findRestriction } from '../../src/records/index.ts';
import { NOT_BALANCED_MESSAGE } from '../../src/templates/journal-shapes.ts';
import { describeEachDialect } from '../support/dialects.ts';
import type { TestCompany } from '../support/harness.ts';
import {
  addJournalLine,
  BATCH_KEY,
  balancedPair,
  enabledCopy,
  entriesOf,
  entryTriples,
  failsWith,
  journalsCompany,
  lineKeyOf,
  notifications,
} from './fixtures.ts';

const TABLE = 'gen-journal-batch';

const send = (t: TestCompany, userId = 'ALICIA') =>
  t.run((ctx) => sendJournalBatchForApproval(ctx, 'GENERAL', 'DEFAULT'), userId);
const cancel = (t: TestCompany, userId = 'ALICIA') =>
  t.run((ctx) => cancelJournalBatchApproval(ctx, 'GENERAL', 'DEFAULT'), userId);
const batchRestriction = (t: TestCompany) => t.run((ctx) => findRestriction(ctx, TABLE, BATCH_KEY));
const lineRestrictions = (t: TestCompany) =>
  t.run(async (ctx) => [
    await findRestriction(ctx, 'gen-journal-line', lineKeyOf(10000)),
    await findRestriction(ctx, 'gen-journal-line', lineKeyOf(20000)),
  ]);
const instances = (t: TestCompany) =>
  t.run(async (ctx) => ({
    live: (await listInstances(ctx, { recordTable: TABLE, recordKey: BATCH_KEY })).length,
    archived: (await listArchivedInstances(ctx, { recordTable: TABLE, recordKey: BATCH_KEY })).length,
  }));
const post = (t: TestCompany) => t.run((ctx) => postJournalBatch(ctx, 'GENERAL', 'DEFAULT'), 'ALICIA');

describeEachDialect('general journal batch approval (WS-GJBAPW, reference shape B)', (db) => {
  /** The copy enabled first, then a balanced pair of lines entered (so they are restricted automatically). */
  async function sentBalanced(requestOptions?: Record<string, unknown>) {
    const t = await journalsCompany(db());
    expect(await enabledCopy(t, 'WS-GJBAPW', requestOptions)).toBe('WS-GJBAPW-01');
    await balancedPair(t);
    return t;
  }

  describe('a balanced batch', () => {
    it('is restricted and goes to the requester’s direct approver; its lines wait too, so posting is refused', async () => {
      const t = await sentBalanced();
      expect((await lineRestrictions(t)).map((r) => r?.workflowCode)).toEqual(['WS-GJBAPW-01', 'WS-GJBAPW-01']);
      const sent = await send(t);
      expect(sent.messages).toEqual(['An approval request has been sent.']);
      expect(
        sent.entries.map((e) => [e.sequence, e.approverId, e.status, e.senderId, e.limitType, e.amountLcy]),
      ).toEqual([[1, 'SEAN', 'Open', 'ALICIA', 'no-limits', '0']]);
      expect(await batchRestriction(t)).toMatchObject({ workflowCode: 'WS-GJBAPW-01' });
      expect((await notifications(t)).map((n) => [n.recipient, n.type, n.key])).toEqual([
        ['SEAN', 'approval', BATCH_KEY],
      ]);
      await failsWith(post(t), 'record-restricted');
      await failsWith(send(t), 'approval-request-exists');
      expect(await instances(t)).toEqual({ live: 1, archived: 0 });
    });

    it('approved: the batch and all its lines are allowed again and the batch posts', async () => {
      const t = await sentBalanced();
      const sent = await send(t);
      await t.run((ctx) => approveEntries(ctx, [sent.entries[0]?.id ?? 0]), 'SEAN');
      expect(await batchRestriction(t)).toBeUndefined();
      expect(await lineRestrictions(t)).toEqual([undefined, undefined]);
      expect(await instances(t)).toEqual({ live: 0, archived: 1 });
      const posted = await post(t);
      expect(posted.lineCount).toBe(2);
      // The batch's approval history moves to the posting's G/L register (reference §5.12).
      expect(await entriesOf(t, TABLE, BATCH_KEY)).toEqual([]);
      const history = await t.run((ctx) =>
        listPostedApprovalEntries(ctx, { table: 'gl-register', key: String(posted.documents[0]?.registerId) }),
      );
      expect(history.map((e) => [e.table, e.recordKey, e.approverId, e.status])).toEqual([
        [TABLE, BATCH_KEY, 'SEAN', 'Approved'],
      ]);
    });

    it('D4: a batch has no amount, so an approver chain is routed to the direct approver only', async () => {
      const t = await sentBalanced({ limitType: 'approver-chain' });
      const sent = await send(t, 'JOHN');
      expect(sent.entries.map((e) => [e.sequence, e.approverId, e.status])).toEqual([[1, 'MARY', 'Open']]);
    });

    it('approved in two steps: the next sequence is asked after the first approval, then the batch is allowed', async () => {
      const t = await journalsCompany(db());
      await t.run(
        (ctx) =>
          saveUserGroup(ctx, {
            code: 'FINANCE',
            description: 'Finance',
            members: [
              { userId: 'MARY', sequence: 1 },
              { userId: 'SEAN', sequence: 2 },
            ],
          }),
        'ADMIN',
      );
      await enabledCopy(t, 'WS-GJBAPW', { approverType: 'workflow-user-group', workflowUserGroup: 'FINANCE' });
      await balancedPair(t);
      const sent = await send(t);
      expect(await entryTriples(t, TABLE, BATCH_KEY)).toEqual([
        [1, 'MARY', 'Open'],
        [2, 'SEAN', 'Created'],
      ]);
      await t.run((ctx) => approveEntries(ctx, [sent.entries[0]?.id ?? 0]), 'MARY');
      expect(await entryTriples(t, TABLE, BATCH_KEY)).toEqual([
        [1, 'MARY', 'Approved'],
        [2, 'SEAN', 'Open'],
      ]);
      expect(await batchRestriction(t)).toBeDefined();
      await t.run((ctx) => approveEntries(ctx, [sent.entries[1]?.id ?? 0]), 'SEAN');
      expect(await batchRestriction(t)).toBeUndefined();
      expect(await lineRestrictions(t)).toEqual([undefined, undefined]);
      expect(await instances(t)).toEqual({ live: 0, archived: 1 });
    });

    it('D8: rejected, the batch and its lines stay restricted and the sender is told', async () => {
      const t = await sentBalanced();
      const sent = await send(t);
      await t.run((ctx) => rejectEntries(ctx, [sent.entries[0]?.id ?? 0]), 'SEAN');
      expect(await entryTriples(t, TABLE, BATCH_KEY)).toEqual([[1, 'SEAN', 'Rejected']]);
      expect(await batchRestriction(t)).toMatchObject({ workflowCode: 'WS-GJBAPW-01' });
      expect((await lineRestrictions(t)).every((r) => r !== undefined)).toBe(true);
      expect((await notifications(t)).map((n) => [n.recipient, n.sender])).toEqual([
        ['SEAN', 'ALICIA'],
        ['ALICIA', 'SEAN'],
      ]);
      expect(await instances(t)).toEqual({ live: 0, archived: 1 });
      await failsWith(post(t), 'record-restricted');
    });

    it('canceled: the entries are canceled and the message shown; as in the reference the restriction stays until a new request is approved', async () => {
      const t = await sentBalanced();
      await send(t);
      await failsWith(cancel(t, 'STRANGER'), 'approval-cancel-forbidden');
      const canceled = await cancel(t);
      expect(canceled.messages).toEqual(['The approval request was canceled.']);
      expect(canceled.entries.map((e) => [e.approverId, e.status])).toEqual([['SEAN', 'Canceled']]);
      expect(await batchRestriction(t)).toBeDefined();
      expect(await instances(t)).toEqual({ live: 0, archived: 1 });
      await failsWith(cancel(t), 'approval-request-missing');
      const again = await send(t);
      await t.run((ctx) => approveEntries(ctx, [again.entries[0]?.id ?? 0]), 'SEAN');
      expect(await batchRestriction(t)).toBeUndefined();
      expect((await entriesOf(t, TABLE, BATCH_KEY)).map((e) => e.status)).toEqual(['Canceled', 'Approved']);
    });

    it('delegated: the substitute approver is asked, and approving allows the batch', async () => {
      const t = await sentBalanced();
      const sent = await send(t);
      const id = sent.entries[0]?.id ?? 0;
      const [delegated] = await t.run((ctx) => delegateEntries(ctx, [id]), 'SEAN');
      expect(delegated?.entry).toMatchObject({ approverId: 'ADMIN', status: 'Open' });
      await t.run((ctx) => approveEntries(ctx, [id]), 'ADMIN');
      expect(await batchRestriction(t)).toBeUndefined();
      expect(await instances(t)).toEqual({ live: 0, archived: 1 });
    });
  });

  it('a batch that does not balance is only told so: no entries, nothing restricted, the instance ends', async () => {
    const t = await journalsCompany(db());
    // Lines entered before the workflow is enabled are not restricted automatically.
    await addJournalLine(t, {
      postingDate: '2026-03-02',
      documentNo: 'GJ-1',
      accountType: 'gl-account',
      accountNo: '5000',
      amount: '500',
    });
    await addJournalLine(t, {
      postingDate: '2026-03-02',
      documentNo: 'GJ-1',
      accountType: 'gl-account',
      accountNo: '1100',
      amount: '-499',
    });
    await enabledCopy(t, 'WS-GJBAPW');
    const sent = await send(t);
    expect(sent.messages).toEqual([NOT_BALANCED_MESSAGE.message]);
    expect(sent.entries).toEqual([]);
    expect(await batchRestriction(t)).toBeUndefined();
    expect(await lineRestrictions(t)).toEqual([undefined, undefined]);
    expect(
      await t.run((ctx) =>
        ctx.tx.selectFrom('restricted_record').selectAll().where('company_id', '=', ctx.companyId).execute(),
      ),
    ).toEqual([]);
    expect(await instances(t)).toEqual({ live: 0, archived: 1 });
    expect(await notifications(t)).toEqual([]);
  });

  it('a batch is not sent while one of its lines waits for its own approval', async () => {
    const t = await journalsCompany(db());
    await enabledCopy(t, 'WS-GJLAPW');
    await enabledCopy(t, 'WS-GJBAPW');
    await balancedPair(t);
    await t.run((ctx) => sendJournalLineForApproval(ctx, 'GENERAL', 'DEFAULT', 10000), 'ALICIA');
    await failsWith(send(t), 'approval-request-exists');
    expect(await entriesOf(t, TABLE, BATCH_KEY)).toEqual([]);
    expect(await batchRestriction(t)).toBeUndefined();
  });

  it('an empty batch, or one without an enabled workflow, cannot be sent; nothing is written', async () => {
    const t = await journalsCompany(db());
    await failsWith(send(t), 'journal-batch-empty');
    await balancedPair(t);
    await failsWith(send(t), 'approval-workflow-missing');
    await failsWith(
      t.run((ctx) => sendJournalBatchForApproval(ctx, 'GENERAL', 'NOPE')),
      'journal-batch-not-found',
    );
    expect(await instances(t)).toEqual({ live: 0, archived: 0 });
  });
});
