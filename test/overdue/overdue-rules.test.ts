import { describe, expect, it } from 'vitest';
import { entryHistory } from '../../src/approvals/entry-store.ts';
import { listEntries } from '../../src/approvals/queries.ts';
import { disableWorkflow } from '../../src/engine/definition/enable.ts';
import { getWorkflow } from '../../src/engine/definition/workflow-store.ts';
import type { JobContext, RunningJob } from '../../src/jobs/types.ts';
import { PermanentJobError } from '../../src/jobs/types.ts';
import {
  allApprovalRecurringJobs,
  approvalJobHandlers,
  approvalRecurringJobs,
  CREATE_OVERDUE_NOTIFICATIONS,
  DELEGATE_JOB,
  OVERDUE_JOB,
  OVERDUE_RUN_EVENT,
  OVERDUE_TEMPLATE,
  runAutoDelegation,
  runOverdue,
} from '../../src/overdue/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { at, type ClockedCompany, clockedCompany, overdueNotifications, sentDocument } from './fixtures.ts';

async function overdueList(c: ClockedCompany, now: Date, userId = 'ADMIN') {
  c.setNow(now);
  return c.app.run({ company: c.code, userId }, async (ctx) => (await listEntries(ctx, 'overdue')).map((e) => e.id));
}

function job(kind: string, payload: Record<string, unknown>, companyId: number | null = null): RunningJob {
  return { id: 1, kind, payload, companyId, attempt: 1, maxAttempts: 3 };
}

function jobContext(c: ClockedCompany, now: Date): JobContext {
  return { app: c.app, db: c.app.database.db, now, workerId: 'test', signal: new AbortController().signal };
}

describe('WS-OVERDUE and the approval jobs', () => {
  it('the template is E overdue-run → R create-overdue-notifications, category ADMIN', () => {
    expect(OVERDUE_TEMPLATE).toMatchObject({ code: 'WS-OVERDUE', category: 'ADMIN' });
    expect(OVERDUE_TEMPLATE.steps.map((s) => [s.type, s.functionCode, s.previousStepId])).toEqual([
      ['event', OVERDUE_RUN_EVENT, null],
      ['response', CREATE_OVERDUE_NOTIFICATIONS, 1],
    ]);
  });

  it('recurring definitions: one delegation and one overdue run a day per company, in its time zone', () => {
    expect(approvalRecurringJobs({ code: 'CRONUS', timeZone: 'Europe/Amsterdam' })).toEqual([
      {
        name: 'approvals.delegate:CRONUS',
        kind: DELEGATE_JOB,
        cron: '0 6 * * *',
        timeZone: 'Europe/Amsterdam',
        payload: { company: 'CRONUS' },
      },
      {
        name: 'approvals.overdue:CRONUS',
        kind: OVERDUE_JOB,
        cron: '0 7 * * *',
        timeZone: 'Europe/Amsterdam',
        payload: { company: 'CRONUS' },
      },
    ]);
    expect(Object.keys(approvalJobHandlers).sort()).toEqual(['approvals.delegate', 'approvals.overdue']);
  });
});

