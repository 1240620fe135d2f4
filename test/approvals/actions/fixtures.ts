import { expect } from 'vitest';
import { openWerkstroom } from '../../../src/app/werkstroom.ts';
import { entriesOfRequest, listNotificationEntries } from '../../../src/approvals/index.ts';
import type { ApprovalEntry } from '../../../src/approvals/types.ts';
import { type ApprovalUserSetupInput, saveUserSetup } from '../../../src/approvals/user-setup.ts';
import { businessModules } from '../../../src/business-modules.ts';
import type { DatabaseHandle } from '../../../src/db/connect.ts';
import type { EngineContext } from '../../../src/engine/context.ts';
import { enableWorkflow } from '../../../src/engine/definition/enable.ts';
import type { WorkflowStepInput } from '../../../src/engine/definition/types.ts';
import { getWorkflow } from '../../../src/engine/definition/workflow-store.ts';
import { updateWorkflow } from '../../../src/engine/definition/workflows.ts';
import {
  addLine,
  createCustomer,
  createDocument,
  createItem,
  createSalesperson,
  createVendor,
  type DocumentArea,
  documentKey,
  ensureUser,
  getDocument,
} from '../../../src/records/index.ts';
import { isWerkstroomError, type WerkstroomError } from '../../../src/shared/errors.ts';
import { workflowFromTemplate } from '../../../src/templates/index.ts';
import { newTestCompany, type TestCompany } from '../../support/harness.ts';

export const USERS = ['ADMIN', 'SEAN', 'ALICIA', 'JOHN', 'MARY', 'PETER', 'STRANGER'] as const;

/** A company of its own with the product's modules (records and approvals). */
export async function approvalsCompany(handle: DatabaseHandle): Promise<TestCompany> {
  const t = await newTestCompany(handle, businessModules);
  for (const id of USERS) await ensureUser(handle.db, { id, name: `User ${id}` });
  return t;
}

/**
 * The approval users most tests start from, saved in dependency order:
 * SEAN unlimited (purchase, sales, request); ADMIN approval administrator, unlimited;
 * MARY approver SEAN, limits 5000, salesperson MS; JOHN approver MARY, limits 500, salesperson JR;
 * ALICIA approver SEAN, no limits. PETER and STRANGER are set up without approver.
 */
export async function setUpApprovalUsers(ctx: EngineContext, extra: readonly ApprovalUserSetupInput[] = []) {
  await createSalesperson(ctx, { code: 'JR', name: 'John Roberts' });
  await createSalesperson(ctx, { code: 'MS', name: 'Mary Strong' });
  const setups: ApprovalUserSetupInput[] = [
    { userId: 'SEAN', unlimitedPurchase: true, unlimitedSales: true, unlimitedRequest: true },
    { userId: 'ADMIN', unlimitedPurchase: true, unlimitedSales: true, approvalAdministrator: true },
    { userId: 'MARY', approverId: 'SEAN', purchaseLimit: '5000', salesLimit: '5000', salespersonCode: 'MS' },
    { userId: 'JOHN', approverId: 'MARY', purchaseLimit: '500', salesLimit: '500', salespersonCode: 'JR' },
    { userId: 'ALICIA', approverId: 'SEAN' },
    { userId: 'PETER' },
    { userId: 'STRANGER' },
    ...extra,
  ];
  for (const setup of setups) await saveUserSetup(ctx, setup);
}

/** Master data: vendor V1000 (purchaser JR), customer C1000 (salesperson JR), item 1000 at 100.00. */
export async function seedMasterData(ctx: EngineContext): Promise<void> {
  await createVendor(ctx, { no: 'V1000', name: 'Fabrikam', purchaserCode: 'JR' });
  await createVendor(ctx, { no: 'V2000', name: 'Litware' });
  await createCustomer(ctx, { no: 'C1000', name: 'Adatum', salespersonCode: 'JR', creditLimitLcy: '100000' });
  await createCustomer(ctx, { no: 'C2000', name: 'Trey Research' });
  await createItem(ctx, { no: '1000', description: 'Chair', unitPrice: '100' });
  await createItem(ctx, { no: '2000', description: 'Desk', unitPrice: '400' });
}

