import { describe, expect, it } from 'vitest';
import type { ParallelPolicy } from '../../../src/approvals/types.ts';
import { sendApprovalRequest } from '../../../src/approvals/user-actions.ts';
import { describeEachDialect } from '../../support/dialects.ts';
import type { TestCompany } from '../../support/harness.ts';
import {
  approvalsCompany,
  approvalUsers,
  approveAs,
  document,
  enableTemplateCopy,
  entriesOf,
  expectNothingWritten,
  failsWith,
  historyOf,
  purchaseOrder,
  requestState,
  statusOf,
  summary,
  type TestDocument,
  userGroup,
  vendor,
} from './fixtures.ts';

/** Spec §3.4, one scenario per worked example, on both databases. */

const send = (t: TestCompany, doc: TestDocument, userId: string) =>
  t.run((ctx) => sendApprovalRequest(ctx, doc.table, doc.key), userId);

/** Example 1's users: REQ1 (100) → APPR1 (500) → APPR2 (1000) → APPR3 (unlimited). */
const EXAMPLE_1_USERS = [
  { userId: 'REQ1', approverId: 'APPR1', purchaseLimit: '100' },
  { userId: 'APPR1', approverId: 'APPR2', purchaseLimit: '500' },
  { userId: 'APPR2', approverId: 'APPR3', purchaseLimit: '1000' },
  { userId: 'APPR3', unlimitedPurchase: true },
];

/** A purchase invoice of `amount` under a copy of WS-PIAPW routed by Approver and `limitType`. */
async function example1(t: TestCompany, limitType: string, amount = '900') {
  return t.run(async (ctx) => {
    await approvalUsers(ctx, EXAMPLE_1_USERS);
    await vendor(ctx, { no: 'V1' });
    await enableTemplateCopy(ctx, 'WS-PIAPW', { approverType: 'approver', limitType });
    return document(ctx, { area: 'purchase', documentType: 'invoice', partyNo: 'V1', amount });
  }, 'REQ1');
}

/** Example 4/5's users: JOHN (purchaser JR, 500) → MARY (unlimited); ALICIA sends. */
async function purchaserSetup(t: TestCompany, limitType: string, amount: string | undefined, purchaserCode = 'JR') {
  return t.run(async (ctx) => {
    await approvalUsers(ctx, [
      { userId: 'MARY', unlimitedPurchase: true },
      { userId: 'JOHN', approverId: 'MARY', purchaseLimit: '500', salespersonCode: 'JR' },
      { userId: 'CFO', purchaseLimit: '100' },
    ]);
    await vendor(ctx, { no: 'V1', ...(purchaserCode ? { purchaserCode } : {}) });
    await enableTemplateCopy(ctx, 'WS-POAPW', {
      approverType: 'salesperson-purchaser',
      limitType,
      ...(limitType === 'specific-approver' ? { approverId: 'CFO' } : {}),
    });
    return purchaseOrder(ctx, 'V1', amount);
  }, 'ALICIA');
}

