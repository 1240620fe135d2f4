import { type Selectable, sql } from 'kysely';
import type { SentNotificationTable } from '../db/schema.ts';
import type { EngineContext } from '../engine/context.ts';
import { notFound } from '../shared/errors.ts';

/** A delivered notification as the API shows it; notes (method `note`) are the in-app inbox. */
export interface SentNotification {
  readonly id: number;
  readonly type: string;
  readonly recipientId: string;
  readonly method: string;
  readonly subject: string;
  readonly bodyText: string;
  readonly bodyHtml: string;
  /** The queued entries combined into this message; the first is the main one. */
  readonly entries: readonly Record<string, unknown>[];
  readonly sentAt: string;
  readonly readAt: string | null;
}

export function toSentNotification(row: Selectable<SentNotificationTable>): SentNotification {
  let entries: unknown;
  try {
    entries = JSON.parse(row.entries);
  } catch {
    entries = [];
  }
  return {
    id: row.id,
    type: row.type,
    recipientId: row.recipient_id,
    method: row.method,
    subject: row.subject,
    bodyText: row.body_text,
    bodyHtml: row.body_html,
    entries: Array.isArray(entries) ? entries : [],
    sentAt: row.sent_at,
    readAt: row.read_at,
  };
}

export interface Paging {
  readonly limit: number;
  readonly offset: number;
}

export interface NotePage {
  readonly items: SentNotification[];
  readonly total: number;
  readonly unread: number;
  readonly limit: number;
  readonly offset: number;
}

function notesOf(ctx: EngineContext, userId: string) {
  return ctx.tx
    .selectFrom('sent_notification')
    .where('company_id', '=', ctx.companyId)
    .where('recipient_id', '=', userId)
    .where('method', '=', 'note');
}

export async function unreadNoteCount(ctx: EngineContext, userId: string): Promise<number> {
  const row = await notesOf(ctx, userId)
    .select(({ fn }) => fn.countAll<number>().as('n'))
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A user's notes: unread first, then newest first. */
export async function listNotes(
  ctx: EngineContext,
  userId: string,
  paging: Paging,
  filter: { readonly unreadOnly?: boolean } = {},
): Promise<NotePage> {
  let query = notesOf(ctx, userId);
  if (filter.unreadOnly) query = query.where('read_at', 'is', null);
  const total = await query.select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy(sql`case when read_at is null then 0 else 1 end`)
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .limit(paging.limit)
    .offset(paging.offset)
    .execute();
  return {
    items: rows.map(toSentNotification),
    total: Number(total.n),
    unread: await unreadNoteCount(ctx, userId),
    limit: paging.limit,
    offset: paging.offset,
  };
}

/** Marks one of the user's notes read (again is fine); someone else's note does not exist for them. */
export async function markNoteRead(ctx: EngineContext, userId: string, id: number): Promise<SentNotification> {
  await ctx.tx
    .updateTable('sent_notification')
    .set({ read_at: ctx.now.toISOString() })
    .where('company_id', '=', ctx.companyId)
    .where('recipient_id', '=', userId)
    .where('method', '=', 'note')
    .where('id', '=', id)
    .where('read_at', 'is', null)
    .execute();
  const row = await notesOf(ctx, userId).selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('note-not-found', `Note ${id} does not exist.`, { field: 'id' });
  return toSentNotification(row);
}

/** Marks all the user's unread notes read; returns how many were unread. */
export async function markAllNotesRead(ctx: EngineContext, userId: string): Promise<number> {
  const result = await ctx.tx
    .updateTable('sent_notification')
    .set({ read_at: ctx.now.toISOString() })
    .where('company_id', '=', ctx.companyId)
    .where('recipient_id', '=', userId)
    .where('method', '=', 'note')
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Delivered notifications (email and note), newest first; optionally of one recipient, type or method. */
export async function listSentNotifications(
  ctx: EngineContext,
  paging: Paging,
  filter: { readonly recipientId?: string; readonly type?: string; readonly method?: string } = {},
): Promise<{ items: SentNotification[]; total: number; limit: number; offset: number }> {
  let query = ctx.tx.selectFrom('sent_notification').where('company_id', '=', ctx.companyId);
  if (filter.recipientId !== undefined) query = query.where('recipient_id', '=', filter.recipientId.toUpperCase());
  if (filter.type !== undefined) query = query.where('type', '=', filter.type);
  if (filter.method !== undefined) query = query.where('method', '=', filter.method);
  const total = await query.select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .limit(paging.limit)
    .offset(paging.offset)
    .execute();
  return { items: rows.map(toSentNotification), total: Number(total.n), limit: paging.limit, offset: paging.offset };
}
