import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWerkstroom, type Werkstroom } from '../../src/app/werkstroom.ts';
import { businessModules } from '../../src/business-modules.ts';
import { DEMO_COMPANY } from '../../src/demo/demo-data.ts';
import { seedDemoCompany } from '../../src/demo/seed.ts';
import { buildServer } from '../../src/server/build-server.ts';
import type { Server } from '../../src/server/types.ts';
import {
  createWebhookSubscription,
  listWebhookSubscriptions,
  publishWebhookEvent,
  validateWebhookUrl,
  WEBHOOK_EVENTS,
} from '../../src/webhooks/index.ts';
import { failsWith } from '../approvals/actions/fixtures.ts';
import { type Client, expectProblem, ok, signIn } from '../server/approvals/client.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { FIXED_NOW, newTestCompany } from '../support/harness.ts';

describe('webhook URLs', () => {
  it('are http or https, absolute, without user name or password', () => {
    expect(validateWebhookUrl('https://hooks.example.com/werkstroom?token=abc')).toBe(
      'https://hooks.example.com/werkstroom?token=abc',
    );
    expect(validateWebhookUrl('http://127.0.0.1:8080/in')).toBe('http://127.0.0.1:8080/in');
    for (const url of [
      'ftp://hooks.example.com/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'hooks.example.com/in',
      'https://user:secret@hooks.example.com/',
      'https://user@hooks.example.com/',
      `https://hooks.example.com/${'x'.repeat(2000)}`,
    ]) {
      expect(() => validateWebhookUrl(url), url).toThrow(expect.objectContaining({ code: 'webhook-url-invalid' }));
    }
  });
});

describeEachDialect('webhook subscriptions', (db) => {
  it('are saved per company with a generated secret shown once; events come from a fixed list', async () => {
    const t = await newTestCompany(db(), businessModules);
    const other = await newTestCompany(db(), businessModules);
    const created = await t.run((ctx) =>
      createWebhookSubscription(ctx, {
        url: 'https://hooks.example.com/in',
        events: ['entry-decided', 'entry-decided'],
      }),
    );
    expect(created).toEqual({
      id: expect.any(Number),
      url: 'https://hooks.example.com/in',
      events: ['entry-decided'],
      enabled: true,
      createdAt: FIXED_NOW.toISOString(),
      secret: expect.stringMatching(/^whsec_[\w-]{43}$/),
    });
    const { secret, ...listed } = created;
    expect(await t.run(listWebhookSubscriptions)).toEqual([listed]);
    expect(await other.run(listWebhookSubscriptions)).toEqual([]);
    await failsWith(
      t.run((ctx) => createWebhookSubscription(ctx, { url: 'https://hooks.example.com/', events: ['posted'] })),
      'webhook-event-unknown',
    );
    await failsWith(
      t.run((ctx) => createWebhookSubscription(ctx, { url: 'https://hooks.example.com/', events: [] })),
      'webhook-events-missing',
    );
    expect(WEBHOOK_EVENTS).toEqual(
      expect.arrayContaining(['approval-requested', 'entry-decided', 'document-released']),
    );
  });

  it('publishing writes one delivery and one job per subscription that wants the event, in the company only', async () => {
    const t = await newTestCompany(db(), businessModules);
    const other = await newTestCompany(db(), businessModules);
    await t.run((ctx) => createWebhookSubscription(ctx, { url: 'https://a.example/', events: ['entry-decided'] }));
    await t.run((ctx) => createWebhookSubscription(ctx, { url: 'https://b.example/', events: ['document-released'] }));
    await other.run((ctx) => createWebhookSubscription(ctx, { url: 'https://c.example/', events: ['entry-decided'] }));
    const ids = await t.run((ctx) => publishWebhookEvent(ctx, 'entry-decided', { entryId: 7 }));
    expect(ids).toHaveLength(1);
    const jobs = await db()
      .db.selectFrom('job')
      .select(['kind', 'payload', 'status', 'max_attempts'])
      .where('payload', '=', JSON.stringify({ deliveryId: ids[0] }))
      .execute();
    expect(jobs).toEqual([
      { kind: 'webhooks.deliver', payload: JSON.stringify({ deliveryId: ids[0] }), status: 'queued', max_attempts: 8 },
    ]);
    expect(await t.run((ctx) => publishWebhookEvent(ctx, 'instance-completed', {}))).toEqual([]);
  });
});

describeEachDialect('webhook routes', (db) => {
  let app: Werkstroom;
  let server: Server;
  let admin: Client;
  const base = `/api/v1/companies/${DEMO_COMPANY.code}/webhooks`;

  beforeAll(async () => {
    app = await openWerkstroom({ database: db(), modules: businessModules, clock: () => FIXED_NOW });
    await seedDemoCompany(app);
    server = await buildServer({ app, secret: 'webhook-route-test-secret-0123456789' });
    admin = await signIn(server, 'ADMIN');
  });
  afterAll(async () => server.close());

  it('create (secret once), list (no secret), deliveries, delete; the workflow-admin role only', async () => {
    const created = ok(
      await admin.post(base, { url: 'https://hooks.example.com/in', events: ['entry-decided', 'document-released'] }),
      201,
    );
    expect(created.secret).toMatch(/^whsec_/);
    const listed = ok(await admin.get(base));
    expect(listed).toEqual([
      {
        id: created.id,
        url: 'https://hooks.example.com/in',
        events: ['entry-decided', 'document-released'],
        enabled: true,
        createdAt: FIXED_NOW.toISOString(),
      },
    ]);
    expect(JSON.stringify(listed)).not.toContain(created.secret);

    await app.run({ company: DEMO_COMPANY.code, userId: 'ADMIN' }, (ctx) =>
      publishWebhookEvent(ctx, 'document-released', { no: 'PO-1' }),
    );
    const log = ok(await admin.get(`${base}/${created.id}/deliveries`));
    expect(log).toMatchObject({
      total: 1,
      items: [{ event: 'document-released', status: 'pending', attempts: 0, responseStatus: null, lastError: '' }],
    });

    const john = await signIn(server, 'JOHN');
    expectProblem(await john.get(base), 403, 'role-required');
    expectProblem(
      await john.post(base, { url: 'https://x.example/', events: ['entry-decided'] }),
      403,
      'role-required',
    );

    expect(ok(await admin.delete(`${base}/${created.id}`))).toEqual({ ok: true });
    expect(ok(await admin.get(base))).toEqual([]);
    expectProblem(await admin.get(`${base}/${created.id}/deliveries`), 404, 'webhook-not-found');
    expectProblem(await admin.delete(`${base}/${created.id}`), 404, 'webhook-not-found');
  });

  it('refuses URLs with credentials or other schemes, and unknown events', async () => {
    const credentials = expectProblem(
      await admin.post(base, { url: 'https://u:p@hooks.example.com/', events: ['entry-decided'] }),
      400,
      'webhook-url-invalid',
    );
    expect(credentials.field).toBe('url');
    expectProblem(
      await admin.post(base, { url: 'ftp://hooks.example.com/', events: ['entry-decided'] }),
      400,
      'webhook-url-invalid',
    );
    expectProblem(
      await admin.post(base, { url: 'https://hooks.example.com/', events: ['posted'] }),
      400,
      'request-invalid',
    );
    expect(ok(await admin.get(base))).toEqual([]);
  });
});