describeEachDialect('spec §3.4 worked examples', (db) => {
  describe('Example 1: amount 900, limits 100 / 500 / 1000, Approver Type = Approver', () => {
    it('Approver Chain: requester, Approver 1 and Approver 2 in turn, then Released', async () => {
      const t = await approvalsCompany(db());
      const doc = await example1(t, 'approver-chain');
      const sent = await send(t, doc, 'REQ1');
      expect(sent.messages).toEqual(['An approval request has been sent.']);
      expect(summary(sent.entries)).toEqual([
        ['REQ1', 1, 'Approved'],
        ['APPR1', 2, 'Open'],
        ['APPR2', 3, 'Created'],
      ]);
      const [own, first, second] = sent.entries;
      expect(own?.reason).toMatch(/requester: purchase limit 100 does not cover 900.*approved at once/);
      expect(first?.reason).toMatch(/approver chain step 1 from REQ1: purchase limit 500 does not cover 900/);
      expect(second?.reason).toMatch(/approver chain step 2 from REQ1: purchase limit 1000 covers 900/);
      expect(sent.entries.every((e) => e.limitType === 'approval-limits' && e.approvalType === 'approver')).toBe(true);
      expect(await statusOf(t, doc)).toBe('Pending Approval');

      await approveAs(t, doc, 'APPR1');
      expect(summary(await entriesOf(t, doc))).toEqual([
        ['REQ1', 1, 'Approved'],
        ['APPR1', 2, 'Approved'],
        ['APPR2', 3, 'Open'],
      ]);
      expect(await statusOf(t, doc)).toBe('Pending Approval');

      await approveAs(t, doc, 'APPR2');
      const state = await t.run((ctx) => requestState(ctx, doc.table, doc.key));
      expect(summary(state.entries)).toEqual([
        ['REQ1', 1, 'Approved'],
        ['APPR1', 2, 'Approved'],
        ['APPR2', 3, 'Approved'],
      ]);
      expect(state.status).toBe('Released');
      expect(state.restriction).toBeUndefined();
      expect(state.instances).toEqual([]);
      expect(state.archived).toHaveLength(1);
    });

    it('Direct Approver: one entry for Approver 1, whose approval releases whatever their limit', async () => {
      const t = await approvalsCompany(db());
      const doc = await example1(t, 'direct-approver');
      const sent = await send(t, doc, 'REQ1');
      expect(summary(sent.entries)).toEqual([['APPR1', 1, 'Open']]);
      expect(sent.entries[0]?.reason).toBe('direct approver of REQ1');
      expect(sent.entries[0]?.limitType).toBe('no-limits');
      await approveAs(t, doc, 'APPR1');
      expect(summary(await entriesOf(t, doc))).toEqual([['APPR1', 1, 'Approved']]);
      expect(await statusOf(t, doc)).toBe('Released');
    });

    it("First Qualified Approver: the requester's own entry and one for Approver 2 only", async () => {
      const t = await approvalsCompany(db());
      const doc = await example1(t, 'first-qualified-approver');
      const sent = await send(t, doc, 'REQ1');
      expect(summary(sent.entries)).toEqual([
        ['REQ1', 1, 'Approved'],
        ['APPR2', 2, 'Open'],
      ]);
      expect(sent.entries[1]?.reason).toMatch(/first qualified approver above REQ1: purchase limit 1000 covers 900/);
      await approveAs(t, doc, 'APPR2');
      expect(await statusOf(t, doc)).toBe('Released');
    });
  });

  it('Example 2: a qualified requester is approved at once; the document goes straight to Released', async () => {
    const t = await approvalsCompany(db());
    const doc = await t.run(async (ctx) => {
      await approvalUsers(ctx, [
        { userId: 'APPR1', unlimitedPurchase: true },
        { userId: 'REQ1', approverId: 'APPR1', purchaseLimit: '1000' },
      ]);
      await vendor(ctx, { no: 'V1' });
      await enableTemplateCopy(ctx, 'WS-POAPW', { approverType: 'approver', limitType: 'approver-chain' });
      return purchaseOrder(ctx, 'V1', '900');
    });
    const sent = await send(t, doc, 'REQ1');
    expect(sent.messages).toEqual(['The approval request was approved automatically.']);
    expect(summary(sent.entries)).toEqual([['REQ1', 1, 'Approved']]);
    expect(sent.entries[0]?.reason).toMatch(/requester: purchase limit 1000 covers 900.*approved at once/);
    const state = await t.run((ctx) => requestState(ctx, doc.table, doc.key));
    expect(state.status).toBe('Released');
    expect(state.restriction).toBeUndefined();
    expect(state.archived).toHaveLength(1);
    // Nobody was asked: no notification for anyone.
    const notifications = await t.run((ctx) =>
      ctx.tx.selectFrom('notification_entry').selectAll().where('company_id', '=', ctx.companyId).execute(),
    );
    expect(notifications).toEqual([]);
  });

  it('Example 3: no qualified approver refuses the request and writes nothing', async () => {
    const t = await approvalsCompany(db());
    const doc = await t.run(async (ctx) => {
      await approvalUsers(ctx, [
        { userId: 'APPR1', purchaseLimit: '500' },
        { userId: 'REQ1', approverId: 'APPR1', purchaseLimit: '100' },
      ]);
      await vendor(ctx, { no: 'V1' });
      await enableTemplateCopy(ctx, 'WS-POAPW', { approverType: 'approver', limitType: 'approver-chain' });
      return purchaseOrder(ctx, 'V1', '900');
    });
    const error = await failsWith(send(t, doc, 'REQ1'), 'no-qualified-approver');
    expect(error.details).toMatchObject({ userId: 'APPR1' });
    await expectNothingWritten(t, doc.table, doc.key);
  });

  describe('Example 4: Salesperson/Purchaser, Approver Chain (JOHN 500 → MARY unlimited)', () => {
    it('amount 900: JOHN then MARY, then Released', async () => {
      const t = await approvalsCompany(db());
      const doc = await purchaserSetup(t, 'approver-chain', '900');
      const sent = await send(t, doc, 'ALICIA');
      expect(summary(sent.entries)).toEqual([
        ['JOHN', 1, 'Open'],
        ['MARY', 2, 'Created'],
      ]);
      expect(sent.entries[0]?.reason).toBe('salesperson/purchaser JR: purchase limit 500 does not cover 900.00');
      expect(sent.entries[1]?.reason).toMatch(/approver chain step 1 from JOHN: unlimited purchase limit/);
      expect(sent.entries.every((e) => e.salespersonCode === 'JR' && e.approvalType === 'salesperson-purchaser')).toBe(
        true,
      );
      await approveAs(t, doc, 'JOHN');
      expect(summary(await entriesOf(t, doc))).toEqual([
        ['JOHN', 1, 'Approved'],
        ['MARY', 2, 'Open'],
      ]);
      await approveAs(t, doc, 'MARY');
      expect(await statusOf(t, doc)).toBe('Released');
    });

    it('amount 400: only JOHN', async () => {
      const t = await approvalsCompany(db());
      const doc = await purchaserSetup(t, 'approver-chain', '400');
      const sent = await send(t, doc, 'ALICIA');
      expect(summary(sent.entries)).toEqual([['JOHN', 1, 'Open']]);
      expect(sent.entries[0]?.reason).toBe('salesperson/purchaser JR: purchase limit 500 covers 400.00');
      await approveAs(t, doc, 'JOHN');
      expect(await statusOf(t, doc)).toBe('Released');
    });

    it('a blank purchaser code refuses the request (salesperson-code-missing) and writes nothing', async () => {
      const t = await approvalsCompany(db());
      const doc = await purchaserSetup(t, 'approver-chain', '900', '');
      await failsWith(send(t, doc, 'ALICIA'), 'salesperson-code-missing');
      await expectNothingWritten(t, doc.table, doc.key);
    });
  });

  describe('Example 5: Salesperson/Purchaser, First Qualified Approver', () => {
    it('amount 900: only MARY, at sequence 1', async () => {
      const t = await approvalsCompany(db());
      const doc = await purchaserSetup(t, 'first-qualified-approver', '900');
      const sent = await send(t, doc, 'ALICIA');
      expect(summary(sent.entries)).toEqual([['MARY', 1, 'Open']]);
      expect(sent.entries[0]?.reason).toMatch(/first qualified approver above JOHN: unlimited purchase limit/);
      await approveAs(t, doc, 'MARY');
      expect(await statusOf(t, doc)).toBe('Released');
    });

    it('amount 400: only JOHN', async () => {
      const t = await approvalsCompany(db());
      const doc = await purchaserSetup(t, 'first-qualified-approver', '400');
      const sent = await send(t, doc, 'ALICIA');
      expect(summary(sent.entries)).toEqual([['JOHN', 1, 'Open']]);
    });
  });

  describe('Example 6: Specific Approver CFO', () => {
    it('Approver Type = Approver: a single entry for CFO, regardless of amounts', async () => {
      const t = await approvalsCompany(db());
      const doc = await t.run(async (ctx) => {
        await approvalUsers(ctx, [
          { userId: 'CFO', purchaseLimit: '100' },
          { userId: 'MARY', unlimitedPurchase: true },
          { userId: 'REQ1', approverId: 'MARY', purchaseLimit: '100' },
        ]);
        await vendor(ctx, { no: 'V1' });
        await enableTemplateCopy(ctx, 'WS-POAPW', {
          approverType: 'approver',
          limitType: 'specific-approver',
          approverId: 'CFO',
        });
        return purchaseOrder(ctx, 'V1', '900000');
      });
      const sent = await send(t, doc, 'REQ1');
      expect(summary(sent.entries)).toEqual([['CFO', 1, 'Open']]);
      expect(sent.entries[0]?.reason).toBe('specific approver named in the workflow');
      await approveAs(t, doc, 'CFO');
      expect(await statusOf(t, doc)).toBe('Released');
    });

    it('Approver Type = Salesperson/Purchaser: the purchaser user, then CFO', async () => {
      const t = await approvalsCompany(db());
      const doc = await purchaserSetup(t, 'specific-approver', '900');
      const sent = await send(t, doc, 'ALICIA');
      expect(summary(sent.entries)).toEqual([
        ['JOHN', 1, 'Open'],
        ['CFO', 2, 'Created'],
      ]);
      expect(sent.entries[1]?.reason).toBe('specific approver named in the workflow');
      await approveAs(t, doc, 'JOHN');
      expect(summary(await entriesOf(t, doc))).toEqual([
        ['JOHN', 1, 'Approved'],
        ['CFO', 2, 'Open'],
      ]);
      await approveAs(t, doc, 'CFO');
      expect(await statusOf(t, doc)).toBe('Released');
    });
  });

  /** A purchase order under a group workflow; REQ sends unless the group includes the sender. */
  async function groupRequest(
    t: TestCompany,
    members: readonly [string, number][],
    policy: ParallelPolicy,
    quorum?: number,
  ) {
    return t.run(async (ctx) => {
      await approvalUsers(ctx, [
        { userId: 'REQ' },
        ...['A', 'B', 'C', 'D'].map((userId) => ({ userId, purchaseLimit: '1' })),
      ]);
      await userGroup(ctx, {
        code: 'BOARD',
        description: 'The board',
        parallelPolicy: policy,
        ...(quorum ? { quorum } : {}),
        members: members.map(([userId, sequence]) => ({ userId, sequence })),
      });
      await vendor(ctx, { no: 'V1' });
      await enableTemplateCopy(ctx, 'WS-POAPW', {
        approverType: 'workflow-user-group',
        limitType: 'direct-approver',
        workflowUserGroup: 'BOARD',
      });
      return purchaseOrder(ctx, 'V1', '900');
    });
  }

  it('Example 7: group A=1, B=2, C=3 asks A, then B, then C; limits play no part', async () => {
    const t = await approvalsCompany(db());
    const doc = await groupRequest(
      t,
      [
        ['A', 1],
        ['B', 2],
        ['C', 3],
      ],
      'all',
    );
    const sent = await send(t, doc, 'REQ');
    expect(summary(sent.entries)).toEqual([
      ['A', 1, 'Open'],
      ['B', 2, 'Created'],
      ['C', 3, 'Created'],
    ]);
    expect(sent.entries.map((e) => e.reason)).toEqual([
      'workflow user group BOARD, sequence 1',
      'workflow user group BOARD, sequence 2',
      'workflow user group BOARD, sequence 3',
    ]);
    expect(sent.entries.every((e) => e.groupCode === 'BOARD' && e.limitType === 'no-limits')).toBe(true);
    await approveAs(t, doc, 'A');
    expect(summary(await entriesOf(t, doc))).toEqual([
      ['A', 1, 'Approved'],
      ['B', 2, 'Open'],
      ['C', 3, 'Created'],
    ]);
    expect(await statusOf(t, doc)).toBe('Pending Approval');
    await approveAs(t, doc, 'B');
    expect(summary(await entriesOf(t, doc))).toEqual([
      ['A', 1, 'Approved'],
      ['B', 2, 'Approved'],
      ['C', 3, 'Open'],
    ]);
    expect(await statusOf(t, doc)).toBe('Pending Approval');
    await approveAs(t, doc, 'C');
    expect(await statusOf(t, doc)).toBe('Released');
  });

  describe('Example 8: group members with equal sequence numbers (D1)', () => {
    it('D1 any: A=1, B=1, C=1 — one approval suffices, the others are closed as approved by a peer', async () => {
      const t = await approvalsCompany(db());
      const doc = await groupRequest(
        t,
        [
          ['A', 1],
          ['B', 1],
          ['C', 1],
        ],
        'any',
      );
      const sent = await send(t, doc, 'REQ');
      expect(summary(sent.entries)).toEqual([
        ['A', 1, 'Open'],
        ['B', 1, 'Open'],
        ['C', 1, 'Open'],
      ]);
      await approveAs(t, doc, 'B');
      const entries = await entriesOf(t, doc);
      expect(summary(entries)).toEqual([
        ['A', 1, 'Approved'],
        ['B', 1, 'Approved'],
        ['C', 1, 'Approved'],
      ]);
      expect(entries.map((e) => [e.approverId, e.closedByPeer])).toEqual([
        ['A', true],
        ['B', false],
        ['C', true],
      ]);
      const peer = entries.find((e) => e.approverId === 'A');
      const history = await historyOf(t, peer?.id ?? 0);
      expect(history.map((h) => h.action)).toEqual(['created', 'sent', 'approved-by-peer']);
      expect(history[2]).toMatchObject({
        from_status: 'Open',
        to_status: 'Approved',
        by_user: 'B',
        reason: 'sequence 1 of group BOARD is satisfied (any)',
      });
      expect(await statusOf(t, doc)).toBe('Released');
    });

    it('D1 any: A=1, B=2, C=2, D=3 — after A, either B or C, then D', async () => {
      const t = await approvalsCompany(db());
      const doc = await groupRequest(
        t,
        [
          ['A', 1],
          ['B', 2],
          ['C', 2],
          ['D', 3],
        ],
        'any',
      );
      const sent = await send(t, doc, 'REQ');
      expect(summary(sent.entries)).toEqual([
        ['A', 1, 'Open'],
        ['B', 2, 'Created'],
        ['C', 2, 'Created'],
        ['D', 3, 'Created'],
      ]);
      await approveAs(t, doc, 'A');
      expect(summary(await entriesOf(t, doc))).toEqual([
        ['A', 1, 'Approved'],
        ['B', 2, 'Open'],
        ['C', 2, 'Open'],
        ['D', 3, 'Created'],
      ]);
      await approveAs(t, doc, 'C');
      const afterC = await entriesOf(t, doc);
      expect(summary(afterC)).toEqual([
        ['A', 1, 'Approved'],
        ['B', 2, 'Approved'],
        ['C', 2, 'Approved'],
        ['D', 3, 'Open'],
      ]);
      expect(afterC.find((e) => e.approverId === 'B')?.closedByPeer).toBe(true);
      expect(await statusOf(t, doc)).toBe('Pending Approval');
      await approveAs(t, doc, 'D');
      expect(await statusOf(t, doc)).toBe('Released');
    });

    it('D1 all: A=1, B=1, C=1 — every member must approve', async () => {
      const t = await approvalsCompany(db());
      const doc = await groupRequest(
        t,
        [
          ['A', 1],
          ['B', 1],
          ['C', 1],
        ],
        'all',
      );
      await send(t, doc, 'REQ');
      await approveAs(t, doc, 'A');
      expect(summary(await entriesOf(t, doc))).toEqual([
        ['A', 1, 'Approved'],
        ['B', 1, 'Open'],
        ['C', 1, 'Open'],
      ]);
      expect(await statusOf(t, doc)).toBe('Pending Approval');
      await approveAs(t, doc, 'C');
      expect(await statusOf(t, doc)).toBe('Pending Approval');
      await approveAs(t, doc, 'B');
      const entries = await entriesOf(t, doc);
      expect(entries.every((e) => e.status === 'Approved' && !e.closedByPeer)).toBe(true);
      expect(await statusOf(t, doc)).toBe('Released');
    });

    it('D1 all: A=1, B=2, C=2, D=3 — the next sequence opens only when both B and C approved', async () => {
      const t = await approvalsCompany(db());
      const doc = await groupRequest(
        t,
        [
          ['A', 1],
          ['B', 2],
          ['C', 2],
          ['D', 3],
        ],
        'all',
      );
      await send(t, doc, 'REQ');
      await approveAs(t, doc, 'A');
      await approveAs(t, doc, 'B');
      expect(summary(await entriesOf(t, doc))).toEqual([
        ['A', 1, 'Approved'],
        ['B', 2, 'Approved'],
        ['C', 2, 'Open'],
        ['D', 3, 'Created'],
      ]);
      await approveAs(t, doc, 'C');
      expect(summary(await entriesOf(t, doc))).toEqual([
        ['A', 1, 'Approved'],
        ['B', 2, 'Approved'],
        ['C', 2, 'Approved'],
        ['D', 3, 'Open'],
      ]);
      await approveAs(t, doc, 'D');
      expect(await statusOf(t, doc)).toBe('Released');
    });

    it('D1 all: A=1, B=2, C=3, D=3 — C and D (last, equal) must both approve', async () => {
      const t = await approvalsCompany(db());
      const doc = await groupRequest(
        t,
        [
          ['A', 1],
          ['B', 2],
          ['C', 3],
          ['D', 3],
        ],
        'all',
      );
      await send(t, doc, 'REQ');
      await approveAs(t, doc, 'A');
      await approveAs(t, doc, 'B');
      await approveAs(t, doc, 'D');
      expect(await statusOf(t, doc)).toBe('Pending Approval');
      await approveAs(t, doc, 'C');
      expect(await statusOf(t, doc)).toBe('Released');
    });

    it('D1 quorum 2: A=1, B=1, C=1 — two approvals close the third as approved by a peer', async () => {
      const t = await approvalsCompany(db());
      const doc = await groupRequest(
        t,
        [
          ['A', 1],
          ['B', 1],
          ['C', 1],
        ],
        'quorum',
        2,
      );
      await send(t, doc, 'REQ');
      await approveAs(t, doc, 'C');
      expect(summary(await entriesOf(t, doc))).toEqual([
        ['A', 1, 'Open'],
        ['B', 1, 'Open'],
        ['C', 1, 'Approved'],
      ]);
      expect(await statusOf(t, doc)).toBe('Pending Approval');
      await approveAs(t, doc, 'A');
      const entries = await entriesOf(t, doc);
      expect(entries.map((e) => [e.approverId, e.status, e.closedByPeer])).toEqual([
        ['A', 'Approved', false],
        ['B', 'Approved', true],
        ['C', 'Approved', false],
      ]);
      const history = await historyOf(t, entries[1]?.id ?? 0);
      expect(history.at(-1)).toMatchObject({
        action: 'approved-by-peer',
        reason: 'sequence 1 of group BOARD is satisfied (quorum 2)',
      });
      expect(await statusOf(t, doc)).toBe('Released');
    });
  });

  describe('Example 9: the requester is a member of the group (D2)', () => {
    it("D2: the requester's own entry is Approved; under all the rest of that sequence still decides", async () => {
      const t = await approvalsCompany(db());
      const doc = await groupRequest(
        t,
        [
          ['A', 1],
          ['B', 1],
          ['C', 2],
        ],
        'all',
      );
      const sent = await send(t, doc, 'A');
      expect(summary(sent.entries)).toEqual([
        ['A', 1, 'Approved'],
        ['B', 1, 'Open'],
        ['C', 2, 'Created'],
      ]);
      expect(sent.entries[0]?.reason).toBe(
        "workflow user group BOARD, sequence 1; the requester's own entry is approved at once",
      );
      await approveAs(t, doc, 'B');
      expect(summary(await entriesOf(t, doc))).toEqual([
        ['A', 1, 'Approved'],
        ['B', 1, 'Approved'],
        ['C', 2, 'Open'],
      ]);
      await approveAs(t, doc, 'C');
      expect(await statusOf(t, doc)).toBe('Released');
    });

    it("D2: under any the requester's own approval satisfies their sequence; the next one is asked", async () => {
      const t = await approvalsCompany(db());
      const doc = await groupRequest(
        t,
        [
          ['A', 1],
          ['B', 1],
          ['C', 2],
        ],
        'any',
      );
      const sent = await send(t, doc, 'A');
      const entries = sent.entries.map((e) => [e.approverId, e.sequence, e.status, e.closedByPeer]);
      expect(entries).toEqual([
        ['A', 1, 'Approved', false],
        ['B', 1, 'Approved', true],
        ['C', 2, 'Open', false],
      ]);
      await approveAs(t, doc, 'C');
      expect(await statusOf(t, doc)).toBe('Released');
    });

    it('D2: under any a later sequence the requester satisfied is closed at once; the last approval releases', async () => {
      const t = await approvalsCompany(db());
      const doc = await groupRequest(
        t,
        [
          ['A', 1],
          ['B', 2],
          ['C', 2],
        ],
        'any',
      );
      const sent = await send(t, doc, 'C');
      expect(sent.entries.map((e) => [e.approverId, e.sequence, e.status, e.closedByPeer])).toEqual([
        ['A', 1, 'Open', false],
        ['B', 2, 'Approved', true],
        ['C', 2, 'Approved', false],
      ]);
      const closed = await historyOf(t, sent.entries[1]?.id ?? 0);
      expect(closed.at(-1)).toMatchObject({ action: 'approved-by-peer', by_user: 'C', channel: 'workflow' });
      // Regression: the request used to stay Pending Approval for ever with every entry approved.
      await approveAs(t, doc, 'A');
      expect(await statusOf(t, doc)).toBe('Released');
      expect((await t.run((ctx) => requestState(ctx, doc.table, doc.key))).archived).toHaveLength(1);
    });

    it('D2: a lower-numbered member approving is recorded but only a higher-numbered one releases', async () => {
      const t = await approvalsCompany(db());
      const doc = await groupRequest(
        t,
        [
          ['A', 1],
          ['B', 2],
          ['C', 3],
        ],
        'all',
      );
      const sent = await send(t, doc, 'B');
      expect(summary(sent.entries)).toEqual([
        ['A', 1, 'Open'],
        ['B', 2, 'Approved'],
        ['C', 3, 'Created'],
      ]);
      await approveAs(t, doc, 'A');
      expect(summary(await entriesOf(t, doc))).toEqual([
        ['A', 1, 'Approved'],
        ['B', 2, 'Approved'],
        ['C', 3, 'Open'],
      ]);
      expect(await statusOf(t, doc)).toBe('Pending Approval');
      await approveAs(t, doc, 'C');
      expect(await statusOf(t, doc)).toBe('Released');
    });
  });
});
