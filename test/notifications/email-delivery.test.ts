import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { dispatchNotifications } from '../../src/notifications/dispatch.ts';
import { saveMessageTemplate } from '../../src/notifications/templates.ts';
import { describeEachDialect } from '../support/dialects.ts';
import {
  addresses,
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

const FROM = 'Werkstroom Demo <noreply@demo.werkstroom.test>';
const BASE = 'https://werkstroom.example.test';

describeEachDialect('notification emails over SMTP', (db) => {
  let demo: DemoApp;
  let smtp: TestSmtp;
  const options = () => ({ smtpUrl: smtp.url, from: FROM, baseUrl: `${BASE}/` });

  beforeAll(async () => {
    demo = await demoApp(db());
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp.close();
  });
  beforeEach(async () => {
    await clearNotifications(demo.app);
    await demo.app.database.db.updateTable('app_user').set({ language: 'en' }).execute();
    smtp.received.length = 0;
    smtp.refuse = false;
  });

  it('three approval requests for one approver arrive as ONE email listing all three', async () => {
    const numbers = await purchaseRequests(demo.app, 3, 'Needed for the new office');
    expect(await queued(demo.app, 'SEAN')).toHaveLength(3);

    const result = await dispatchNotifications(demo.app, minutesAfter(START, 1), options());

    expect(result).toMatchObject({ sent: 1, failed: 0, errors: [] });
    expect(smtp.received).toHaveLength(1);
    const [{ mail, rcptTo, mailFrom }] = smtp.received as [(typeof smtp.received)[number]];
    expect(rcptTo).toEqual(['sean@demo.werkstroom.test']);
    expect(addresses(mail.to)).toEqual(['sean@demo.werkstroom.test']);
    expect(mailFrom).toBe('noreply@demo.werkstroom.test');
    expect(mail.subject).toBe('3 notifications from Werkstroom Demo Ltd.');
    const text = mail.text ?? '';
    const html = String(mail.html);
    expect(text).toContain('Hello Sean Chai,');
    for (const [i, no] of numbers.entries()) {
      const link = `${BASE}/companies/${COMPANY}/purchase-documents/order/${no}`;
      expect(text).toContain(`- Purchase order ${no} requires your approval.`);
      expect(text).toContain(`Open: ${link}`);
      expect(html).toContain(`<a href="${link}">Purchase order ${no}</a> requires your approval.`);
      // 149.00 per chair, i chairs.
      expect(text).toContain(`Amount: ${(149 * (i + 1)).toFixed(2)} EUR`);
    }
    expect(text).toContain('Vendor: V10000 Fabrikam Office Supplies');
    expect(text).toContain('Due date: March 2, 2026');
    expect(text).toContain('Created by Alicia Thomber on March 2, 2026 at 10:00');
    expect(text).toContain('Comment by Alicia Thomber');
    expect(text).toContain('Needed for the new office');
    const settings = `${BASE}/companies/${COMPANY}/notification-setup`;
    expect(text).toContain(`Change your notification settings: ${settings}`);
    expect(html).toContain(`<a href="${settings}">Change your notification settings</a>`);
    expect(mail.headers.get('x-werkstroom-notification-type')).toBe('approval');

    expect(await queued(demo.app)).toHaveLength(0);
    const [row] = await sent(demo.app);
    expect(row).toMatchObject({ method: 'email', recipient_id: 'SEAN', type: 'approval', subject: mail.subject });
    const entries = JSON.parse(row?.entries ?? '[]');
    expect(entries).toHaveLength(3);
    expect(entries[1].aggregatedWith).toBe(entries[0].id);
    expect(row?.body_text).toBe(text);
  });

  it('a single notification names the record and what happened in the subject', async () => {
    const [no] = await purchaseRequests(demo.app, 1);
    await dispatchNotifications(demo.app, minutesAfter(START, 1), options());
    expect(smtp.received[0]?.mail.subject).toBe(`Purchase order ${no} requires your approval`);
  });

  it('a recipient whose language is Dutch gets subject and both bodies in Dutch', async () => {
    await demo.app.database.db.updateTable('app_user').set({ language: 'nl' }).where('id', '=', 'SEAN').execute();
    const [first, second] = await purchaseRequests(demo.app, 2);

    await dispatchNotifications(demo.app, minutesAfter(START, 1), options());

    const { mail } = smtp.received[0] ?? { mail: undefined };
    expect(mail?.subject).toBe('2 meldingen van Werkstroom Demo Ltd.');
    const text = mail?.text ?? '';
    expect(text).toContain('Hallo Sean Chai,');
    expect(text).toContain(`- Inkooporder ${first} vereist uw goedkeuring.`);
    expect(text).toContain(`- Inkooporder ${second} vereist uw goedkeuring.`);
    expect(text).toContain('Leverancier: V10000 Fabrikam Office Supplies');
    expect(text).toContain('Bedrag: 298,00 EUR');
    expect(text).toContain('Vervaldatum: 2 maart 2026');
    expect(text).toContain(`Uw meldingsinstellingen wijzigen: ${BASE}/companies/${COMPANY}/notification-setup`);
    const html = String(mail?.html);
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain(`Inkooporder ${first}</a> vereist uw goedkeuring.`);
  });

  it('a company template overrides the built-in one for its type and language only', async () => {
    await demo.app.run({ company: COMPANY, userId: 'ADMIN' }, (ctx) =>
      saveMessageTemplate(ctx, 'approval', 'en', {
        subject: '[{{ company.code }}] {{ count }} to approve',
        bodyText:
          '{% for n in notifications %}{{ n.title }} ({{ n.amount }} {{ n.currency }}) {{ n.link }}\n{% endfor %}',
        bodyHtml: '<ul>{% for n in notifications %}<li>{{ n.title }} – {{ recipient.name }}</li>{% endfor %}</ul>',
      }),
    );
    const [first, second] = await purchaseRequests(demo.app, 2);

    await dispatchNotifications(demo.app, minutesAfter(START, 1), options());

    const { mail } = smtp.received[0] ?? { mail: undefined };
    expect(mail?.subject).toBe(`[${COMPANY}] 2 to approve`);
    expect(mail?.text).toBe(
      `Purchase order ${first} (149.00 EUR) ${BASE}/companies/${COMPANY}/purchase-documents/order/${first}\n` +
        `Purchase order ${second} (298.00 EUR) ${BASE}/companies/${COMPANY}/purchase-documents/order/${second}\n`,
    );
    expect(String(mail?.html)).toContain(`<li>Purchase order ${first} – Sean Chai</li>`);

    // A Dutch-speaking approver still gets the built-in Dutch template.
    await demo.app.database.db.updateTable('app_user').set({ language: 'nl' }).where('id', '=', 'SEAN').execute();
    await purchaseRequests(demo.app, 1);
    await dispatchNotifications(demo.app, minutesAfter(START, 2), options());
    expect(smtp.received[1]?.mail.subject).toMatch(/^Inkooporder PO-\d+ vereist uw goedkeuring$/);
  });

  it('one-click approve and reject links go in the email but not in the stored copy', async () => {
    await purchaseRequests(demo.app, 1);
    await dispatchNotifications(demo.app, minutesAfter(START, 1), {
      ...options(),
      linkSecret: 'a-test-secret-of-at-least-thirty-two-characters',
    });
    const text = smtp.received[0]?.mail.text ?? '';
    expect(text).toMatch(new RegExp(`Approve: ${BASE}/api/v1/email-links/[\\w.-]+`));
    expect(text).toMatch(new RegExp(`Reject: ${BASE}/api/v1/email-links/[\\w.-]+`));
    const [row] = await sent(demo.app);
    expect(row?.body_text).not.toContain('email-links');
    expect(row?.body_html).not.toContain('email-links');
    expect(row?.body_text).toContain('requires your approval');
  });

  it('an overdue notification lists every overdue approval entry of its run', async () => {
    const numbers = await purchaseRequests(demo.app, 2);
    const db = demo.app.database.db;
    await db.deleteFrom('notification_entry').execute();
    const approvals = await db
      .selectFrom('approval_entry')
      .select(['id', 'company_id', 'due_date'])
      .where('approver_id', '=', 'SEAN')
      .where('status', '=', 'Open')
      .where('document_no', 'in', numbers)
      .orderBy('id')
      .execute();
    const createdAt = minutesAfter(START, 60 * 24 * 3).toISOString();
    await db
      .insertInto('overdue_approval_entry')
      .values(
        approvals.map((a) => ({
          company_id: a.company_id,
          entry_id: a.id,
          sent_to: 'SEAN',
          due_date: a.due_date,
          run_date: '2026-03-05',
          created_at: createdAt,
        })),
      )
      .execute();
    const first = approvals[0];
    await db
      .insertInto('notification_entry')
      .values({
        company_id: first?.company_id ?? 0,
        type: 'overdue',
        recipient_id: 'SEAN',
        sender_id: 'JOB',
        table_name: 'purchase-header',
        record_key: `["order","${numbers[0]}"]`,
        approval_entry_id: first?.id ?? 0,
        custom_link: '',
        created_at: createdAt,
        available_at: null,
        next_attempt_at: null,
      })
      .execute();

    await dispatchNotifications(demo.app, new Date(createdAt), options());

    const text = smtp.received[0]?.mail.text ?? '';
    expect(smtp.received[0]?.mail.subject).toBe('2 notifications from Werkstroom Demo Ltd.');
    for (const no of numbers) expect(text).toContain(`- Purchase order ${no} has a pending approval.`);
    expect(text).toContain('Due date: March 2, 2026');
  });
});
