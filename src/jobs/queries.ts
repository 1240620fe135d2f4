import type { Kysely, Selectable } from 'kysely';
import type { DialectCapabilities } from '../db/capabilities.ts';
import type { Database, JobTable } from '../db/schema.ts';
import { notifyWorkers } from './enqueue.ts';
import type { JobStatus } from './types.ts';

/** A job as the API and the CLI show it. */
export interface JobSummary {
  readonly id: number;
  readonly kind: string;
  /** `null` once the job finished or died (the key is free again). */
  readonly key: string | null;
  readonly companyId: number | null;
  readonly payload: unknown;
  readonly status: JobStatus;
  readonly runAt: string;
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly lastError: string;
  readonly lockedBy: string | null;
  readonly lockedUntil: string | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

export interface JobFilter {
  readonly status?: JobStatus | readonly JobStatus[];
  readonly kind?: string;
  readonly companyId?: number;
  /** Newest first; page on with the last id seen. */
  readonly beforeId?: number;
  /** Default 100, at most 1000. */
  readonly limit?: number;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toSummary(row: Selectable<JobTable>): JobSummary {
  return {
    id: row.id,
    kind: row.kind,
    key: row.job_key,
    companyId: row.company_id,
    payload: parse(row.payload),
    status: row.status as JobStatus,
    runAt: row.run_at,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    lastError: row.last_error,
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

/** Jobs by status, kind and company, newest first. */
export async function listJobs(db: Kysely<Database>, filter: JobFilter = {}): Promise<JobSummary[]> {
  const statuses = filter.status === undefined ? undefined : ([] as JobStatus[]).concat(filter.status);
  const rows = await db
    .selectFrom('job')
    .selectAll()
    .$if(statuses !== undefined, (q) => q.where('status', 'in', statuses ?? []))
    .$if(filter.kind !== undefined, (q) => q.where('kind', '=', filter.kind ?? ''))
    .$if(filter.companyId !== undefined, (q) => q.where('company_id', '=', filter.companyId ?? 0))
    .$if(filter.beforeId !== undefined, (q) => q.where('id', '<', filter.beforeId ?? 0))
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(filter.limit ?? 100, 1), 1000))
    .execute();
  return rows.map(toSummary);
}

export async function getJob(db: Kysely<Database>, id: number): Promise<JobSummary | undefined> {
  const row = await db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toSummary(row);
}

/** How many jobs are in each status (queue depth for metrics). */
export async function countJobsByStatus(db: Kysely<Database>): Promise<Record<JobStatus, number>> {
  const rows = await db
    .selectFrom('job')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute();
  const counts: Record<JobStatus, number> = { queued: 0, running: 0, done: 0, dead: 0 };
  for (const row of rows) counts[row.status as JobStatus] = Number(row.count);
  return counts;
}

/**
 * Puts a dead job back in the queue, due at `now`, with a fresh count of attempts (its last error
 * stays until it runs again). `false` when no dead job has that id. The job has no key any more.
 */
export async function retryDeadJob(
  db: Kysely<Database>,
  id: number,
  now: Date,
  capabilities?: DialectCapabilities,
): Promise<boolean> {
  const result = await db
    .updateTable('job')
    .set({
      status: 'queued',
      run_at: now.toISOString(),
      attempts: 0,
      locked_by: null,
      locked_until: null,
      finished_at: null,
    })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  const retried = result.numUpdatedRows > 0n;
  if (retried) await notifyWorkers(db, capabilities);
  return retried;
}
