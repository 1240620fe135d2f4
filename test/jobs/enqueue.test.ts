import { expect, it } from 'vitest';
import { ensureCompany } from '../../src/app/companies.ts';
import { enqueueFromContext, enqueueJob } from '../../src/jobs/enqueue.ts';
import { countJobsByStatus, listJobs, retryDeadJob } from '../../src/jobs/queries.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { appOn, cleanJobsBeforeEach, deferred, jobById, T0, TestClock, testWorker } from './job-harness.ts';

describeEachDialect('enqueueing jobs', (db) => {
  cleanJobsBeforeEach(db);

  it('writes a queued job due now with its payload, company and default of 5 attempts', async () => {
    const id = await enqueueJob(db().db, { kind: 'mail.send', payload: { to: 'a@b.c' }, companyId: 7 }, T0);
    expect(id).toBeTypeOf('number');
    const job = await jobById(db(), id);
    expect(job).toMatchObject({
      kind: 'mail.send',
      payload: { to: 'a@b.c' },
      companyId: 7,
      status: 'queued',
      runAt: T0.toISOString(),
      attempts: 0,
      maxAttempts: 5,
      key: null,
    });
  });

  it('leaves no job when the enqueueing transaction rolls back', async () => {
    const failure = new Error('business change failed');
    await expect(
      db()
        .db.transaction()
        .execute(async (tx) => {
          await enqueueJob(tx, { kind: 'mail.send' }, T0, db().capabilities);
          throw failure;
        }),
    ).rejects.toBe(failure);
    expect(await listJobs(db().db)).toEqual([]);
  });

  it('creates nothing for a key while a job with that key is queued or running, and frees the key when it finishes', async () => {
    const first = await enqueueJob(db().db, { kind: 'digest', key: 'digest:ALICIA' }, T0);
    expect(first).toBeTypeOf('number');
    expect(await enqueueJob(db().db, { kind: 'digest', key: 'digest:ALICIA' }, T0)).toBeUndefined();
    expect(await enqueueJob(db().db, { kind: 'digest', key: 'digest:SEAN' }, T0)).toBeTypeOf('number');

    const clock = new TestClock();
    const gate = deferred();
    const worker = testWorker(await appOn(db(), clock), { digest: () => gate.promise });
    const run = worker.runOnce();
    await expect.poll(async () => (await jobById(db(), first)).status).toBe('running');
    expect(await enqueueJob(db().db, { kind: 'digest', key: 'digest:ALICIA' }, T0)).toBeUndefined();
    gate.resolve();
    expect(await run).toMatchObject({ done: 2 });

    expect((await jobById(db(), first)).key).toBeNull();
    const again = await enqueueJob(db().db, { kind: 'digest', key: 'digest:ALICIA' }, T0);
    expect(again).toBeTypeOf('number');
    expect(again).not.toBe(first);
  });

  it('frees the key of a job that died, and a dead job can be retried by hand', async () => {
    const clock = new TestClock();
    const id = await enqueueJob(db().db, { kind: 'nobody.handles.this', key: 'k1' }, T0);
    const worker = testWorker(await appOn(db(), clock), {});
    expect(await worker.runOnce()).toMatchObject({ dead: 1 });
    expect(await jobById(db(), id)).toMatchObject({ status: 'dead', key: null });
    expect(await enqueueJob(db().db, { kind: 'other', key: 'k1' }, T0)).toBeTypeOf('number');

    expect(await retryDeadJob(db().db, id as number, clock.advance(1000))).toBe(true);
    expect(await jobById(db(), id)).toMatchObject({ status: 'queued', attempts: 0, finishedAt: null });
    expect(await retryDeadJob(db().db, id as number, clock.now)).toBe(false);
    expect(await countJobsByStatus(db().db)).toEqual({ queued: 2, running: 0, done: 0, dead: 0 });
  });

  it('enqueues from an engine command in its transaction, for its company and at its time', async () => {
    const clock = new TestClock();
    const app = await appOn(db(), clock);
    const company = await ensureCompany(db().db, { code: 'JOBS', name: 'Jobs Ltd' }, T0);
    const id = await app.run({ company: 'JOBS', userId: 'ADMIN' }, (ctx) =>
      enqueueFromContext(ctx, { kind: 'webhooks.deliver', payload: { event: 'approved' } }),
    );
    expect(await jobById(db(), id)).toMatchObject({ companyId: company.id, runAt: T0.toISOString() });
    await app.dryRun({ company: 'JOBS', userId: 'ADMIN' }, (ctx) => enqueueFromContext(ctx, { kind: 'dry' }));
    expect((await listJobs(db().db, { kind: 'dry' })).length).toBe(0);
  });

  it('lists jobs newest first by status and kind', async () => {
    const a = await enqueueJob(db().db, { kind: 'a' }, T0);
    const b = await enqueueJob(db().db, { kind: 'b' }, T0);
    const c = await enqueueJob(db().db, { kind: 'a' }, T0);
    expect((await listJobs(db().db)).map((j) => j.id)).toEqual([c, b, a]);
    expect((await listJobs(db().db, { kind: 'a' })).map((j) => j.id)).toEqual([c, a]);
    expect((await listJobs(db().db, { status: ['done', 'dead'] })).length).toBe(0);
    expect((await listJobs(db().db, { status: 'queued', beforeId: c as number, limit: 1 })).map((j) => j.id)).toEqual([
      b,
    ]);
  });

  it('refuses a job without a kind or with a maximum of attempts below 1', async () => {
    await expect(enqueueJob(db().db, { kind: ' ' }, T0)).rejects.toMatchObject({ code: 'job-kind-missing' });
    await expect(enqueueJob(db().db, { kind: 'x', maxAttempts: 0 }, T0)).rejects.toMatchObject({
      code: 'job-max-attempts-invalid',
    });
  });
});
