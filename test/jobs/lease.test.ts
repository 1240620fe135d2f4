import { expect, it } from 'vitest';
import { claimJobs, finishJob } from '../../src/jobs/claim.ts';
import { enqueueJob } from '../../src/jobs/enqueue.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { appOn, cleanJobsBeforeEach, deferred, jobById, T0, TestClock, testWorker, waitFor } from './job-harness.ts';

const SECOND = 1000;

describeEachDialect('job leases', (db) => {
  cleanJobsBeforeEach(db);

  it('takes over a job whose worker crashed once the lease expired, and ignores the crashed worker’s late result', async () => {
    const clock = new TestClock();
    const app = await appOn(db(), clock);
    const id = await enqueueJob(db().db, { kind: 'once' }, T0);
    const crashed = await claimJobs(db().db, {
      workerId: 'crashed',
      limit: 5,
      now: clock.now,
      leaseMs: 60 * SECOND,
      capabilities: db().capabilities,
    });
    expect(crashed.map((j) => j.id)).toEqual([id]);

    const runs: string[] = [];
    const survivor = testWorker(
      app,
      { once: async (_job, ctx) => void runs.push(ctx.workerId) },
      { workerId: 'survivor' },
    );
    clock.advance(59 * SECOND);
    expect(await survivor.runOnce()).toMatchObject({ done: 0 });
    clock.advance(2 * SECOND);
    expect(await survivor.runOnce()).toMatchObject({ done: 1 });
    expect(runs).toEqual(['survivor']);

    const late = await finishJob(db().db, id as number, 'crashed', { status: 'dead', error: 'late' }, clock.now);
    expect(late).toBe(false);
    expect(await jobById(db(), id)).toMatchObject({ status: 'done', attempts: 2, lockedBy: 'survivor', lastError: '' });
  });

  it('does not let a worker whose lease was taken over overwrite the new owner’s result', async () => {
    const clock = new TestClock();
    const app = await appOn(db(), clock);
    const slowGate = deferred();
    const id = await enqueueJob(db().db, { kind: 'job' }, T0);
    const slow = testWorker(
      app,
      { job: () => slowGate.promise.then(() => Promise.reject(new Error('too late'))) },
      { workerId: 'slow' },
    );
    const slowRun = slow.runOnce();
    await waitFor(async () => (await jobById(db(), id)).lockedBy === 'slow');

    clock.advance(61 * SECOND); // the slow worker's lease (60 s) ran out, as after a long pause
    const fast = testWorker(app, { job: async () => {} }, { workerId: 'fast' });
    expect(await fast.runOnce()).toMatchObject({ done: 1 });
    slowGate.resolve();
    expect(await slowRun).toEqual({ done: 0, retried: 0, dead: 0, lost: 1 });
    expect(await jobById(db(), id)).toMatchObject({ status: 'done', lockedBy: 'fast', lastError: '' });
  });

  it('renews the lease while a long job runs, so no other worker takes it', async () => {
    const app = await appOn(db(), new TestClock(new Date()));
    const gate = deferred();
    let runs = 0;
    const handlers = {
      long: () => {
        runs++;
        return gate.promise;
      },
    };
    const id = await enqueueJob(db().db, { kind: 'long' }, new Date());
    const owner = testWorker(app, handlers, { leaseMs: 300, clock: () => new Date() });
    const run = owner.runOnce();
    await new Promise((r) => setTimeout(r, 800));
    const other = testWorker(app, handlers, { leaseMs: 300, clock: () => new Date() });
    expect(await other.runOnce()).toMatchObject({ done: 0 });
    gate.resolve();
    expect(await run).toMatchObject({ done: 1 });
    expect(runs).toBe(1);
    expect(await jobById(db(), id)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('dies instead of running again when every attempt’s worker crashed', async () => {
    const clock = new TestClock();
    const id = await enqueueJob(db().db, { kind: 'poison', maxAttempts: 2 }, T0);
    const options = { workerId: 'x', limit: 1, leaseMs: SECOND, capabilities: db().capabilities };
    await claimJobs(db().db, { ...options, now: clock.now });
    await claimJobs(db().db, { ...options, now: clock.advance(2 * SECOND) });
    clock.advance(2 * SECOND);
    let ran = false;
    const poison = async () => {
      ran = true;
    };
    const worker = testWorker(await appOn(db(), clock), { poison });
    expect(await worker.runOnce()).toMatchObject({ dead: 1 });
    expect(ran).toBe(false);
    expect((await jobById(db(), id)).lastError).toMatch(/never finished.*lease expired/);
  });
});
