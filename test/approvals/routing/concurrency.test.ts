import { expect, it } from 'vitest';
import { entryHistory } from '../../../src/approvals/entry-store.ts';
import { approveEntries, sendApprovalRequest } from '../../../src/approvals/user-actions.ts';
import { type ApprovalUserSetupInput, listUserSetups, saveUserSetup } from '../../../src/approvals/user-setup.ts';
import { describeEachDialect } from '../../support/dialects.ts';
import type { TestCompany } from '../../support/harness.ts';
import {
  approvalsCompany,
  approvalUsers,
  enableTemplateCopy,
  purchaseOrder,
  requestState,
  salesperson,
  summary,
  type TestDocument,
  userGroup,
  vendor,
} from './fixtures.ts';

const CONFLICTS = ['approval-entry-changed', 'approval-entry-not-open'];

/** Runs `approve` as each user at the same moment; returns 'ok' or the error code of each. */
async function race(t: TestCompany, attempts: readonly [userId: string, entryId: number][]): Promise<string[]> {
  // Open as many connections as there are racers first, so the commands really overlap.
  await Promise.all(attempts.map(() => t.run(async (ctx) => ctx.tx.selectFrom('company').select('id').execute())));
  return Promise.all(
    attempts.map(([userId, entryId]) =>
      t
        .run((ctx) => approveEntries(ctx, [entryId]), userId)
        .then(
          () => 'ok',
          (error: { code?: string; message?: string }) => error.code ?? `error: ${error.message}`,
        ),
    ),
  );
}

describeEachDialect('approving at the same moment', (db) => {
  it('the approver and the approval administrator approve the same open entry: one wins, the document is released once', async () => {
    const t = await approvalsCompany(db());
    const docs: TestDocument[] = await t.run(async (ctx) => {
      await approvalUsers(ctx, [
        { userId: 'ADMIN', approvalAdministrator: true, unlimitedPurchase: true },
        { userId: 'APPR1', purchaseLimit: '1000' },
        { userId: 'REQ', approverId: 'APPR1' },
      ]);
      await vendor(ctx, { no: 'V1' });
      await enableTemplateCopy(ctx, 'WS-POAPW', { approverType: 'approver', limitType: 'direct-approver' });
      const made: TestDocument[] = [];
      for (let i = 0; i < 3; i++) made.push(await purchaseOrder(ctx, 'V1', '900'));
      return made;
    });
    // A few rounds, so the two commands really overlap at least once on each database.
    for (const doc of docs) {
      const sent = await t.run((ctx) => sendApprovalRequest(ctx, doc.table, doc.key), 'REQ');
      expect(summary(sent.entries)).toEqual([['APPR1', 1, 'Open']]);
      const entryId = sent.entries[0]?.id ?? 0;

      const results = await race(t, [
        ['APPR1', entryId],
        ['ADMIN', entryId],
      ]);
      expect(
        results.filter((r) => r === 'ok'),
        JSON.stringify(results),
      ).toHaveLength(1);
      const loser = results.find((r) => r !== 'ok');
      expect(CONFLICTS, JSON.stringify(results)).toContain(loser);

      const state = await t.run((ctx) => requestState(ctx, doc.table, doc.key));
      expect(state.status).toBe('Released');
      expect(summary(state.entries)).toEqual([['APPR1', 1, 'Approved']]);
      expect(state.restriction).toBeUndefined();
      expect(state.instances).toEqual([]);
      expect(state.archived).toHaveLength(1);
      const history = await t.run((ctx) => entryHistory(ctx, entryId));
      expect(history.filter((h) => h.action === 'approved')).toHaveLength(1);
      expect(history.map((h) => h.action)).toEqual(['created', 'sent', 'approved']);
      // Release happened once: one document-released decision, one entry decided.
      expect(state.entries[0]?.revision).toBe(3);
    }
  });

  /**
   * Regression (PostgreSQL): each command used to lock its own entry, then want the peer's entry
   * to close it (D1), and the two deadlocked (40P01). Decisions now lock the request's workflow
   * instance first (`user-actions.ts`), so they take turns and the later one gets a conflict code.
   */
  it('D1 any: two members of one sequence approve their own entries at the same moment; the document is released once', async () => {
    const t = await approvalsCompany(db());
    const docs: TestDocument[] = await t.run(async (ctx) => {
      await approvalUsers(ctx, [{ userId: 'REQ' }, { userId: 'A' }, { userId: 'B' }]);
      await userGroup(ctx, {
        code: 'PAIR',
        description: 'Either of two',
        parallelPolicy: 'any',
        members: [
          { userId: 'A', sequence: 1 },
          { userId: 'B', sequence: 1 },
        ],
      });
      await vendor(ctx, { no: 'V1' });
      await enableTemplateCopy(ctx, 'WS-POAPW', {
        approverType: 'workflow-user-group',
        limitType: 'direct-approver',
        workflowUserGroup: 'PAIR',
      });
      const made: TestDocument[] = [];
      for (let i = 0; i < 3; i++) made.push(await purchaseOrder(ctx, 'V1', '900'));
      return made;
    });
    for (const doc of docs) {
      const sent = await t.run((ctx) => sendApprovalRequest(ctx, doc.table, doc.key), 'REQ');
      const [a, b] = sent.entries;
      const results = await race(t, [
        ['A', a?.id ?? 0],
        ['B', b?.id ?? 0],
      ]);
      expect(
        results.filter((r) => r === 'ok'),
        JSON.stringify(results),
      ).toHaveLength(1);
      expect(CONFLICTS, JSON.stringify(results)).toContain(results.find((r) => r !== 'ok'));
      const state = await t.run((ctx) => requestState(ctx, doc.table, doc.key));
      expect(state.status).toBe('Released');
      expect(state.archived).toHaveLength(1);
      // One approved by its approver, the other closed by that peer.
      expect(state.entries.map((e) => [e.status, e.closedByPeer]).sort()).toEqual([
        ['Approved', false],
        ['Approved', true],
      ]);
    }
  });
});

