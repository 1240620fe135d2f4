import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { EngineContext } from '../engine/context.ts';
import type { NotificationEntryRow } from './content.ts';
import type { RenderedMessage } from './render.ts';

/** Queue bookkeeping of the dispatcher: failures with backoff, sent messages, the next due time. */

const MAX_BACKOFF_MS = 6 * 3_600_000;

/** After the n-th failed attempt: 1, 2, 4 … minutes, at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

export async function fail(ctx: EngineContext, rows: readonly NotificationEntryRow[], message: string): Promise<void> {
  const attempts = Math.max(0, ...rows.map((r) => r.attempts)) + 1;
  await ctx.tx
    .updateTable('notification_entry')
    .set((eb) => ({
      error: message.slice(0, 2048),
      attempts: eb('attempts', '+', 1),
      next_attempt_at: new Date(ctx.now.getTime() + retryDelayMs(attempts)).toISOString(),
    }))
    .where('company_id', '=', ctx.companyId)
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
}

export interface SentGroup {
  readonly recipient_id: string;
  readonly type: string;
}

/** Moves delivered entries to `sent_notification` as one message; the first is the main entry, the rest are aggregated with it. */
export async function markSent(
  ctx: EngineContext,
  group: SentGroup,
  method: 'email' | 'note',
  rows: readonly NotificationEntryRow[],
  message: RenderedMessage,
): Promise<void> {
  const main = rows[0]?.id;
  const entries = rows.map((r) => ({
    id: r.id,
    table: r.table_name,
    key: r.record_key,
    approvalEntryId: r.approval_entry_id,
    senderId: r.sender_id,
    createdAt: r.created_at,
    customLink: r.custom_link,
    ...(r.id !== main ? { aggregatedWith: main } : {}),
  }));
  await ctx.tx
    .insertInto('sent_notification')
    .values({
      company_id: ctx.companyId,
      type: group.type,
      recipient_id: group.recipient_id,
      method,
      subject: message.subject,
      body_text: message.text,
      body_html: message.html,
      entries: JSON.stringify(entries),
      sent_at: ctx.now.toISOString(),
      read_at: null,
    })
    .execute();
  await ctx.tx
    .deleteFrom('notification_entry')
    .where('company_id', '=', ctx.companyId)
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
}

/** The earliest moment a queued entry is due: after its scheduled time and after its retry time. */
export async function nextDueAt(db: Kysely<Database>, nowIso: string, companyId?: number): Promise<string | null> {
  let query = db.selectFrom('notification_entry').select(['available_at', 'next_attempt_at']);
  if (companyId !== undefined) query = query.where('company_id', '=', companyId);
  let earliest: string | null = null;
  for (const row of await query.execute()) {
    const at = [row.available_at, row.next_attempt_at, nowIso]
      .filter((t): t is string => t !== null)
      .sort()
      .at(-1);
    if (at !== undefined && (earliest === null || at < earliest)) earliest = at;
  }
  return earliest;
}
