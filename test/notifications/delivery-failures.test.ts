import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createNotificationEntry } from '../../src/approvals/notify.ts';
import { dispatchNotifications } from '../../src/notifications/dispatch.ts';
import { retryDelayMs } from '../../src/notifications/queue.ts';
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

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describeEachDialect('notification delivery failures', (db) => {
  let demo: DemoApp;
  let smtp: TestSmtp;

  beforeAll(async () => {
    demo = await demoApp(db());
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp.close();
  });
  beforeEach(async () => {
    await clearNotifications(demo.app);
    const users = demo.app.database.db;
    await users.updateTable('app_user').set({ email: 'sean@demo.werkstroom.test' }).where('id', '=', 'SEAN').execute();
    await users
      .updateTable('approval_user_setup')
      .set({ email: 'sean@demo.werkstroom.test' })
      .where('user_id', '=', 'SEAN')
      .execute();
    smtp.received.length = 0;
    smtp.refuse = false;
  });

  it('without an email address the entries stay queued with the error, and others still get theirs', async () => {
    const db = demo.app.database.db;
    await db.updateTable('app_user').set({ email: '' }).where('id', '=', 'SEAN').execute();
    await db.updateTable('approval_user_setup').set({ email: '' }).where('user_id', '=', 'SEAN').execute();
    await purchaseRequests(demo.app, 2);
    await demo.app.run({ company: COMPANY, userId: 'ADMIN' }, (ctx) =>
      createNotificationEntry(ctx, { type: 'new-record', recipientId: 'MARY', table: 'vendor', key: 'V20000' }),
    );
    const now = minutesAfter(START, 1);

    const result = await dispatchNotifications(demo.app, now, { smtpUrl: smtp.url });

    expect(result).toMatchObject({ sent: 1, failed: 1, errors: [] });
    expect(smtp.received.map((r) => r.rcptTo)).toEqual([['mary@demo.werkstroom.test']]);
    expect(smtp.received[0]?.mail.subject).toBe('Vendor V20000 has been created');
    const kept = await queued(demo.app);
    expect(kept).toHaveLength(2);
    for (const entry of kept) {
      expect(entry.error).toBe('Cannot send the email: SEAN has no email address (approval user setup or user).');
      expect(entry.attempts).toBe(1);
      expect(entry.next_attempt_at).toBe(new Date(now.getTime() + retryDelayMs(1)).toISOString());
    }
    expect((await sent(demo.app)).map((s) => s.recipient_id)).toEqual(['MARY']);
    expect(result.nextDueAt).toBe(new Date(now.getTime() + retryDelayMs(1)).toISOString());
  });

  it('an SMTP server that refuses keeps the entries queued; a later run delivers them once it accepts', async () => {
    await purchaseRequests(demo.app, 2);
    smtp.refuse = true;
    const first = minutesAfter(START, 1);

    const refused = await dispatchNotifications(demo.app, first, { smtpUrl: smtp.url });

    expect(refused).toMatchObject({ sent: 0, failed: 1 });
    let kept = await queued(demo.app);
    expect(kept).toHaveLength(2);
    expect(kept[0]?.error).toMatch(/^Cannot send the email: .*451/);
    expect(kept.map((e) => e.attempts)).toEqual([1, 1]);

    // Before the retry time nothing is tried, even though the server accepts again.
    smtp.refuse = false;
    const early = await dispatchNotifications(demo.app, new Date(first.getTime() + retryDelayMs(1) - 1000), {
      smtpUrl: smtp.url,
    });
    expect(early.sent).toBe(0);
    expect(smtp.received).toHaveLength(0);

    // A second refusal doubles the wait.
    smtp.refuse = true;
    const second = new Date(first.getTime() + retryDelayMs(1));
    await dispatchNotifications(demo.app, second, { smtpUrl: smtp.url });
    kept = await queued(demo.app);
    expect(kept.map((e) => e.attempts)).toEqual([2, 2]);
    expect(kept[0]?.next_attempt_at).toBe(new Date(second.getTime() + retryDelayMs(2)).toISOString());

    smtp.refuse = false;
    const delivered = await dispatchNotifications(demo.app, new Date(second.getTime() + retryDelayMs(2)), {
      smtpUrl: smtp.url,
    });
    expect(delivered).toMatchObject({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.mail.subject).toBe('2 notifications from Werkstroom Demo Ltd.');
    expect(await queued(demo.app)).toHaveLength(0);
  });

  it('an SMTP server that cannot be reached keeps the entries queued with the connection error', async () => {
    await purchaseRequests(demo.app, 1);
    const result = await dispatchNotifications(demo.app, minutesAfter(START, 1), {
      smtpUrl: `smtp://127.0.0.1:${await closedPort()}`,
    });
    expect(result).toMatchObject({ sent: 0, failed: 1 });
    const [entry] = await queued(demo.app);
    expect(entry?.error).toMatch(/^Cannot send the email: .*ECONNREFUSED/);
  });

  it('without an SMTP server configured, emails wait with a clear error', async () => {
    await purchaseRequests(demo.app, 1);
    await dispatchNotifications(demo.app, minutesAfter(START, 1));
    const [entry] = await queued(demo.app);
    expect(entry?.error).toBe('Cannot send the email: no SMTP server is configured.');
  });

  it('a retried entry goes out together with newer entries for the same recipient', async () => {
    await purchaseRequests(demo.app, 1);
    smtp.refuse = true;
    await dispatchNotifications(demo.app, minutesAfter(START, 1), { smtpUrl: smtp.url });
    smtp.refuse = false;
    await purchaseRequests(demo.app, 1);
    await dispatchNotifications(demo.app, minutesAfter(START, 5), { smtpUrl: smtp.url });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.mail.subject).toBe('2 notifications from Werkstroom Demo Ltd.');
  });

  it('entries whose approval entry no longer exists are dropped, not sent', async () => {
    await purchaseRequests(demo.app, 1);
    const [entry] = await queued(demo.app);
    await demo.app.database.db
      .deleteFrom('approval_entry_event')
      .where('entry_id', '=', entry?.approval_entry_id ?? 0)
      .execute();
    await demo.app.database.db
      .deleteFrom('approval_entry')
      .where('id', '=', entry?.approval_entry_id ?? 0)
      .execute();
    const result = await dispatchNotifications(demo.app, minutesAfter(START, 1), { smtpUrl: smtp.url });
    expect(result).toMatchObject({ sent: 0, outdated: 1 });
    expect(smtp.received).toHaveLength(0);
    expect(await queued(demo.app)).toHaveLength(0);
  });

  it('a record that no longer exists is reported as needing no action, without a link', async () => {
    await demo.app.run({ company: COMPANY, userId: 'ADMIN' }, (ctx) =>
      createNotificationEntry(ctx, { type: 'new-record', recipientId: 'SEAN', table: 'customer', key: 'C99999' }),
    );
    await dispatchNotifications(demo.app, minutesAfter(START, 1), { smtpUrl: smtp.url });
    const text = smtp.received[0]?.mail.text ?? '';
    expect(text).toContain('- Customer C99999 no longer exists; no action is required.');
    expect(text).not.toContain('/customers/C99999');
  });
});
