import { createHmac } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, WebhookDeliveryTable } from '../db/schema.ts';
import type { JobHandler } from '../jobs/types.ts';
import type { DeliveryStatus } from './subscriptions.ts';

/** How long a receiver may take to answer before the attempt counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 5000;

export const WEBHOOK_HEADERS = {
  event: 'x-werkstroom-event',
  delivery: 'x-werkstroom-delivery',
  signature: 'x-werkstroom-signature',
} as const;

/** `sha256=<hex HMAC-SHA256 of the exact body, keyed with the subscription's secret>` */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The JSON body of a delivery; the same bytes on every attempt (it is made from the stored row). */
export function webhookBody(delivery: Selectable<WebhookDeliveryTable>, companyCode: string): string {
  return JSON.stringify({
    id: delivery.id,
    event: delivery.event,
    company: companyCode,
    createdAt: delivery.created_at,
    data: JSON.parse(delivery.payload) as unknown,
  });
}

async function record(
  db: Kysely<Database>,
  id: number,
  change: {
    status: DeliveryStatus;
    attempts: number;
    responseStatus?: number | null;
    lastError?: string;
    deliveredAt?: string;
  },
): Promise<void> {
  await db
    .updateTable('webhook_delivery')
    .set({
      status: change.status,
      attempts: change.attempts,
      ...(change.responseStatus !== undefined ? { response_status: change.responseStatus } : {}),
      ...(change.lastError !== undefined ? { last_error: change.lastError } : {}),
      ...(change.deliveredAt !== undefined ? { delivered_at: change.deliveredAt } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** What an answer or a network failure means for the log. */
async function attempt(
  url: string,
  headers: Record<string, string>,
  body: string,
  signal: AbortSignal,
): Promise<{ ok: boolean; status: number | null; error: string }> {
  try {
    const response = await fetch(url, { method: 'POST', headers, body, signal, redirect: 'manual' });
    const text = (await response.text().catch(() => '')).slice(0, 200);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status, error: '' };
    return { ok: false, status: response.status, error: `HTTP ${response.status}${text ? `: ${text}` : ''}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason =
      (error as Error).name === 'TimeoutError'
        ? 'no answer in time'
        : (cause?.code ?? cause?.message ?? (error as Error).message);
    return { ok: false, status: null, error: `Request failed: ${reason}` };
  }
}

/**
 * The `webhooks.deliver` handler: POSTs the delivery's JSON, signed, with a timeout. A 2xx answer
 * marks it delivered; anything else is logged and thrown, so the job table retries it with
 * backoff; after the last attempt the delivery is `failed` with the last error (the job is dead).
 * Idempotent: a delivered one is not sent again.
 */
export function createWebhookDeliveryHandler(options: { readonly timeoutMs?: number } = {}): JobHandler {
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  return async (job, ctx) => {
    const deliveryId = Number(job.payload.deliveryId);
    const delivery = await ctx.db
      .selectFrom('webhook_delivery')
      .selectAll()
      .where('id', '=', deliveryId)
      .executeTakeFirst();
    if (!delivery || delivery.status === 'delivered' || delivery.status === 'failed') return;
    const subscription = await ctx.db
      .selectFrom('webhook_subscription')
      .innerJoin('company', 'company.id', 'webhook_subscription.company_id')
      .select([
        'webhook_subscription.url',
        'webhook_subscription.secret',
        'webhook_subscription.enabled',
        'company.code',
      ])
      .where('webhook_subscription.id', '=', delivery.subscription_id)
      .where('webhook_subscription.company_id', '=', delivery.company_id)
      .executeTakeFirst();
    if (subscription?.enabled !== 1) {
      const lastError = subscription ? 'The subscription is disabled.' : 'The subscription was deleted.';
      await record(ctx.db, delivery.id, { status: 'failed', attempts: delivery.attempts, lastError });
      return;
    }
    const body = webhookBody(delivery, subscription.code);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Werkstroom-Webhooks/1',
      [WEBHOOK_HEADERS.event]: delivery.event,
      [WEBHOOK_HEADERS.delivery]: String(delivery.id),
      [WEBHOOK_HEADERS.signature]: webhookSignature(subscription.secret, body),
    };
    const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), ctx.signal]);
    const result = await attempt(subscription.url, headers, body, signal);
    const attempts = delivery.attempts + 1;
    if (result.ok) {
      await record(ctx.db, delivery.id, {
        status: 'delivered',
        attempts,
        responseStatus: result.status,
        lastError: '',
        deliveredAt: ctx.now.toISOString(),
      });
      return;
    }
    const last = job.attempt >= job.maxAttempts;
    await record(ctx.db, delivery.id, {
      status: last ? 'failed' : 'retrying',
      attempts,
      responseStatus: result.status,
      lastError: result.error,
    });
    // The URL stays out of the job's error: it may carry a token in its query.
    throw new Error(`Webhook delivery ${delivery.id} failed: ${result.error}`);
  };
}

export const webhookDeliveryHandler: JobHandler = createWebhookDeliveryHandler();
