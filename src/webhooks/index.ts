import type { JobHandler } from '../jobs/types.ts';
import { webhookDeliveryHandler } from './deliver.ts';
import { WEBHOOK_DELIVER_JOB } from './publish.ts';

export {
  createWebhookDeliveryHandler,
  WEBHOOK_HEADERS,
  WEBHOOK_TIMEOUT_MS,
  webhookBody,
  webhookDeliveryHandler,
  webhookSignature,
} from './deliver.ts';
export { entryWebhookPayload } from './payloads.ts';
export { publishWebhookEvent, WEBHOOK_DELIVER_JOB, WEBHOOK_MAX_ATTEMPTS } from './publish.ts';
export {
  createWebhookSubscription,
  DELIVERY_STATUSES,
  type DeliveryStatus,
  deleteWebhookSubscription,
  getWebhookSubscription,
  isWebhookEvent,
  listWebhookDeliveries,
  listWebhookSubscriptions,
  validateWebhookUrl,
  WEBHOOK_EVENTS,
  type WebhookDelivery,
  type WebhookEvent,
  type WebhookSubscription,
} from './subscriptions.ts';

/** The webhook job handlers, by kind. */
export const webhookJobHandlers: Readonly<Record<string, JobHandler>> = {
  [WEBHOOK_DELIVER_JOB]: webhookDeliveryHandler,
};
