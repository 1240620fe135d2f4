import type { Werkstroom } from '../app/werkstroom.ts';
import { findEntry } from '../approvals/entry-store.ts';
import { decisionLinks } from '../email-links/token.ts';
import type { EngineContext } from '../engine/context.ts';
import { findUser } from '../records/users.ts';
import { buildMessage, type DecisionLinkMaker, type NotificationEntryRow, withoutDecisionLinks } from './content.ts';
import { describeSendError, type MailerHandle, openMailer } from './mailer.ts';
import { nextRunAt } from './next-run.ts';
import { fail, markSent, nextDueAt } from './queue.ts';
import { type RenderedMessage, renderMessage } from './render.ts';
import { effectiveSetup } from './setup.ts';
import { resolveTemplate } from './templates.ts';
import { DEFAULT_BASE_URL, DEFAULT_FROM, type NotificationOptions, type NotificationType } from './types.ts';

export interface DispatchResult {
  /** Messages delivered (emails sent, notes written). */
  readonly sent: number;
  /** Recipients whose delivery failed; their entries stay queued with the error. */
  readonly failed: number;
  /** Entries whose schedule lets them go out later. */
  readonly deferred: number;
  /** Entries dropped because their approval entry no longer exists (reference §7.4 step 2). */
  readonly outdated: number;
  /** Unexpected errors (a database problem, say), one per recipient that was skipped. */
  readonly errors: readonly string[];
  /** The earliest time a queued entry becomes due, for scheduling the next run; null when nothing waits. */
  readonly nextDueAt: string | null;
}

export interface DispatchScope {
  /** Only this company's entries. */
  readonly companyId?: number;
  /** Stop between recipients when aborted (worker shutdown). */
  readonly signal?: AbortSignal;
}

interface Group {
  readonly company_id: number;
  readonly recipient_id: string;
  readonly type: string;
}

type Tally = { sent: number; failed: number; deferred: number; outdated: number };

/** The acting user of the dispatcher's transactions (nothing it writes records it). */
const DISPATCHER = 'SYSTEM';
/** While an email is on its way the entries are not due (another worker leaves them alone). */
const SENDING_LEASE_MS = 10 * 60_000;

/**
 * Delivers the notification entries that are due (reference §7.4): per recipient and type, all
 * entries whose time has come (instantly, or the recipient's schedule has run since they were
 * queued) become ONE message, rendered in the recipient's language and delivered by their
 * method. Sent entries move to `sent_notification`; failed ones stay queued with the error, one
 * more attempt and a later retry time. Each recipient is handled in transactions of its own, so
 * one failure blocks no one else; nothing here ever throws into a business action.
 */
export async function dispatchNotifications(
  app: Werkstroom,
  now: Date,
  options: NotificationOptions = {},
  scope: DispatchScope = {},
): Promise<DispatchResult> {
  const nowIso = now.toISOString();
  let query = app.database.db
    .selectFrom('notification_entry')
    .select(['company_id', 'recipient_id', 'type'])
    .distinct()
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', nowIso)]))
    .where((eb) => eb.or([eb('available_at', 'is', null), eb('available_at', '<=', nowIso)]));
  if (scope.companyId !== undefined) query = query.where('company_id', '=', scope.companyId);
  const groups = await query.orderBy('company_id').orderBy('recipient_id').orderBy('type').execute();
  const tally: Tally = { sent: 0, failed: 0, deferred: 0, outdated: 0 };
  const errors: string[] = [];
  const mailer = openMailer(options);
  try {
    for (const group of groups) {
      if (scope.signal?.aborted) break;
      try {
        await dispatchGroup(app, group, now, options, mailer, tally);
      } catch (error) {
        errors.push(`${group.recipient_id} (${group.type}): ${(error as Error).message}`);
      }
    }
  } finally {
    mailer.close();
  }
  return { ...tally, errors, nextDueAt: await nextDueAt(app.database.db, nowIso, scope.companyId) };
}

function inCompany<T>(app: Werkstroom, companyId: number, now: Date, work: (ctx: EngineContext) => Promise<T>) {
  return app.run({ company: companyId, userId: DISPATCHER }, (ctx) => work({ ...ctx, now }));
}

interface PendingEmail {
  readonly to: string;
  readonly message: RenderedMessage;
  /** What `sent_notification` keeps: the message without one-click links. */
  readonly stored: RenderedMessage;
  readonly rows: readonly NotificationEntryRow[];
}

