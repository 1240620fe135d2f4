import { expect, it } from 'vitest';
import { listEntries } from '../../src/approvals/queries.ts';
import { approveEntries, rejectEntries } from '../../src/approvals/user-actions.ts';
import { saveUserGroup } from '../../src/approvals/user-groups.ts';
import { enableWorkflow } from '../../src/engine/definition/enable.ts';
import type { WorkflowStepInput } from '../../src/engine/definition/types.ts';
import { getWorkflow, saveCategory } from '../../src/engine/definition/workflow-store.ts';
import { createWorkflow } from '../../src/engine/definition/workflows.ts';
import { getVendor } from '../../src/records/index.ts';
import { entryTriples, failsWith } from '../approvals/actions/fixtures.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { event, response, type TestCompany } from '../support/harness.ts';
import { change, changeCompany, heldChanges, liveInstances } from './support.ts';

const NO_PENDING = { 'approval-entry': { pendingApprovals: '0' } };
const PENDING = { 'approval-entry': { pendingApprovals: '>0' } };
const SENT = 'The new vendor name was sent for approval.';

/**
 * The worked example of the functional spec (§2.6): VENDAPN-01, built step by step as a user
 * would in the designer. Rule "Name is changed"; the pending-0 branch applies the new values,
 * as the templates do (D9).
 */
function vendorNameSteps(withApply = true, heldField = 'name'): WorkflowStepInput[] {
  const send = { notifySender: false };
  return [
    event(1, null, 'vendor.changed', { rules: [{ field: 'name', operator: 'changed' }] }),
    response(2, 1, 'record.revert-field', { field: heldField }),
    response(3, 2, 'approval.create-requests', {
      approverType: 'workflow-user-group',
      limitType: 'direct-approver',
      workflowUserGroup: 'BUYERS',
    }),
    response(4, 3, 'approval.send-requests', send),
    response(5, 4, 'show-message', { message: SENT }),
    event(6, 5, 'approval-entry.approved', { conditions: NO_PENDING, sequence: 0 }),
    ...(withApply ? [response(7, 6, 'record.apply-new-values')] : [response(7, 6, 'do-nothing')]),
    event(8, 5, 'approval-entry.approved', { conditions: PENDING, sequence: 1 }),
    response(9, 8, 'approval.send-requests', send, { nextStepId: 5 }),
    event(10, 5, 'approval-entry.delegated', { sequence: 2 }),
    response(11, 10, 'approval.send-requests', send, { nextStepId: 5 }),
    event(12, 5, 'approval-entry.rejected', { sequence: 3 }),
    response(13, 12, 'record.discard-new-values'),
    response(14, 13, 'approval.reject-all', { notifySender: true }),
  ];
}

