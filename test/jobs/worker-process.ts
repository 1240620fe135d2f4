/**
 * A worker in a process of its own, for the multi-process tests:
 * `node --import tsx test/jobs/worker-process.ts <database-url>` with WORKER_ID, CONCURRENCY,
 * POLL_MS and LEASE_MS in the environment. Prints `ready <worker id>` once it runs; stops cleanly
 * on SIGTERM. Its handlers record every run in `test_job_run` and every start in `test_job_start`
 * (tables the test creates).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { openWerkstroom } from '../../src/app/werkstroom.ts';
import { openDatabase } from '../../src/db/connect.ts';
import type { JobHandler } from '../../src/jobs/types.ts';
import { createWorker } from '../../src/jobs/worker.ts';

const url = process.argv[2];
if (!url) throw new Error('usage: worker-process.ts <database-url>');
const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

const database = await openDatabase(url, { migrate: false, poolSize: 4 });
const app = await openWerkstroom({ database });

const record: JobHandler = async (job, ctx) => {
  await sql`insert into test_job_run (job_id, worker_id) values (${job.id}, ${ctx.workerId})`.execute(ctx.db);
};
const slow: JobHandler = async (job, ctx) => {
  await sql`insert into test_job_start (job_id, worker_id, attempt) values (${job.id}, ${ctx.workerId}, ${job.attempt})`.execute(
    ctx.db,
  );
  if (job.attempt === 1) await sleep(Number(job.payload.firstAttemptMs ?? 0), undefined, { signal: ctx.signal });
  await record(job, ctx);
};

const worker = createWorker({
  app,
  handlers: { 'test.record': record, 'test.slow': slow },
  concurrency: setting('CONCURRENCY', 4),
  pollMs: setting('POLL_MS', 1000),
  leaseMs: setting('LEASE_MS', 60_000),
  ...(process.env.WORKER_ID ? { workerId: process.env.WORKER_ID } : {}),
  onError: (error) => process.stderr.write(`worker error: ${String(error)}\n`),
});
await worker.start();
process.stdout.write(`ready ${worker.workerId}\n`);

const stop = async () => {
  await worker.stop();
  await database.close();
  process.stdout.write('stopped\n');
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
