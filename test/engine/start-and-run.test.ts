import { expect, it } from 'vitest';
import { handleEvent } from '../../src/engine/execution/handle-event.ts';
import { listArchivedInstances, listInstances } from '../../src/engine/execution/instance-queries.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { expenseRecord, insertExpense, readLog } from '../support/expense-module.ts';
import { enabledWorkflow, event, log, newTestCompany, response } from '../support/harness.ts';

describeEachDialect('starting a workflow and running its responses', (db) => {
  it('an enabled workflow whose entry event happens starts one instance and runs its responses in order', async () => {
    const t = await newTestCompany(db());
    const outcome = await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'EXP', [
        event(1, null, 'expense.submitted'),
        log(2, 1, 'first'),
        log(3, 2, 'second'),
        event(4, 3, 'expense.approved'),
        log(5, 4, 'approved'),
      ]);
      const record = await insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '120.00' });
      return handleEvent(ctx, 'expense.submitted', record);
    });
    expect(outcome).toMatchObject({ handled: true, started: true });
    await t.run(async (ctx) => {
      expect(await readLog(ctx)).toEqual(['first expense:E1', 'second expense:E1']);
      const [instance] = await listInstances(ctx);
      expect(instance?.steps.map((s) => s.status)).toEqual([
        'completed',
        'completed',
        'completed',
        'active',
        'inactive',
      ]);
    });
  });

  it('an event nobody listens to changes nothing', async () => {
    const t = await newTestCompany(db());
    const outcome = await t.run(async (ctx) =>
      handleEvent(ctx, 'expense.submitted', await insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '1' })),
    );
    expect(outcome).toMatchObject({ handled: false, started: false });
    await t.run(async (ctx) => expect(await listInstances(ctx)).toEqual([]));
  });

  it('only the first enabled workflow by code whose condition matches starts, once per event', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'B-BIG', [
        event(1, null, 'expense.submitted', { conditions: { expense: { amount: '>=100' } } }),
        log(2, 1, 'B'),
      ]);
      await enabledWorkflow(ctx, 'C-ALL', [
        event(1, null, 'expense.submitted', { conditions: { expense: { employee: '*' } } }),
        log(2, 1, 'C'),
      ]);
      await enabledWorkflow(ctx, 'A-SMALL', [
        event(1, null, 'expense.submitted', { conditions: { expense: { amount: '<100' } } }),
        log(2, 1, 'A'),
      ]);
      await handleEvent(
        ctx,
        'expense.submitted',
        await insertExpense(ctx, { no: 'BIG', employee: 'Ann', amount: '500' }),
      );
      await handleEvent(
        ctx,
        'expense.submitted',
        await insertExpense(ctx, { no: 'SMALL', employee: 'Ann', amount: '99.99' }),
      );
      expect(await readLog(ctx)).toEqual(['B expense:BIG', 'A expense:SMALL']);
      expect((await listArchivedInstances(ctx)).map((i) => `${i.workflowCode}:${i.record.key}`).sort()).toEqual([
        'A-SMALL:SMALL',
        'B-BIG:BIG',
      ]);
    });
  });

  it('an entry condition on related lines needs at least one matching line', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'TRAVEL', [
        event(1, null, 'expense.submitted', { conditions: { 'expense-line': { category: 'Travel' } } }),
        log(2, 1, 'travel'),
      ]);
      const meals = await insertExpense(ctx, {
        no: 'M',
        employee: 'Ann',
        amount: '10',
        lines: [{ category: 'Meals', amount: '10' }],
      });
      const mixed = await insertExpense(ctx, {
        no: 'T',
        employee: 'Ann',
        amount: '30',
        lines: [
          { category: 'Meals', amount: '10' },
          { category: 'Travel', amount: '20' },
        ],
      });
      expect((await handleEvent(ctx, 'expense.submitted', meals)).handled).toBe(false);
      expect((await handleEvent(ctx, 'expense.submitted', mixed)).handled).toBe(true);
      expect(await readLog(ctx)).toEqual(['travel expense:T']);
    });
  });

  it('conditions read the stored record, not the copy handed to the event', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'BIG', [
        event(1, null, 'expense.submitted', { conditions: { expense: { amount: '>1000' } } }),
        log(2, 1, 'big'),
      ]);
      await insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '5000' });
      const stale = { table: 'expense', key: 'E1', data: { no: 'E1', amount: '1' } };
      expect((await handleEvent(ctx, 'expense.submitted', stale)).handled).toBe(true);
    });
  });

  it('a response that throws undoes everything the event did', async () => {
    const t = await newTestCompany(db());
    await t.run((ctx) =>
      enabledWorkflow(ctx, 'FAILS', [
        event(1, null, 'expense.submitted'),
        log(2, 1, 'before'),
        response(3, 2, 'expense.fail'),
      ]),
    );
    await t.run((ctx) => insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '1' }));
    await expect(
      t.run(async (ctx) => handleEvent(ctx, 'expense.submitted', await expenseRecord(ctx, 'E1'))),
    ).rejects.toThrow('the response failed on purpose');
    await t.run(async (ctx) => {
      expect(await readLog(ctx)).toEqual([]);
      expect(await listInstances(ctx)).toEqual([]);
      expect(await listArchivedInstances(ctx)).toEqual([]);
    });
  });

  it('show message hands its text back to the caller', async () => {
    const t = await newTestCompany(db());
    const outcome = await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'MSG', [
        event(1, null, 'expense.submitted'),
        response(2, 1, 'show-message', { message: 'Sent for approval.' }),
      ]);
      return handleEvent(
        ctx,
        'expense.submitted',
        await insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '1' }),
      );
    });
    expect(outcome.messages).toEqual(['Sent for approval.']);
  });

  it('an instance with nothing left to wait for is archived with its step statuses', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'ONCE', [event(1, null, 'expense.submitted'), response(2, 1, 'do-nothing')]);
      await handleEvent(ctx, 'expense.submitted', await insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '1' }));
      expect(await listInstances(ctx)).toEqual([]);
      const [archived] = await listArchivedInstances(ctx, { recordKey: 'E1' });
      expect(archived?.archivedAt).toBeDefined();
      expect(archived?.steps.map((s) => [s.functionCode, s.status, s.record])).toEqual([
        ['expense.submitted', 'completed', 'expense:E1'],
        ['do-nothing', 'completed', 'expense:E1'],
      ]);
    });
  });
});
