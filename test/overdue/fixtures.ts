import { openWerkstroom, type Werkstroom } from '../../src/app/werkstroom.ts';
import { entriesOfRequest } from '../../src/approvals/entry-store.ts';
import type { ApprovalEntry } from '../../src/approvals/types.ts';
import { sendApprovalRequest } from '../../src/approvals/user-actions.ts';
import { businessModules } from '../../src/business-modules.ts';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import { enableOverdueWorkflow, overdueEntriesOfNotification } from '../../src/overdue/index.ts';
import { enabledCopy, newDocument, type OpenDocument, readyCompany } from '../approvals/actions/fixtures.ts';
import type { TestCompany } from '../support/harness.ts';

/** 2026-03-02 plus `day` days at `hh:mm` UTC. */
export function at(day: number, time = '07:30'): Date {
  return new Date(Date.parse(`2026-03-02T${time}:00Z`) + day * 86_400_000);
}

/** A company whose clock the test moves, with its own application on the shared database. */
export interface ClockedCompany {
  readonly t: TestCompany;
  readonly app: Werkstroom;
  readonly code: string;
  setNow(now: Date): void;
  now(): Date;
}

/**
 * Approval users and master data (see the approvals fixtures: JOHN → MARY → SEAN, ADMIN the
 * administrator, no substitutes); sales orders (WS-SOAPW) get due date `<3D>` and are delegated
 * after two days; sales quotes (WS-SQAPW) get `<3D>` and are never delegated; WS-OVERDUE enabled.
 */
export async function clockedCompany(handle: DatabaseHandle, timeZone?: string): Promise<ClockedCompany> {
  const t = await readyCompany(handle);
  if (timeZone)
    await handle.db.updateTable('company').set({ time_zone: timeZone }).where('code', '=', t.company).execute();
  await enabledCopy(t, 'WS-SOAPW', { dueDateFormula: '<3D>', delegateAfter: '2-days' });
  await enabledCopy(t, 'WS-SQAPW', { dueDateFormula: '<3D>' });
  await t.run((ctx) => enableOverdueWorkflow(ctx), 'ADMIN');
  let now = at(0, '09:00');
  const app = await openWerkstroom({ database: handle, modules: businessModules, clock: () => now });
  return {
    t,
    app,
    code: t.company,
    setNow: (value) => {
      now = value;
    },
    now: () => now,
  };
}

/** ALICIA creates and sends a one-line sales document at the company's current time; returns its open entry. */
export async function sentDocument(
  c: ClockedCompany,
  documentType: 'order' | 'quote',
): Promise<{ doc: OpenDocument; entry: ApprovalEntry }> {
  const doc = await newDocument(c.t, 'ALICIA', 'sales', documentType);
  await c.app.run({ company: c.code, userId: 'ALICIA' }, (ctx) => sendApprovalRequest(ctx, doc.table, doc.key));
  const entries = await c.app.run({ company: c.code, userId: 'ADMIN' }, (ctx) =>
    entriesOfRequest(ctx, doc.table, doc.key),
  );
  const entry = entries.find((e) => e.status === 'Open');
  if (!entry) throw new Error(`no open entry for ${doc.key}`);
  return { doc, entry };
}

/** The 'overdue' notification entries of one run, with the entries each lists. */
export async function overdueNotifications(c: ClockedCompany, runAt: Date) {
  return c.app.run({ company: c.code, userId: 'ADMIN' }, async (ctx) => {
    const rows = await ctx.tx
      .selectFrom('notification_entry')
      .selectAll()
      .where('company_id', '=', ctx.companyId)
      .where('type', '=', 'overdue')
      .where('created_at', '=', runAt.toISOString())
      .orderBy('recipient_id')
      .execute();
    const result = [];
    for (const row of rows) {
      result.push({
        recipientId: row.recipient_id,
        first: row.approval_entry_id,
        entryIds: await overdueEntriesOfNotification(ctx, row),
      });
    }
    return result;
  });
}
