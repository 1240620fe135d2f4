import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import { enqueueJob } from '../../src/jobs/enqueue.ts';
import { createTestDatabase } from '../support/dialects.ts';
import { appOn, deferred, jobById, TestClock, testWorker, waitFor } from './job-harness.ts';

const SCRIPT = fileURLToPath(new URL('./worker-process.ts', import.meta.url));
const postgres = inject('postgres');

interface WorkerProcess {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  readonly exited: Promise<number | null>;
  output(): string;
}

function spawnWorker(url: string, env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, url], {
    env: { ...process.env, ...env },
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
  return {
    child,
    exited,
    output: () => output,
    ready: ready.promise.then(() => {
      if (!output.includes('ready ')) throw new Error(`worker process ended before it was ready:\n${output}`);
    }),
  };
}

const title = 'postgres: workers in separate processes';
describe.skipIf(!postgres.available)(postgres.available ? title : `${title} (skipped: ${postgres.reason})`, () => {
  let handle: DatabaseHandle;
  const processes: WorkerProcess[] = [];
  const db = () => handle.db;
  const count = async (query: RawBuilder<unknown>) =>
    Number(((await query.execute(db())).rows[0] as { n: number } | undefined)?.n);

  beforeAll(async () => {
    handle = await createTestDatabase('postgres');
    await sql`create table test_job_run (job_id integer not null, worker_id text not null)`.execute(db());
    await sql`create table test_job_start (job_id integer not null, worker_id text not null, attempt integer not null)`.execute(
      db(),
    );
  });
  beforeEach(async () => {
    await sql`truncate job, test_job_run, test_job_start`.execute(db());
  });
  afterEach(async () => {
    for (const worker of processes.splice(0)) {
      if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
      await worker.exited;
    }
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('two worker processes drain 1,000 jobs and every job runs exactly once', async () => {
    const env = { CONCURRENCY: '4', POLL_MS: '1000', LEASE_MS: '30000' };
    const a = spawnWorker(handle.url, { ...env, WORKER_ID: 'process-a' });
    const b = spawnWorker(handle.url, { ...env, WORKER_ID: 'process-b' });
    processes.push(a, b);
    await Promise.all([a.ready, b.ready]);

    const now = new Date();
    await db()
      .transaction()
      .execute(async (tx) => {
        for (let i = 0; i < 1000; i++)
          await enqueueJob(tx, { kind: 'test.record', payload: { i } }, now, handle.capabilities);
      });
    const started = Date.now();
    await waitFor(async () => (await count(sql`select count(*) as n from job where status = 'done'`)) === 1000, 90_000);
    const drainMs = Date.now() - started;

    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);

    expect(await count(sql`select count(*) as n from test_job_run`)).toBe(1000);
    expect(await count(sql`select count(distinct job_id) as n from test_job_run`)).toBe(1000);
    expect(
      await count(
        sql`select count(*) as n from (select job_id from test_job_run group by job_id having count(*) > 1) d`,
      ),
    ).toBe(0);
    expect(await count(sql`select count(*) as n from job where attempts <> 1`)).toBe(0);
    const perWorker = await sql<{
      worker_id: string;
      n: number;
    }>`select worker_id, count(*) as n from test_job_run group by worker_id order by worker_id`.execute(db());
    expect(perWorker.rows.map((r) => r.worker_id)).toEqual(['process-a', 'process-b']);
    console.info(
      `1,000 jobs drained by two processes in ${drainMs} ms (${perWorker.rows.map((r) => `${r.worker_id}: ${r.n}`).join(', ')})`,
    );
  }, 120_000);

  it('loses nothing when a worker process is killed mid-job: after its lease another process finishes the job', async () => {
    const env = { CONCURRENCY: '2', POLL_MS: '100', LEASE_MS: '1000' };
    const a = spawnWorker(handle.url, { ...env, WORKER_ID: 'doomed' });
    processes.push(a);
    await a.ready;
    const id = await enqueueJob(
      db(),
      { kind: 'test.slow', payload: { firstAttemptMs: 60_000 } },
      new Date(),
      handle.capabilities,
    );
    await waitFor(async () => (await count(sql`select count(*) as n from test_job_start where job_id = ${id}`)) === 1);

    const b = spawnWorker(handle.url, { ...env, WORKER_ID: 'survivor' });
    processes.push(b);
    await b.ready;
    // Longer than the lease: the running worker renews it, so the other leaves the job alone.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await jobById(handle, id)).lockedBy).toBe('doomed');
    expect(await count(sql`select count(*) as n from test_job_start where job_id = ${id}`)).toBe(1);

    a.child.kill('SIGKILL');
    const killed = Date.now();
    await waitFor(async () => (await jobById(handle, id)).status === 'done', 20_000);
    const takeoverMs = Date.now() - killed;

    expect(await jobById(handle, id)).toMatchObject({ status: 'done', attempts: 2, lockedBy: 'survivor' });
    const starts = await sql<{
      worker_id: string;
      attempt: number;
    }>`select worker_id, attempt from test_job_start where job_id = ${id} order by attempt`.execute(db());
    expect(starts.rows).toEqual([
      { worker_id: 'doomed', attempt: 1 },
      { worker_id: 'survivor', attempt: 2 },
    ]);
    const runs = await sql<{ worker_id: string }>`select worker_id from test_job_run where job_id = ${id}`.execute(
      db(),
    );
    expect(runs.rows).toEqual([{ worker_id: 'survivor' }]);
    expect(takeoverMs).toBeLessThan(5000);
    console.info(`killed worker's job taken over and finished ${takeoverMs} ms after SIGKILL (lease 1 s)`);
  }, 60_000);

  it('wakes a listening worker by NOTIFY at commit instead of at its next poll', async () => {
    const app = await appOn(handle, new TestClock(new Date()));
    const done = deferred<number>();
    const worker = testWorker(
      app,
      { 'test.record': async (job) => done.resolve(job.id) },
      { pollMs: 60_000, clock: () => new Date() },
    );
    await worker.start();
    try {
      await new Promise((r) => setTimeout(r, 200)); // the loop has polled once and now sleeps for a minute
      const sent = Date.now();
      const id = await db()
        .transaction()
        .execute((tx) => enqueueJob(tx, { kind: 'test.record' }, new Date(), handle.capabilities));
      expect(await done.promise).toBe(id);
      expect(Date.now() - sent).toBeLessThan(5000);
    } finally {
      await worker.stop();
    }
  });
});