async function dispatchGroup(
  app: Werkstroom,
  group: Group,
  now: Date,
  options: NotificationOptions,
  mailer: MailerHandle,
  tally: Tally,
): Promise<void> {
  const company = await app.company(group.company_id);
  const type = group.type as NotificationType;
  const pending = await inCompany(app, company.id, now, async (ctx): Promise<PendingEmail | undefined> => {
    const nowIso = now.toISOString();
    let query = ctx.tx
      .selectFrom('notification_entry')
      .selectAll()
      .where('company_id', '=', ctx.companyId)
      .where('recipient_id', '=', group.recipient_id)
      .where('type', '=', group.type)
      .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', nowIso)]))
      .where((eb) => eb.or([eb('available_at', 'is', null), eb('available_at', '<=', nowIso)]))
      .orderBy('id');
    if (ctx.capabilities.skipLocked) query = query.forUpdate().skipLocked();
    const rows = await query.execute();
    const setup = await effectiveSetup(ctx.tx, ctx.companyId, group.recipient_id, type);
    const due: NotificationEntryRow[] = [];
    for (const row of rows) {
      const at =
        row.available_at ?? nextRunAt(setup.schedule, new Date(row.created_at), company.timeZone).toISOString();
      if (at > nowIso) {
        await ctx.tx.updateTable('notification_entry').set({ available_at: at }).where('id', '=', row.id).execute();
        tally.deferred++;
      } else if (row.approval_entry_id !== null && !(await findEntry(ctx, row.approval_entry_id))) {
        await ctx.tx.deleteFrom('notification_entry').where('id', '=', row.id).execute();
        tally.outdated++;
      } else {
        due.push(row);
      }
    }
    if (due.length === 0) return undefined;
    const user = await findUser(ctx.tx, group.recipient_id);
    const recipient = {
      id: group.recipient_id,
      name: user?.name || group.recipient_id,
      language: user?.language || 'en',
    };
    let message: RenderedMessage;
    let stored: RenderedMessage;
    try {
      const links = setup.method === 'email' ? linkMaker(options, company.id, now) : undefined;
      const model = await buildMessage(ctx, {
        type,
        entries: due,
        recipient,
        company,
        baseUrl: baseUrlOf(options),
        ...(links ? { decisionLinks: links } : {}),
      });
      const template = await resolveTemplate(ctx.tx, ctx.companyId, type, recipient.language);
      message = await renderMessage(template, model);
      const linked = model.notifications.some((n) => n.approveLink !== '');
      stored = linked ? await renderMessage(template, withoutDecisionLinks(model)) : message;
    } catch (error) {
      tally.failed++;
      await fail(ctx, due, `The message could not be rendered: ${(error as Error).message}`);
      return undefined;
    }
    if (setup.method === 'note') {
      await markSent(ctx, group, 'note', due, stored);
      tally.sent++;
      return undefined;
    }
    const approvalUser = await ctx.tx
      .selectFrom('approval_user_setup')
      .select('email')
      .where('company_id', '=', ctx.companyId)
      .where('user_id', '=', group.recipient_id)
      .executeTakeFirst();
    const to = approvalUser?.email || user?.email || '';
    const problem =
      to === ''
        ? `Cannot send the email: ${group.recipient_id} has no email address (approval user setup or user).`
        : mailer.get() === undefined
          ? 'Cannot send the email: no SMTP server is configured.'
          : undefined;
    if (problem) {
      tally.failed++;
      await fail(ctx, due, problem);
      return undefined;
    }
    const lease = new Date(now.getTime() + SENDING_LEASE_MS).toISOString();
    await ctx.tx
      .updateTable('notification_entry')
      .set({ next_attempt_at: lease })
      .where(
        'id',
        'in',
        due.map((r) => r.id),
      )
      .execute();
    return { to, message, stored, rows: due };
  });
  if (!pending) return;
  let sendError: string | undefined;
  try {
    await mailer.get()?.sendMail({
      from: options.from ?? DEFAULT_FROM,
      to: pending.to,
      subject: pending.message.subject,
      text: pending.message.text,
      html: pending.message.html,
      headers: { 'X-Werkstroom-Company': company.code, 'X-Werkstroom-Notification-Type': type },
    });
  } catch (error) {
    sendError = describeSendError(error);
  }
  await inCompany(app, company.id, now, async (ctx) => {
    if (sendError === undefined) await markSent(ctx, group, 'email', pending.rows, pending.stored);
    else await fail(ctx, pending.rows, sendError);
  });
  if (sendError === undefined) tally.sent++;
  else tally.failed++;
}

function baseUrlOf(options: NotificationOptions): string {
  return (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
}

/** Approve/reject links for approval emails, when the server secret is given (src/email-links). */
function linkMaker(options: NotificationOptions, companyId: number, now: Date): DecisionLinkMaker | undefined {
  const secret = options.linkSecret;
  if (!secret) return undefined;
  return async (entry) => {
    const links = await decisionLinks(
      secret,
      baseUrlOf(options),
      { companyId, id: entry.id, approverId: entry.approverId },
      now,
      ...(options.linkLifetimeMs !== undefined ? [options.linkLifetimeMs] : []),
    );
    return { approve: links.approve.url, reject: links.reject.url };
  };
}
