import type { Werkstroom } from '../app/werkstroom.ts';
import type { JobHandler, RecurringJobDefinition } from './types.ts';

/**
 * The job handlers the product registers, by kind (`notifications.dispatch`, `webhooks.deliver`,
 * …). Every `werkstroom worker` runs these; add a kind here with its handler.
 */
export function productJobHandlers(_app: Werkstroom): Record<string, JobHandler> {
  return {};
}

/**
 * The product's recurring jobs (cron in a time zone), registered by every `werkstroom worker` at
 * start. Async so that per-company definitions can read the companies.
 */
export async function productRecurringJobs(_app: Werkstroom): Promise<RecurringJobDefinition[]> {
  return [];
}
