import { z } from 'zod';
import type { EngineContext } from '../engine/context.ts';
import type { EventDefinition } from '../engine/registry-types.ts';
import { defineResponse } from '../engine/registry-types.ts';
import { companySettings } from './company-settings.ts';
import { APPROVAL_ENTRY_TABLE } from './entry-record.ts';
import { rowToEntry } from './entry-store.ts';
import { createNotificationEntry } from './notify.ts';
import { isOverdue } from './queries.ts';
import type { ApprovalEntry } from './types.ts';
import { findUserSetup } from './user-setup.ts';

/**
 * The overdue run (reference §7.5, template MS-OVERDUE → WS-OVERDUE): the event a recurring job
 * raises once per company, and the response that writes the overdue log and the notifications.
 *
 * How a dispatcher lists an overdue notification's entries: every run writes one
 * `overdue_approval_entry` row per recipient and overdue entry (`sent_to` = recipient) and ONE
 * `notification_entry` of type 'overdue' per recipient (D6), whose `approval_entry_id` is the
 * first of that recipient's entries; the rows of the same run carry the notification's
 * `created_at`. `overdueEntriesOfNotification` reads them back.
 */

export const OVERDUE_RUN_EVENT = 'approval-entry.overdue-run';
export const CREATE_OVERDUE_NOTIFICATIONS = 'approval.create-overdue-notifications';

export const overdueEvents: readonly EventDefinition[] = [
  {
    code: OVERDUE_RUN_EVENT,
    table: APPROVAL_ENTRY_TABLE,
    description: 'The overdue approval notifications run starts.',
  },
];

/** The record the overdue run's event carries: the approval entries as a whole, not one of them. */
export const OVERDUE_RUN_RECORD = { table: APPROVAL_ENTRY_TABLE, key: '', data: {} } as const;

export interface OverdueNotice {
  readonly recipientId: string;
  /** Ascending; the first is the notification entry's `approval_entry_id`. */
  readonly entryIds: readonly number[];
}

export interface OverdueRunResult {
  readonly runDate: string;
  /** Overdue entries found (each counted once, however many people hear of it). */
  readonly entryIds: readonly number[];
  readonly notices: readonly OverdueNotice[];
}

/** D6: the approver, the approver's own approver (if set) and the sender. */
async function recipientsOf(ctx: EngineContext, entry: ApprovalEntry, approverOf: Map<string, string>) {
  if (!approverOf.has(entry.approverId)) {
    approverOf.set(entry.approverId, (await findUserSetup(ctx, entry.approverId))?.approverId ?? '');
  }
  return [...new Set([entry.approverId, approverOf.get(entry.approverId) ?? '', entry.senderId])].filter(
    (id) => id !== '',
  );
}

/**
 * D5 and D6: finds the Open entries due before today (company time zone), logs them per
 * recipient and queues one 'overdue' notification per recipient listing all of theirs.
 */
export async function createOverdueNotifications(
  ctx: EngineContext,
  options: { readonly customLink?: string } = {},
): Promise<OverdueRunResult> {
  const { today } = await companySettings(ctx);
  const rows = await ctx.tx
    .selectFrom('approval_entry')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('status', '=', 'Open')
    .where('due_date', '<', today)
    .orderBy('id')
    .execute();
  // The same rule as the list indicator (queries.isOverdue), so the two never disagree.
  const overdue = rows.map(rowToEntry).filter((entry) => isOverdue(entry, today));
  const byRecipient = new Map<string, ApprovalEntry[]>();
  const approverOf = new Map<string, string>();
  for (const entry of overdue) {
    for (const recipient of await recipientsOf(ctx, entry, approverOf)) {
      byRecipient.set(recipient, [...(byRecipient.get(recipient) ?? []), entry]);
    }
  }
  const createdAt = ctx.now.toISOString();
  const notices: OverdueNotice[] = [];
  for (const [recipientId, entries] of [...byRecipient].sort(([a], [b]) => a.localeCompare(b))) {
    await ctx.tx
      .insertInto('overdue_approval_entry')
      .values(
        entries.map((e) => ({
          company_id: ctx.companyId,
          entry_id: e.id,
          sent_to: recipientId,
          due_date: e.dueDate,
          run_date: today,
          created_at: createdAt,
        })),
      )
      .execute();
    const first = entries[0] as ApprovalEntry;
    await createNotificationEntry(ctx, {
      type: 'overdue',
      recipientId,
      table: first.table,
      key: first.recordKey,
      approvalEntryId: first.id,
      ...(options.customLink ? { customLink: options.customLink } : {}),
    });
    notices.push({ recipientId, entryIds: entries.map((e) => e.id) });
  }
  return { runDate: today, entryIds: overdue.map((e) => e.id), notices };
}

/** The approval entries an 'overdue' notification entry lists (same recipient, same run). */
export async function overdueEntriesOfNotification(
  ctx: EngineContext,
  notification: { readonly recipient_id: string; readonly created_at: string },
): Promise<number[]> {
  const rows = await ctx.tx
    .selectFrom('overdue_approval_entry')
    .select('entry_id')
    .where('company_id', '=', ctx.companyId)
    .where('sent_to', '=', notification.recipient_id)
    .where('created_at', '=', notification.created_at)
    .orderBy('entry_id')
    .execute();
  return rows.map((r) => r.entry_id);
}

const overdueOptions = z.object({
  customLink: z.string().url().or(z.literal('')).optional(),
});

export const overdueResponses = [
  defineResponse({
    code: CREATE_OVERDUE_NOTIFICATIONS,
    description: 'Create notifications for overdue approval requests.',
    options: overdueOptions,
    predecessors: [OVERDUE_RUN_EVENT],
    execute: async (ctx, { options }) => {
      await createOverdueNotifications(ctx, options);
      return undefined;
    },
  }),
];
