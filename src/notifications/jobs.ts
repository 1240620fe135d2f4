import type { Werkstroom } from '../app/werkstroom.ts';
import type { JobHandler, RecurringJobDefinition } from '../jobs/types.ts';
import { dispatchNotifications } from './dispatch.ts';
import type { NotificationOptions } from './types.ts';

/** The job kind that runs the dispatcher; payload `{ companyId? }` (or the job's company) limits it to one company. */
export const NOTIFICATION_DISPATCH_JOB = 'notifications.dispatch';

const configured = new WeakMap<Werkstroom, NotificationOptions>();

/** Sets the delivery settings (SMTP URL, From, base URL) the job handler uses for this app. */
export function configureNotifications(app: Werkstroom, options: NotificationOptions): void {
  configured.set(app, options);
}

export function notificationOptions(app: Werkstroom): NotificationOptions {
  return configured.get(app) ?? {};
}

/**
 * Job handlers of the notifications module. Delivery failures are kept on the entries (they are
 * not job failures); only unexpected errors fail the job, which is safe to run again.
 */
export function createNotificationJobHandlers(options?: NotificationOptions): Readonly<Record<string, JobHandler>> {
  return {
    [NOTIFICATION_DISPATCH_JOB]: async (job, ctx) => {
      const fromPayload = job.payload.companyId;
      const companyId = job.companyId ?? (typeof fromPayload === 'number' ? fromPayload : undefined);
      const result = await dispatchNotifications(ctx.app, ctx.now, options ?? notificationOptions(ctx.app), {
        ...(companyId !== undefined ? { companyId } : {}),
        signal: ctx.signal,
      });
      if (result.errors.length > 0) {
        throw new Error(
          `Notification dispatch skipped ${result.errors.length} recipient(s): ${result.errors.join('; ')}`,
        );
      }
    },
  };
}

/** Uses the settings given to `configureNotifications` for the job's app. */
export const notificationJobHandlers: Readonly<Record<string, JobHandler>> = createNotificationJobHandlers();

/**
 * Every minute: delivers instant notifications about a minute after they were queued (as the
 * reference's NOTIFYNOW job does) and scheduled ones once their time has come.
 */
export const notificationRecurringJobs: readonly RecurringJobDefinition[] = [
  { name: NOTIFICATION_DISPATCH_JOB, kind: NOTIFICATION_DISPATCH_JOB, cron: '* * * * *' },
];