describeEachDialect('overdue run and automatic delegation: the rules', (db) => {
  it('every company gets its two daily jobs in its own time zone', async () => {
    const c = await clockedCompany(db(), 'Europe/Amsterdam');
    const all = await allApprovalRecurringJobs(db().db);
    expect(all.filter((d) => d.name.endsWith(`:${c.code}`))).toEqual(
      approvalRecurringJobs({ code: c.code, timeZone: 'Europe/Amsterdam' }),
    );
  });

  it('D5: overdue means due before today in the company time zone; the run and the list agree', async () => {
    // Auckland is 13 hours ahead: 2026-03-05T11:01Z is already 03-06 there.
    const c = await clockedCompany(db(), 'Pacific/Auckland');
    const { entry } = await sentDocument(c, 'quote');
    expect(entry.dueDate).toBe('2026-03-05');
    const lastMinute = new Date('2026-03-05T10:59:00Z');
    const nextDay = new Date('2026-03-05T11:01:00Z');
    expect(await overdueList(c, lastMinute)).toEqual([]);
    expect((await runOverdue(c.app, c.code, lastMinute)).entryIds).toEqual([]);
    expect(await overdueList(c, nextDay)).toEqual([entry.id]);
    const run = await runOverdue(c.app, c.code, nextDay);
    expect(run).toMatchObject({ handled: true, runDate: '2026-03-06', entryIds: [entry.id] });
    expect(run.notices).toEqual([
      { recipientId: 'ALICIA', entryIds: [entry.id] },
      { recipientId: 'JOHN', entryIds: [entry.id] },
      { recipientId: 'MARY', entryIds: [entry.id] },
    ]);
    const rows = await c.app.run({ company: c.code, userId: 'ADMIN' }, (ctx) =>
      ctx.tx.selectFrom('overdue_approval_entry').select(['entry_id', 'sent_to', 'due_date', 'run_date']).execute(),
    );
    expect(rows.map((r) => r.sent_to).sort()).toEqual(['ALICIA', 'JOHN', 'MARY']);
    expect(rows.every((r) => r.due_date === '2026-03-05' && r.run_date === '2026-03-06')).toBe(true);
  });

  it('D6: each run notifies each recipient once, even when run twice a day; the job runs once a day', async () => {
    const c = await clockedCompany(db());
    const first = await sentDocument(c, 'quote');
    const second = await sentDocument(c, 'quote');
    await runOverdue(c.app, c.code, at(4, '08:00'));
    await runOverdue(c.app, c.code, at(4, '09:00'));
    for (const time of ['08:00', '09:00']) {
      expect(await overdueNotifications(c, at(4, time))).toEqual(
        ['ALICIA', 'JOHN', 'MARY'].map((recipientId) => ({
          recipientId,
          first: first.entry.id,
          entryIds: [first.entry.id, second.entry.id],
        })),
      );
    }
    // The job (at least once) does not repeat a company's run on the same day.
    await approvalJobHandlers[OVERDUE_JOB]?.(job(OVERDUE_JOB, { company: c.code }), jobContext(c, at(4, '10:00')));
    expect(await overdueNotifications(c, at(4, '10:00'))).toEqual([]);
    await approvalJobHandlers[OVERDUE_JOB]?.(job(OVERDUE_JOB, { company: c.code }), jobContext(c, at(5, '07:00')));
    expect(await overdueNotifications(c, at(5, '07:00'))).toHaveLength(3);
  });

  it('without an enabled WS-OVERDUE copy the run does nothing and says so', async () => {
    const c = await clockedCompany(db());
    await sentDocument(c, 'quote');
    await c.t.run(async (ctx) => {
      expect((await getWorkflow(ctx, 'WS-OVERDUE-01')).enabled).toBe(true);
      await disableWorkflow(ctx, 'WS-OVERDUE-01');
    }, 'ADMIN');
    expect(await runOverdue(c.app, c.code, at(9))).toEqual({
      handled: false,
      runDate: '2026-03-11',
      entryIds: [],
      notices: [],
    });
    expect(await overdueNotifications(c, at(9))).toEqual([]);
  });

  it('D10: a run delegates an entry once however long ago its time ran out; a rerun finds nothing', async () => {
    const c = await clockedCompany(db());
    const { entry } = await sentDocument(c, 'order');
    const skipped: unknown[] = [];
    const run = async (day: number, time = '07:30') => {
      const result = await runAutoDelegation(c.app, c.code, at(day, time));
      skipped.push(...result.skipped);
      return result.delegated.map((d) => [d.from, d.to]);
    };
    expect(await run(1)).toEqual([]);
    // The worker was down for a week: one hop, not three.
    expect(await run(9)).toEqual([['JOHN', 'MARY']]);
    expect(await run(9, '07:31')).toEqual([]);
    expect(await run(10)).toEqual([]);
    expect(await run(11)).toEqual([['MARY', 'SEAN']]);
    expect(await run(13)).toEqual([['SEAN', 'ADMIN']]);
    // ADMIN has no substitute and no approver and is the administrator: the entry stays.
    expect(skipped).toEqual([]);
    expect(await run(15)).toEqual([]);
    expect(skipped).toEqual([{ entryId: entry.id, code: 'delegation-target-same', message: expect.any(String) }]);
    const history = await c.app.run({ company: c.code, userId: 'ADMIN' }, (ctx) => entryHistory(ctx, entry.id));
    expect(history.filter((h) => h.action === 'delegated').map((h) => [h.to_approver, h.at])).toEqual([
      ['MARY', at(9).toISOString()],
      ['SEAN', at(11).toISOString()],
      ['ADMIN', at(13).toISOString()],
    ]);
    expect(history.find((h) => h.action === 'delegated')?.reason).toBe(
      'Not decided within <2D> of being sent; delegated automatically.',
    );
  });

  it('the delegate job, called with a hand-made job, delegates; a job without a company dies at once', async () => {
    const c = await clockedCompany(db());
    const { entry } = await sentDocument(c, 'order');
    const { id } = await c.app.company(c.code);
    await approvalJobHandlers[DELEGATE_JOB]?.(job(DELEGATE_JOB, {}, id), jobContext(c, at(2)));
    const history = await c.app.run({ company: c.code, userId: 'ADMIN' }, (ctx) => entryHistory(ctx, entry.id));
    expect(history.at(-1)).toMatchObject({ action: 'delegated', to_approver: 'MARY', channel: 'job' });
    await expect(approvalJobHandlers[DELEGATE_JOB]?.(job(DELEGATE_JOB, {}), jobContext(c, at(2)))).rejects.toThrow(
      PermanentJobError,
    );
  });
});
