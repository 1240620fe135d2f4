import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Werkstroom } from '../app/werkstroom.ts';
import { retryDelayMs } from './backoff.ts';
import { type ClaimedJob, claimJobs, describeError, finishJob, type JobOutcome, renewLease } from './claim.ts';
import { wakesOtherProcesses } from './enqueue.ts';
import { JobListener } from './listener.ts';
import { materializeRecurring, scheduleRecurring } from './recurring.ts';
import { type JobContext, type JobHandler, PermanentJobError, type RecurringJobDefinition } from './types.ts';

export interface WorkerOptions {
  readonly app: Werkstroom;
  /** Handlers by job kind. A job of a kind not here dies at once. */
  readonly handlers: Readonly<Record<string, JobHandler>>;
  /** Jobs run at the same time (default 2). */
  readonly concurrency?: number;
  /** How often to look for due jobs when not woken (default 1000 ms). */
  readonly pollMs?: number;
  /** How long a claim holds without renewal (default 60 000 ms); renewed every third of it. */
  readonly leaseMs?: number;
  /** Default: the app's clock. */
  readonly clock?: () => Date;
  /** Default: host:pid:random. */
  readonly workerId?: string;
  /** Registered at `start()`; due ones are turned into jobs on every loop. */
  readonly recurring?: readonly RecurringJobDefinition[];
  /** In [0, 1): scales the retry jitter; tests pass `() => 0`. */
  readonly random?: () => number;
  /** Where errors of the worker itself go (not job failures, which are kept on the job). Default: console.error. */
  readonly onError?: (error: unknown) => void;
}

/** What one `runOnce()` did. */
export interface RunSummary {
  readonly done: number;
  readonly retried: number;
  readonly dead: number;
  /** Outcomes not written because the lease had been taken over meanwhile. */
  readonly lost: number;
}

type Result = keyof RunSummary;

/**
 * Runs due jobs with the registered handlers, `concurrency` at a time: claims them with a lease,
 * renews the lease while a handler runs, and records success, a retry with exponential backoff,
 * or death after the last attempt. On a database shared by processes a dedicated connection
 * LISTENs for new jobs; otherwise, and as a fallback, it polls.
 */
export class JobWorker {
  readonly workerId: string;
  readonly #app: Werkstroom;
  readonly #handlers: Readonly<Record<string, JobHandler>>;
  readonly #concurrency: number;
  readonly #pollMs: number;
  readonly #leaseMs: number;
  readonly #clock: () => Date;
  readonly #random: () => number;
  readonly #recurring: readonly RecurringJobDefinition[];
  readonly #onError: (error: unknown) => void;
  readonly #abort = new AbortController();
  readonly #running = new Set<Promise<unknown>>();
  #listener: JobListener | undefined;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #woken = false;
  #materializeAt = 0;
  #stopping: Promise<void> | undefined;

