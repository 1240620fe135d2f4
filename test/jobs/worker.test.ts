import { expect, it } from 'vitest';
import { enqueueJob } from '../../src/jobs/enqueue.ts';
import { type JobContext, PermanentJobError, type RunningJob } from '../../src/jobs/types.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { appOn, cleanJobsBeforeEach, deferred, jobById, T0, TestClock, testWorker, waitFor } from './job-harness.ts';

const SECOND = 1000;

describeEachDialect('running jobs', (db) => {
  cleanJobsBeforeEach(db);

  it('runs a job only once its time has come on the injected clock', async () => {
    const clock = new TestClock();
    const ran: number[] = [];
    const worker = testWorker(await appOn(db(), clock), { tick: async (job) => void ran.push(job.id) });
    const id = await enqueueJob(db().db, { kind: 'tick', runAt: new Date(T0.getTime() + 60 * SECOND) }, T0);
    expect(await worker.runOnce()).toEqual({ done: 0, retried: 0, dead: 0, lost: 0 });
    clock.advance(59 * SECOND);
    await worker.runOnce();
    expect(ran).toEqual([]);
    clock.advance(SECOND);
    expect(await worker.runOnce()).toMatchObject({ done: 1 });
    expect(ran).toEqual([id]);
    expect(await jobById(db(), id)).toMatchObject({ status: 'done', attempts: 1, finishedAt: clock.now.toISOString() });
  });

  it('gives the handler the job, the app, the clock time and a live signal', async () => {
    const clock = new TestClock();
    const app = await appOn(db(), clock);
    let seen: { job: RunningJob; ctx: JobContext } | undefined;
    const see = async (job: RunningJob, ctx: JobContext) => {
      seen = { job, ctx };
    };
    const worker = testWorker(app, { see }, { workerId: 'w-1' });
    const id = await enqueueJob(db().db, { kind: 'see', payload: { n: 1 }, companyId: 3, maxAttempts: 2 }, T0);
    await worker.runOnce();
    expect(seen?.job).toEqual({ id, kind: 'see', payload: { n: 1 }, companyId: 3, attempt: 1, maxAttempts: 2 });
    expect(seen?.ctx).toMatchObject({ app, now: T0, workerId: 'w-1' });
    expect(seen?.ctx.signal.aborted).toBe(false);
  });

  it('retries a failing job with exponential backoff and keeps it dead with its last error after the last attempt', async () => {
    const clock = new TestClock();
    let calls = 0;
    const worker = testWorker(await appOn(db(), clock), {
      flaky: async () => {
        calls++;
        throw new TypeError(`boom ${calls}`);
      },
    });
    const id = await enqueueJob(db().db, { kind: 'flaky', key: 'flaky-1', maxAttempts: 3 }, T0);

    expect(await worker.runOnce()).toMatchObject({ retried: 1 });
    let job = await jobById(db(), id);
    expect(job).toMatchObject({ status: 'queued', attempts: 1, lastError: 'TypeError: boom 1', key: 'flaky-1' });
    expect(job.runAt).toBe(new Date(T0.getTime() + 20 * SECOND).toISOString());
    expect(job.lockedBy).toBeNull();

    clock.advance(19 * SECOND);
    expect(await worker.runOnce()).toMatchObject({ retried: 0 });
    clock.advance(SECOND);
    expect(await worker.runOnce()).toMatchObject({ retried: 1 });
    job = await jobById(db(), id);
    expect(job).toMatchObject({ attempts: 2, lastError: 'TypeError: boom 2' });
    expect(job.runAt).toBe(new Date(clock.now.getTime() + 40 * SECOND).toISOString());

    clock.advance(40 * SECOND);
    expect(await worker.runOnce()).toMatchObject({ dead: 1 });
    job = await jobById(db(), id);
    expect(job).toMatchObject({ status: 'dead', attempts: 3, lastError: 'TypeError: boom 3', key: null });
    expect(job.finishedAt).toBe(clock.now.toISOString());
    clock.advance(3_600 * SECOND);
    await worker.runOnce();
    expect(calls).toBe(3);
  });

  it('lets a job that succeeds on a later attempt end done', async () => {
    const clock = new TestClock();
    let calls = 0;
    const worker = testWorker(await appOn(db(), clock), {
      second: async () => {
        if (++calls === 1) throw new Error('temporarily unavailable');
      },
    });
    const id = await enqueueJob(db().db, { kind: 'second' }, T0);
    await worker.runOnce();
    clock.advance(20 * SECOND);
    await worker.runOnce();
    expect(await jobById(db(), id)).toMatchObject({
      status: 'done',
      attempts: 2,
      lastError: 'temporarily unavailable',
    });
  });

  it('kills a job at once when its handler throws a PermanentJobError', async () => {
    const clock = new TestClock();
    const worker = testWorker(await appOn(db(), clock), {
      hopeless: async () => {
        throw new PermanentJobError('the webhook URL answered 410 Gone');
      },
    });
    const id = await enqueueJob(db().db, { kind: 'hopeless' }, T0);
    expect(await worker.runOnce()).toMatchObject({ dead: 1 });
    expect(await jobById(db(), id)).toMatchObject({
      status: 'dead',
      attempts: 1,
      lastError: 'PermanentJobError: the webhook URL answered 410 Gone',
    });
  });

  it('kills a job of an unknown kind with an error naming the kinds the worker knows', async () => {
    const clock = new TestClock();
    const worker = testWorker(await appOn(db(), clock), { 'mail.send': async () => {}, 'a.b': async () => {} });
    const id = await enqueueJob(db().db, { kind: 'mail.sned' }, T0);
    expect(await worker.runOnce()).toMatchObject({ dead: 1 });
    expect(await jobById(db(), id)).toMatchObject({
      status: 'dead',
      lastError: 'No handler is registered for job kind "mail.sned" (known kinds: a.b, mail.send).',
    });
  });

  it('runs no more jobs at once than its concurrency, oldest due first', async () => {
    const clock = new TestClock();
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const worker = testWorker(
      await appOn(db(), clock),
      {
        work: async (job) => {
          order.push(job.payload.n as number);
          most = Math.max(most, ++running);
          await new Promise((r) => setTimeout(r, 5));
          running--;
        },
      },
      { concurrency: 3 },
    );
    for (let n = 9; n >= 0; n--)
      await enqueueJob(db().db, { kind: 'work', payload: { n }, runAt: new Date(T0.getTime() - n) }, T0);
    expect(await worker.runOnce()).toMatchObject({ done: 10 });
    expect(most).toBe(3);
    expect(order).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  });

  it('stop() aborts the handlers’ signal and waits for the running job to finish', async () => {
    const clock = new TestClock();
    const started = deferred();
    const gate = deferred();
    let aborted = false;
    const worker = testWorker(
      await appOn(db(), clock),
      {
        slow: async (_job, ctx) => {
          started.resolve();
          await gate.promise;
          aborted = ctx.signal.aborted;
        },
      },
      { pollMs: 20 },
    );
    const id = await enqueueJob(db().db, { kind: 'slow' }, T0);
    await worker.start();
    await started.promise;
    let stopped = false;
    const stopping = worker.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(stopped).toBe(false);
    expect(worker.signal.aborted).toBe(true);
    gate.resolve();
    await stopping;
    expect(aborted).toBe(true);
    expect(await jobById(db(), id)).toMatchObject({ status: 'done' });
    await enqueueJob(db().db, { kind: 'slow' }, T0);
    await new Promise((r) => setTimeout(r, 60));
    expect((await db().db.selectFrom('job').select('status').where('status', '=', 'queued').execute()).length).toBe(1);
  });

  it('started, picks up jobs enqueued later without being asked', async () => {
    const clock = new TestClock();
    const done: number[] = [];
    const worker = testWorker(await appOn(db(), clock), { bg: async (job) => void done.push(job.id) }, { pollMs: 50 });
    await worker.start();
    try {
      const id = await db()
        .db.transaction()
        .execute((tx) => enqueueJob(tx, { kind: 'bg' }, T0, db().capabilities));
      await waitFor(() => done.includes(id as number));
    } finally {
      await worker.stop();
    }
  });
});
