import { beforeEach } from 'vitest';
import { openWerkstroom, type Werkstroom } from '../../src/app/werkstroom.ts';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import { getJob, type JobSummary } from '../../src/jobs/queries.ts';
import type { JobHandler } from '../../src/jobs/types.ts';
import { createWorker, type JobWorker, type WorkerOptions } from '../../src/jobs/worker.ts';

export const T0 = new Date('2026-03-02T09:00:00.000Z');

/** A clock the test moves by hand. */
export class TestClock {
  now: Date;
  constructor(start: Date = T0) {
    this.now = new Date(start);
  }
  readonly read = (): Date => new Date(this.now);
  advance(ms: number): Date {
    this.now = new Date(this.now.getTime() + ms);
    return this.now;
  }
  set(at: Date | string): Date {
    this.now = new Date(at);
    return this.now;
  }
}

/** Empties the job tables before each test of a suite sharing one database. */
export function cleanJobsBeforeEach(db: () => DatabaseHandle): void {
  beforeEach(async () => {
    await db().db.deleteFrom('job').execute();
    await db().db.deleteFrom('recurring_job').execute();
  });
}

export async function appOn(db: DatabaseHandle, clock: TestClock): Promise<Werkstroom> {
  return openWerkstroom({ database: db, clock: clock.read });
}

/** A worker on the test clock without jitter and without printing errors. */
export function testWorker(
  app: Werkstroom,
  handlers: Record<string, JobHandler>,
  options: Partial<WorkerOptions> = {},
): JobWorker {
  return createWorker({ app, handlers, random: () => 0, onError: () => {}, ...options });
}

export async function jobById(db: DatabaseHandle, id: number | undefined): Promise<JobSummary> {
  const job = id === undefined ? undefined : await getJob(db.db, id);
  if (!job) throw new Error(`no job ${id}`);
  return job;
}

/** A promise with its resolve function, for handlers the test releases. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
