import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { WebhookDeliveryTable, WebhookSubscriptionTable } from '../db/schema.ts';
import type { EngineContext } from '../engine/context.ts';
import { invalid, notFound } from '../shared/errors.ts';

/**
 * Webhook subscriptions of a company: a URL, the events it wants, and a secret that signs every
 * delivery (generated here, shown once when the subscription is created).
 */

export const WEBHOOK_EVENTS = [
  'approval-requested',
  'approval-request-canceled',
  'entry-decided',
  'entry-delegated',
  'document-released',
  'document-posted',
  'instance-completed',
  'entries-overdue',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export function isWebhookEvent(value: string): value is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

export const DELIVERY_STATUSES = ['pending', 'retrying', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface WebhookSubscription {
  readonly id: number;
  readonly url: string;
  readonly events: WebhookEvent[];
  readonly enabled: boolean;
  readonly createdAt: string;
}

export interface WebhookDelivery {
  readonly id: number;
  readonly subscriptionId: number;
  readonly event: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly responseStatus: number | null;
  readonly lastError: string;
  readonly createdAt: string;
  readonly deliveredAt: string | null;
}

/** http or https, with a host, no user name or password in it, at most 2000 characters. */
export function validateWebhookUrl(text: string): string {
  const refuse = (why: string) => invalid('webhook-url-invalid', `The webhook URL ${why}.`, { field: 'url' });
  if (text.length > 2000) throw refuse('is longer than 2000 characters');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse('is not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse('must start with http:// or https://');
  if (url.username !== '' || url.password !== '')
    throw refuse('must not contain a user name or password; the signature authenticates deliveries');
  if (url.hostname === '') throw refuse('has no host');
  return url.toString();
}

function validateEvents(events: readonly string[]): WebhookEvent[] {
  if (events.length === 0)
    throw invalid('webhook-events-missing', 'Choose at least one event to subscribe to.', { field: 'events' });
  const unknown = events.filter((e) => !isWebhookEvent(e));
  if (unknown.length > 0) {
    throw invalid(
      'webhook-event-unknown',
      `Unknown webhook event ${unknown.join(', ')}; choose from ${WEBHOOK_EVENTS.join(', ')}.`,
      { field: 'events' },
    );
  }
  return [...new Set(events as WebhookEvent[])];
}

export function subscriptionView(row: Selectable<WebhookSubscriptionTable>): WebhookSubscription {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as WebhookEvent[],
    enabled: row.enabled === 1,
    createdAt: row.created_at,
  };
}

export function deliveryView(row: Selectable<WebhookDeliveryTable>): WebhookDelivery {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    event: row.event,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    responseStatus: row.response_status,
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}

/** Creates a subscription; the answer carries the signing secret, which is never shown again. */
export async function createWebhookSubscription(
  ctx: EngineContext,
  input: { readonly url: string; readonly events: readonly string[] },
): Promise<WebhookSubscription & { readonly secret: string }> {
  const url = validateWebhookUrl(input.url);
  const events = validateEvents(input.events);
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const row = await ctx.tx
    .insertInto('webhook_subscription')
    .values({
      company_id: ctx.companyId,
      url,
      events: JSON.stringify(events),
      secret,
      enabled: 1,
      created_at: ctx.now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...subscriptionView(row), secret };
}

export async function listWebhookSubscriptions(ctx: EngineContext): Promise<WebhookSubscription[]> {
  const rows = await ctx.tx
    .selectFrom('webhook_subscription')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .orderBy('id')
    .execute();
  return rows.map(subscriptionView);
}

export async function getWebhookSubscription(ctx: EngineContext, id: number): Promise<WebhookSubscription> {
  const row = await ctx.tx
    .selectFrom('webhook_subscription')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('webhook-not-found', `Webhook subscription ${id} does not exist.`, { id });
  return subscriptionView(row);
}

/** Deletes a subscription; its delivery log stays, and deliveries still waiting end as failed. */
export async function deleteWebhookSubscription(ctx: EngineContext, id: number): Promise<void> {
  await getWebhookSubscription(ctx, id);
  await ctx.tx
    .deleteFrom('webhook_subscription')
    .where('company_id', '=', ctx.companyId)
    .where('id', '=', id)
    .execute();
}

/** A subscription's delivery log, newest first. */
export async function listWebhookDeliveries(ctx: EngineContext, subscriptionId: number): Promise<WebhookDelivery[]> {
  const rows = await ctx.tx
    .selectFrom('webhook_delivery')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('subscription_id', '=', subscriptionId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(deliveryView);
}