describeEachDialect('vendor name change approval (spec §2.6, VENDAPN-01)', (db) => {
  async function ready(): Promise<TestCompany> {
    const t = await changeCompany(db());
    await t.run(async (ctx) => {
      await saveCategory(ctx, 'PURCH', 'Purchasing and payables');
      await saveUserGroup(ctx, { code: 'BUYERS', description: 'Buyers', members: [{ userId: 'JOHN', sequence: 1 }] });
      await createWorkflow(ctx, {
        code: 'VENDAPN-01',
        description: 'Vendor name change approval',
        category: 'PURCH',
        steps: vendorNameSteps(),
      });
      await enableWorkflow(ctx, 'VENDAPN-01');
    }, 'ADMIN');
    return t;
  }
  const nameOf = (t: TestCompany) => t.run(async (ctx) => (await getVendor(ctx, 'V1000')).name);

  it("change a vendor's name → an approval request is created, the name stays unchanged until approved", async () => {
    const t = await ready();
    const changed = await change(t, 'vendor', 'V1000', { name: 'Fabrikam International' });
    expect(changed.record.name).toBe('Fabrikam');
    expect(changed.messages).toEqual([SENT]);
    expect(await nameOf(t)).toBe('Fabrikam');
    expect(await entryTriples(t, 'vendor', 'V1000')).toEqual([[1, 'JOHN', 'Open']]);
    const [entry] = await t.run((ctx) => listEntries(ctx, 'to-approve'), 'JOHN');
    expect(entry).toMatchObject({
      relatedToChange: true,
      changeDetails: 'Name changed from Fabrikam to Fabrikam International',
    });
    // Putting the old name back is the workflow's own write: it starts no second request.
    expect(await liveInstances(t, 'vendor', 'V1000')).toBe(1);

    await t.run((ctx) => approveEntries(ctx, [entry?.id ?? 0]), 'JOHN');
    expect(await nameOf(t)).toBe('Fabrikam International');
    expect(await heldChanges(t, 'vendor', 'V1000')).toEqual([
      ['name', 'Fabrikam', 'Fabrikam International', 'applied'],
    ]);
    expect(await liveInstances(t, 'vendor', 'V1000')).toBe(0);
  });

  it('rejected: the new name is discarded and the vendor keeps its name', async () => {
    const t = await ready();
    await change(t, 'vendor', 'V1000', { name: 'Fabrikam International' });
    const [entry] = await t.run((ctx) => listEntries(ctx, 'to-approve'), 'JOHN');
    await t.run((ctx) => rejectEntries(ctx, [entry?.id ?? 0]), 'JOHN');
    expect(await nameOf(t)).toBe('Fabrikam');
    expect(await heldChanges(t, 'vendor', 'V1000')).toEqual([
      ['name', 'Fabrikam', 'Fabrikam International', 'discarded'],
    ]);
    expect(await entryTriples(t, 'vendor', 'V1000')).toEqual([[1, 'JOHN', 'Rejected']]);
  });

  it('a change of another field of the vendor goes through at once', async () => {
    const t = await ready();
    const changed = await change(t, 'vendor', 'V1000', { purchaserCode: 'MS' });
    expect(changed).toMatchObject({ record: { name: 'Fabrikam', purchaserCode: 'MS' }, messages: [] });
    expect(await entryTriples(t, 'vendor', 'V1000')).toEqual([]);
  });

  it('a field that did not change is not held, and applying then says there is nothing to apply', async () => {
    const t = await changeCompany(db());
    await t.run(async (ctx) => {
      await saveUserGroup(ctx, { code: 'BUYERS', description: 'Buyers', members: [{ userId: 'JOHN', sequence: 1 }] });
      // The rule watches the name, but the step holds the purchaser code, which this change leaves alone.
      await createWorkflow(ctx, {
        code: 'VENDAPN-03',
        description: 'Holds another field',
        steps: vendorNameSteps(true, 'purchaserCode'),
      });
      await enableWorkflow(ctx, 'VENDAPN-03');
    }, 'ADMIN');
    const changed = await change(t, 'vendor', 'V1000', { name: 'Fabrikam International' });
    expect(changed.record.name).toBe('Fabrikam International');
    expect(await heldChanges(t, 'vendor', 'V1000')).toEqual([]);
    const [entry] = await t.run((ctx) => listEntries(ctx, 'to-approve'), 'JOHN');
    expect(entry).toMatchObject({ relatedToChange: false, changeDetails: '' });
    const [decided] = await t.run((ctx) => approveEntries(ctx, [entry?.id ?? 0]), 'JOHN');
    expect(decided?.messages).toEqual(['There are no held changes of this record to apply.']);
  });

  it('D9: a field-change workflow that reverts a value but never applies it cannot be enabled', async () => {
    const t = await changeCompany(db());
    await t.run(
      (ctx) => createWorkflow(ctx, { code: 'VENDAPN-02', description: 'Without apply', steps: vendorNameSteps(false) }),
      'ADMIN',
    );
    const refused = await failsWith(
      t.run((ctx) => enableWorkflow(ctx, 'VENDAPN-02'), 'ADMIN'),
      'workflow-not-valid',
    );
    const problems = refused.details.problems as { code: string; stepId?: number; message: string }[];
    expect(problems.map((p) => [p.code, p.stepId])).toEqual([['response-partner-missing', 2]]);
    expect(problems[0]?.message).toContain('record.apply-new-values');
    // Saved (a workflow may be saved half-built), but left disabled.
    expect(await t.run(async (ctx) => (await getWorkflow(ctx, 'VENDAPN-02')).enabled, 'ADMIN')).toBe(false);
  });

  it('D9: a field-change workflow that applies new values but never holds them cannot be enabled', async () => {
    const t = await changeCompany(db());
    const steps = vendorNameSteps().map((s) =>
      s.id === 2 ? { id: 2, previousStepId: 1, type: 'response' as const, functionCode: 'do-nothing' } : s,
    );
    await t.run((ctx) => createWorkflow(ctx, { code: 'VENDAPN-03', description: 'Without revert', steps }), 'ADMIN');
    const refused = await failsWith(
      t.run((ctx) => enableWorkflow(ctx, 'VENDAPN-03'), 'ADMIN'),
      'workflow-not-valid',
    );
    const problems = refused.details.problems as { code: string; stepId?: number; message: string }[];
    expect(problems.map((p) => [p.code, p.stepId])).toEqual([['response-partner-missing', 7]]);
    expect(problems[0]?.message).toContain('record.revert-field');
  });

  it('apply follows an approval and discard a rejection; neither may follow the changed event itself', async () => {
    const t = await changeCompany(db());
    for (const code of ['record.apply-new-values', 'record.discard-new-values']) {
      await failsWith(
        t.run(
          (ctx) =>
            createWorkflow(ctx, {
              code: 'WRONG',
              description: 'Misplaced',
              steps: [event(1, null, 'vendor.changed'), response(2, 1, code)],
            }),
          'ADMIN',
        ),
        'step-combination-not-allowed',
      );
    }
    // Reverting follows only a changed event.
    await failsWith(
      t.run(
        (ctx) =>
          createWorkflow(ctx, {
            code: 'WRONG',
            description: 'Misplaced',
            steps: [
              event(1, null, 'vendor.approval-requested'),
              response(2, 1, 'record.revert-field', { field: 'name' }),
            ],
          }),
        'ADMIN',
      ),
      'step-combination-not-allowed',
    );
  });
});
