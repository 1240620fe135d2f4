import { expect } from 'vitest';
import { entriesOfRequest, entryHistory } from '../../../src/approvals/entry-store.ts';
import type { ApprovalEntry, ApprovalStatus } from '../../../src/approvals/types.ts';
import { approveEntries } from '../../../src/approvals/user-actions.ts';
import { saveUserGroup, type WorkflowUserGroupInput } from '../../../src/approvals/user-groups.ts';
import { type ApprovalUserSetupInput, findUserSetup, saveUserSetup } from '../../../src/approvals/user-setup.ts';
import { businessModules } from '../../../src/business-modules.ts';
import type { DatabaseHandle } from '../../../src/db/connect.ts';
import type { EngineContext } from '../../../src/engine/context.ts';
import { enableWorkflow } from '../../../src/engine/definition/enable.ts';
import { getWorkflow } from '../../../src/engine/definition/workflow-store.ts';
import { updateWorkflow } from '../../../src/engine/definition/workflows.ts';
import { listArchivedInstances, listInstances } from '../../../src/engine/execution/instance-queries.ts';
import {
  addLine,
  createCustomer,
  createDocument,
  createVendor,
  type DocumentHeader,
  documentKey,
  ensureUser,
  findRestriction,
  findSalesperson,
  getDocument,
  createSalesperson as newSalesperson,
} from '../../../src/records/index.ts';
import { isWerkstroomError, type WerkstroomError } from '../../../src/shared/errors.ts';
import { workflowFromTemplate } from '../../../src/templates/index.ts';
import { newTestCompany, type TestCompany } from '../../support/harness.ts';

/** A company of its own with the product's modules (records and approvals). */
export function approvalsCompany(handle: DatabaseHandle): Promise<TestCompany> {
  return newTestCompany(handle, businessModules);
}

/** Creates the salesperson/purchaser unless it exists. */
export async function salesperson(ctx: EngineContext, code: string): Promise<void> {
  if (!(await findSalesperson(ctx, code))) await newSalesperson(ctx, { code, name: `Salesperson ${code}` });
}

/**
 * Users and their approval setup, saved in dependency order: an approver or substitute is set up
 * before the users who name them, whatever order the list has. A circular chain (A → B → A) is
 * saved without the links that close the circle first, then completed.
 */
export async function approvalUsers(ctx: EngineContext, setups: readonly ApprovalUserSetupInput[]): Promise<void> {
  for (const setup of setups) await ensureUser(ctx, { id: setup.userId, name: `User ${setup.userId}` });
  for (const setup of setups) if (setup.salespersonCode) await salesperson(ctx, setup.salespersonCode);
  const saved = new Set<string>();
  const deferred: ApprovalUserSetupInput[] = [];
  const ready = (id: string | undefined) =>
    !id || saved.has(id.toUpperCase()) || !setups.some((s) => s.userId.toUpperCase() === id.toUpperCase());
  let pending = [...setups];
  while (pending.length > 0) {
    const next = pending.filter((s) => ready(s.approverId) && ready(s.substitute));
    if (next.length === 0) {
      // A circle: save the first one without its links, and link it once the rest exist.
      const [first, ...rest] = pending as [ApprovalUserSetupInput, ...ApprovalUserSetupInput[]];
      const { approverId: _approver, substitute: _substitute, ...alone } = first;
      await saveUserSetup(ctx, alone);
      saved.add(first.userId.toUpperCase());
      deferred.push(first);
      pending = rest;
      continue;
    }
    for (const setup of next) {
      await saveUserSetup(ctx, setup);
      saved.add(setup.userId.toUpperCase());
    }
    pending = pending.filter((s) => !next.includes(s));
  }
  for (const setup of deferred) await saveUserSetup(ctx, setup);
}

/** A workflow user group; its members must be approval users already. */
export async function userGroup(ctx: EngineContext, input: WorkflowUserGroupInput): Promise<void> {
  await saveUserGroup(ctx, input);
}

export async function vendor(
  ctx: EngineContext,
  input: { no: string; purchaserCode?: string; currencyCode?: string },
): Promise<void> {
  if (input.purchaserCode) await salesperson(ctx, input.purchaserCode);
  await createVendor(ctx, { name: `Vendor ${input.no}`, ...input });
}

export async function customer(
  ctx: EngineContext,
  input: { no: string; salespersonCode?: string; currencyCode?: string },
): Promise<void> {
  if (input.salespersonCode) await salesperson(ctx, input.salespersonCode);
  await createCustomer(ctx, { name: `Customer ${input.no}`, ...input });
}

export interface DocumentInput {
  readonly area: 'purchase' | 'sales';
  readonly documentType: string;
  readonly partyNo: string;
  /** The amount of the single line (quantity 1); none: a document without lines. */
  readonly amount?: string;
}

export interface TestDocument {
  readonly table: 'purchase-header' | 'sales-header';
  readonly key: string;
  readonly header: DocumentHeader;
}

