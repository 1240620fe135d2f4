import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openWerkstroom, type Werkstroom } from '../../src/app/werkstroom.ts';
import { businessModules } from '../../src/business-modules.ts';
import { seedDemoCompany } from '../../src/demo/seed.ts';
import { dispatchNotifications } from '../../src/notifications/dispatch.ts';
import { buildServer } from '../../src/server/build-server.ts';
import type { Server } from '../../src/server/types.ts';
import { expectProblem, ok, signIn } from '../server/approvals/client.ts';
import { COMPANY, clearNotifications, minutesAfter, purchaseRequests, START } from './support.ts';

const BASE = `/api/v1/companies/${COMPANY}`;

describe('notification API', () => {
  let app: Werkstroom;
  let server: Server;
  // biome-ignore lint/suspicious/noExplicitAny: signed-in clients of the shared test helper
  let sean: any, mary: any, admin: any;

  beforeAll(async () => {
    app = await openWerkstroom({ databaseUrl: 'sqlite::memory:', modules: businessModules, clock: () => START });
    await seedDemoCompany(app);
    server = await buildServer({ app, secret: 'test-secret-test-secret-test-secret-0123', signInLimit: 1000 });
    [sean, mary, admin] = await Promise.all(['SEAN', 'MARY', 'ADMIN'].map((u) => signIn(server, u)));
  });
  afterAll(async () => {
    await server.close();
    await app.close();
  });
  beforeEach(async () => {
    await clearNotifications(app);
  });

  it('without any setup every type is email, instantly (built-in default)', async () => {
    const setups = ok(await sean.get(`${BASE}/notification-setup`));
    expect(setups).toEqual(
      ['new-record', 'approval', 'overdue'].map((type) => ({
        userId: '',
        type,
        method: 'email',
        schedule: { recurrence: 'instantly' },
        source: 'built-in',
        nextRunAt: null,
      })),
    );
  });

  it('I set my own schedule and see its next run in the company time zone', async () => {
    const body = { method: 'note', schedule: { recurrence: 'daily', time: '08:30' } };
    const saved = ok(await sean.put(`${BASE}/notification-setup/approval`, body));
    // Monday 10:00 in Amsterdam → Tuesday 08:30 CET.
    expect(saved).toEqual({
      userId: 'SEAN',
      type: 'approval',
      method: 'note',
      schedule: { recurrence: 'daily', time: '08:30', frequency: 'weekdays' },
      source: 'user',
      nextRunAt: '2026-03-03T07:30:00.000Z',
    });
    expect(ok(await sean.get(`${BASE}/notification-setup/approval`))).toEqual(saved);
    const reset = ok(await sean.delete(`${BASE}/notification-setup/approval`));
    expect(reset).toMatchObject({ source: 'built-in', method: 'email' });
  });

  it('refuses bad setups with stable codes', async () => {
    const put = (type: string, body: unknown) => sean.put(`${BASE}/notification-setup/${type}`, body);
    expectProblem(await put('reminder', { method: 'email' }), 400, 'notification-type-invalid');
    expectProblem(await put('approval', { method: 'sms' }), 400, 'notification-method-invalid');
    const schedule = (s: unknown) => put('approval', { method: 'email', schedule: s });
    expectProblem(await schedule({ recurrence: 'hourly' }), 400, 'notification-recurrence-invalid');
    expectProblem(await schedule({ recurrence: 'daily', time: '25:00' }), 400, 'notification-time-invalid');
    expectProblem(await schedule({ recurrence: 'weekly', days: [] }), 400, 'notification-days-empty');
    const monthly = await schedule({ recurrence: 'monthly', on: 'day', day: 0 });
    expect(expectProblem(monthly, 400, 'notification-day-of-month-invalid').field).toBe('schedule.day');
  });

  it('the company default needs approval-admin, and users without their own setup follow it', async () => {
    const body = { method: 'note', schedule: { recurrence: 'monthly', on: 'last-workday', time: '17:00' } };
    expectProblem(await sean.put(`${BASE}/notification-setup/defaults/overdue`, body), 403, 'role-required');
    const saved = ok(await admin.put(`${BASE}/notification-setup/defaults/overdue`, body));
    // 31 March 2026 is a Tuesday: 17:00 CEST.
    expect(saved).toMatchObject({ userId: '', source: 'company', nextRunAt: '2026-03-31T15:00:00.000Z' });
    expect(ok(await sean.get(`${BASE}/notification-setup/overdue`))).toMatchObject({
      source: 'company',
      method: 'note',
    });
    expect(ok(await sean.get(`${BASE}/notification-setup/defaults`))[2]).toMatchObject({ type: 'overdue' });
    ok(await admin.delete(`${BASE}/notification-setup/defaults/overdue`));
    expect(ok(await sean.get(`${BASE}/notification-setup/overdue`))).toMatchObject({ source: 'built-in' });
  });

  it('another user’s setup is for approval admins only', async () => {
    expectProblem(await sean.get(`${BASE}/notification-setup?userId=MARY`), 403, 'role-required');
    const put = await admin.put(`${BASE}/notification-setup/new-record?userId=MARY`, { method: 'note' });
    expect(ok(put)).toMatchObject({ userId: 'MARY', source: 'user', method: 'note' });
    expect(ok(await mary.get(`${BASE}/notification-setup/new-record`))).toMatchObject({ method: 'note' });
    expectProblem(
      await admin.put(`${BASE}/notification-setup/approval?userId=NOBODY`, { method: 'note' }),
      400,
      'user-unknown',
    );
  });

  it('notes: unread first with a count; mark one read, then all', async () => {
    ok(await sean.put(`${BASE}/notification-setup/approval`, { method: 'note' }));
    for (let i = 1; i <= 2; i++) {
      await purchaseRequests(app, 1);
      await dispatchNotifications(app, minutesAfter(START, i));
    }
    expect(ok(await sean.get(`${BASE}/notes/unread-count`))).toEqual({ unread: 2 });
    const page = ok(await sean.get(`${BASE}/notes`));
    expect(page).toMatchObject({ total: 2, unread: 2, limit: 50, offset: 0 });
    expect(page.items[0].subject).toMatch(/^Purchase order PO-\d+ requires your approval$/);
    const read = ok(await sean.post(`${BASE}/notes/${page.items[0].id}/read`));
    expect(read.readAt).toBe(START.toISOString());
    expect(ok(await sean.get(`${BASE}/notes`, { unread: 'true' })).items.map((n: { id: number }) => n.id)).toEqual([
      page.items[1].id,
    ]);
    expectProblem(await mary.post(`${BASE}/notes/${page.items[1].id}/read`), 404, 'note-not-found');
    expect(ok(await sean.post(`${BASE}/notes/read-all`))).toEqual({ marked: 1 });
    expect(ok(await sean.get(`${BASE}/notes/unread-count`))).toEqual({ unread: 0 });
  });

  it('sent notifications: mine; approval admins see everyone’s', async () => {
    ok(await sean.put(`${BASE}/notification-setup/approval`, { method: 'note' }));
    await purchaseRequests(app, 1);
    await dispatchNotifications(app, minutesAfter(START, 1));
    expect(ok(await sean.get(`${BASE}/sent-notifications`))).toMatchObject({ total: 1 });
    expect(ok(await mary.get(`${BASE}/sent-notifications`))).toMatchObject({ total: 0 });
    expectProblem(await mary.get(`${BASE}/sent-notifications`, { all: 'true' }), 403, 'role-required');
    expectProblem(await mary.get(`${BASE}/sent-notifications`, { recipientId: 'SEAN' }), 403, 'role-required');
    const all = ok(await admin.get(`${BASE}/sent-notifications`, { all: 'true' }));
    expect(all.items.map((s: { recipientId: string; method: string }) => [s.recipientId, s.method])).toEqual([
      ['SEAN', 'note'],
    ]);
    expect(all.items[0].entries[0]).toMatchObject({ table: 'purchase-header' });
  });

  it('message templates: built-ins listed, override saved, invalid liquid refused, delete restores', async () => {
    expectProblem(await sean.get(`${BASE}/message-templates`), 403, 'role-required');
    const list = ok(await admin.get(`${BASE}/message-templates`));
    expect(list.map((t: { type: string; language: string }) => `${t.type}/${t.language}`)).toEqual([
      'approval/en',
      'approval/nl',
      'new-record/en',
      'new-record/nl',
      'overdue/en',
      'overdue/nl',
    ]);
    const template = {
      subject: 'New: {{ notifications[0].title }}',
      bodyText: '{{ count }}',
      bodyHtml: '<p>{{ count }}</p>',
    };
    const saved = ok(await admin.put(`${BASE}/message-templates/new-record/de`, template));
    expect(saved).toEqual({ type: 'new-record', language: 'de', ...template, source: 'company' });
    expect(ok(await admin.get(`${BASE}/message-templates/new-record/de`))).toMatchObject({ source: 'company' });
    const broken = { ...template, bodyText: '{% if count %}never closed' };
    expect(
      expectProblem(await admin.put(`${BASE}/message-templates/new-record/de`, broken), 400, 'template-invalid').field,
    ).toBe('bodyText');
    const filter = { ...template, subject: '{{ count | exec: "rm -rf" }}' };
    expectProblem(await admin.put(`${BASE}/message-templates/new-record/de`, filter), 400, 'template-invalid');
    const include = { ...template, bodyHtml: '{% include "/etc/passwd" %}' };
    expectProblem(await admin.put(`${BASE}/message-templates/new-record/de`, include), 400, 'template-invalid');
    expectProblem(await sean.put(`${BASE}/message-templates/new-record/de`, template), 403, 'role-required');
    const restored = ok(await admin.delete(`${BASE}/message-templates/new-record/de`));
    expect(restored).toMatchObject({ language: 'en', source: 'built-in' });
    expectProblem(await admin.delete(`${BASE}/message-templates/new-record/de`), 404, 'message-template-not-found');
  });

  it('the API description lists the notification routes with tags and summaries', async () => {
    const spec = JSON.parse((await server.inject({ method: 'GET', url: '/api/v1/openapi.json' })).body);
    const paths = Object.keys(spec.paths).filter((p) => /notification|notes|message-templates/.test(p));
    expect(paths.length).toBeGreaterThanOrEqual(9);
    for (const path of paths) {
      for (const operation of Object.values(spec.paths[path]) as { tags: string[]; summary: string }[]) {
        expect(operation.tags).toEqual(['notifications']);
        expect(operation.summary.length).toBeGreaterThan(10);
      }
    }
  });
});
