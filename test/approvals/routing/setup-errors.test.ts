import { describe, expect, it } from 'vitest';
import { delegateEntries, sendApprovalRequest } from '../../../src/approvals/user-actions.ts';
import { deleteUserGroup, findUserGroup } from '../../../src/approvals/user-groups.ts';
import {
  type ApprovalUserSetupInput,
  deleteUserSetup,
  listUserSetups,
  saveUserSetup,
} from '../../../src/approvals/user-setup.ts';
import type { EngineContext } from '../../../src/engine/context.ts';
import { ensureUser } from '../../../src/records/index.ts';
import { workflowFromTemplate } from '../../../src/templates/index.ts';
import { describeEachDialect } from '../../support/dialects.ts';
import type { TestCompany } from '../../support/harness.ts';
import {
  approvalsCompany,
  approvalUsers,
  enableTemplateCopy,
  entriesOf,
  expectNothingWritten,
  failsWith,
  historyOf,
  purchaseOrder,
  requestState,
  salesperson,
  setupOf,
  statusOf,
  summary,
  type TestDocument,
  userGroup,
  vendor,
} from './fixtures.ts';

const send = (t: TestCompany, doc: TestDocument, userId: string) =>
  t.run((ctx) => sendApprovalRequest(ctx, doc.table, doc.key), userId);

/**
 * A purchase order of 900 from V1 (purchaser `purchaserCode`) under a copy of WS-POAPW with
 * the given request options, after `prepare` has set up users and groups.
 */
async function request(
  t: TestCompany,
  options: Record<string, unknown>,
  prepare: (ctx: EngineContext) => Promise<void>,
  document: { purchaserCode?: string; amount?: string } = {},
): Promise<TestDocument> {
  return t.run(async (ctx) => {
    await prepare(ctx);
    await vendor(ctx, { no: 'V1', ...(document.purchaserCode ? { purchaserCode: document.purchaserCode } : {}) });
    await enableTemplateCopy(ctx, 'WS-POAPW', options);
    return purchaseOrder(ctx, 'V1', 'amount' in document ? document.amount : '900');
  });
}

const approverChain = { approverType: 'approver', limitType: 'approver-chain' };
const directApprover = { approverType: 'approver', limitType: 'direct-approver' };
const purchaserChain = { approverType: 'salesperson-purchaser', limitType: 'approver-chain' };
const group = { approverType: 'workflow-user-group', limitType: 'direct-approver', workflowUserGroup: 'BOARD' };

