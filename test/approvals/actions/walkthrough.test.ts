import { expect, it } from 'vitest';
import { openWerkstroom } from '../../../src/app/werkstroom.ts';
import { listEntries, listNotificationEntries } from '../../../src/approvals/index.ts';
import { approveEntries, sendApprovalRequest } from '../../../src/approvals/user-actions.ts';
import { saveUserSetup } from '../../../src/approvals/user-setup.ts';
import { businessModules } from '../../../src/business-modules.ts';
import type { DatabaseHandle } from '../../../src/db/connect.ts';
import { DEMO_COMPANY } from '../../../src/demo/demo-data.ts';
import { seedDemoCompany } from '../../../src/demo/seed.ts';
import { runPurchaseOrderWalkthrough } from '../../../src/demo/walkthrough.ts';
import { enableWorkflow } from '../../../src/engine/definition/enable.ts';
import { getWorkflow } from '../../../src/engine/definition/workflow-store.ts';
import { listArchivedInstances, listInstances } from '../../../src/engine/execution/instance-queries.ts';
import {
  addLine,
  createDocument,
  createItem,
  createVendor,
  documentKey,
  findRestriction,
  getDocument,
} from '../../../src/records/index.ts';
import { WORKFLOW_TEMPLATES, workflowFromTemplate } from '../../../src/templates/index.ts';
import { createTestDatabase, describeEachDialect } from '../../support/dialects.ts';
import { FIXED_NOW } from '../../support/harness.ts';
import { approvalsCompany } from './fixtures.ts';

