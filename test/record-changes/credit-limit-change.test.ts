import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { listEntries } from '../../src/approvals/queries.ts';
import {
  approveEntries,
  cancelApprovalRequest,
  delegateEntries,
  rejectEntries,
  sendApprovalRequest,
} from '../../src/approvals/user-actions.ts';
import { listArchivedInstances } from '../../src/engine/execution/instance-queries.ts';
import { deleteCustomer, getCustomer } from '../../src/records/index.ts';
import { enabledCopy, entryTriples, notifications } from '../approvals/actions/fixtures.ts';
import { describeEachDialect } from '../support/dialects.ts';
import type { TestCompany } from '../support/harness.ts';
import {
  change,
  changeCompany,
  enabledFieldChangeCopy,
  heldChanges,
  liveInstances,
  notificationTitles,
} from './support.ts';

const SENT = 'The new credit limit was sent for approval; the customer keeps the current limit until it is approved.';
const limitOf = (t: TestCompany, no = 'C1000') => t.run(async (ctx) => (await getCustomer(ctx, no)).creditLimitLcy);
const openEntryOf = async (t: TestCompany, approverId: string) => {
  const [entry] = await t.run((ctx) => listEntries(ctx, 'to-approve'), approverId);
  if (!entry) throw new Error(`${approverId} has nothing to approve`);
  return entry;
};