describeEachDialect('spec §5.9: setup errors surfaced at request time write nothing', (db) => {
  it('the requester is not an approval user (Approver type): approval-user-not-set-up', async () => {
    const t = await approvalsCompany(db());
    const doc = await request(t, directApprover, (ctx) => approvalUsers(ctx, [{ userId: 'APPR1' }]));
    const error = await failsWith(send(t, doc, 'STRANGER'), 'approval-user-not-set-up');
    expect(error.message).toMatch(/STRANGER/);
    await expectNothingWritten(t, doc.table, doc.key);
  });

  it('the requester is not an approval user (Workflow User Group type): approval-user-not-set-up', async () => {
    const t = await approvalsCompany(db());
    const doc = await request(t, group, async (ctx) => {
      await approvalUsers(ctx, [{ userId: 'A' }]);
      await userGroup(ctx, { code: 'BOARD', description: 'Board', members: [{ userId: 'A', sequence: 1 }] });
    });
    await failsWith(send(t, doc, 'STRANGER'), 'approval-user-not-set-up');
    await expectNothingWritten(t, doc.table, doc.key);
  });

  it('the requester has no approver and is not the approval administrator: approver-missing', async () => {
    const t = await approvalsCompany(db());
    const doc = await request(t, directApprover, (ctx) => approvalUsers(ctx, [{ userId: 'REQ' }]));
    const error = await failsWith(send(t, doc, 'REQ'), 'approver-missing');
    expect(error.details).toMatchObject({ userId: 'REQ' });
    await expectNothingWritten(t, doc.table, doc.key);
  });

  it('the approval administrator without an approver approves their own request at once', async () => {
    const t = await approvalsCompany(db());
    const doc = await request(t, directApprover, (ctx) =>
      approvalUsers(ctx, [{ userId: 'ADMIN', approvalAdministrator: true }]),
    );
    const sent = await send(t, doc, 'ADMIN');
    expect(summary(sent.entries)).toEqual([['ADMIN', 1, 'Approved']]);
    expect(sent.entries[0]?.reason).toMatch(/approval administrator and has no approver/);
    expect(await statusOf(t, doc)).toBe('Released');
  });

  it('the chain reaches a user without approver before a qualified one: no-qualified-approver', async () => {
    const t = await approvalsCompany(db());
    const doc = await request(t, { approverType: 'approver', limitType: 'first-qualified-approver' }, (ctx) =>
      approvalUsers(ctx, [
        { userId: 'APPR1', purchaseLimit: '500' },
        { userId: 'REQ', approverId: 'APPR1', purchaseLimit: '100' },
      ]),
    );
    await failsWith(send(t, doc, 'REQ'), 'no-qualified-approver');
    await expectNothingWritten(t, doc.table, doc.key);
  });

  it('the chain goes round in a circle (A → B → A, low limits): approver-chain-loop', async () => {
    const t = await approvalsCompany(db());
    const doc = await request(t, approverChain, (ctx) =>
      approvalUsers(ctx, [
        { userId: 'A', approverId: 'B', purchaseLimit: '100' },
        { userId: 'B', approverId: 'A', purchaseLimit: '200' },
      ]),
    );
    expect((await setupOf(t, 'A'))?.approverId).toBe('B');
    expect((await setupOf(t, 'B'))?.approverId).toBe('A');
    const error = await failsWith(send(t, doc, 'A'), 'approver-chain-loop');
    expect(error.message).toMatch(/starting at A/);
    await expectNothingWritten(t, doc.table, doc.key);
  });

  it('the chain loops above the start (S → A → B → A): approver-chain-loop', async () => {
    const t = await approvalsCompany(db());
    const doc = await request(
      t,
      purchaserChain,
      (ctx) =>
        approvalUsers(ctx, [
          { userId: 'A', approverId: 'B', purchaseLimit: '100' },
          { userId: 'B', approverId: 'A', purchaseLimit: '200' },
          { userId: 'S', approverId: 'A', purchaseLimit: '10', salespersonCode: 'SP' },
        ]),
      { purchaserCode: 'SP' },
    );
    await failsWith(send(t, doc, 'REQ'), 'approver-chain-loop');
    await expectNothingWritten(t, doc.table, doc.key);
  });

  it('Salesperson/Purchaser type and a document without purchaser code: salesperson-code-missing', async () => {
    const t = await approvalsCompany(db());
    const doc = await request(t, purchaserChain, (ctx) =>
      approvalUsers(ctx, [{ userId: 'JOHN', unlimitedPurchase: true, salespersonCode: 'JR' }]),
    );
    expect(doc.header.salespersonCode).toBe('');
    const error = await failsWith(send(t, doc, 'REQ'), 'salesperson-code-missing');
    expect(error.details).toMatchObject({ field: 'salespersonCode' });
    await expectNothingWritten(t, doc.table, doc.key);
  });

  it('no approval user has the purchaser code: salesperson-user-missing', async () => {
    const t = await approvalsCompany(db());
    const doc = await request(
      t,
      purchaserChain,
      async (ctx) => {
        await approvalUsers(ctx, [{ userId: 'JOHN', unlimitedPurchase: true, salespersonCode: 'JR' }]);
        await salesperson(ctx, 'NOBODY');
      },
      { purchaserCode: 'NOBODY' },
    );
    const error = await failsWith(send(t, doc, 'REQ'), 'salesperson-user-missing');
    expect(error.details).toMatchObject({ salespersonCode: 'NOBODY' });
    await expectNothingWritten(t, doc.table, doc.key);
  });

  it('the workflow user group has no members: workflow-user-group-empty', async () => {
    const t = await approvalsCompany(db());
    const doc = await request(t, group, async (ctx) => {
      await approvalUsers(ctx, [{ userId: 'REQ' }]);
      await userGroup(ctx, { code: 'BOARD', description: 'Board', members: [] });
    });
    await failsWith(send(t, doc, 'REQ'), 'workflow-user-group-empty');
    await expectNothingWritten(t, doc.table, doc.key);
  });

  it('the workflow user group no longer exists: workflow-user-group-not-found', async () => {
    const t = await approvalsCompany(db());
    const doc = await request(t, group, async (ctx) => {
      await approvalUsers(ctx, [{ userId: 'REQ' }, { userId: 'A' }]);
      await userGroup(ctx, { code: 'BOARD', description: 'Board', members: [{ userId: 'A', sequence: 1 }] });
    });
    await t.run((ctx) => deleteUserGroup(ctx, 'BOARD'));
    await failsWith(send(t, doc, 'REQ'), 'workflow-user-group-not-found');
    await expectNothingWritten(t, doc.table, doc.key);
  });

  it('a group member is not (any longer) an approval user: approval-user-not-set-up naming the member', async () => {
    const t = await approvalsCompany(db());
    const doc = await request(t, group, async (ctx) => {
      await approvalUsers(ctx, [{ userId: 'REQ' }, { userId: 'A' }, { userId: 'GONE' }]);
      await userGroup(ctx, {
        code: 'BOARD',
        description: 'Board',
        members: [
          { userId: 'A', sequence: 1 },
          { userId: 'GONE', sequence: 2 },
        ],
      });
      // The setup refuses to delete a group member, so the row goes behind its back (as a data import might).
      await ctx.tx
        .deleteFrom('approval_user_setup')
        .where('company_id', '=', ctx.companyId)
        .where('user_id', '=', 'GONE')
        .execute();
    });
    const error = await failsWith(send(t, doc, 'REQ'), 'approval-user-not-set-up');
    expect(error.message).toMatch(/Member of group BOARD GONE/);
    expect(error.details).toMatchObject({ userId: 'GONE' });
    await expectNothingWritten(t, doc.table, doc.key);
  });

  it('an approval user who is a member of a workflow user group cannot be deleted: approval-user-in-group', async () => {
    const t = await approvalsCompany(db());
    await t.run(async (ctx) => {
      await approvalUsers(ctx, [
        { userId: 'A', unlimitedPurchase: true },
        { userId: 'B', unlimitedPurchase: true },
      ]);
      await userGroup(ctx, { code: 'PAIR', description: 'Pair', members: [{ userId: 'B', sequence: 1 }] });
    });
    const error = await failsWith(
      t.run((ctx) => deleteUserSetup(ctx, 'B')),
      'approval-user-in-group',
    );
    expect(error.message).toContain('PAIR');
    expect((await t.run((ctx) => listUserSetups(ctx))).map((s) => s.userId)).toEqual(['A', 'B']);
  });

  it('deleting an approval user deletes their notification setup too', async () => {
    const t = await approvalsCompany(db());
    await t.run(async (ctx) => {
      await approvalUsers(ctx, [{ userId: 'C', unlimitedPurchase: true }]);
      await ctx.tx
        .insertInto('notification_setup')
        .values({
          company_id: ctx.companyId,
          user_id: 'C',
          type: 'approval',
          method: 'note',
          recurrence: 'instantly',
          schedule: '{}',
          next_run_at: null,
        })
        .execute();
      await deleteUserSetup(ctx, 'C');
      const left = await ctx.tx
        .selectFrom('notification_setup')
        .select('user_id')
        .where('company_id', '=', ctx.companyId)
        .execute();
      expect(left).toEqual([]);
    });
  });

  it('the specific approver is not an approval user: approval-user-not-set-up naming them', async () => {
    const t = await approvalsCompany(db());
    const doc = await request(
      t,
      { approverType: 'approver', limitType: 'specific-approver', approverId: 'CFO' },
      (ctx) => approvalUsers(ctx, [{ userId: 'REQ' }]),
    );
    const error = await failsWith(send(t, doc, 'REQ'), 'approval-user-not-set-up');
    expect(error.message).toMatch(/specific approver CFO/);
    await expectNothingWritten(t, doc.table, doc.key);
  });

  it('no enabled workflow takes the document: approval-workflow-missing', async () => {
    const t = await approvalsCompany(db());
    const doc = await t.run(async (ctx) => {
      await approvalUsers(ctx, [{ userId: 'APPR1' }, { userId: 'REQ', approverId: 'APPR1' }]);
      await vendor(ctx, { no: 'V1' });
      // A copy exists but is not enabled; a sales workflow does not take purchase orders.
      await workflowFromTemplate(ctx, 'WS-POAPW');
      await enableTemplateCopy(ctx, 'WS-SOAPW');
      return purchaseOrder(ctx, 'V1', '900');
    });
    await failsWith(send(t, doc, 'REQ'), 'approval-workflow-missing');
    await expectNothingWritten(t, doc.table, doc.key);
  });

  it('a document without lines: document-has-no-lines', async () => {
    const t = await approvalsCompany(db());
    const doc = await request(
      t,
      directApprover,
      (ctx) => approvalUsers(ctx, [{ userId: 'APPR1' }, { userId: 'REQ', approverId: 'APPR1' }]),
      { amount: undefined },
    );
    expect(doc.header.lineCount).toBe(0);
    await failsWith(send(t, doc, 'REQ'), 'document-has-no-lines');
    await expectNothingWritten(t, doc.table, doc.key);
  });

  it('delegation without substitute, approver or approval administrator: delegation-target-missing', async () => {
    const t = await approvalsCompany(db());
    const doc = await request(t, directApprover, (ctx) =>
      approvalUsers(ctx, [{ userId: 'APPR1' }, { userId: 'REQ', approverId: 'APPR1' }]),
    );
    const sent = await send(t, doc, 'REQ');
    const entry = sent.entries[0];
    expect(summary(sent.entries)).toEqual([['APPR1', 1, 'Open']]);
    const before = await t.run((ctx) => requestState(ctx, doc.table, doc.key));
    const notificationsBefore = await notificationCount(t);
    await failsWith(
      t.run((ctx) => delegateEntries(ctx, [entry?.id ?? 0]), 'APPR1'),
      'delegation-target-missing',
    );
    // Nothing changed: the same entry still waits for APPR1, nobody else was told.
    const after = await t.run((ctx) => requestState(ctx, doc.table, doc.key));
    expect(after.entries).toEqual(before.entries);
    expect(after.status).toBe('Pending Approval');
    expect((await historyOf(t, entry?.id ?? 0)).map((h) => h.action)).toEqual(['created', 'sent']);
    expect(await notificationCount(t)).toBe(notificationsBefore);
    expect(summary(await entriesOf(t, doc))).toEqual([['APPR1', 1, 'Open']]);
  });
});

