import type { Werkstroom } from '../app/werkstroom.ts';
import { journalJobHandlers } from '../journals/payment-lines.ts';
import { notificationJobHandlers, notificationRecurringJobs } from '../notifications/index.ts';
import { allApprovalRecurringJobs, approvalJobHandlers } from '../overdue/index.ts';
import { postingJobHandlers } from '../posting/background.ts';
import { webhookJobHandlers } from '../webhooks/index.ts';
import type { JobHandler, RecurringJobDefinition } from './types.ts';

/**
 * The job handlers the product registers, by kind: notification dispatch, the overdue run,
 * automatic delegation and webhook delivery. Every worker runs these.
 */
export function productJobHandlers(_app: Werkstroom): Record<string, JobHandler> {
  return {
    ...notificationJobHandlers,
    ...approvalJobHandlers,
    ...webhookJobHandlers,
    ...journalJobHandlers,
    ...postingJobHandlers,
  };
}

/**
 * The product's recurring jobs (cron in a time zone), registered when a worker starts. Async
 * because the overdue run and delegation are scheduled per company.
 */
export async function productRecurringJobs(app: Werkstroom): Promise<RecurringJobDefinition[]> {
  return [...notificationRecurringJobs, ...(await allApprovalRecurringJobs(app.database.db))];
}