/** WS-CCLCAPW (reference MS-CCLCAPW, shape X): a raised credit limit waits for approval. */
describeEachDialect('customer credit limit change approval (WS-CCLCAPW)', (db) => {
  async function ready(group = 'CREDIT') {
    const t = await changeCompany(db());
    expect(await enabledFieldChangeCopy(t, 'WS-CCLCAPW', group)).toBe('WS-CCLCAPW-01');
    return t;
  }

  it('a raised credit limit is held: the customer keeps the old limit and the approver sees "changed from X to Y"', async () => {
    const t = await ready();
    const changed = await change(t, 'customer', 'C1000', { creditLimitLcy: '150000', name: 'Adatum Corporation' });
    // The held field shows its old value; the other field of the same change is saved.
    expect(changed.record).toMatchObject({ creditLimitLcy: '100000', name: 'Adatum Corporation' });
    expect(changed.messages).toEqual([SENT]);
    expect(changed.instanceId).toEqual(expect.any(String));
    expect(await limitOf(t)).toBe('100000');
    expect(await heldChanges(t, 'customer', 'C1000')).toEqual([['creditLimitLcy', '100000', '150000', 'held']]);

    // One request to the group member (D4: no limits on a field change, so direct).
    expect(await entryTriples(t, 'customer', 'C1000')).toEqual([[1, 'MARY', 'Open']]);
    const entry = await openEntryOf(t, 'MARY');
    expect(entry).toMatchObject({
      senderId: 'ALICIA',
      approvalType: 'workflow-user-group',
      groupCode: 'CREDIT',
      relatedToChange: true,
      changeDetails: 'Credit limit (LCY) changed from 100000 to 150000',
    });
    expect(await notificationTitles(t, 'MARY')).toEqual([
      'Customer C1000 (Credit limit (LCY) changed from 100000 to 150000) requires your approval',
    ]);
    // No restriction and no cancel: the customer can be used while the change waits.
    expect(await liveInstances(t, 'customer', 'C1000')).toBe(1);
  });

  it('approved by the group member: the new limit is applied and the instance ends', async () => {
    const t = await ready();
    const changed = await change(t, 'customer', 'C1000', { creditLimitLcy: '150000' });
    const entry = await openEntryOf(t, 'MARY');
    const [decided] = await t.run((ctx) => approveEntries(ctx, [entry.id]), 'MARY');
    expect(decided?.entry.status).toBe('Approved');
    expect(decided?.messages).toEqual([]);
    expect(await limitOf(t)).toBe('150000');
    expect(await heldChanges(t, 'customer', 'C1000')).toEqual([['creditLimitLcy', '100000', '150000', 'applied']]);
    expect(await liveInstances(t, 'customer', 'C1000')).toBe(0);
    const archived = await t.run((ctx) => listArchivedInstances(ctx, { recordTable: 'customer', recordKey: 'C1000' }));
    expect(archived.map((i) => i.id)).toEqual([changed.instanceId]);
    // The settled entry still says what it approved.
    const [sent] = await t.run((ctx) => listEntries(ctx, 'sent'), 'ALICIA');
    expect(sent).toMatchObject({ status: 'Approved', relatedToChange: true });
  });

  it('rejected: the new limit is discarded, the customer keeps the old one and the sender is told', async () => {
    const t = await ready();
    await change(t, 'customer', 'C1000', { creditLimitLcy: '150000' });
    const entry = await openEntryOf(t, 'MARY');
    await t.run((ctx) => rejectEntries(ctx, [entry.id], { comment: 'Not with these arrears.' }), 'MARY');
    expect(await limitOf(t)).toBe('100000');
    expect(await heldChanges(t, 'customer', 'C1000')).toEqual([['creditLimitLcy', '100000', '150000', 'discarded']]);
    expect(await entryTriples(t, 'customer', 'C1000')).toEqual([[1, 'MARY', 'Rejected']]);
    expect((await notifications(t)).map((n) => [n.recipient, n.sender])).toEqual([
      ['MARY', 'ALICIA'],
      ['ALICIA', 'MARY'],
    ]);
    expect(await liveInstances(t, 'customer', 'C1000')).toBe(0);
  });

  it('a lowered credit limit (or another field) does not start the workflow', async () => {
    const t = await ready();
    const lowered = await change(t, 'customer', 'C1000', { creditLimitLcy: '50000' });
    expect(lowered).toMatchObject({ record: { creditLimitLcy: '50000' }, messages: [], raised: true });
    expect(lowered.instanceId).toBeUndefined();
    const renamed = await change(t, 'customer', 'C1000', { name: 'Adatum Corporation' });
    expect(renamed.record).toMatchObject({ name: 'Adatum Corporation', creditLimitLcy: '50000' });
    // Saving the same values again is no change at all.
    expect(await change(t, 'customer', 'C1000', { creditLimitLcy: '50000.00' })).toMatchObject({
      raised: false,
      messages: [],
    });
    expect(await heldChanges(t, 'customer', 'C1000')).toEqual([]);
    expect(await entryTriples(t, 'customer', 'C1000')).toEqual([]);
    expect(await liveInstances(t, 'customer', 'C1000')).toBe(0);
  });

  it('apply when the limit was changed meanwhile: a message, nothing applied, and the change ends not-applied with its workflow', async () => {
    const t = await ready();
    await change(t, 'customer', 'C1000', { creditLimitLcy: '150000' });
    // Lowering it meanwhile does not start another request.
    await change(t, 'customer', 'C1000', { creditLimitLcy: '90000' }, 'JOHN');
    const entry = await openEntryOf(t, 'MARY');
    const [decided] = await t.run((ctx) => approveEntries(ctx, [entry.id]), 'MARY');
    expect(decided?.messages).toEqual([
      'The held change of Credit limit (LCY) was not applied: the field now holds 90000, not 100000 as before the change.',
    ]);
    expect(await limitOf(t)).toBe('90000');
    // The workflow is done, so nothing could apply the change any more.
    expect(await liveInstances(t, 'customer', 'C1000')).toBe(0);
    expect(await heldChanges(t, 'customer', 'C1000')).toEqual([['creditLimitLcy', '100000', '150000', 'not-applied']]);
  });

  it('approved with approvals pending: the next sequence is asked and the limit waits for the last approval', async () => {
    const t = await ready('PRICING');
    await change(t, 'customer', 'C1000', { creditLimitLcy: '150000' });
    expect(await entryTriples(t, 'customer', 'C1000')).toEqual([
      [1, 'PETER', 'Open'],
      [2, 'MARY', 'Created'],
    ]);
    await t.run(async (ctx) => approveEntries(ctx, [(await listEntries(ctx, 'to-approve'))[0]?.id ?? 0]), 'PETER');
    expect(await limitOf(t)).toBe('100000');
    expect(await entryTriples(t, 'customer', 'C1000')).toEqual([
      [1, 'PETER', 'Approved'],
      [2, 'MARY', 'Open'],
    ]);
    expect(await heldChanges(t, 'customer', 'C1000')).toEqual([['creditLimitLcy', '100000', '150000', 'held']]);
    await t.run(async (ctx) => approveEntries(ctx, [(await listEntries(ctx, 'to-approve'))[0]?.id ?? 0]), 'MARY');
    expect(await limitOf(t)).toBe('150000');
    expect(await liveInstances(t, 'customer', 'C1000')).toBe(0);
  });

  it('delegated: the delegate is asked, and their approval applies the limit', async () => {
    const t = await ready();
    await change(t, 'customer', 'C1000', { creditLimitLcy: '150000' });
    const entry = await openEntryOf(t, 'MARY');
    const [delegated] = await t.run((ctx) => delegateEntries(ctx, [entry.id]), 'MARY');
    // MARY's own approver is SEAN.
    expect(delegated?.entry).toMatchObject({ approverId: 'SEAN', status: 'Open' });
    expect((await notifications(t, 'SEAN')).map((n) => n.entryId)).toEqual([entry.id]);
    await t.run((ctx) => approveEntries(ctx, [entry.id]), 'SEAN');
    expect(await limitOf(t)).toBe('150000');
    expect(await liveInstances(t, 'customer', 'C1000')).toBe(0);
  });

  it('D2: a change by the only group member is approved at once and applied', async () => {
    const t = await ready();
    const changed = await change(t, 'customer', 'C1000', { creditLimitLcy: '150000' }, 'MARY');
    expect(changed.record.creditLimitLcy).toBe('150000');
    expect(await entryTriples(t, 'customer', 'C1000')).toEqual([[1, 'MARY', 'Approved']]);
    expect(await heldChanges(t, 'customer', 'C1000')).toEqual([['creditLimitLcy', '100000', '150000', 'applied']]);
  });

  it('two raises while one waits are two requests; the second finds the limit already changed', async () => {
    const t = await ready();
    await change(t, 'customer', 'C1000', { creditLimitLcy: '150000' });
    await change(t, 'customer', 'C1000', { creditLimitLcy: '200000' }, 'JOHN');
    expect(await heldChanges(t, 'customer', 'C1000')).toEqual([
      ['creditLimitLcy', '100000', '150000', 'held'],
      ['creditLimitLcy', '100000', '200000', 'held'],
    ]);
    const [first, second] = await t.run((ctx) => listEntries(ctx, 'to-approve'), 'MARY');
    await t.run((ctx) => approveEntries(ctx, [second?.id ?? 0]), 'MARY');
    expect(await limitOf(t)).toBe('200000');
    const [late] = await t.run((ctx) => approveEntries(ctx, [first?.id ?? 0]), 'MARY');
    expect(late?.messages).toEqual([
      'The held change of Credit limit (LCY) was not applied: the field now holds 200000, not 100000 as before the change.',
    ]);
    expect(await limitOf(t)).toBe('200000');
  });

  it('a held change is a request of its own: the customer can still be sent for customer approval', async () => {
    const t = await ready();
    await enabledCopy(t, 'WS-CUSTAPW');
    await change(t, 'customer', 'C1000', { creditLimitLcy: '150000' });
    expect(await entryTriples(t, 'customer', 'C1000')).toEqual([[1, 'MARY', 'Open']]);
    await t.run((ctx) => sendApprovalRequest(ctx, 'customer', 'C1000'), 'ALICIA');
    expect(await liveInstances(t, 'customer', 'C1000')).toBe(2);
    // A second customer approval request is still refused while the first one waits.
    await expect(t.run((ctx) => sendApprovalRequest(ctx, 'customer', 'C1000'), 'ALICIA')).rejects.toMatchObject({
      code: 'approval-request-exists',
    });
  });

  it('a held change is neither canceled with the record nor a reason to let someone else cancel its request', async () => {
    const t = await ready();
    await enabledCopy(t, 'WS-CUSTAPW');
    await change(t, 'customer', 'C1000', { creditLimitLcy: '150000' }, 'JOHN');
    await t.run((ctx) => sendApprovalRequest(ctx, 'customer', 'C1000'), 'ALICIA');
    // JOHN sent the held change, not the customer request: he may not cancel ALICIA's request.
    await expect(t.run((ctx) => cancelApprovalRequest(ctx, 'customer', 'C1000'), 'JOHN')).rejects.toMatchObject({
      code: 'approval-cancel-forbidden',
    });
    const canceled = await t.run((ctx) => cancelApprovalRequest(ctx, 'customer', 'C1000'), 'ALICIA');
    // The canceled request is the customer approval; the held change still waits for MARY.
    expect(canceled.entries.every((e) => e.status === 'Canceled')).toBe(true);
    expect(canceled.entries.some((e) => e.approverId === 'MARY')).toBe(false);
    expect(await heldChanges(t, 'customer', 'C1000')).toEqual([['creditLimitLcy', '100000', '150000', 'held']]);
  });

  it('a customer with a held change cannot be deleted until its approvers decide (record-change-pending)', async () => {
    const t = await ready();
    await change(t, 'customer', 'C1000', { creditLimitLcy: '150000' });
    const refused = await t.run((ctx) => deleteCustomer(ctx, 'C1000'), 'ADMIN').catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'record-change-pending' });
    expect((refused as Error).message).toContain('held field change');
    const entry = await openEntryOf(t, 'MARY');
    await t.run((ctx) => rejectEntries(ctx, [entry.id]), 'MARY');
    expect(await t.run((ctx) => deleteCustomer(ctx, 'C1000'), 'ADMIN')).toMatchObject({ no: 'C1000' });
  });

  it('a limit lowered while the approval is being applied is not overwritten (row lock; PostgreSQL runs both at once)', async () => {
    const t = await ready();
    await change(t, 'customer', 'C1000', { creditLimitLcy: '150000' });
    const entry = await openEntryOf(t, 'MARY');
    const companyId = await t.run(async (ctx) => ctx.companyId);
    if (!db().capabilities.rowLocks) return; // SQLite has one writer at a time: nothing runs in between.
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let lowered = () => {};
    const loweredFirst = new Promise<void>((resolve) => {
      lowered = resolve;
    });
    // Someone lowers the limit and has not committed yet when MARY approves.
    const lowering = db()
      .db.transaction()
      .execute(async (trx) => {
        await trx
          .updateTable('customer')
          .set({ credit_limit_lcy: '90000', revision: sql`revision + 1` })
          .where('company_id', '=', companyId)
          .where('no', '=', 'C1000')
          .execute();
        lowered();
        await gate;
      });
    await loweredFirst;
    const approving = t.run((ctx) => approveEntries(ctx, [entry.id]), 'MARY');
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await lowering;
    const [decided] = await approving;
    expect(decided?.messages).toEqual([
      'The held change of Credit limit (LCY) was not applied: the field now holds 90000, not 100000 as before the change.',
    ]);
    expect(await limitOf(t)).toBe('90000');
  });
});
