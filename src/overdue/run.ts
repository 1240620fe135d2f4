import type { Werkstroom } from '../app/werkstroom.ts';
import { companySettings } from '../approvals/company-settings.ts';
import {
  OVERDUE_RUN_EVENT,
  OVERDUE_RUN_RECORD,
  type OverdueNotice,
  type OverdueRunResult,
} from '../approvals/overdue-responses.ts';
import type { EngineContext } from '../engine/context.ts';
import { handleEvent } from '../engine/execution/handle-event.ts';
import { publishWebhookEvent } from '../webhooks/publish.ts';
import { atTime, JOB_USER_ID } from './job-user.ts';

export interface OverdueRunOutcome extends OverdueRunResult {
  /**
   * False when no enabled workflow (a copy of WS-OVERDUE) takes the run's event: the reference
   * then refuses ("There is no workflow enabled for sending overdue approval notifications"),
   * the recurring job simply does nothing.
   */
  readonly handled: boolean;
  /** Set when `oncePerDay` found this company's run of today already done. */
  readonly skipped?: 'already-ran-today';
}

export interface OverdueRunOptions {
  /** At most one run per company and day (the recurring job: safe to run again after a crash). */
  readonly oncePerDay?: boolean;
}

/** What one run wrote, read back from its overdue log rows (they carry the run's time). */
async function runOf(ctx: EngineContext, runDate: string): Promise<OverdueRunResult> {
  const rows = await ctx.tx
    .selectFrom('overdue_approval_entry')
    .select(['entry_id', 'sent_to'])
    .where('company_id', '=', ctx.companyId)
    .where('created_at', '=', ctx.now.toISOString())
    .orderBy('sent_to')
    .orderBy('entry_id')
    .execute();
  const notices = new Map<string, number[]>();
  for (const row of rows) notices.set(row.sent_to, [...(notices.get(row.sent_to) ?? []), row.entry_id]);
  return {
    runDate,
    entryIds: [...new Set(rows.map((r) => r.entry_id))].sort((a, b) => a - b),
    notices: [...notices].map(([recipientId, entryIds]): OverdueNotice => ({ recipientId, entryIds })),
  };
}

/**
 * The overdue run of one company at `now` (D5, D6): raises `approval-entry.overdue-run`, whose
 * workflow (WS-OVERDUE) logs the overdue entries and notifies each recipient once. One
 * transaction: everything or nothing.
 */
export async function runOverdue(
  app: Werkstroom,
  companyCode: string | number,
  now: Date,
  options: OverdueRunOptions = {},
): Promise<OverdueRunOutcome> {
  return app.run({ company: companyCode, userId: JOB_USER_ID }, async (command) => {
    const ctx = atTime(command, now);
    const { today } = await companySettings(ctx);
    if (options.oncePerDay) {
      const done = await ctx.tx
        .selectFrom('overdue_approval_entry')
        .select('id')
        .where('company_id', '=', ctx.companyId)
        .where('run_date', '=', today)
        .executeTakeFirst();
      if (done) return { handled: false, skipped: 'already-ran-today', runDate: today, entryIds: [], notices: [] };
    }
    const outcome = await handleEvent(ctx, OVERDUE_RUN_EVENT, { ...OVERDUE_RUN_RECORD, data: {} });
    if (!outcome.handled) return { handled: false, runDate: today, entryIds: [], notices: [] };
    const run = await runOf(ctx, today);
    if (run.entryIds.length > 0) await publishWebhookEvent(ctx, 'entries-overdue', { ...run });
    return { handled: true, ...run };
  });
}
