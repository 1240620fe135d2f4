import type { Kysely, Selectable } from 'kysely';
import type { Database, NotificationSetupTable } from '../db/schema.ts';
import type { EngineContext } from '../engine/context.ts';
import { invalid } from '../shared/errors.ts';
import { parseSchedule, scheduleFromRow, scheduleToRow } from './schedule.ts';
import {
  BUILT_IN_SETUP,
  NOTIFICATION_METHODS,
  NOTIFICATION_TYPES,
  type NotificationMethod,
  type NotificationSetup,
  type NotificationType,
} from './types.ts';

export interface NotificationSetupInput {
  readonly method: unknown;
  /** Left out: instantly. */
  readonly schedule?: unknown;
}

export function parseNotificationType(value: unknown, field = 'type'): NotificationType {
  if (typeof value === 'string' && (NOTIFICATION_TYPES as readonly string[]).includes(value)) {
    return value as NotificationType;
  }
  throw invalid(
    'notification-type-invalid',
    `Notification type "${String(value ?? '')}" must be one of ${NOTIFICATION_TYPES.join(', ')}.`,
    { field },
  );
}

function parseMethod(value: unknown): NotificationMethod {
  if (typeof value === 'string' && (NOTIFICATION_METHODS as readonly string[]).includes(value)) {
    return value as NotificationMethod;
  }
  throw invalid(
    'notification-method-invalid',
    `Notification method "${String(value ?? '')}" must be one of ${NOTIFICATION_METHODS.join(', ')}.`,
    { field: 'method' },
  );
}

function toSetup(row: Selectable<NotificationSetupTable>, source: 'user' | 'company'): NotificationSetup {
  return {
    userId: row.user_id,
    type: row.type as NotificationType,
    method: parseMethod(row.method),
    schedule: scheduleFromRow(row.recurrence, row.schedule),
    source,
  };
}

/**
 * The setup that applies to a recipient for one type (reference §7.2): their own row, else the
 * company default (user ''), else the built-in default (email, instantly). Nothing is written.
 */
export async function effectiveSetup(
  db: Kysely<Database>,
  companyId: number,
  userId: string,
  type: NotificationType,
): Promise<NotificationSetup> {
  const rows = await db
    .selectFrom('notification_setup')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('type', '=', type)
    .where('user_id', 'in', userId === '' ? [''] : [userId, ''])
    .execute();
  const own = userId === '' ? undefined : rows.find((r) => r.user_id === userId);
  if (own) return toSetup(own, 'user');
  const fallback = rows.find((r) => r.user_id === '');
  if (fallback) return toSetup(fallback, 'company');
  return { userId: '', type, ...BUILT_IN_SETUP, source: 'built-in' };
}

/** The setups that apply to a user (or, for '', the company defaults), one per type. */
export async function listNotificationSetups(ctx: EngineContext, userId: string): Promise<NotificationSetup[]> {
  const setups: NotificationSetup[] = [];
  for (const type of NOTIFICATION_TYPES) setups.push(await effectiveSetup(ctx.tx, ctx.companyId, userId, type));
  return setups;
}

export async function getNotificationSetup(
  ctx: EngineContext,
  userId: string,
  type: unknown,
): Promise<NotificationSetup> {
  return effectiveSetup(ctx.tx, ctx.companyId, userId, parseNotificationType(type));
}

async function checkUser(ctx: EngineContext, userId: string): Promise<void> {
  if (userId === '') return;
  const user = await ctx.tx.selectFrom('app_user').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user) throw invalid('user-unknown', `User ${userId} does not exist.`, { field: 'userId' });
}

/**
 * Queued entries of this type are timed again by the dispatcher under the new setup (their
 * `available_at` is cleared); for the company default, every recipient's are, since each is
 * recomputed from that recipient's own effective setup.
 */
async function retime(ctx: EngineContext, userId: string, type: NotificationType): Promise<void> {
  let query = ctx.tx
    .updateTable('notification_entry')
    .set({ available_at: null })
    .where('company_id', '=', ctx.companyId)
    .where('type', '=', type);
  if (userId !== '') query = query.where('recipient_id', '=', userId);
  await query.execute();
}

/** Creates or replaces the setup of a user ('' = the company default) for one type. */
export async function saveNotificationSetup(
  ctx: EngineContext,
  userId: string,
  type: unknown,
  input: NotificationSetupInput,
): Promise<NotificationSetup> {
  const checkedType = parseNotificationType(type);
  const method = parseMethod(input.method);
  const schedule = parseSchedule(input.schedule);
  const user = userId.trim().toUpperCase();
  await checkUser(ctx, user);
  const values = { method, ...scheduleToRow(schedule), next_run_at: null };
  await ctx.tx
    .insertInto('notification_setup')
    .values({ company_id: ctx.companyId, user_id: user, type: checkedType, ...values })
    .onConflict((oc) => oc.columns(['company_id', 'user_id', 'type']).doUpdateSet(values))
    .execute();
  await retime(ctx, user, checkedType);
  return { userId: user, type: checkedType, method, schedule, source: user === '' ? 'company' : 'user' };
}

/** Removes a user's own setup (the company default applies again); returns what applies now. */
export async function deleteNotificationSetup(
  ctx: EngineContext,
  userId: string,
  type: unknown,
): Promise<NotificationSetup> {
  const checkedType = parseNotificationType(type);
  const user = userId.trim().toUpperCase();
  await ctx.tx
    .deleteFrom('notification_setup')
    .where('company_id', '=', ctx.companyId)
    .where('user_id', '=', user)
    .where('type', '=', checkedType)
    .execute();
  await retime(ctx, user, checkedType);
  return effectiveSetup(ctx.tx, ctx.companyId, user, checkedType);
}
