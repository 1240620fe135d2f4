import { describe, expect, it } from 'vitest';
import { setForbidSelfApproval } from '../../../src/approvals/company-settings.ts';
import { isQualified } from '../../../src/approvals/routing.ts';
import { sendApprovalRequest } from '../../../src/approvals/user-actions.ts';
import { getUserGroup, sequenceSatisfied } from '../../../src/approvals/user-groups.ts';
import type { ApprovalUserSetup } from '../../../src/approvals/user-setup.ts';
import { createCurrency, getDocument, setExchangeRate } from '../../../src/records/index.ts';
import { describeEachDialect } from '../../support/dialects.ts';
import type { TestCompany } from '../../support/harness.ts';
import {
  approvalsCompany,
  approvalUsers,
  approveAs,
  customer,
  enableTemplateCopy,
  entriesOf,
  failsWith,
  purchaseOrder,
  requestState,
  statusOf,
  summary,
  userGroup,
  vendor,
} from './fixtures.ts';

const send = (t: TestCompany, doc: { table: string; key: string }, userId: string) =>
  t.run((ctx) => sendApprovalRequest(ctx, doc.table, doc.key), userId);

const setup = (limit: string, unlimited = false): ApprovalUserSetup => ({
  userId: 'U',
  salespersonCode: '',
  approverId: 'BOSS',
  salesLimit: '0',
  unlimitedSales: false,
  purchaseLimit: limit,
  unlimitedPurchase: unlimited,
  requestLimit: '0',
  unlimitedRequest: false,
  substitute: '',
  email: '',
  phone: '',
  approvalAdministrator: false,
  revision: 1,
});

describe('qualification and sequence rules (pure)', () => {
  it('D3: the approval limit is inclusive — amount ≤ limit qualifies, one cent more does not', () => {
    expect(isQualified(setup('900'), 'purchase', '900.00')).toBe(true);
    expect(isQualified(setup('900'), 'purchase', '899.99')).toBe(true);
    expect(isQualified(setup('900'), 'purchase', '900.01')).toBe(false);
    // The other kinds of limit are not consulted for a purchase amount.
    expect(isQualified(setup('900'), 'sales', '1')).toBe(false);
  });

  it('D3: a limit of 0 without unlimited qualifies for nothing, not even an amount of 0', () => {
    expect(isQualified(setup('0'), 'purchase', '0')).toBe(false);
    expect(isQualified(setup('0'), 'purchase', '0.01')).toBe(false);
    expect(isQualified(setup('0', true), 'purchase', '1000000')).toBe(true);
  });

  it('D1: a sequence is satisfied by all members, by any one, or by a quorum (capped at its size)', () => {
    expect(sequenceSatisfied('all', null, 2, 3)).toBe(false);
    expect(sequenceSatisfied('all', null, 3, 3)).toBe(true);
    expect(sequenceSatisfied('any', null, 0, 3)).toBe(false);
    expect(sequenceSatisfied('any', null, 1, 3)).toBe(true);
    expect(sequenceSatisfied('quorum', 2, 1, 3)).toBe(false);
    expect(sequenceSatisfied('quorum', 2, 2, 3)).toBe(true);
    // A quorum larger than the sequence needs everyone in it.
    expect(sequenceSatisfied('quorum', 5, 1, 2)).toBe(false);
    expect(sequenceSatisfied('quorum', 5, 2, 2)).toBe(true);
  });
});