/** A document with one G/L-account line of the given amount (or no line at all). */
export async function document(ctx: EngineContext, input: DocumentInput): Promise<TestDocument> {
  const header = await createDocument(ctx, {
    area: input.area,
    documentType: input.documentType,
    partyNo: input.partyNo,
  });
  if (input.amount !== undefined) {
    await addLine(ctx, header, { type: 'gl-account', no: '6100', quantity: '1', unitPrice: input.amount });
  }
  return {
    table: input.area === 'purchase' ? 'purchase-header' : 'sales-header',
    key: documentKey(header),
    header: await getDocument(ctx, header),
  };
}

export const purchaseOrder = (ctx: EngineContext, vendorNo: string, amount?: string) =>
  document(ctx, { area: 'purchase', documentType: 'order', partyNo: vendorNo, ...(amount ? { amount } : {}) });

export const salesOrder = (ctx: EngineContext, customerNo: string, amount?: string) =>
  document(ctx, { area: 'sales', documentType: 'order', partyNo: customerNo, ...(amount ? { amount } : {}) });

/**
 * Copies a template (`WS-POAPW` → `WS-POAPW-01`), overrides options of its
 * `approval.create-requests` step and enables the copy. Returns the copy's code.
 */
export async function enableTemplateCopy(
  ctx: EngineContext,
  templateCode: string,
  requestOptions: Record<string, unknown> = {},
): Promise<string> {
  const copy = await workflowFromTemplate(ctx, templateCode);
  const workflow = await getWorkflow(ctx, copy.code);
  const steps = workflow.steps.map((step) =>
    step.functionCode === 'approval.create-requests'
      ? { ...step, options: { ...step.options, ...requestOptions } }
      : step,
  );
  expect(steps.filter((s) => s.functionCode === 'approval.create-requests')).toHaveLength(1);
  await updateWorkflow(ctx, copy.code, { steps }, workflow.revision);
  await enableWorkflow(ctx, copy.code);
  return copy.code;
}

/** Everything a request can leave behind for a record. */
export async function requestState(ctx: EngineContext, table: string, key: string) {
  const area = table === 'purchase-header' ? 'purchase' : table === 'sales-header' ? 'sales' : undefined;
  const status = area ? (await getDocument(ctx, area, ...docRef(key))).status : undefined;
  return {
    status,
    entries: await entriesOfRequest(ctx, table, key),
    restriction: await findRestriction(ctx, table, key),
    instances: await listInstances(ctx, { recordTable: table, recordKey: key }),
    archived: await listArchivedInstances(ctx, { recordTable: table, recordKey: key }),
  };
}

function docRef(key: string): [string, string] {
  const [documentType, no] = JSON.parse(key) as [string, string];
  return [documentType, no];
}

/** The request was refused as a whole: the record is as it was, and no trace of a request is left. */
export async function expectNothingWritten(t: TestCompany, table: string, key: string): Promise<void> {
  const state = await t.run((ctx) => requestState(ctx, table, key));
  if (state.status !== undefined) expect(state.status).toBe('Open');
  expect(state.entries).toEqual([]);
  expect(state.restriction).toBeUndefined();
  expect(state.instances).toEqual([]);
  expect(state.archived).toEqual([]);
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

/** The entries of a record as (approver, sequence, status) triples, in sequence order. */
export function summary(entries: readonly ApprovalEntry[]): [string, number, ApprovalStatus][] {
  return entries.map((e) => [e.approverId, e.sequence, e.status]);
}

export async function entriesOf(t: TestCompany, doc: { table: string; key: string }): Promise<ApprovalEntry[]> {
  return t.run((ctx) => entriesOfRequest(ctx, doc.table, doc.key));
}

export async function statusOf(t: TestCompany, doc: TestDocument): Promise<string> {
  return t.run(async (ctx) => (await getDocument(ctx, doc.header)).status);
}

/** The open entry of `approverId` for the record; there must be exactly one. */
export async function openEntryOf(t: TestCompany, doc: { table: string; key: string }, approverId: string) {
  const open = (await entriesOf(t, doc)).filter((e) => e.approverId === approverId && e.status === 'Open');
  expect(open, `one open entry for ${approverId}`).toHaveLength(1);
  return open[0] as ApprovalEntry;
}

/** `approverId` approves their open entry of the record, as themselves. */
export async function approveAs(t: TestCompany, doc: { table: string; key: string }, approverId: string) {
  const entry = await openEntryOf(t, doc, approverId);
  return t.run((ctx) => approveEntries(ctx, [entry.id]), approverId);
}

export async function historyOf(t: TestCompany, entryId: number) {
  return t.run((ctx) => entryHistory(ctx, entryId));
}

export async function setupOf(t: TestCompany, userId: string) {
  return t.run((ctx) => findUserSetup(ctx, userId));
}
