import { Cron } from 'croner';
import { type Kysely, sql } from 'kysely';
import type { DialectCapabilities } from '../db/capabilities.ts';
import type { Database } from '../db/schema.ts';
import { invalid } from '../shared/errors.ts';
import { enqueueJob, wakesOtherProcesses } from './enqueue.ts';
import type { RecurringJobDefinition } from './types.ts';

/**
 * The `recurring_job` table has no time zone column, so the zone is kept in front of the pattern
 * as in crontab (`CRON_TZ=Europe/Amsterdam 0 9 * * 1-5`). Without one, times are UTC, never
 * the server's local zone, so every process computes the same times.
 */
const TZ_PREFIX = 'CRON_TZ=';
/** Serialises materialising across processes; the job key and the conditional advance already prevent doubles. */
const MATERIALIZE_LOCK = 0x7765726b;

export function storedCron(definition: Pick<RecurringJobDefinition, 'cron' | 'timeZone'>): string {
  const pattern = definition.cron.trim();
  return definition.timeZone ? `${TZ_PREFIX}${definition.timeZone} ${pattern}` : pattern;
}

function parseStoredCron(stored: string): { pattern: string; timeZone: string } {
  if (!stored.startsWith(TZ_PREFIX)) return { pattern: stored, timeZone: 'UTC' };
  const space = stored.indexOf(' ');
  return { pattern: stored.slice(space + 1).trim(), timeZone: stored.slice(TZ_PREFIX.length, space) };
}

/** The first time after `after` that a stored pattern names, or `null` when it names none. Throws when invalid. */
export function nextRunAfter(stored: string, after: Date): Date | null {
  const { pattern, timeZone } = parseStoredCron(stored);
  return new Cron(pattern, { timezone: timeZone, paused: true }).nextRun(after);
}

/**
 * Registers recurring jobs (idempotent; every process may do it at start). A new definition, or
 * one whose pattern or zone changed, is due at its next time after `now`; an unchanged one keeps
 * its schedule, so restarts neither skip nor repeat a run. Kind and payload are updated.
 */
export async function scheduleRecurring(
  db: Kysely<Database>,
  definitions: readonly RecurringJobDefinition[],
  now: Date,
): Promise<void> {
  const names = new Set<string>();
  for (const definition of definitions) {
    if (names.has(definition.name))
      throw invalid('recurring-job-duplicate', `Recurring job "${definition.name}" is defined twice.`, {
        field: 'name',
      });
    names.add(definition.name);
    const cron = storedCron(definition);
    let next: Date | null;
    try {
      next = nextRunAfter(cron, now);
    } catch (error) {
      throw invalid(
        'recurring-job-invalid',
        `Recurring job "${definition.name}": ${(error as Error).message.replace(/^\w+: /, '')}`,
        { field: 'cron' },
      );
    }
    if (!next)
      throw invalid('recurring-job-never-due', `Recurring job "${definition.name}" names no future time.`, {
        field: 'cron',
      });
    await db
      .insertInto('recurring_job')
      .values({
        name: definition.name,
        kind: definition.kind,
        cron,
        payload: JSON.stringify(definition.payload ?? {}),
        next_run_at: next.toISOString(),
        enabled: 1,
      })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet((eb) => ({
          kind: eb.ref('excluded.kind'),
          payload: eb.ref('excluded.payload'),
          next_run_at: sql<string>`case when recurring_job.cron = excluded.cron then recurring_job.next_run_at else excluded.next_run_at end`,
          cron: eb.ref('excluded.cron'),
        })),
      )
      .execute();
  }
}

/**
 * Enqueues one job for every enabled recurring job that is due at `now`, and moves it on to its
 * next time after `now`. Runs missed while no worker ran are folded into one (run at the first
 * missed time). Safe to run in several processes at once: the move is conditional on the time
 * read, and the job key `recurring:<name>:<due time>` dedupes as well. Returns the jobs created.
 */
export async function materializeRecurring(
  db: Kysely<Database>,
  now: Date,
  capabilities?: DialectCapabilities,
): Promise<number> {
  const at = now.toISOString();
  const dueRows = (q: Kysely<Database>) =>
    q.selectFrom('recurring_job').where('enabled', '=', 1).where('next_run_at', '<=', at);
  // The common case, nothing due, costs one read and no transaction.
  if (!(await dueRows(db).select('name').limit(1).executeTakeFirst())) return 0;
  return db.transaction().execute(async (tx) => {
    if (wakesOtherProcesses(capabilities)) {
      const lock = await sql<{
        locked: boolean;
      }>`select pg_try_advisory_xact_lock(${sql.lit(MATERIALIZE_LOCK)}) as locked`.execute(tx);
      if (!lock.rows[0]?.locked) return 0;
    }
    const due = await dueRows(tx).selectAll().orderBy('name').execute();
    let created = 0;
    for (const row of due) {
      let next: Date | null = null;
      try {
        next = nextRunAfter(row.cron, now);
      } catch {
        // A pattern edited into something invalid: stop it rather than fail every loop.
      }
      const moved = await tx
        .updateTable('recurring_job')
        .set(next ? { next_run_at: next.toISOString() } : { enabled: 0 })
        .where('name', '=', row.name)
        .where('next_run_at', '=', row.next_run_at)
        .executeTakeFirst();
      if (moved.numUpdatedRows === 0n) continue;
      let payload: Record<string, unknown> = {};
      try {
        payload = JSON.parse(row.payload) as Record<string, unknown>;
      } catch {}
      const id = await enqueueJob(
        tx,
        { kind: row.kind, payload, runAt: new Date(row.next_run_at), key: `recurring:${row.name}:${row.next_run_at}` },
        now,
        capabilities,
      );
      if (id !== undefined) created++;
    }
    return created;
  });
}
