import type { Kysely } from 'kysely';
import type { Werkstroom } from '../app/werkstroom.ts';
import type { Database } from '../db/schema.ts';

/**
 * The contract of the durable job table. Jobs are rows written in the caller's transaction
 * (so they exist only if the business change committed) and run after commit by workers, at
 * least once: handlers must be idempotent.
 */
export interface JobRequest {
  /** Which handler runs it, e.g. `notifications.dispatch`. */
  readonly kind: string;
  readonly payload?: Readonly<Record<string, unknown>>;
  /** Not before this time (default: now). */
  readonly runAt?: Date;
  /** While a job with this key is queued or running, scheduling it again changes nothing. */
  readonly key?: string;
  /** After this many failed attempts the job is dead (kept with its last error). Default 5. */
  readonly maxAttempts?: number;
  readonly companyId?: number;
}

export interface RunningJob {
  readonly id: number;
  readonly kind: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly companyId: number | null;
  /** 1 on the first run. */
  readonly attempt: number;
  readonly maxAttempts: number;
}

export interface JobContext {
  readonly app: Werkstroom;
  readonly db: Kysely<Database>;
  /** The workers' clock (tests move it). */
  readonly now: Date;
  readonly workerId: string;
  /** Aborted when the worker shuts down; long handlers should stop at a safe point. */
  readonly signal: AbortSignal;
}

export type JobHandler = (job: RunningJob, ctx: JobContext) => Promise<void>;

/** A recurring job: a cron expression (croner syntax) in a time zone. */
export interface RecurringJobDefinition {
  readonly name: string;
  readonly kind: string;
  readonly cron: string;
  readonly timeZone?: string;
  readonly payload?: Readonly<Record<string, unknown>>;
}

/** Where a job is in its life: `done` and `dead` are final (a dead job can be retried by hand). */
export type JobStatus = 'queued' | 'running' | 'done' | 'dead';

/** Handlers may throw this for a failure that retrying cannot fix: the job dies at once. */
export class PermanentJobError extends Error {
  override readonly name: string = 'PermanentJobError';
}