describeEachDialect('product decisions D1–D4, D13, D14 in routing', (db) => {
  /** Purchase order of `amount` under a group workflow over BOARD; REQ sends unless told otherwise. */
  async function groupRequest(
    t: TestCompany,
    members: readonly [string, number][],
    policy: 'all' | 'any' | 'quorum',
    quorum?: number,
  ) {
    return t.run(async (ctx) => {
      await approvalUsers(ctx, [{ userId: 'REQ' }, ...['A', 'B', 'C', 'D'].map((userId) => ({ userId }))]);
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

  describe('D1: equal sequence numbers are asked together; parallelPolicy decides how many must approve', () => {
    it('D1: a group defaults to policy all; any and quorum are kept with the group; bad settings are refused', async () => {
      const t = await approvalsCompany(db());
      await t.run(async (ctx) => {
        await approvalUsers(ctx, [{ userId: 'A' }, { userId: 'B' }]);
        await userGroup(ctx, { code: 'g1', description: 'Default', members: [{ userId: 'a', sequence: 1 }] });
        expect(await getUserGroup(ctx, 'G1')).toEqual({
          code: 'G1',
          description: 'Default',
          parallelPolicy: 'all',
          quorum: null,
          members: [{ userId: 'A', sequence: 1 }],
        });
        await userGroup(ctx, { code: 'G2', description: 'Quorum', parallelPolicy: 'quorum', quorum: 2 });
        expect(await getUserGroup(ctx, 'G2')).toMatchObject({ parallelPolicy: 'quorum', quorum: 2 });
        // A quorum only means something under the quorum policy.
        await userGroup(ctx, { code: 'G3', description: 'Any', parallelPolicy: 'any', quorum: 2 });
        expect(await getUserGroup(ctx, 'G3')).toMatchObject({ parallelPolicy: 'any', quorum: null });
      });
      await failsWith(
        t.run((ctx) => userGroup(ctx, { code: 'G4', description: 'x', parallelPolicy: 'quorum' })),
        'quorum-invalid',
      );
      await failsWith(
        t.run((ctx) => userGroup(ctx, { code: 'G4', description: 'x', parallelPolicy: 'quorum', quorum: 0 })),
        'quorum-invalid',
      );
      await failsWith(
        t.run((ctx) =>
          // biome-ignore lint/suspicious/noExplicitAny: an unknown policy from outside the type system
          userGroup(ctx, { code: 'G4', description: 'x', parallelPolicy: 'most' as any }),
        ),
        'parallel-policy-invalid',
      );
      await failsWith(
        t.run((ctx) =>
          userGroup(ctx, {
            code: 'G4',
            description: 'x',
            members: [
              { userId: 'A', sequence: 1 },
              { userId: 'a', sequence: 2 },
            ],
          }),
        ),
        'workflow-user-group-member-duplicate',
      );
      await failsWith(
        t.run((ctx) => userGroup(ctx, { code: 'G4', description: 'x', members: [{ userId: 'A', sequence: 0 }] })),
        'member-sequence-invalid',
      );
    });

    it('D1: the members of one sequence are opened at the same time, the next sequence waits', async () => {
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
      const sent = await send(t, doc, 'REQ');
      expect(summary(sent.entries)).toEqual([
        ['A', 1, 'Open'],
        ['B', 1, 'Open'],
        ['C', 2, 'Created'],
      ]);
      // Both parallel approvers are told at once; the later one is not.
      const notified = await t.run((ctx) =>
        ctx.tx
          .selectFrom('notification_entry')
          .select('recipient_id')
          .where('company_id', '=', ctx.companyId)
          .orderBy('recipient_id')
          .execute(),
      );
      expect(notified.map((n) => n.recipient_id)).toEqual(['A', 'B']);
    });

    it('D1: a quorum larger than the sequence needs every member of it', async () => {
      const t = await approvalsCompany(db());
      const doc = await groupRequest(
        t,
        [
          ['A', 1],
          ['B', 1],
          ['C', 2],
        ],
        'quorum',
        3,
      );
      await send(t, doc, 'REQ');
      await approveAs(t, doc, 'A');
      expect(summary(await entriesOf(t, doc))).toEqual([
        ['A', 1, 'Approved'],
        ['B', 1, 'Open'],
        ['C', 2, 'Created'],
      ]);
      await approveAs(t, doc, 'B');
      expect(summary(await entriesOf(t, doc))).toEqual([
        ['A', 1, 'Approved'],
        ['B', 1, 'Approved'],
        ['C', 2, 'Open'],
      ]);
      await approveAs(t, doc, 'C');
      expect(await statusOf(t, doc)).toBe('Released');
    });
  });

  describe('D2: the requester is a member of the group', () => {
    it("D2: the requester's own entry is created Approved and counts towards a quorum", async () => {
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
      const sent = await send(t, doc, 'A');
      expect(summary(sent.entries)).toEqual([
        ['A', 1, 'Approved'],
        ['B', 1, 'Open'],
        ['C', 1, 'Open'],
      ]);
      await approveAs(t, doc, 'C');
      const entries = await entriesOf(t, doc);
      expect(entries.map((e) => [e.approverId, e.status, e.closedByPeer])).toEqual([
        ['A', 'Approved', false],
        ['B', 'Approved', true],
        ['C', 'Approved', false],
      ]);
      expect(await statusOf(t, doc)).toBe('Released');
    });

    it('D2: a requester alone in the last sequence is approved by the others before them', async () => {
      const t = await approvalsCompany(db());
      const doc = await groupRequest(
        t,
        [
          ['A', 1],
          ['B', 2],
        ],
        'all',
      );
      const sent = await send(t, doc, 'B');
      expect(summary(sent.entries)).toEqual([
        ['A', 1, 'Open'],
        ['B', 2, 'Approved'],
      ]);
      await approveAs(t, doc, 'A');
      expect(await statusOf(t, doc)).toBe('Released');
    });

    it('D2: a group of only the requester is approved at once', async () => {
      const t = await approvalsCompany(db());
      const doc = await groupRequest(t, [['A', 1]], 'all');
      const sent = await send(t, doc, 'A');
      expect(summary(sent.entries)).toEqual([['A', 1, 'Approved']]);
      expect(sent.messages).toEqual(['The approval request was approved automatically.']);
      expect(await statusOf(t, doc)).toBe('Released');
    });
  });

  describe('D3: the qualified boundary', () => {
    it('D3: the approval limit is inclusive — an amount equal to the limit qualifies', async () => {
      const t = await approvalsCompany(db());
      const doc = await t.run(async (ctx) => {
        await approvalUsers(ctx, [
          { userId: 'APPR2', unlimitedPurchase: true },
          { userId: 'APPR1', approverId: 'APPR2', purchaseLimit: '500' },
          { userId: 'REQ', approverId: 'APPR1', purchaseLimit: '100' },
        ]);
        await vendor(ctx, { no: 'V1' });
        await enableTemplateCopy(ctx, 'WS-POAPW', { approverType: 'approver', limitType: 'approver-chain' });
        return purchaseOrder(ctx, 'V1', '500');
      });
      const sent = await send(t, doc, 'REQ');
      expect(summary(sent.entries)).toEqual([
        ['REQ', 1, 'Approved'],
        ['APPR1', 2, 'Open'],
      ]);
      expect(sent.entries[1]?.reason).toBe('approver chain step 1 from REQ: purchase limit 500 covers 500.00');
    });

    it('D3: the approval limit is inclusive — a requester whose limit equals the amount is approved at once', async () => {
      const t = await approvalsCompany(db());
      const doc = await t.run(async (ctx) => {
        await approvalUsers(ctx, [
          { userId: 'APPR1', unlimitedPurchase: true },
          { userId: 'REQ', approverId: 'APPR1', purchaseLimit: '900' },
        ]);
        await vendor(ctx, { no: 'V1' });
        await enableTemplateCopy(ctx, 'WS-POAPW', { approverType: 'approver', limitType: 'first-qualified-approver' });
        return purchaseOrder(ctx, 'V1', '900');
      });
      const sent = await send(t, doc, 'REQ');
      expect(summary(sent.entries)).toEqual([['REQ', 1, 'Approved']]);
      expect(await statusOf(t, doc)).toBe('Released');
    });

    it('D3: a limit of 0 without unlimited qualifies for nothing — the chain walks past it, even for 0', async () => {
      const t = await approvalsCompany(db());
      const doc = await t.run(async (ctx) => {
        await approvalUsers(ctx, [
          { userId: 'APPR2', unlimitedPurchase: true },
          { userId: 'APPR1', approverId: 'APPR2', purchaseLimit: '0' },
          { userId: 'REQ', approverId: 'APPR1' },
        ]);
        await vendor(ctx, { no: 'V1' });
        await enableTemplateCopy(ctx, 'WS-POAPW', { approverType: 'approver', limitType: 'approver-chain' });
        return purchaseOrder(ctx, 'V1', '0');
      });
      expect(doc.header).toMatchObject({ lineCount: 1, amountLcy: '0.00' });
      const sent = await send(t, doc, 'REQ');
      expect(summary(sent.entries)).toEqual([
        ['REQ', 1, 'Approved'],
        ['APPR1', 2, 'Open'],
        ['APPR2', 3, 'Created'],
      ]);
      expect(sent.entries[1]?.reason).toBe('approver chain step 1 from REQ: purchase limit 0 does not cover 0.00');
    });
  });

  describe('D4: records without amounts', () => {
    async function customerRequest(t: TestCompany, limitType: string) {
      return t.run(async (ctx) => {
        await approvalUsers(ctx, [
          { userId: 'APPR2', unlimitedSales: true },
          { userId: 'APPR1', approverId: 'APPR2', salesLimit: '0' },
          { userId: 'REQ', approverId: 'APPR1', salesLimit: '0' },
        ]);
        await customer(ctx, { no: 'C1', salespersonCode: 'ANN' });
        const code = await enableTemplateCopy(ctx, 'WS-CUSTAPW', { limitType });
        expect(code).toBe('WS-CUSTAPW-01');
        return { table: 'customer', key: 'C1' };
      });
    }

    for (const limitType of ['approver-chain', 'first-qualified-approver']) {
      it(`D4: customer approval with limit type ${limitType} behaves as Direct Approver, not as auto-approval`, async () => {
        const t = await approvalsCompany(db());
        const record = await customerRequest(t, limitType);
        const sent = await send(t, record, 'REQ');
        expect(sent.messages).toEqual(['An approval request has been sent.']);
        expect(summary(sent.entries)).toEqual([['APPR1', 1, 'Open']]);
        expect(sent.entries[0]).toMatchObject({
          reason: 'direct approver of REQ',
          limitType: 'no-limits',
          approvalType: 'approver',
          amountLcy: '0',
        });
        let state = await t.run((ctx) => requestState(ctx, 'customer', 'C1'));
        expect(state.restriction?.workflowCode).toBe('WS-CUSTAPW-01');
        await approveAs(t, record, 'APPR1');
        state = await t.run((ctx) => requestState(ctx, 'customer', 'C1'));
        expect(summary(state.entries)).toEqual([['APPR1', 1, 'Approved']]);
        expect(state.restriction).toBeUndefined();
        expect(state.archived).toHaveLength(1);
      });
    }

    it('D4: a vendor routed by salesperson/purchaser and approver chain asks only the purchaser user', async () => {
      const t = await approvalsCompany(db());
      const record = await t.run(async (ctx) => {
        await approvalUsers(ctx, [
          { userId: 'MARY', unlimitedPurchase: true },
          { userId: 'JOHN', approverId: 'MARY', salespersonCode: 'JR' },
          { userId: 'REQ' },
        ]);
        await vendor(ctx, { no: 'V9', purchaserCode: 'JR' });
        await enableTemplateCopy(ctx, 'WS-VENDAPW', {
          approverType: 'salesperson-purchaser',
          limitType: 'approver-chain',
        });
        return { table: 'vendor', key: 'V9' };
      });
      const sent = await send(t, record, 'REQ');
      expect(summary(sent.entries)).toEqual([['JOHN', 1, 'Open']]);
      expect(sent.entries[0]).toMatchObject({
        limitType: 'no-limits',
        reason: 'salesperson/purchaser JR: no approval limit applies to a record without an amount',
      });
    });
  });

  describe('D13: self-approval', () => {
    async function chainRequest(t: TestCompany) {
      return t.run(async (ctx) => {
        await approvalUsers(ctx, [
          { userId: 'APPR1', unlimitedPurchase: true },
          { userId: 'REQ', approverId: 'APPR1', purchaseLimit: '1000' },
        ]);
        await vendor(ctx, { no: 'V1' });
        await enableTemplateCopy(ctx, 'WS-POAPW', { approverType: 'approver', limitType: 'approver-chain' });
        return purchaseOrder(ctx, 'V1', '900');
      });
    }

    it("D13: by default the requester's own entry is created Approved (reference behaviour)", async () => {
      const t = await approvalsCompany(db());
      const doc = await chainRequest(t);
      const sent = await send(t, doc, 'REQ');
      expect(summary(sent.entries)).toEqual([['REQ', 1, 'Approved']]);
      expect(await statusOf(t, doc)).toBe('Released');
    });

    it('D13: with forbidSelfApproval the requester is skipped and the next approver in the chain is asked', async () => {
      const t = await approvalsCompany(db());
      const doc = await chainRequest(t);
      await t.run((ctx) => setForbidSelfApproval(ctx, true));
      const sent = await send(t, doc, 'REQ');
      expect(summary(sent.entries)).toEqual([['APPR1', 1, 'Open']]);
      expect(sent.entries[0]?.reason).toBe('approver chain step 1 from REQ: unlimited purchase limit');
      expect(await statusOf(t, doc)).toBe('Pending Approval');
      await approveAs(t, doc, 'APPR1');
      expect(await statusOf(t, doc)).toBe('Released');
    });

    it('D13: with forbidSelfApproval a requester inside a group gets no entry; the others decide', async () => {
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
      await t.run((ctx) => setForbidSelfApproval(ctx, true));
      const sent = await send(t, doc, 'A');
      expect(summary(sent.entries)).toEqual([
        ['B', 1, 'Open'],
        ['C', 2, 'Created'],
      ]);
    });

    it('D13: with forbidSelfApproval a purchaser who sends their own document goes to their approver', async () => {
      const t = await approvalsCompany(db());
      const doc = await t.run(async (ctx) => {
        await approvalUsers(ctx, [
          { userId: 'MARY', unlimitedPurchase: true },
          { userId: 'JOHN', approverId: 'MARY', unlimitedPurchase: true, salespersonCode: 'JR' },
        ]);
        await vendor(ctx, { no: 'V1', purchaserCode: 'JR' });
        await enableTemplateCopy(ctx, 'WS-POAPW', {
          approverType: 'salesperson-purchaser',
          limitType: 'direct-approver',
        });
        await setForbidSelfApproval(ctx, true);
        return purchaseOrder(ctx, 'V1', '900');
      });
      const sent = await send(t, doc, 'JOHN');
      expect(summary(sent.entries)).toEqual([['MARY', 1, 'Open']]);
      expect(sent.entries[0]?.reason).toBe(
        'salesperson/purchaser JR: unlimited purchase limit; the requester may not approve, so their approver MARY is asked',
      );
      await approveAs(t, doc, 'MARY');
      expect(await statusOf(t, doc)).toBe('Released');
    });

    it('D13: with forbidSelfApproval and nobody but the requester to ask, the request is refused', async () => {
      const t = await approvalsCompany(db());
      const doc = await t.run(async (ctx) => {
        await approvalUsers(ctx, [{ userId: 'BOSS', unlimitedPurchase: true, approvalAdministrator: true }]);
        await vendor(ctx, { no: 'V1' });
        await enableTemplateCopy(ctx, 'WS-POAPW', { approverType: 'approver', limitType: 'direct-approver' });
        await setForbidSelfApproval(ctx, true);
        return purchaseOrder(ctx, 'V1', '900');
      });
      await failsWith(send(t, doc, 'BOSS'), 'approval-no-approver');
      const state = await t.run((ctx) => requestState(ctx, doc.table, doc.key));
      expect(state.status).toBe('Open');
      expect(state.entries).toEqual([]);
    });
  });

  describe('D14: amounts and currencies', () => {
    /** USD at 0.90 LCY; a USD purchase order of 1000.00 is 900.00 LCY. APPR1 may approve exactly 900 LCY. */
    async function foreignRequest(t: TestCompany) {
      return t.run(async (ctx) => {
        await createCurrency(ctx, { code: 'USD', description: 'US dollar' });
        await setExchangeRate(ctx, { currencyCode: 'USD', startingDate: '2026-01-01', rate: '0.90' });
        await approvalUsers(ctx, [
          { userId: 'APPR2', unlimitedPurchase: true },
          { userId: 'APPR1', approverId: 'APPR2', purchaseLimit: '900' },
          { userId: 'REQ', approverId: 'APPR1', purchaseLimit: '100' },
        ]);
        await vendor(ctx, { no: 'V2', currencyCode: 'USD' });
        await enableTemplateCopy(ctx, 'WS-POAPW', { approverType: 'approver', limitType: 'approver-chain' });
        return purchaseOrder(ctx, 'V2', '1000');
      });
    }

    it('D14: a foreign-currency order is compared by its LCY amount at the document exchange rate', async () => {
      const t = await approvalsCompany(db());
      const doc = await foreignRequest(t);
      expect(doc.header).toMatchObject({
        currencyCode: 'USD',
        exchangeRate: '0.9',
        amount: '1000.00',
        amountLcy: '900.00',
      });
      // A new rate after the document was made does not change the document's rate, nor routing.
      await t.run((ctx) => setExchangeRate(ctx, { currencyCode: 'USD', startingDate: '2026-03-01', rate: '1.20' }));
      const sent = await send(t, doc, 'REQ');
      // 1000 USD is more than APPR1's 900, but 900.00 LCY is not: the chain stops at APPR1.
      expect(summary(sent.entries)).toEqual([
        ['REQ', 1, 'Approved'],
        ['APPR1', 2, 'Open'],
      ]);
      expect(sent.entries[1]?.reason).toBe('approver chain step 1 from REQ: purchase limit 900 covers 900.00');
      for (const entry of sent.entries) {
        expect(entry).toMatchObject({ amount: '1000.00', amountLcy: '900.00', currencyCode: 'USD' });
      }
    });

    it('D14: the LCY amount is frozen on the entry — later rate changes do not change it', async () => {
      const t = await approvalsCompany(db());
      const doc = await foreignRequest(t);
      const sent = await send(t, doc, 'REQ');
      await t.run(async (ctx) => {
        await setExchangeRate(ctx, { currencyCode: 'USD', startingDate: '2026-01-01', rate: '2.00' });
        await setExchangeRate(ctx, { currencyCode: 'USD', startingDate: '2026-03-02', rate: '3.00' });
      });
      await approveAs(t, doc, 'APPR1');
      const after = await entriesOf(t, doc);
      expect(after.map((e) => [e.id, e.amount, e.amountLcy, e.currencyCode])).toEqual(
        sent.entries.map((e) => [e.id, '1000.00', '900.00', 'USD']),
      );
      const released = await t.run((ctx) => getDocument(ctx, doc.header));
      expect(released).toMatchObject({ status: 'Released', exchangeRate: '0.9', amountLcy: '900.00' });
    });
  });
});