async function notificationCount(t: TestCompany): Promise<number> {
  const rows = await t.run((ctx) =>
    ctx.tx.selectFrom('notification_entry').select('id').where('company_id', '=', ctx.companyId).execute(),
  );
  return rows.length;
}

describeEachDialect('spec §1.11: approval user setup validations write nothing', (db) => {
  /** A company with BOSS (administrator), ANN (salesperson AN) and a plain user PAT. */
  async function company() {
    const t = await approvalsCompany(db());
    await t.run((ctx) =>
      approvalUsers(ctx, [
        { userId: 'BOSS', approvalAdministrator: true, unlimitedPurchase: true },
        { userId: 'ANN', approverId: 'BOSS', salespersonCode: 'AN', purchaseLimit: '500' },
        { userId: 'PAT' },
      ]),
    );
    // NEW exists as a user but has no approval setup yet.
    await t.run((ctx) => ensureUser(ctx, { id: 'NEW', name: 'New user' }));
    return t;
  }

  const cases: [title: string, input: ApprovalUserSetupInput, code: string, field: string][] = [
    [
      'a user cannot be their own approver',
      { userId: 'NEW', approverId: 'new' },
      'approval-user-self-reference',
      'approverId',
    ],
    [
      'a user cannot be their own substitute',
      { userId: 'PAT', substitute: 'PAT' },
      'approval-user-self-reference',
      'substitute',
    ],
    [
      'the approver must be set up first',
      { userId: 'NEW', approverId: 'NOBODY' },
      'approval-user-not-set-up',
      'approverId',
    ],
    [
      'the substitute must be set up first',
      { userId: 'PAT', substitute: 'NOBODY' },
      'approval-user-not-set-up',
      'substitute',
    ],
    ['a limit cannot be negative', { userId: 'NEW', purchaseLimit: '-1' }, 'approval-limit-negative', 'purchaseLimit'],
    [
      'a sales limit cannot be negative on an existing setup',
      { userId: 'ANN', salesLimit: '-0.01' },
      'approval-limit-negative',
      'salesLimit',
    ],
    [
      'a limit and unlimited together are refused',
      { userId: 'NEW', purchaseLimit: '100', unlimitedPurchase: true },
      'approval-limit-and-unlimited',
      'purchaseLimit',
    ],
    [
      'a request limit and unlimited requests together are refused',
      { userId: 'PAT', requestLimit: '5', unlimitedRequest: true },
      'approval-limit-and-unlimited',
      'requestLimit',
    ],
    [
      'a second approval administrator is refused',
      { userId: 'PAT', approvalAdministrator: true },
      'approval-administrator-exists',
      'approvalAdministrator',
    ],
    [
      'a salesperson/purchaser code belongs to one user',
      { userId: 'NEW', salespersonCode: 'an' },
      'salesperson-already-assigned',
      'salespersonCode',
    ],
    ['a phone number cannot contain letters', { userId: 'PAT', phone: '+31 20 CALL ME' }, 'phone-invalid', 'phone'],
  ];

  cases.push(
    ['the user must exist', { userId: 'GHOST' }, 'user-unknown', 'userId'],
    [
      'the salesperson/purchaser must exist',
      { userId: 'PAT', salespersonCode: 'XX' },
      'salesperson-unknown',
      'salespersonCode',
    ],
    ['an e-mail address must look like one', { userId: 'PAT', email: 'pat at home' }, 'email-invalid', 'email'],
  );

  for (const [title, input, code, field] of cases) {
    it(`${title} (${code})`, async () => {
      const t = await company();
      const before = await t.run((ctx) => listUserSetups(ctx));
      const error = await failsWith(
        t.run((ctx) => saveUserSetup(ctx, input)),
        code,
      );
      expect(error.details.field).toBe(field);
      expect(await t.run((ctx) => listUserSetups(ctx))).toEqual(before);
    });
  }

  it('the same checks pass for valid input: unlimited clears the limit, a phone may have digits and signs', async () => {
    const t = await company();
    const saved = await t.run((ctx) =>
      saveUserSetup(ctx, { userId: 'ANN', unlimitedPurchase: true, phone: '+31 (20) 555-0100', substitute: 'PAT' }),
    );
    expect(saved).toMatchObject({
      purchaseLimit: '0',
      unlimitedPurchase: true,
      phone: '+31 (20) 555-0100',
      substitute: 'PAT',
      salespersonCode: 'AN',
      revision: 2,
    });
    // Moving the administrator role needs the old one to give it up first.
    await t.run((ctx) => saveUserSetup(ctx, { userId: 'BOSS', approvalAdministrator: false }));
    await t.run((ctx) => saveUserSetup(ctx, { userId: 'PAT', approvalAdministrator: true }));
    expect((await setupOf(t, 'PAT'))?.approvalAdministrator).toBe(true);
  });

  it('an approver or substitute of someone cannot be deleted (approval-user-in-use); nothing is deleted', async () => {
    const t = await company();
    await failsWith(
      t.run((ctx) => deleteUserSetup(ctx, 'BOSS')),
      'approval-user-in-use',
    );
    expect((await setupOf(t, 'BOSS'))?.approvalAdministrator).toBe(true);
  });

  it('a group member must be an approval user when the group is saved; the group is not written', async () => {
    const t = await company();
    const error = await failsWith(
      t.run((ctx) =>
        userGroup(ctx, {
          code: 'BOARD',
          description: 'Board',
          members: [
            { userId: 'PAT', sequence: 1 },
            { userId: 'NEW', sequence: 2 },
          ],
        }),
      ),
      'approval-user-not-set-up',
    );
    expect(error.message).toMatch(/NEW/);
    expect(await t.run((ctx) => findUserGroup(ctx, 'BOARD'))).toBeUndefined();
  });

  describe('limits as decimals', () => {
    it('a limit that is not a number is refused (approval-limit-invalid)', async () => {
      const t = await company();
      await failsWith(
        t.run((ctx) => saveUserSetup(ctx, { userId: 'NEW', purchaseLimit: 'lots' })),
        'approval-limit-invalid',
      );
      expect(await setupOf(t, 'NEW')).toBeUndefined();
    });
  });
});
