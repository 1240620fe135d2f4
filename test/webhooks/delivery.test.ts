import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openWerkstroom } from '../../src/app/werkstroom.ts';
import { businessModules } from '../../src/business-modules.ts';
import { createWorker, retryDelayMs } from '../../src/jobs/index.ts';
import {
  createWebhookDeliveryHandler,
  publishWebhookEvent,
  WEBHOOK_DELIVER_JOB,
  WEBHOOK_MAX_ATTEMPTS,
  webhookJobHandlers,
} from '../../src/webhooks/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { FIXED_NOW } from '../support/harness.ts';
import { webhookCompany } from './fixtures.ts';
import { downUrl, type Receiver, startReceiver } from './receiver.ts';

describeEachDialect('webhook deliveries to a real receiver on loopback', (db) => {
  const receivers: Receiver[] = [];
  const receiver = async (answer: number | 'hang' = 204) => {
    const started = await startReceiver(answer);
    receivers.push(started);
    return started;
  };
  // The job table is shared by the tests of this file: each starts without leftovers.
  beforeEach(async () => {
    await db().db.deleteFrom('job').execute();
  });
  afterEach(async () => {
    for (const r of receivers.splice(0)) await r.close();
  });

  it('the receiver gets the signed JSON once; the signature verifies with the subscription secret', async () => {
    const r = await receiver(204);
    const c = await webhookCompany(db(), r.url);
    const [deliveryId] = await c.approve();
    expect(r.requests).toEqual([]);
    expect(await c.worker().runOnce()).toEqual({ done: 1, retried: 0, dead: 0, lost: 0 });
    expect(r.requests).toHaveLength(1);
    const [request] = r.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/hooks/werkstroom?source=test');
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-werkstroom-event': 'entry-decided',
      'x-werkstroom-delivery': String(deliveryId),
    });
    const expected = `sha256=${createHmac('sha256', c.subscription.secret)
      .update(request?.body ?? '')
      .digest('hex')}`;
    expect(request?.headers['x-werkstroom-signature']).toBe(expected);
    const tampered = createHmac('sha256', c.subscription.secret).update(`${request?.body} `).digest('hex');
    expect(request?.headers['x-werkstroom-signature']).not.toBe(`sha256=${tampered}`);
    expect(JSON.parse(request?.body ?? '')).toEqual({
      id: deliveryId,
      event: 'entry-decided',
      company: c.code,
      createdAt: FIXED_NOW.toISOString(),
      data: {
        decision: 'approved',
        channel: 'api',
        decidedBy: 'JOHN',
        entry: expect.objectContaining({
          entryId: c.entryId,
          status: 'Approved',
          approverId: 'JOHN',
          senderId: 'ALICIA',
        }),
      },
    });
    expect(await c.delivery(deliveryId ?? 0)).toMatchObject({
      status: 'delivered',
      attempts: 1,
      response_status: 204,
      last_error: '',
      delivered_at: FIXED_NOW.toISOString(),
    });
    // Run again (at least once): nothing is sent twice.
    expect(await c.worker().runOnce()).toEqual({ done: 0, retried: 0, dead: 0, lost: 0 });
    expect(r.requests).toHaveLength(1);
  });

  it('a receiver answering 500 is retried with backoff by the job table, then dead-lettered as failed', async () => {
    const r = await receiver(500);
    const c = await webhookCompany(db(), r.url);
    const [deliveryId = 0] = await c.approve();
    const worker = c.worker();
    for (let attempt = 1; attempt < WEBHOOK_MAX_ATTEMPTS; attempt++) {
      expect(await worker.runOnce(), `attempt ${attempt}`).toEqual({ done: 0, retried: 1, dead: 0, lost: 0 });
      const job = await c.job(deliveryId);
      expect(job).toMatchObject({ status: 'queued', attempts: attempt });
      expect(job.last_error).toBe(`Webhook delivery ${deliveryId} failed: HTTP 500: boom`);
      // Backoff: 20 s, 40 s, 80 s, … after the failed attempt; not a moment earlier.
      const wait = Date.parse(job.run_at) - c.now().getTime();
      expect(wait).toBe(retryDelayMs(attempt, () => 0));
      expect(await c.delivery(deliveryId)).toMatchObject({
        status: 'retrying',
        attempts: attempt,
        response_status: 500,
      });
      c.setNow(new Date(Date.parse(job.run_at) - 1000));
      expect(await worker.runOnce()).toEqual({ done: 0, retried: 0, dead: 0, lost: 0 });
      expect(r.requests).toHaveLength(attempt);
      c.setNow(new Date(job.run_at));
    }
    expect(await worker.runOnce()).toEqual({ done: 0, retried: 0, dead: 1, lost: 0 });
    expect(r.requests).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
    expect(new Set(r.requests.map((q) => q.body)).size).toBe(1);
    expect(await c.job(deliveryId)).toMatchObject({ status: 'dead', attempts: WEBHOOK_MAX_ATTEMPTS });
    expect(await c.delivery(deliveryId)).toMatchObject({
      status: 'failed',
      attempts: WEBHOOK_MAX_ATTEMPTS,
      response_status: 500,
      last_error: 'HTTP 500: boom',
      delivered_at: null,
    });
  });

  it('a receiver that is down or hangs neither slows nor breaks the business action; the attempt fails later', async () => {
    for (const target of ['down', 'hang'] as const) {
      const hanging = target === 'hang' ? await receiver('hang') : undefined;
      const c = await webhookCompany(db(), hanging?.url ?? (await downUrl()));
      const started = performance.now();
      const [deliveryId = 0] = await c.approve();
      expect(performance.now() - started, target).toBeLessThan(1500);
      expect(await c.delivery(deliveryId)).toMatchObject({ status: 'pending', attempts: 0 });
      expect(await c.job(deliveryId)).toMatchObject({ status: 'queued', attempts: 0 });
      expect(hanging?.requests ?? []).toEqual([]);
      const worker = c.worker({ [WEBHOOK_DELIVER_JOB]: createWebhookDeliveryHandler({ timeoutMs: 300 }) });
      expect(await worker.runOnce()).toEqual({ done: 0, retried: 1, dead: 0, lost: 0 });
      expect(await c.delivery(deliveryId)).toMatchObject({
        status: 'retrying',
        attempts: 1,
        response_status: null,
        last_error: target === 'down' ? 'Request failed: ECONNREFUSED' : 'Request failed: no answer in time',
      });
    }
  });

  it('a business action that rolls back leaves no delivery and no job', async () => {
    const r = await receiver(204);
    const c = await webhookCompany(db(), r.url);
    const failed = c.app.run({ company: c.code, userId: 'ADMIN' }, async (ctx) => {
      expect(await publishWebhookEvent(ctx, 'entry-decided', { entryId: c.entryId })).toHaveLength(1);
      throw new Error('the business action failed');
    });
    await expect(failed).rejects.toThrow('the business action failed');
    expect(await db().db.selectFrom('job').selectAll().execute()).toEqual([]);
    const deliveries = await db()
      .db.selectFrom('webhook_delivery')
      .selectAll()
      .where('subscription_id', '=', c.subscription.id)
      .execute();
    expect(deliveries).toEqual([]);
  });

  it('deliveries survive a worker restart: queued until a worker runs them, retried after a stop mid-request', async () => {
    const r = await receiver('hang');
    const c = await webhookCompany(db(), r.url);
    const [deliveryId = 0] = await c.approve();
    // A worker that runs and is stopped while the receiver has not answered yet.
    const first = c.worker();
    await first.start();
    await r.waitFor(1);
    await first.stop();
    expect(await c.job(deliveryId)).toMatchObject({ status: 'queued', attempts: 1 });
    expect(await c.delivery(deliveryId)).toMatchObject({ status: 'retrying', attempts: 1 });
    // The process restarts: a new application and a new worker on the same database.
    r.answer = 200;
    let now = new Date(FIXED_NOW.getTime() + 60_000);
    const restarted = await openWerkstroom({ database: db(), modules: businessModules, clock: () => now });
    const second = createWorker({ app: restarted, handlers: webhookJobHandlers, concurrency: 1, random: () => 0 });
    expect(await second.runOnce()).toEqual({ done: 1, retried: 0, dead: 0, lost: 0 });
    expect(await c.delivery(deliveryId)).toMatchObject({ status: 'delivered', attempts: 2, response_status: 200 });
    expect(r.requests.map((q) => q.headers['x-werkstroom-delivery'])).toEqual([String(deliveryId), String(deliveryId)]);
    now = new Date(now.getTime() + 3_600_000);
    expect(await second.runOnce()).toEqual({ done: 0, retried: 0, dead: 0, lost: 0 });
  });
});