  constructor(options: WorkerOptions) {
    this.#app = options.app;
    this.#handlers = options.handlers;
    this.#concurrency = Math.max(1, Math.floor(options.concurrency ?? 2));
    this.#pollMs = options.pollMs ?? 1000;
    this.#leaseMs = options.leaseMs ?? 60_000;
    this.#clock = options.clock ?? options.app.clock;
    this.#random = options.random ?? Math.random;
    this.#recurring = options.recurring ?? [];
    this.#onError = options.onError ?? ((error) => console.error('werkstroom worker:', error));
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  }

  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  /** Registers the recurring jobs, starts listening (when the database wakes workers) and starts the loop. */
  async start(): Promise<void> {
    if (this.#loop || this.#stopping) throw new Error('This worker was already started.');
    const { database } = this.#app;
    if (this.#recurring.length > 0) await scheduleRecurring(database.db, this.#recurring, this.#clock());
    if (wakesOtherProcesses(database.capabilities)) {
      this.#listener = new JobListener(database.url, () => this.#wakeUp(), this.#onError);
      await this.#listener.ensure();
    }
    this.#loop = this.#run();
  }

  /** Stops claiming, aborts the handlers' signal and waits for the running jobs to finish. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      this.#abort.abort(new Error('The worker is stopping.'));
      this.#wakeUp();
      await this.#loop;
      while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
      await this.#listener?.close();
    })();
    return this.#stopping;
  }

  /** Makes due recurring jobs, then runs every job due now, a batch at a time; resolves when they finished. */
  async runOnce(): Promise<RunSummary> {
    const summary: Record<Result, number> = { done: 0, retried: 0, dead: 0, lost: 0 };
    const { db, capabilities } = this.#app.database;
    await materializeRecurring(db, this.#clock(), capabilities);
    for (;;) {
      const jobs = await this.#claim(this.#concurrency);
      if (jobs.length === 0) return summary;
      for (const result of await Promise.all(jobs.map((job) => this.#track(job)))) summary[result]++;
    }
  }

  #claim(limit: number): Promise<ClaimedJob[]> {
    const { db, capabilities } = this.#app.database;
    return claimJobs(db, { workerId: this.workerId, limit, now: this.#clock(), leaseMs: this.#leaseMs, capabilities });
  }

  /** Ends the current sleep, or the next one at once when the loop is busy (a wake is never lost). */
  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    if (wake) wake();
    else this.#woken = true;
  }

  #sleep(ms: number): Promise<void> {
    if (this.#woken) {
      this.#woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.#wakeUp(), ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async #run(): Promise<void> {
    const { db, capabilities } = this.#app.database;
    while (!this.#abort.signal.aborted) {
      let saturated = false;
      this.#woken = false;
      try {
        await this.#listener?.ensure();
        if (Date.now() >= this.#materializeAt) {
          this.#materializeAt = Date.now() + this.#pollMs;
          await materializeRecurring(db, this.#clock(), capabilities);
        }
        const free = this.#concurrency - this.#running.size;
        const jobs = this.#abort.signal.aborted ? [] : await this.#claim(free);
        for (const job of jobs) void this.#track(job).finally(() => this.#wakeUp());
        // A full batch means more may be due: claim again as soon as a slot is free.
        saturated = free > 0 && jobs.length === free;
      } catch (error) {
        this.#onError(error);
      }
      if (this.#abort.signal.aborted) break;
      if (saturated && this.#running.size < this.#concurrency) continue;
      await this.#sleep(this.#pollMs);
    }
  }

  /** Runs a job and counts it as running until its outcome is written (`stop()` waits for these). */
  #track(job: ClaimedJob): Promise<Result> {
    const run = this.#execute(job).finally(() => this.#running.delete(run));
    this.#running.add(run);
    return run;
  }

  /** Runs one claimed job to its outcome and records it (if the job is still ours). */
  async #execute(job: ClaimedJob): Promise<Result> {
    const outcome = await this.#outcome(job);
    try {
      const written = await finishJob(this.#app.database.db, job.id, this.workerId, outcome, this.#clock());
      if (!written) return 'lost';
      return outcome.status === 'retry' ? 'retried' : outcome.status;
    } catch (error) {
      // The lease will expire and the job run again: at least once.
      this.#onError(error);
      return 'lost';
    }
  }

  async #outcome(job: ClaimedJob): Promise<JobOutcome> {
    const handler = Object.hasOwn(this.#handlers, job.kind) ? this.#handlers[job.kind] : undefined;
    if (!handler) {
      const known = Object.keys(this.#handlers).sort().join(', ') || 'none';
      return { status: 'dead', error: `No handler is registered for job kind "${job.kind}" (known kinds: ${known}).` };
    }
    if (job.problem) return { status: 'dead', error: job.problem };
    if (job.attempt > job.maxAttempts)
      return {
        status: 'dead',
        error: `Attempt ${job.attempt - 1} of ${job.maxAttempts} never finished: its worker stopped while running it (lease expired).`,
      };
    const controller = new AbortController();
    const abort = () => controller.abort(this.#abort.signal.reason);
    this.#abort.signal.addEventListener('abort', abort, { once: true });
    if (this.#abort.signal.aborted) abort();
    const renewal = setInterval(() => this.#renew(job, controller), Math.max(10, this.#leaseMs / 3));
    const ctx: JobContext = {
      app: this.#app,
      db: this.#app.database.db,
      now: this.#clock(),
      workerId: this.workerId,
      signal: controller.signal,
    };
    try {
      await handler(job, ctx);
      return { status: 'done' };
    } catch (error) {
      const message = describeError(error);
      if (error instanceof PermanentJobError || job.attempt >= job.maxAttempts)
        return { status: 'dead', error: message };
      const runAt = new Date(this.#clock().getTime() + retryDelayMs(job.attempt, this.#random));
      return { status: 'retry', error: message, runAt };
    } finally {
      clearInterval(renewal);
      this.#abort.signal.removeEventListener('abort', abort);
    }
  }

  #renew(job: ClaimedJob, controller: AbortController): void {
    const until = new Date(this.#clock().getTime() + this.#leaseMs);
    renewLease(this.#app.database.db, job.id, this.workerId, until).then(
      (held) => {
        if (!held) controller.abort(new Error(`Job ${job.id} was taken over by another worker (lease expired).`));
      },
      (error: unknown) => this.#onError(error),
    );
  }
}

export function createWorker(options: WorkerOptions): JobWorker {
  return new JobWorker(options);
}
