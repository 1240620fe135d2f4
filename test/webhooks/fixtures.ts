import { openWerkstroom, type Werkstroom } from '../../src/app/werkstroom.ts';
import { entriesOfRequest } from '../../src/approvals/entry-store.ts';
import { approveEntries, sendApprovalRequest } from '../../src/approvals/user-actions.ts';
import { businessModules } from '../../src/business-modules.ts';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import { createWorker, type JobWorker } from '../../src/jobs/index.ts';
import type { JobHandler } from '../../src/jobs/types.ts';
import { createWebhookSubscription, webhookJobHandlers } from '../../src/webhooks/index.ts';
import { enabledCopy, newDocument, readyCompany } from '../approvals/actions/fixtures.ts';
import { FIXED_NOW } from '../support/harness.ts';

export interface WebhookCompany {
  readonly app: Werkstroom;
  readonly code: string;
  readonly entryId: number;
  readonly subscription: { readonly id: number; readonly secret: string };
  now(): Date;
  setNow(now: Date): void;
  /** The business action: JOHN approves his entry and, in the same transaction, `entry-decided` is published. */
  approve(): Promise<number[]>;
  worker(handlers?: Readonly<Record<string, JobHandler>>): JobWorker;
  delivery(id: number): Promise<Record<string, unknown>>;
  job(deliveryId: number): Promise<{ status: string; run_at: string; attempts: number; last_error: string }>;
}

/**
 * A company subscribed to `entry-decided` at `url`, with a sales order (WS-SOAPW) waiting for
 * JOHN, on an application whose clock the test moves. Workers use that clock, no jitter, one job
 * at a time.
 */
export async function webhookCompany(handle: DatabaseHandle, url: string): Promise<WebhookCompany> {
  const t = await readyCompany(handle);
  await enabledCopy(t, 'WS-SOAPW');
  let now = FIXED_NOW;
  const app = await openWerkstroom({ database: handle, modules: businessModules, clock: () => now });
  const as = (userId: string) => ({ company: t.company, userId });
  const subscription = await app.run(as('ADMIN'), (ctx) =>
    createWebhookSubscription(ctx, { url, events: ['entry-decided'] }),
  );
  const doc = await newDocument(t, 'ALICIA', 'sales', 'order');
  await app.run(as('ALICIA'), (ctx) => sendApprovalRequest(ctx, doc.table, doc.key));
  const entries = await app.run(as('ADMIN'), (ctx) => entriesOfRequest(ctx, doc.table, doc.key));
  const entryId = entries.find((e) => e.status === 'Open')?.id ?? 0;
  return {
    app,
    code: t.company,
    entryId,
    subscription,
    now: () => now,
    setNow: (value) => {
      now = value;
    },
    approve: () =>
      app.run(as('JOHN'), async (ctx) => {
        const [result] = await approveEntries(ctx, [entryId]);
        if (!result) throw new Error('no decision');
        // approveEntries publishes `entry-decided`; these are the deliveries it queued.
        const rows = await ctx.tx
          .selectFrom('webhook_delivery')
          .select('id')
          .where('company_id', '=', ctx.companyId)
          .where('event', '=', 'entry-decided')
          .orderBy('id')
          .execute();
        return rows.map((r) => r.id);
      }),
    worker: (handlers = webhookJobHandlers) =>
      createWorker({ app, handlers, concurrency: 1, random: () => 0, pollMs: 20, onError: () => {} }),
    delivery: async (id) =>
      handle.db.selectFrom('webhook_delivery').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    job: async (deliveryId) =>
      handle.db
        .selectFrom('job')
        .select(['status', 'run_at', 'attempts', 'last_error'])
        .where('kind', '=', 'webhooks.deliver')
        .where('payload', '=', JSON.stringify({ deliveryId }))
        .executeTakeFirstOrThrow(),
  };
}