/** How many rows the demo company has in each table that seeding writes to. */
async function demoCounts(handle: DatabaseHandle) {
  const db = handle.db;
  const company = await db.selectFrom('company').select('id').where('code', '=', DEMO_COMPANY.code).executeTakeFirst();
  const id = company?.id ?? -1;
  const count = async (
    table:
      | 'approval_user_setup'
      | 'salesperson_purchaser'
      | 'workflow_user_group'
      | 'workflow_user_group_member'
      | 'vendor'
      | 'customer'
      | 'item'
      | 'workflow'
      | 'workflow_category'
      | 'document_header'
      | 'restricted_record'
      | 'approval_entry',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select(({ fn }) => fn.countAll<number>().as('n'))
          .where('company_id', '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const companies = Number(
    (
      await db
        .selectFrom('company')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .where('code', '=', DEMO_COMPANY.code)
        .executeTakeFirstOrThrow()
    ).n,
  );
  return {
    companies,
    setups: await count('approval_user_setup'),
    salespeople: await count('salesperson_purchaser'),
    groups: await count('workflow_user_group'),
    groupMembers: await count('workflow_user_group_member'),
    vendors: await count('vendor'),
    customers: await count('customer'),
    items: await count('item'),
    workflows: await count('workflow'),
    categories: await count('workflow_category'),
    documents: await count('document_header'),
    restrictions: await count('restricted_record'),
    entries: await count('approval_entry'),
  };
}

describeEachDialect('the purchase order walkthrough (spec §2.21)', (db, dialect) => {
  it('step by step: SEAN approves ALICIA’s order, which is released and its instance archived', async () => {
    const t = await approvalsCompany(db());

    // 1–2. SEAN has unlimited purchase approval; ALICIA's approver is SEAN (SEAN set up first).
    await t.run(async (ctx) => {
      await saveUserSetup(ctx, { userId: 'SEAN', unlimitedPurchase: true });
      await saveUserSetup(ctx, { userId: 'ALICIA', approverId: 'SEAN' });
      await createVendor(ctx, { no: 'V10000', name: 'Fabrikam Office Supplies' });
      await createItem(ctx, { no: '1001', description: 'Standing desk', unitPrice: '399.00' });
    }, 'SEAN');

    // 4. A new workflow from the purchase order template, enabled without other changes.
    const workflow = await t.run(async (ctx) => {
      const copy = await workflowFromTemplate(ctx, 'WS-POAPW');
      expect(copy).toMatchObject({ code: 'WS-POAPW-01', enabled: false, template: false });
      await enableWorkflow(ctx, copy.code);
      return getWorkflow(ctx, copy.code);
    }, 'SEAN');
    expect(workflow.enabled).toBe(true);

    // 5. ALICIA has an open purchase order and sends it for approval.
    const order = await t.run(async (ctx) => {
      const header = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V10000' });
      await addLine(ctx, header, { type: 'item', no: '1001', quantity: '2' });
      return getDocument(ctx, 'purchase', 'order', header.no);
    }, 'ALICIA');
    expect(order.status).toBe('Open');
    const key = documentKey(order);
    const sent = await t.run((ctx) => sendApprovalRequest(ctx, 'purchase-header', key), 'ALICIA');
    expect(sent.messages).toEqual(['An approval request has been sent.']);
    expect(sent.entries.map((e) => [e.sequence, e.approverId, e.status, e.senderId])).toEqual([
      [1, 'ALICIA', 'Approved', 'ALICIA'],
      [2, 'SEAN', 'Open', 'ALICIA'],
    ]);
    expect(sent.entries.map((e) => [e.approvalCode, e.amount, e.amountLcy])).toEqual([
      ['WS-POAPW-01', '798.00', '798.00'],
      ['WS-POAPW-01', '798.00', '798.00'],
    ]);

    await t.run(async (ctx) => {
      expect((await getDocument(ctx, 'purchase', 'order', order.no)).status).toBe('Pending Approval');
      expect(await findRestriction(ctx, 'purchase-header', key)).toMatchObject({ workflowCode: 'WS-POAPW-01' });
      expect(await listInstances(ctx, { recordTable: 'purchase-header', recordKey: key })).toHaveLength(1);
      // 6. A notification for SEAN is queued (and none for ALICIA, who acted herself).
      const queued = await listNotificationEntries(ctx);
      expect(queued.map((n) => [n.recipient_id, n.type, n.sender_id, n.approval_entry_id])).toEqual([
        ['SEAN', 'approval', 'ALICIA', sent.entries[1]?.id],
      ]);
    });

    // 6. SEAN opens his requests to approve and approves ALICIA's order.
    const toApprove = await t.run((ctx) => listEntries(ctx, 'to-approve'), 'SEAN');
    expect(toApprove.map((e) => [e.documentNo, e.senderId])).toEqual([[order.no, 'ALICIA']]);
    const decided = await t.run(
      (ctx) =>
        approveEntries(
          ctx,
          toApprove.map((e) => e.id),
          { channel: 'web' },
        ),
      'SEAN',
    );
    expect(decided.map((d) => d.entry.status)).toEqual(['Approved']);

    await t.run(async (ctx) => {
      expect((await getDocument(ctx, 'purchase', 'order', order.no)).status).toBe('Released');
      expect(await findRestriction(ctx, 'purchase-header', key)).toBeUndefined();
      expect(await listInstances(ctx, { recordTable: 'purchase-header', recordKey: key })).toEqual([]);
      const archived = await listArchivedInstances(ctx, { recordTable: 'purchase-header', recordKey: key });
      expect(archived).toHaveLength(1);
      expect(archived[0]).toMatchObject({ id: sent.instanceId, workflowCode: 'WS-POAPW-01' });
    });
    expect(await t.run((ctx) => listEntries(ctx, 'to-approve'), 'SEAN')).toEqual([]);
    expect(
      (await t.run((ctx) => listEntries(ctx, 'sent'), 'ALICIA')).map((e) => [e.sequence, e.approverId, e.status]),
    ).toEqual([
      [1, 'ALICIA', 'Approved'],
      [2, 'SEAN', 'Approved'],
    ]);
  });

  it('runPurchaseOrderWalkthrough returns the documented summary and tells each step', async () => {
    const app = await openWerkstroom({ database: db(), modules: businessModules, clock: () => FIXED_NOW });
    const lines: string[] = [];
    const summary = await runPurchaseOrderWalkthrough(app, (line) => lines.push(line));
    expect(summary).toEqual({
      scenario: 'purchase-order-approval',
      document: { no: expect.any(String), status: 'Released' },
      approvalEntries: [
        { sequence: 1, approver: 'ALICIA', status: 'Approved' },
        { sequence: 2, approver: 'SEAN', status: 'Approved' },
      ],
    });
    expect(lines.filter((l) => /^\d\. /.test(l)).map((l) => l.slice(0, 2))).toEqual(['1.', '2.', '3.', '4.', '5.']);
    expect(lines.join('\n')).toContain('Pending Approval');
    expect(lines.join('\n')).toContain('Released');

    // A second run works on the already seeded company and releases another order.
    const again = await runPurchaseOrderWalkthrough(app, () => {});
    expect(again.document.status).toBe('Released');
    expect(again.document.no).not.toBe(summary.document.no);
    expect(again.approvalEntries).toEqual(summary.approvalEntries);
  });

  it('seedDemoCompany is idempotent: a second run reports the company as there and changes no counts', async () => {
    // A database of its own, so the first run really creates the company.
    const fresh = await createTestDatabase(dialect);
    try {
      await seedTwice(fresh);
    } finally {
      await fresh.close();
    }
  });
});

async function seedTwice(handle: DatabaseHandle): Promise<void> {
  {
    const app = await openWerkstroom({ database: handle, modules: businessModules, clock: () => FIXED_NOW });
    const db = () => handle;
    const first = await seedDemoCompany(app);
    expect(first).toEqual({ company: DEMO_COMPANY.code, created: true });
    const before = await demoCounts(db());
    expect(before).toMatchObject({ companies: 1, setups: 5, salespeople: 2, groups: 1, groupMembers: 3 });
    expect(before).toMatchObject({ vendors: 2, customers: 2, items: 3, workflows: WORKFLOW_TEMPLATES.length + 4 });
    const second = await seedDemoCompany(app);
    expect(second).toEqual({ company: DEMO_COMPANY.code, created: false });
    expect(await demoCounts(db())).toEqual(before);
    const third = await seedDemoCompany(app);
    expect(third.created).toBe(false);
    expect(await demoCounts(db())).toEqual(before);
    // The demo workflows are enabled copies of their templates.
    await app.run({ company: DEMO_COMPANY.code, userId: 'ADMIN' }, async (ctx) => {
      for (const code of ['WS-POAPW-01', 'WS-SOAPW-01', 'WS-CUSTAPW-01']) {
        expect((await getWorkflow(ctx, code)).enabled).toBe(true);
      }
    });
  }
}
