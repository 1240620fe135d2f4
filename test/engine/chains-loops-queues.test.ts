import { expect, it } from 'vitest';
import { z } from 'zod';
import { enableWorkflow } from '../../src/engine/definition/enable.ts';
import { createWorkflow } from '../../src/engine/definition/workflows.ts';
import { handleEvent } from '../../src/engine/execution/handle-event.ts';
import { listArchivedInstances, listInstances } from '../../src/engine/execution/instance-queries.ts';
import { defineModule, defineResponse } from '../../src/engine/registry-types.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { expenseModule, expenseRecord, insertExpense, readLog } from '../support/expense-module.ts';
import { enabledWorkflow, event, log, newTestCompany, response } from '../support/harness.ts';

describeEachDialect('response chains, loops and queued events', (db) => {
  it('a response may hand a different record to the responses after it', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'PAY', [
        event(1, null, 'expense.submitted'),
        log(2, 1, 'before'),
        response(3, 2, 'expense.create-payment'),
        log(4, 3, 'after'),
      ]);
      await handleEvent(ctx, 'expense.submitted', await insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '1' }));
      expect(await readLog(ctx)).toEqual(['before expense:E1', 'after expense-payment:PAY-E1']);
      // Each step still records the event's record, not the handed-on one.
      const [instance] = await listArchivedInstances(ctx);
      expect(instance?.steps.map((s) => s.record)).toEqual(['expense:E1', 'expense:E1', 'expense:E1', 'expense:E1']);
    });
  });

  it('a next-step link loops back, so the instance waits for the same events again', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'REMIND', [
        event(1, null, 'expense.submitted'),
        log(2, 1, 'waiting'),
        event(3, 2, 'expense.reminded'),
        log(4, 3, 'reminder', { nextStepId: 2 }),
        event(5, 2, 'expense.approved'),
        log(6, 5, 'approved'),
      ]);
      const record = await insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '1' });
      await handleEvent(ctx, 'expense.submitted', record);
      await handleEvent(ctx, 'expense.reminded', record);
      await handleEvent(ctx, 'expense.reminded', record);
      expect(await listInstances(ctx)).toHaveLength(1);
      await handleEvent(ctx, 'expense.approved', record);
      expect(await readLog(ctx)).toEqual([
        'waiting expense:E1',
        'reminder expense:E1',
        'reminder expense:E1',
        'approved expense:E1',
      ]);
      expect(await listInstances(ctx)).toEqual([]);
    });
  });

  it('an event a response raises for its own instance waits until the chain is done, then runs', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'AUTO', [
        event(1, null, 'expense.submitted'),
        response(2, 1, 'expense.approve-now'),
        log(3, 2, 'chain end'),
        event(4, 3, 'expense.approved'),
        log(5, 4, 'approved'),
      ]);
      await handleEvent(ctx, 'expense.submitted', await insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '1' }));
      expect(await readLog(ctx)).toEqual([
        'approve-now raised approved',
        'chain end expense:E1',
        'approved expense:E1',
      ]);
      expect(await listInstances(ctx)).toEqual([]);
      expect(await listArchivedInstances(ctx)).toHaveLength(1);
    });
  });

  it('an event on a related record continues the instance through a table relation', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'PAID', [
        event(1, null, 'expense.submitted'),
        log(2, 1, 'submitted'),
        event(3, 2, 'expense.paid'),
        log(4, 3, 'paid'),
      ]);
      await handleEvent(ctx, 'expense.submitted', await insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '1' }));
      const unrelated = { table: 'expense-payment', key: 'PAY-X', data: { paymentNo: 'PAY-X', expenseNo: 'OTHER' } };
      expect((await handleEvent(ctx, 'expense.paid', unrelated)).handled).toBe(false);
      const payment = { table: 'expense-payment', key: 'PAY-1', data: { paymentNo: 'PAY-1', expenseNo: 'E1' } };
      expect((await handleEvent(ctx, 'expense.paid', payment)).handled).toBe(true);
      expect(await readLog(ctx)).toEqual(['submitted expense:E1', 'paid expense-payment:PAY-1']);
    });
  });

  it('a sub-workflow runs in place, and the steps after it follow its last step', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'SUB', [event(1, null, 'expense.reminded'), log(2, 1, 'sub reminded')]);
      await createWorkflow(ctx, {
        code: 'MAIN',
        description: 'Main',
        steps: [
          event(1, null, 'expense.submitted'),
          log(2, 1, 'main submitted'),
          { id: 3, previousStepId: 2, type: 'sub-workflow', functionCode: 'SUB' },
          event(4, 3, 'expense.approved'),
          log(5, 4, 'main approved'),
        ],
      });
      await enableWorkflow(ctx, 'MAIN');
      const record = await insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '1' });
      const started = await handleEvent(ctx, 'expense.submitted', record);
      await handleEvent(ctx, 'expense.reminded', record);
      await handleEvent(ctx, 'expense.approved', record);
      expect(await readLog(ctx)).toEqual([
        'main submitted expense:E1',
        'sub reminded expense:E1',
        'main approved expense:E1',
      ]);
      const [archived] = await listArchivedInstances(ctx);
      expect(archived?.id).toBe(started.instanceId);
      expect(archived?.workflowCode).toBe('MAIN');
      expect(archived?.steps.map((s) => `${s.originalWorkflowCode}/${s.originalStepId}`)).toEqual([
        'MAIN/1',
        'MAIN/2',
        'SUB/1',
        'SUB/2',
        'MAIN/4',
        'MAIN/5',
      ]);
    });
  });

  it('events raised without end are stopped with a clear error', async () => {
    const looping = defineModule({
      name: 'looping',
      responses: [
        defineResponse({
          code: 'expense.submit-again',
          description: 'Submit the claim again.',
          options: z.object({}),
          execute: async (ctx, { record }) => {
            await ctx.raiseEvent('expense.submitted', record);
            return undefined;
          },
        }),
      ],
    });
    const t = await newTestCompany(db(), [expenseModule, looping]);
    await t.run((ctx) =>
      enabledWorkflow(ctx, 'LOOP', [event(1, null, 'expense.submitted'), response(2, 1, 'expense.submit-again')]),
    );
    await t.run((ctx) => insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '1' }));
    await expect(
      t.run(async (ctx) => handleEvent(ctx, 'expense.submitted', await expenseRecord(ctx, 'E1'))),
    ).rejects.toMatchObject({
      code: 'event-recursion-limit',
    });
    await t.run(async (ctx) => expect(await listInstances(ctx)).toEqual([]));
  });

  it('an unknown event code or record table is refused', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      const record = await insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '1' });
      await expect(handleEvent(ctx, 'expense.vanished', record)).rejects.toMatchObject({ code: 'event-unknown' });
      await expect(handleEvent(ctx, 'expense.submitted', { ...record, table: 'nope' })).rejects.toMatchObject({
        code: 'table-unknown',
      });
    });
  });
});
