import type { EngineContext } from '../engine/context.ts';
import type { ApprovalEntry } from './types.ts';

export const NOTIFICATION_TYPES = ['new-record', 'approval', 'overdue'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface NotificationEntryInput {
  readonly type: NotificationType;
  readonly recipientId: string;
  readonly table: string;
  readonly key: string;
  readonly approvalEntryId?: number;
  readonly customLink?: string;
}

/** Queues a notification; a dispatcher delivers it after the transaction commits. */
export async function createNotificationEntry(ctx: EngineContext, input: NotificationEntryInput): Promise<void> {
  await ctx.tx
    .insertInto('notification_entry')
    .values({
      company_id: ctx.companyId,
      type: input.type,
      recipient_id: input.recipientId,
      sender_id: ctx.userId,
      table_name: input.table,
      record_key: input.key,
      approval_entry_id: input.approvalEntryId ?? null,
      custom_link: input.customLink ?? '',
      created_at: ctx.now.toISOString(),
    })
    .execute();
}

export interface ApprovalNotifyOptions {
  readonly notifySender?: boolean;
  readonly customLink?: string;
}

/**
 * Approval notifications for one entry (reference §5.8): the approver, unless it is the acting
 * user or the entry is rejected; the sender too when asked, unless it is the acting user or the
 * approver.
 */
export async function notifyAboutEntry(
  ctx: EngineContext,
  entry: ApprovalEntry,
  options: ApprovalNotifyOptions,
): Promise<void> {
  const base = {
    type: 'approval' as const,
    table: entry.table,
    key: entry.recordKey,
    approvalEntryId: entry.id,
    ...(options.customLink ? { customLink: options.customLink } : {}),
  };
  if (entry.approverId !== ctx.userId && entry.status !== 'Rejected') {
    await createNotificationEntry(ctx, { ...base, recipientId: entry.approverId });
  }
  if (options.notifySender && entry.senderId !== ctx.userId && entry.senderId !== entry.approverId) {
    await createNotificationEntry(ctx, { ...base, recipientId: entry.senderId });
  }
}

export async function listNotificationEntries(ctx: EngineContext, recipientId?: string) {
  let query = ctx.tx.selectFrom('notification_entry').selectAll().where('company_id', '=', ctx.companyId);
  if (recipientId) query = query.where('recipient_id', '=', recipientId);
  return query.orderBy('id').execute();
}
