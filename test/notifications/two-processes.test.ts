import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openWerkstroom, type Werkstroom } from '../../src/app/werkstroom.ts';
import { businessModules } from '../../src/business-modules.ts';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import { seedDemoCompany } from '../../src/demo/seed.ts';
import { enqueueJob } from '../../src/jobs/enqueue.ts';
import { NOTIFICATION_DISPATCH_JOB } from '../../src/notifications/index.ts';
import { createUser } from '../../src/records/users.ts';
import { deferred, waitFor } from '../jobs/job-harness.ts';
import { createTestDatabase } from '../support/dialects.ts';
import { addresses, COMPANY, startSmtp, type TestSmtp } from './support.ts';

const SCRIPT = fileURLToPath(new URL('./dispatch-process.ts', import.meta.url));
const postgres = inject('postgres');

const USERS = 40;
const ENTRIES = 1000;
const JOBS = 8;

interface DispatchProcess {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  readonly exited: Promise<number | null>;
  output(): string;
}

function spawnDispatcher(dbUrl: string, smtpUrl: string, workerId: string): DispatchProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, dbUrl, smtpUrl], {
    env: { ...process.env, WORKER_ID: workerId },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = deferred();
  const collect = (chunk: Buffer) => {
    output += String(chunk);
    if (output.includes('ready ')) ready.resolve();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => ready.resolve());
  const timeout = new Promise<void>((_, reject) =>
    setTimeout(() => reject(new Error(`${workerId} not ready within 30 s:\n${output}`)), 30_000).unref(),
  );
  return {
    child,
    exited,
    output: () => output,
    ready: Promise.race([ready.promise, timeout]).then(() => {
      if (!output.includes('ready ')) throw new Error(`${workerId} ended before it was ready:\n${output}`);
    }),
  };
}

/** Resolves with the exit code, or kills the process when it has not exited within `ms`. */
async function exitWithin(proc: DispatchProcess, ms: number): Promise<number | null> {
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), ms);
  try {
    return await proc.exited;
  } finally {
    clearTimeout(timer);
  }
}

interface StoredEntry {
  readonly id: number;
}

const title = 'postgres: notification dispatch in two processes';
describe.skipIf(!postgres.available)(postgres.available ? title : `${title} (skipped: ${postgres.reason})`, () => {
  let handle: DatabaseHandle;
  let app: Werkstroom;
  let smtp: TestSmtp;
  const processes: DispatchProcess[] = [];

  beforeAll(async () => {
    handle = await createTestDatabase('postgres');
    app = await openWerkstroom({ database: handle, modules: businessModules });
    await seedDemoCompany(app);
    smtp = await startSmtp();
  }, 60_000);
  afterAll(async () => {
    for (const proc of processes.splice(0)) {
      if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
      await proc.exited;
    }
    await smtp?.close();
    await handle?.close();
  });

  it('two worker processes drain 1,000 notification entries and deliver every one exactly once', async () => {
    const db = app.database.db;
    const company = await app.company(COMPANY);
    const queuedAt = new Date(Date.now() - 3_600_000).toISOString();
    const recipients: { id: string; email: string }[] = [];
    for (let i = 1; i <= USERS; i++) {
      const id = `LOAD${String(i).padStart(2, '0')}`;
      const email = `load${i}@example.test`;
      await createUser(db, { id, name: `Load user ${i}`, email });
      recipients.push({ id, email });
    }
    const rows = Array.from({ length: ENTRIES }, (_, i) => ({
      company_id: company.id,
      type: 'approval',
      recipient_id: recipients[i % USERS]?.id ?? '',
      sender_id: 'ADMIN',
      table_name: 'customer',
      record_key: i % 2 === 0 ? 'C10000' : 'C20000',
      approval_entry_id: null,
      custom_link: '',
      created_at: queuedAt,
    }));
    for (let i = 0; i < rows.length; i += 250)
      await db
        .insertInto('notification_entry')
        .values(rows.slice(i, i + 250))
        .execute();
    const entryIds = (await db.selectFrom('notification_entry').select('id').execute()).map((r) => r.id);
    expect(entryIds).toHaveLength(ENTRIES);

    const a = spawnDispatcher(handle.url, smtp.url, 'process-a');
    const b = spawnDispatcher(handle.url, smtp.url, 'process-b');
    processes.push(a, b);
    await Promise.all([a.ready, b.ready]);

    const started = Date.now();
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < JOBS; i++)
        await enqueueJob(tx, { kind: NOTIFICATION_DISPATCH_JOB, payload: {} }, new Date(), handle.capabilities);
    });
    const count = async (query: ReturnType<typeof sql<{ n: number | string }>>) =>
      Number((await query.execute(db)).rows[0]?.n);
    await waitFor(
      async () =>
        (await count(sql`select count(*) as n from notification_entry`)) === 0 &&
        (await count(sql`select count(*) as n from job where status <> 'done'`)) === 0,
      90_000,
    );
    const drainMs = Date.now() - started;

    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await exitWithin(a, 15_000), a.output()).toBe(0);
    expect(await exitWithin(b, 15_000), b.output()).toBe(0);
    expect(a.output() + b.output()).not.toContain('worker error');

    // Every dispatch job succeeded on its first attempt (no recipient was skipped by an error).
    const jobs = await db.selectFrom('job').select(['status', 'attempts', 'last_error']).execute();
    expect(jobs).toHaveLength(JOBS);
    for (const job of jobs) expect(job).toMatchObject({ status: 'done', attempts: 1 });

    // Every entry is in exactly one sent notification.
    const sentRows = await db.selectFrom('sent_notification').selectAll().orderBy('id').execute();
    const sentIds = sentRows.flatMap((row) => {
      const entries = (typeof row.entries === 'string' ? JSON.parse(row.entries) : row.entries) as StoredEntry[];
      return entries.map((e) => e.id);
    });
    expect(sentIds).toHaveLength(ENTRIES);
    expect(new Set(sentIds).size).toBe(ENTRIES);
    expect([...sentIds].sort((x, y) => x - y)).toEqual([...entryIds].sort((x, y) => x - y));
    expect(await count(sql`select count(*) as n from notification_entry`)).toBe(0);
    expect(sentRows.every((row) => row.method === 'email' && row.type === 'approval')).toBe(true);
    expect(new Set(sentRows.map((r) => r.recipient_id)).size).toBe(USERS);

    // One SMTP message per sent notification, to that recipient.
    expect(smtp.received).toHaveLength(sentRows.length);
    const emailOf = new Map(recipients.map((r) => [r.id, r.email]));
    const expectedTo = sentRows.map((r) => emailOf.get(r.recipient_id) ?? '?').sort();
    expect(smtp.received.map((m) => m.rcptTo.join(',')).sort()).toEqual(expectedTo);
    expect(smtp.received.map((m) => addresses(m.mail.to).join(',')).sort()).toEqual(expectedTo);
    const subjects = new Map(sentRows.map((r) => [emailOf.get(r.recipient_id), r.subject]));
    for (const message of smtp.received) expect(message.mail.subject).toBe(subjects.get(message.rcptTo[0]));

    const bySender = new Map<string, number>();
    for (const message of smtp.received) bySender.set(message.mailFrom, (bySender.get(message.mailFrom) ?? 0) + 1);
    console.info(
      `${ENTRIES} notification entries for ${USERS} recipients drained by two processes in ${drainMs} ms: ` +
        `${sentRows.length} emails (${[...bySender].map(([from, n]) => `${from}: ${n}`).join(', ')})`,
    );
  }, 150_000);
});
