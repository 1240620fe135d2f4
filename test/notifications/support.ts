import type { AddressInfo } from 'node:net';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { openWerkstroom, type Werkstroom } from '../../src/app/werkstroom.ts';
import { addComment } from '../../src/approvals/comments.ts';
import { sendApprovalRequest } from '../../src/approvals/user-actions.ts';
import { businessModules } from '../../src/business-modules.ts';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import { DEMO_COMPANY } from '../../src/demo/demo-data.ts';
import { seedDemoCompany } from '../../src/demo/seed.ts';
import { addLine, createDocument, documentKey } from '../../src/records/index.ts';

export const COMPANY = DEMO_COMPANY.code;
/** Monday 2 March 2026, 10:00 in Europe/Amsterdam (the demo company's zone). */
export const START = new Date('2026-03-02T09:00:00Z');

export interface ReceivedMail {
  readonly mail: ParsedMail;
  /** The SMTP envelope: who the message was really delivered to. */
  readonly rcptTo: readonly string[];
  readonly mailFrom: string;
}

/** A real SMTP server on 127.0.0.1 (random port); `refuse` makes it turn recipients away with 451. */
export interface TestSmtp {
  readonly url: string;
  readonly received: ReceivedMail[];
  refuse: boolean;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const state = { refuse: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (!state.refuse) return callback();
      const error = Object.assign(new Error('Mailbox temporarily unavailable, try again later'), { responseCode: 451 });
      return callback(error);
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({
            mail,
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    get refuse() {
      return state.refuse;
    },
    set refuse(value: boolean) {
      state.refuse = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? ''));
}

/** The seeded demo company on a test database; the clock is the test's to move. */
export interface DemoApp {
  readonly app: Werkstroom;
  now: Date;
}

export async function demoApp(handle: DatabaseHandle): Promise<DemoApp> {
  const state = { now: START } as { now: Date; app?: Werkstroom };
  const app = await openWerkstroom({ database: handle, modules: businessModules, clock: () => state.now });
  await seedDemoCompany(app);
  return Object.assign(state, { app }) as DemoApp;
}

/** Empties the notification tables (the database is shared by a suite's tests). */
export async function clearNotifications(app: Werkstroom): Promise<void> {
  const db = app.database.db;
  await db.deleteFrom('notification_entry').execute();
  await db.deleteFrom('sent_notification').execute();
  await db.deleteFrom('notification_setup').execute();
  await db.deleteFrom('message_template').execute();
  await db.deleteFrom('overdue_approval_entry').execute();
}

/**
 * Alicia sends `count` purchase orders for approval; Sean, her approver, gets one approval
 * notification entry for each. Returns the document numbers.
 */
export async function purchaseRequests(app: Werkstroom, count: number, comment?: string): Promise<string[]> {
  const numbers: string[] = [];
  for (let i = 1; i <= count; i++) {
    await app.run({ company: COMPANY, userId: 'ALICIA' }, async (ctx) => {
      const order = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V10000' });
      await addLine(ctx, order, { type: 'item', no: '1000', quantity: String(i) });
      if (comment) await addComment(ctx, 'purchase-header', documentKey(order), comment);
      await sendApprovalRequest(ctx, 'purchase-header', documentKey(order));
      numbers.push(order.no);
    });
  }
  return numbers;
}

export async function queued(app: Werkstroom, recipientId?: string) {
  let query = app.database.db.selectFrom('notification_entry').selectAll();
  if (recipientId) query = query.where('recipient_id', '=', recipientId);
  return query.orderBy('id').execute();
}

export async function sent(app: Werkstroom) {
  return app.database.db.selectFrom('sent_notification').selectAll().orderBy('id').execute();
}

export function minutesAfter(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}
