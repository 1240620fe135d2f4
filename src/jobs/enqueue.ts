import { type Kysely, sql } from 'kysely';
import type { DialectCapabilities } from '../db/capabilities.ts';
import type { Database } from '../db/schema.ts';
import type { EngineContext } from '../engine/context.ts';
import { invalid } from '../shared/errors.ts';
import type { JobRequest } from './types.ts';

/** The channel workers LISTEN on; a NOTIFY at commit wakes them before their next poll. */
export const JOB_CHANNEL = 'werkstroom_jobs';

export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * Whether other processes' workers can be woken through the database (PostgreSQL's
 * LISTEN/NOTIFY); a single-process database is polled instead.
 */
export function wakesOtherProcesses(capabilities: DialectCapabilities | undefined): boolean {
  return capabilities?.multiProcess === true;
}

/** Wakes listening workers when the surrounding transaction commits (nothing on a single-process database). */
export async function notifyWorkers(
  db: Kysely<Database>,
  capabilities: DialectCapabilities | undefined,
): Promise<void> {
  if (wakesOtherProcesses(capabilities)) await sql`select pg_notify(${JOB_CHANNEL}, '')`.execute(db);
}

function validate(request: JobRequest): void {
  if (typeof request.kind !== 'string' || request.kind.trim() === '')
    throw invalid('job-kind-missing', 'A job needs a kind naming its handler.', { field: 'kind' });
  const max = request.maxAttempts;
  if (max !== undefined && (!Number.isInteger(max) || max < 1))
    throw invalid('job-max-attempts-invalid', `maxAttempts must be a whole number of at least 1, not ${max}.`, {
      field: 'maxAttempts',
    });
  if (request.runAt !== undefined && Number.isNaN(request.runAt.getTime()))
    throw invalid('job-run-at-invalid', 'runAt is not a valid date.', { field: 'runAt' });
  if (request.key === '') throw invalid('job-key-empty', 'A job key may not be empty.', { field: 'key' });
}

/**
 * Writes a job in the caller's transaction (`db` may be a `ctx.tx`): it exists only if that
 * transaction commits. With a `key`, nothing is written while a job with that key is queued or
 * running (the key is released when a job finishes or dies). Returns the new job's id, or
 * `undefined` when the key was taken.
 *
 * Pass `capabilities` so that, on a database shared by several processes, the workers are woken
 * at commit (`NOTIFY`); without it they find the job at their next poll.
 */
export async function enqueueJob(
  db: Kysely<Database>,
  request: JobRequest,
  now: Date,
  capabilities?: DialectCapabilities,
): Promise<number | undefined> {
  validate(request);
  const runAt = request.runAt ?? now;
  const row = await db
    .insertInto('job')
    .values({
      kind: request.kind,
      job_key: request.key ?? null,
      company_id: request.companyId ?? null,
      payload: JSON.stringify(request.payload ?? {}),
      status: 'queued',
      run_at: runAt.toISOString(),
      max_attempts: request.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('job_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  // Delivered when the caller's transaction commits, and dropped if it rolls back.
  if (row && runAt.getTime() <= now.getTime()) await notifyWorkers(db, capabilities);
  return row?.id;
}

/** `enqueueJob` in an engine command's transaction, at its time, for its company (unless the request names one). */
export function enqueueFromContext(ctx: EngineContext, request: JobRequest): Promise<number | undefined> {
  return enqueueJob(ctx.tx, { ...request, companyId: request.companyId ?? ctx.companyId }, ctx.now, ctx.capabilities);
}
