import type { EngineContext } from '../engine/context.ts';
import { enqueueFromContext } from '../jobs/enqueue.ts';
import { invalid } from '../shared/errors.ts';
import { isWebhookEvent, subscriptionView, WEBHOOK_EVENTS, type WebhookEvent } from './subscriptions.ts';

export const WEBHOOK_DELIVER_JOB = 'webhooks.deliver';
/** Attempts per delivery; the job table waits 20 s, 40 s, 80 s, … (at most an hour) between them. */
export const WEBHOOK_MAX_ATTEMPTS = 8;

/**
 * Tells the company's subscribers about `event`: one `webhook_delivery` row per subscription
 * that wants it, and a `webhooks.deliver` job for each, all in the caller's transaction. Nothing
 * goes over the network here, so a slow or dead receiver never slows or breaks the business
 * action; and if the action rolls back, no delivery is left behind. Returns the delivery ids.
 */
export async function publishWebhookEvent(
  ctx: EngineContext,
  event: WebhookEvent,
  payload: Readonly<Record<string, unknown>>,
): Promise<number[]> {
  if (!isWebhookEvent(event)) {
    throw invalid('webhook-event-unknown', `Unknown webhook event ${String(event)}; use ${WEBHOOK_EVENTS.join(', ')}.`);
  }
  const subscriptions = (
    await ctx.tx
      .selectFrom('webhook_subscription')
      .selectAll()
      .where('company_id', '=', ctx.companyId)
      .where('enabled', '=', 1)
      .orderBy('id')
      .execute()
  )
    .map(subscriptionView)
    .filter((s) => s.events.includes(event));
  if (subscriptions.length === 0) return [];
  const data = JSON.stringify(payload);
  const ids: number[] = [];
  for (const subscription of subscriptions) {
    const { id } = await ctx.tx
      .insertInto('webhook_delivery')
      .values({
        company_id: ctx.companyId,
        subscription_id: subscription.id,
        event,
        payload: data,
        status: 'pending',
        attempts: 0,
        last_error: '',
        created_at: ctx.now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueueFromContext(ctx, {
      kind: WEBHOOK_DELIVER_JOB,
      payload: { deliveryId: id },
      key: `webhook-delivery:${id}`,
      maxAttempts: WEBHOOK_MAX_ATTEMPTS,
    });
    ids.push(id);
  }
  return ids;
}
