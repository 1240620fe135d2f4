import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { EngineContext } from '../../src/engine/context.ts';
import type { JobContext, RunningJob } from '../../src/jobs/types.ts';
import { dispatchNotifications } from '../../src/notifications/dispatch.ts';
import { listNotes, markAllNotesRead, markNoteRead, unreadNoteCount } from '../../src/notifications/inbox.ts';
import {
  configureNotifications,
  NOTIFICATION_DISPATCH_JOB,
  notificationJobHandlers,
} from '../../src/notifications/jobs.ts';
import { saveNotificationSetup } from '../../src/notifications/setup.ts';
import { describeEachDialect } from '../support/dialects.ts';
import {
  COMPANY,
  clearNotifications,
  type DemoApp,
  demoApp,
  minutesAfter,
  purchaseRequests,
  queued,
  START,
  sent,
  startSmtp,
  type TestSmtp,
} from './support.ts';

describeEachDialect('notes inbox, schedules and the dispatch job', (db) => {
  let demo: DemoApp;
  let smtp: TestSmtp;
  const asSean = <T>(work: (ctx: EngineContext) => Promise<T>) =>
    demo.app.run({ company: COMPANY, userId: 'SEAN' }, work);

  beforeAll(async () => {
    demo = await demoApp(db());
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp.close();
  });
  beforeEach(async () => {
    await clearNotifications(demo.app);
    smtp.received.length = 0;
  });

  it('the note method puts one message in the recipient’s inbox, unread until marked read', async () => {
    await asSean((ctx) => saveNotificationSetup(ctx, 'SEAN', 'approval', { method: 'note' }));
    const numbers = await purchaseRequests(demo.app, 3);

    const result = await dispatchNotifications(demo.app, minutesAfter(START, 1), { smtpUrl: smtp.url });

    expect(result).toMatchObject({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(0);
    expect(await queued(demo.app)).toHaveLength(0);
    const page = await asSean((ctx) => listNotes(ctx, 'SEAN', { limit: 10, offset: 0 }));
    expect(page).toMatchObject({ total: 1, unread: 1 });
    const [note] = page.items;
    expect(note).toMatchObject({ method: 'note', recipientId: 'SEAN', type: 'approval', readAt: null });
    expect(note?.subject).toBe('3 notifications from Werkstroom Demo Ltd.');
    for (const no of numbers) expect(note?.bodyText).toContain(`Purchase order ${no} requires your approval.`);
    expect(note?.entries).toHaveLength(3);

    const read = await asSean((ctx) => markNoteRead({ ...ctx, now: minutesAfter(START, 5) }, 'SEAN', note?.id ?? 0));
    expect(read.readAt).toBe(minutesAfter(START, 5).toISOString());
    expect(await asSean((ctx) => unreadNoteCount(ctx, 'SEAN'))).toBe(0);
  });

  it('lists unread notes first and marks all read at once', async () => {
    await asSean((ctx) => saveNotificationSetup(ctx, 'SEAN', 'approval', { method: 'note' }));
    for (let i = 1; i <= 3; i++) {
      await purchaseRequests(demo.app, 1);
      await dispatchNotifications(demo.app, minutesAfter(START, i));
    }
    const before = await asSean((ctx) => listNotes(ctx, 'SEAN', { limit: 10, offset: 0 }));
    const oldest = before.items.at(-1);
    await asSean((ctx) => markNoteRead(ctx, 'SEAN', before.items[0]?.id ?? 0));
    const after = await asSean((ctx) => listNotes(ctx, 'SEAN', { limit: 10, offset: 0 }));
    expect(after.unread).toBe(2);
    expect(after.items.map((n) => n.readAt === null)).toEqual([true, true, false]);
    expect(after.items[0]?.id).toBe(before.items[1]?.id);
    expect(after.items[1]?.id).toBe(oldest?.id);
    expect(await asSean((ctx) => markAllNotesRead(ctx, 'SEAN'))).toBe(2);
    expect(await asSean((ctx) => unreadNoteCount(ctx, 'SEAN'))).toBe(0);
  });

  it('a daily schedule holds notifications until its time, then sends them as one email', async () => {
    // Monday 10:00 in Amsterdam; daily at 12:00 → 11:00 UTC.
    await asSean((ctx) =>
      saveNotificationSetup(ctx, 'SEAN', 'approval', { method: 'email', schedule: { recurrence: 'daily' } }),
    );
    await purchaseRequests(demo.app, 2);

    const early = await dispatchNotifications(demo.app, minutesAfter(START, 1), { smtpUrl: smtp.url });
    expect(early).toMatchObject({ sent: 0, deferred: 2, nextDueAt: '2026-03-02T11:00:00.000Z' });
    expect((await queued(demo.app)).map((e) => e.available_at)).toEqual([
      '2026-03-02T11:00:00.000Z',
      '2026-03-02T11:00:00.000Z',
    ]);
    expect(smtp.received).toHaveLength(0);

    const onTime = await dispatchNotifications(demo.app, new Date('2026-03-02T11:00:00Z'), { smtpUrl: smtp.url });
    expect(onTime.sent).toBe(1);
    expect(smtp.received[0]?.mail.subject).toBe('2 notifications from Werkstroom Demo Ltd.');
  });

  it('the company default schedule applies to users without their own, and a change re-times queued entries', async () => {
    await demo.app.run({ company: COMPANY, userId: 'ADMIN' }, (ctx) =>
      saveNotificationSetup(ctx, '', 'approval', {
        method: 'email',
        schedule: { recurrence: 'weekly', days: ['fri'], time: '16:00' },
      }),
    );
    await purchaseRequests(demo.app, 1);
    await dispatchNotifications(demo.app, minutesAfter(START, 1), { smtpUrl: smtp.url });
    expect((await queued(demo.app))[0]?.available_at).toBe('2026-03-06T15:00:00.000Z');

    // Sean wants them instantly after all: the queued entry is timed again and goes out.
    await asSean((ctx) => saveNotificationSetup(ctx, 'SEAN', 'approval', { method: 'email' }));
    const result = await dispatchNotifications(demo.app, minutesAfter(START, 2), { smtpUrl: smtp.url });
    expect(result.sent).toBe(1);
  });

  it('the notifications.dispatch job handler delivers with the settings configured for the app', async () => {
    configureNotifications(demo.app, { smtpUrl: smtp.url, from: 'jobs@demo.werkstroom.test' });
    await purchaseRequests(demo.app, 1);
    const company = await demo.app.company(COMPANY);
    const job: RunningJob = {
      id: 1,
      kind: NOTIFICATION_DISPATCH_JOB,
      payload: {},
      companyId: company.id,
      attempt: 1,
      maxAttempts: 5,
    };
    const ctx: JobContext = {
      app: demo.app,
      db: demo.app.database.db,
      now: minutesAfter(START, 1),
      workerId: 'test',
      signal: new AbortController().signal,
    };
    const handler = notificationJobHandlers[NOTIFICATION_DISPATCH_JOB];
    await handler?.(job, ctx);
    expect(smtp.received.map((r) => r.mailFrom)).toEqual(['jobs@demo.werkstroom.test']);
    expect((await sent(demo.app)).map((s) => s.method)).toEqual(['email']);

    // Run again (at-least-once): nothing is sent twice.
    await handler?.({ ...job, attempt: 2 }, ctx);
    expect(smtp.received).toHaveLength(1);
  });
});
