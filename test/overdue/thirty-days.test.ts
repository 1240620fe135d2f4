import { expect, it } from 'vitest';
import { entryHistory } from '../../src/approvals/entry-store.ts';
import { listEntries } from '../../src/approvals/queries.ts';
import { approveEntries } from '../../src/approvals/user-actions.ts';
import { createWorker, scheduleRecurring } from '../../src/jobs/index.ts';
import { approvalJobHandlers, approvalRecurringJobs, JOB_USER_ID } from '../../src/overdue/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { at, type ClockedCompany, clockedCompany, overdueNotifications, sentDocument } from './fixtures.ts';

/**
 * Thirty simulated days with a moving clock, through the real worker and the daily recurring jobs
 * (delegation at 06:00, overdue run at 07:00; the worker runs at 07:30). ALICIA sends on day 0
 * (2026-03-02) a sales order A and a quote Q to JOHN, both due 2026-03-05 (`<3D>`); only orders
 * are delegated after two days. Order B is approved at once; order C is sent on day 10.
 *
 * A: JOHN → MARY (day 2) → SEAN (day 4) → ADMIN (day 6), who has nobody to pass it to; overdue
 *    from day 4 (due 03-05 is before 03-06, D5), never decided.
 * Q: stays with JOHN, overdue days 4-10; JOHN approves it on day 10 after the run.
 * C: sent day 10, due 03-15; JOHN → MARY on day 12, MARY approves on day 13: never overdue.
 */
describeEachDialect('thirty days of overdue runs and automatic delegation (D5, D6, D10)', (db) => {
  async function decide(c: ClockedCompany, userId: string, entryId: number, time: Date) {
    c.setNow(time);
    await c.app.run({ company: c.code, userId }, (ctx) => approveEntries(ctx, [entryId]));
  }

  async function delegations(c: ClockedCompany, entryId: number) {
    const history = await c.app.run({ company: c.code, userId: 'ADMIN' }, (ctx) => entryHistory(ctx, entryId));
    return history
      .filter((h) => h.action === 'delegated')
      .map((h) => ({ from: h.from_approver, to: h.to_approver, at: h.at, by: h.by_user, channel: h.channel }));
  }

  it('D5/D6: one overdue notification per recipient per run listing all theirs; D10: each delegation once', async () => {
    const c = await clockedCompany(db());
    const a = await sentDocument(c, 'order');
    const q = await sentDocument(c, 'quote');
    const b = await sentDocument(c, 'order');
    expect([a.entry, q.entry, b.entry].map((e) => [e.approverId, e.dueDate, e.delegationFormula])).toEqual([
      ['JOHN', '2026-03-05', '<2D>'],
      ['JOHN', '2026-03-05', ''],
      ['JOHN', '2026-03-05', '<2D>'],
    ]);
    await decide(c, 'JOHN', b.entry.id, at(0, '12:00'));

    await scheduleRecurring(c.app.database.db, approvalRecurringJobs(await c.app.company(c.code)), c.now());
    const errors: unknown[] = [];
    const worker = createWorker({
      app: c.app,
      handlers: approvalJobHandlers,
      concurrency: 1,
      random: () => 0,
      onError: (error) => errors.push(error),
    });

    /** Who hears of what on `day` (D6: approver, the approver's approver, sender), by recipient. */
    function expected(day: number) {
      const lists = new Map<string, number[]>();
      const add = (recipient: string, id: number) => lists.set(recipient, [...(lists.get(recipient) ?? []), id]);
      if (day >= 4) {
        add(day <= 5 ? 'SEAN' : 'ADMIN', a.entry.id); // SEAN and ADMIN have no approver of their own
        add('ALICIA', a.entry.id);
      }
      if (day >= 4 && day <= 10) {
        add('JOHN', q.entry.id);
        add('MARY', q.entry.id); // JOHN's approver
        add('ALICIA', q.entry.id);
      }
      return [...lists]
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([recipientId, ids]) => ({ recipientId, first: ids[0], entryIds: ids.sort((m, n) => m - n) }));
    }

    let c2: number | undefined;
    let expectedRows = 0;
    let expectedNotifications = 0;
    for (let day = 1; day <= 30; day++) {
      c.setNow(at(day));
      expect(await worker.runOnce(), `day ${day}`).toEqual({ done: 2, retried: 0, dead: 0, lost: 0 });
      const want = expected(day);
      expect(await overdueNotifications(c, at(day)), `day ${day}`).toEqual(want);
      expectedNotifications += want.length;
      expectedRows += want.reduce((n, w) => n + w.entryIds.length, 0);
      if (day === 10) {
        c.setNow(at(10, '09:00'));
        c2 = (await sentDocument(c, 'order')).entry.id;
        await decide(c, 'JOHN', q.entry.id, at(10, '12:00'));
      }
      if (day === 13 && c2 !== undefined) await decide(c, 'MARY', c2, at(13, '12:00'));
    }
    expect(errors).toEqual([]);

    const job = { by: JOB_USER_ID, channel: 'job' };
    expect(await delegations(c, a.entry.id)).toEqual([
      { from: 'JOHN', to: 'MARY', at: at(2).toISOString(), ...job },
      { from: 'MARY', to: 'SEAN', at: at(4).toISOString(), ...job },
      { from: 'SEAN', to: 'ADMIN', at: at(6).toISOString(), ...job },
    ]);
    expect(await delegations(c, c2 ?? 0)).toEqual([{ from: 'JOHN', to: 'MARY', at: at(12).toISOString(), ...job }]);
    expect(await delegations(c, q.entry.id)).toEqual([]);
    expect(await delegations(c, b.entry.id)).toEqual([]);

    const counts = await c.app.run({ company: c.code, userId: 'ADMIN' }, async (ctx) => {
      const count = async (table: 'overdue_approval_entry' | 'notification_entry', type?: string) => {
        let query = ctx.tx
          .selectFrom(table)
          .select(({ fn }) => fn.countAll<number>().as('n'))
          .where('company_id', '=', ctx.companyId);
        if (type) query = query.where('type' as never, '=', type as never);
        return Number((await query.executeTakeFirstOrThrow()).n);
      };
      const jobs = await ctx.tx.selectFrom('job').select(['kind', 'status']).execute();
      return {
        rows: await count('overdue_approval_entry'),
        notifications: await count('notification_entry', 'overdue'),
        jobs: jobs.filter((j) => j.status === 'done').length,
        // D5: the list indicator and the run agree; on day 30 A is ADMIN's only overdue entry.
        adminOverdue: (await listEntries(ctx, 'overdue')).map((e) => e.id),
      };
    });
    expect(counts).toEqual({
      rows: expectedRows,
      notifications: expectedNotifications,
      jobs: 60,
      adminOverdue: [a.entry.id],
    });
    // 27 runs for A (holder and ALICIA) + 7 runs for Q (JOHN and MARY; ALICIA's one notification lists both).
    expect(expectedNotifications).toBe(2 * 27 + 2 * 7);
  });
});
