import type { Kysely, Selectable } from 'kysely';
import type { DialectCapabilities } from '../db/capabilities.ts';
import type { Database, JobTable } from '../db/schema.ts';
import type { RunningJob } from './types.ts';

export interface ClaimOptions {
  readonly workerId: string;
  /** At most this many jobs. */
  readonly limit: number;
  readonly now: Date;
  /** How long the claim holds before another worker may take the job over. */
  readonly leaseMs: number;
  readonly capabilities: DialectCapabilities;
}

/** A claimed job; `problem` says why it cannot run at all (its payload is not a JSON object). */
export interface ClaimedJob extends RunningJob {
  readonly problem?: string;
}

function parsePayload(text: string): Record<string, unknown> | string {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    return 'The job payload is not a JSON object.';
  } catch (error) {
    return `The job payload is not valid JSON: ${(error as Error).message}`;
  }
}

function toClaimedJob(row: Selectable<JobTable>): ClaimedJob {
  const payload = parsePayload(row.payload);
  const job = {
    id: row.id,
    kind: row.kind,
    payload: typeof payload === 'string' ? {} : payload,
    companyId: row.company_id,
    attempt: row.attempts,
    maxAttempts: row.max_attempts,
  };
  return typeof payload === 'string' ? { ...job, problem: payload } : job;
}

/**
 * Claims up to `limit` due jobs in one statement: queued ones whose time has come, and running
 * ones whose lease expired (their worker stopped without finishing). Each is marked running by
 * this worker until `now + leaseMs`, and its attempt counted. With `FOR UPDATE SKIP LOCKED`
 * several processes claim side by side without waiting for or duplicating each other; without
 * it (one process) the single statement is already atomic.
 */
export async function claimJobs(db: Kysely<Database>, options: ClaimOptions): Promise<ClaimedJob[]> {
  if (options.limit <= 0) return [];
  const now = options.now.toISOString();
  const due = db
    .selectFrom('job')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
      ]),
    )
    .orderBy('run_at')
    .orderBy('id')
    .limit(options.limit)
    .$if(options.capabilities.skipLocked, (q) => q.forUpdate().skipLocked());
  const rows = await db
    .updateTable('job')
    .set((eb) => ({
      status: 'running',
      locked_by: options.workerId,
      locked_until: new Date(options.now.getTime() + options.leaseMs).toISOString(),
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
  rows.sort((a, b) => (a.run_at < b.run_at ? -1 : a.run_at > b.run_at ? 1 : a.id - b.id));
  return rows.map(toClaimedJob);
}

/**
 * Extends this worker's lease on a running job. `false` when the job is no longer this worker's
 * (its lease expired and another worker took it over).
 */
export async function renewLease(db: Kysely<Database>, jobId: number, workerId: string, until: Date): Promise<boolean> {
  const result = await db
    .updateTable('job')
    .set({ locked_until: until.toISOString() })
    .where('id', '=', jobId)
    .where('status', '=', 'running')
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * The outcome of one run, written only while the job is still this worker's: a worker whose lease
 * was taken over cannot overwrite the other's result. `false` when it was not written.
 */
export type JobOutcome =
  | { readonly status: 'done' }
  | { readonly status: 'retry'; readonly error: string; readonly runAt: Date }
  | { readonly status: 'dead'; readonly error: string };

export async function finishJob(
  db: Kysely<Database>,
  jobId: number,
  workerId: string,
  outcome: JobOutcome,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const changes =
    outcome.status === 'done'
      ? { status: 'done', finished_at: at, job_key: null, locked_until: null }
      : outcome.status === 'dead'
        ? { status: 'dead', finished_at: at, job_key: null, locked_until: null, last_error: outcome.error }
        : {
            status: 'queued',
            run_at: outcome.runAt.toISOString(),
            locked_by: null,
            locked_until: null,
            last_error: outcome.error,
          };
  const result = await db
    .updateTable('job')
    .set(changes)
    .where('id', '=', jobId)
    .where('status', '=', 'running')
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The text kept with a failed job: the error's name when it is not a plain `Error`, and its message. */
export function describeError(error: unknown): string {
  const text =
    error instanceof Error
      ? error.name && error.name !== 'Error'
        ? `${error.name}: ${error.message}`
        : error.message
      : String(error);
  return text.length > 4000 ? `${text.slice(0, 3999)}…` : text;
}
