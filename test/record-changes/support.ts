import { listNotificationEntries } from '../../src/approvals/index.ts';
import { saveUserGroup, type WorkflowUserGroupMember } from '../../src/approvals/user-groups.ts';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import { listInstances } from '../../src/engine/execution/instance-queries.ts';
import { buildMessage } from '../../src/notifications/content.ts';
import { type ChangeTable, changeMasterRecord, listChanges } from '../../src/record-changes/index.ts';
import { enabledCopy, readyCompany } from '../approvals/actions/fixtures.ts';
import type { TestCompany } from '../support/harness.ts';

/**
 * A company with approval users and master data (see the approval fixtures: customer C1000 with
 * credit limit 100000, item 1000 at 100, vendor V1000 "Fabrikam"), and two workflow user groups:
 * CREDIT (MARY alone) and PRICING (PETER first, then MARY).
 */
export async function changeCompany(handle: DatabaseHandle): Promise<TestCompany> {
  const t = await readyCompany(handle);
  await t.run(async (ctx) => {
    await saveUserGroup(ctx, {
      code: 'CREDIT',
      description: 'Credit control',
      members: [{ userId: 'MARY', sequence: 1 }],
    });
    const pricing: WorkflowUserGroupMember[] = [
      { userId: 'PETER', sequence: 1 },
      { userId: 'MARY', sequence: 2 },
    ];
    await saveUserGroup(ctx, { code: 'PRICING', description: 'Pricing', members: pricing });
  }, 'ADMIN');
  return t;
}

/** A copy of a field-change template with its workflow user group filled in, enabled. */
export function enabledFieldChangeCopy(t: TestCompany, template: string, group: string): Promise<string> {
  return enabledCopy(t, template, { workflowUserGroup: group });
}

/** Changes a customer, vendor or item as `userId`, through the changed event. */
export function change<N extends ChangeTable>(
  t: TestCompany,
  table: N,
  no: string,
  changes: Record<string, unknown>,
  userId = 'ALICIA',
) {
  // biome-ignore lint/suspicious/noExplicitAny: the tests give the changes of each table by name
  return t.run((ctx) => changeMasterRecord(ctx, table, no, changes as any), userId);
}

/** Held changes of a record as [field, old, new, status] tuples, oldest first. */
export function heldChanges(t: TestCompany, table: string, key: string) {
  return t.run(async (ctx) =>
    (await listChanges(ctx, { table, recordKey: key })).map((c) => [c.field, c.oldValue, c.newValue, c.status]),
  );
}

export function liveInstances(t: TestCompany, table: string, key: string) {
  return t.run(async (ctx) => (await listInstances(ctx, { recordTable: table, recordKey: key })).length);
}

/** The titles of the approval notifications queued for `recipient`, as the message would show them. */
export async function notificationTitles(t: TestCompany, recipient: string) {
  // Read before the command: on SQLite the command holds the one connection.
  const company = await t.app.company(t.company);
  return t.run(async (ctx) => {
    const entries = (await listNotificationEntries(ctx, recipient)).filter((e) => e.type === 'approval');
    const model = await buildMessage(ctx, {
      type: 'approval',
      entries,
      recipient: { id: recipient, name: recipient, language: 'en' },
      company,
      baseUrl: 'http://localhost:8080',
    });
    return model.notifications.map((n) => `${n.title} ${n.action}`);
  });
}
