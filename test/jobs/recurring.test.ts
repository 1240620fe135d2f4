import { expect, it } from 'vitest';
import { listJobs } from '../../src/jobs/queries.ts';
import { materializeRecurring, scheduleRecurring } from '../../src/jobs/recurring.ts';
import type { RecurringJobDefinition } from '../../src/jobs/types.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { appOn, cleanJobsBeforeEach, TestClock, testWorker } from './job-harness.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const WEEK: RecurringJobDefinition[] = [
  { name: 'hourly', kind: 'tick', cron: '0 * * * *' },
  // 09:00 in Amsterdam: 08:00 UTC until summer time starts on Sunday 29 March 2026, then 07:00 UTC.
  { name: 'amsterdam-morning', kind: 'digest', cron: '0 9 * * *', timeZone: 'Europe/Amsterdam', payload: { p: 1 } },
  // 08:30 on working days in New York (EDT, UTC-4, since 8 March).
  { name: 'new-york-workdays', kind: 'report', cron: '30 8 * * 1-5', timeZone: 'America/New_York' },
];

describeEachDialect('recurring jobs', (db) => {
  cleanJobsBeforeEach(db);

  it('over a simulated week makes exactly one job per due time, in its time zone, even with two materializers racing', async () => {
    const start = new Date('2026-03-22T23:53:00Z');
    const end = new Date(start.getTime() + 7 * 24 * HOUR);
    await scheduleRecurring(db().db, WEEK, start);
    let created = 0;
    for (let now = start; now <= end; now = new Date(now.getTime() + 15 * MINUTE)) {
      const counts = await Promise.all([
        materializeRecurring(db().db, now, db().capabilities),
        // Without the capabilities it takes no advisory lock: only the conditional advance stops doubles.
        materializeRecurring(db().db, now),
      ]);
      created += counts[0] + counts[1];
      // Workers finish the jobs at once, freeing their keys: the keys alone could not prevent doubles now.
      if (counts[0] + counts[1] > 0)
        await db()
          .db.updateTable('job')
          .set({ status: 'done', job_key: null })
          .where('status', '=', 'queued')
          .execute();
    }
    const jobs = await listJobs(db().db, { limit: 1000 });
    expect(created).toBe(jobs.length);
    const runs = (kind: string) =>
      jobs
        .filter((j) => j.kind === kind)
        .map((j) => j.runAt)
        .sort();

    const hourly = runs('tick');
    expect(hourly.length).toBe(7 * 24);
    expect(new Set(hourly).size).toBe(hourly.length);
    expect(hourly[0]).toBe('2026-03-23T00:00:00.000Z');
    expect(hourly.at(-1)).toBe('2026-03-29T23:00:00.000Z');

    expect(runs('digest')).toEqual([
      '2026-03-23T08:00:00.000Z',
      '2026-03-24T08:00:00.000Z',
      '2026-03-25T08:00:00.000Z',
      '2026-03-26T08:00:00.000Z',
      '2026-03-27T08:00:00.000Z',
      '2026-03-28T08:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
    ]);
    expect(runs('report')).toEqual([
      '2026-03-23T12:30:00.000Z',
      '2026-03-24T12:30:00.000Z',
      '2026-03-25T12:30:00.000Z',
      '2026-03-26T12:30:00.000Z',
      '2026-03-27T12:30:00.000Z',
    ]);
    const digest = jobs.find((j) => j.kind === 'digest' && j.runAt === '2026-03-29T07:00:00.000Z');
    expect(digest?.payload).toEqual({ p: 1 });
  }, 60_000);

  it('folds runs missed while no worker ran into one job and moves on to the next future time', async () => {
    const clock = new TestClock(new Date('2026-03-02T10:30:00Z'));
    await scheduleRecurring(db().db, [WEEK[0] as RecurringJobDefinition], clock.now);
    clock.advance(3 * 24 * HOUR);
    expect(await materializeRecurring(db().db, clock.now)).toBe(1);
    expect(await materializeRecurring(db().db, clock.now)).toBe(0);
    const [job] = await listJobs(db().db);
    expect(job).toMatchObject({ runAt: '2026-03-02T11:00:00.000Z', key: 'recurring:hourly:2026-03-02T11:00:00.000Z' });
    const row = await db().db.selectFrom('recurring_job').selectAll().executeTakeFirstOrThrow();
    expect(row.next_run_at).toBe('2026-03-05T11:00:00.000Z');
  });

  it('keeps the schedule when registered again unchanged, and starts anew when the pattern or zone changes', async () => {
    const t0 = new Date('2026-03-02T10:30:00Z');
    await scheduleRecurring(db().db, [{ name: 'r', kind: 'a', cron: '0 12 * * *' }], t0);
    const next = async () =>
      (await db().db.selectFrom('recurring_job').selectAll().executeTakeFirstOrThrow()).next_run_at;
    expect(await next()).toBe('2026-03-02T12:00:00.000Z');

    await scheduleRecurring(
      db().db,
      [{ name: 'r', kind: 'b', cron: '0 12 * * *', payload: { x: 1 } }],
      new Date('2026-03-02T13:00:00Z'),
    );
    expect(await next()).toBe('2026-03-02T12:00:00.000Z');
    const row = await db().db.selectFrom('recurring_job').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'b', payload: '{"x":1}' });

    await scheduleRecurring(
      db().db,
      [{ name: 'r', kind: 'b', cron: '0 12 * * *', timeZone: 'Europe/Amsterdam' }],
      new Date('2026-03-02T13:00:00Z'),
    );
    expect(await next()).toBe('2026-03-03T11:00:00.000Z');
  });

  it('refuses an invalid pattern, an unknown time zone and a name used twice', async () => {
    const now = new Date('2026-03-02T10:30:00Z');
    await expect(scheduleRecurring(db().db, [{ name: 'x', kind: 'a', cron: '61 * * * *' }], now)).rejects.toMatchObject(
      {
        code: 'recurring-job-invalid',
      },
    );
    await expect(
      scheduleRecurring(db().db, [{ name: 'x', kind: 'a', cron: '0 * * * *', timeZone: 'Mars/Olympus' }], now),
    ).rejects.toMatchObject({ code: 'recurring-job-invalid' });
    const twice = { name: 'x', kind: 'a', cron: '0 * * * *' };
    await expect(scheduleRecurring(db().db, [twice, twice], now)).rejects.toMatchObject({
      code: 'recurring-job-duplicate',
    });
  });

  it('is registered by a worker and run by it when due', async () => {
    const clock = new TestClock(new Date('2026-03-02T08:59:00Z'));
    const payloads: unknown[] = [];
    const worker = testWorker(
      await appOn(db(), clock),
      { digest: async (job) => void payloads.push(job.payload) },
      { recurring: [WEEK[1] as RecurringJobDefinition], pollMs: 10 },
    );
    await worker.start();
    await worker.stop();
    clock.set('2026-03-03T08:00:00Z');
    expect(await worker.runOnce()).toMatchObject({ done: 1 });
    expect(payloads).toEqual([{ p: 1 }]);
    expect(await worker.runOnce()).toMatchObject({ done: 0 });
  });
});