describeEachDialect('approval user setup saved at the same moment', (db) => {
  async function company() {
    const t = await approvalsCompany(db());
    await t.run(async (ctx) => {
      await approvalUsers(ctx, [{ userId: 'ANN' }, { userId: 'BOB' }]);
      await salesperson(ctx, 'SP');
    });
    // Open two connections first, so the two commands really overlap.
    await Promise.all([1, 2].map(() => t.run(async (ctx) => ctx.tx.selectFrom('company').select('id').execute())));
    return t;
  }

  const save = (t: TestCompany, input: ApprovalUserSetupInput) =>
    t
      .run((ctx) => saveUserSetup(ctx, input))
      .then(
        () => 'ok',
        (error: { code?: string; message?: string }) => error.code ?? `error: ${error.message}`,
      );

  it('two users made approval administrator at once: one is, the other is refused', async () => {
    for (let round = 0; round < 3; round++) {
      const t = await company();
      const results = await Promise.all([
        save(t, { userId: 'ANN', approvalAdministrator: true }),
        save(t, { userId: 'BOB', approvalAdministrator: true }),
      ]);
      expect(results.sort(), JSON.stringify(results)).toEqual(['approval-administrator-exists', 'ok']);
      const admins = (await t.run((ctx) => listUserSetups(ctx))).filter((s) => s.approvalAdministrator);
      expect(admins).toHaveLength(1);
    }
  });

  it('one salesperson/purchaser code given to two users at once: one gets it, the other is refused', async () => {
    for (let round = 0; round < 3; round++) {
      const t = await company();
      const results = await Promise.all([
        save(t, { userId: 'ANN', salespersonCode: 'SP' }),
        save(t, { userId: 'BOB', salespersonCode: 'SP' }),
      ]);
      expect(results.sort(), JSON.stringify(results)).toEqual(['ok', 'salesperson-already-assigned']);
      const holders = (await t.run((ctx) => listUserSetups(ctx))).filter((s) => s.salespersonCode === 'SP');
      expect(holders).toHaveLength(1);
    }
  });
});