/** A company with approval users and master data. */
export async function readyCompany(handle: DatabaseHandle): Promise<TestCompany> {
  const t = await approvalsCompany(handle);
  await t.run(async (ctx) => {
    await setUpApprovalUsers(ctx);
    await seedMasterData(ctx);
  }, 'ADMIN');
  return t;
}

export interface OpenDocument {
  readonly area: DocumentArea;
  readonly documentType: string;
  readonly no: string;
  readonly table: 'purchase-header' | 'sales-header';
  readonly key: string;
}

/** An Open document with one line of item 1000 (100.00 each), created by `userId`. */
export async function newDocument(
  t: TestCompany,
  userId: string,
  area: DocumentArea,
  documentType: string,
  quantity = '1',
): Promise<OpenDocument> {
  return t.run(async (ctx) => {
    const header = await createDocument(ctx, {
      area,
      documentType,
      partyNo: area === 'purchase' ? 'V1000' : 'C1000',
    });
    await addLine(ctx, header, { type: 'item', no: '1000', quantity });
    return {
      area,
      documentType,
      no: header.no,
      table: area === 'purchase' ? 'purchase-header' : 'sales-header',
      key: documentKey(header),
    };
  }, userId);
}

export async function documentStatus(t: TestCompany, doc: OpenDocument): Promise<string> {
  return t.run(async (ctx) => (await getDocument(ctx, doc.area, doc.documentType, doc.no)).status);
}

/** Copies a template (D11 code) and enables the copy, optionally changing its create-requests options first. */
export async function enabledCopy(
  t: TestCompany,
  templateCode: string,
  requestOptions?: Record<string, unknown>,
): Promise<string> {
  return t.run(async (ctx) => {
    const copy = await workflowFromTemplate(ctx, templateCode);
    if (requestOptions) await setRequestOptions(ctx, copy.code, requestOptions);
    await enableWorkflow(ctx, copy.code);
    return copy.code;
  }, 'ADMIN');
}

/** Merges options into the workflow's "approval.create-requests" step (the workflow must be disabled). */
export async function setRequestOptions(
  ctx: EngineContext,
  code: string,
  requestOptions: Record<string, unknown>,
): Promise<void> {
  const workflow = await getWorkflow(ctx, code);
  const steps: WorkflowStepInput[] = workflow.steps.map((s) =>
    s.functionCode === 'approval.create-requests' ? { ...s, options: { ...s.options, ...requestOptions } } : s,
  );
  await updateWorkflow(ctx, code, { steps });
}

/** Entries of a record as [sequence, approver, status] triples, in sequence order. */
export async function entryTriples(
  t: TestCompany,
  table: string,
  key: string,
  instanceId?: string,
): Promise<[number, string, string][]> {
  return t.run(async (ctx) =>
    (await entriesOfRequest(ctx, table, key, instanceId)).map((e) => [e.sequence, e.approverId, e.status]),
  );
}

export async function entriesOf(t: TestCompany, table: string, key: string): Promise<ApprovalEntry[]> {
  return t.run((ctx) => entriesOfRequest(ctx, table, key));
}

/** Notification entries as [recipient, type, approval entry id]. */
export async function notifications(t: TestCompany, recipientId?: string) {
  return t.run(async (ctx) =>
    (await listNotificationEntries(ctx, recipientId)).map((n) => ({
      recipient: n.recipient_id,
      sender: n.sender_id,
      type: n.type,
      entryId: n.approval_entry_id,
      key: n.record_key,
    })),
  );
}

/** The same company seen through another clock: a second application on the same database. */
export async function atTime(handle: DatabaseHandle, company: string, now: Date) {
  const app = await openWerkstroom({ database: handle, modules: businessModules, clock: () => now });
  return {
    run: <T>(command: (ctx: EngineContext) => Promise<T>, userId = 'ADMIN') => app.run({ company, userId }, command),
  };
}

/** Awaits a promise that must fail with a Werkstroom error of `code`, and returns the error. */
export async function failsWith(promise: Promise<unknown>, code: string): Promise<WerkstroomError> {
  let outcome: unknown;
  try {
    outcome = await promise;
  } catch (error) {
    if (!isWerkstroomError(error)) throw error;
    expect(error.code, error.message).toBe(code);
    return error;
  }
  return expect.fail(`expected error ${code}, but it succeeded with ${JSON.stringify(outcome)}`);
}
