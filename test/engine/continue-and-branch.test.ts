import { expect, it } from 'vitest';
import { disableWorkflow, enableWorkflow } from '../../src/engine/definition/enable.ts';
import { updateWorkflow } from '../../src/engine/definition/workflows.ts';
import { handleEvent, handleEventOnInstance } from '../../src/engine/execution/handle-event.ts';
import { getInstance, listArchivedInstances, listInstances } from '../../src/engine/execution/instance-queries.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { expenseRecord, insertExpense, readLog, setExpenseAmount } from '../support/expense-module.ts';
import { enabledWorkflow, event, log, newTestCompany } from '../support/harness.ts';

/** submitted → log; then approved (amount ≤ 1000) | approved (amount > 1000) | rejected. */
const approvalSteps = [
  event(1, null, 'expense.submitted'),
  log(2, 1, 'submitted'),
  event(3, 2, 'expense.approved', { sequence: 1, conditions: { expense: { amount: '..1000' } } }),
  log(4, 3, 'small approved'),
  event(5, 2, 'expense.approved', { sequence: 2, conditions: { expense: { amount: '>1000' } } }),
  log(6, 5, 'large approved'),
  event(7, 2, 'expense.rejected', { sequence: 3 }),
  log(8, 7, 'rejected'),
];

describeEachDialect('continuing a running instance', (db) => {
  it('the next event on the same record continues its instance instead of starting another', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'APPROVE', approvalSteps);
      const record = await insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '200' });
      const started = await handleEvent(ctx, 'expense.submitted', record);
      const continued = await handleEvent(ctx, 'expense.approved', record);
      expect(continued).toMatchObject({ handled: true, started: false, instanceId: started.instanceId });
      expect(await readLog(ctx)).toEqual(['submitted expense:E1', 'small approved expense:E1']);
    });
  });

  it('of alternative branches the first matching one by sequence runs and the others are ignored', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'APPROVE', approvalSteps);
      const record = await insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '5000' });
      const { instanceId } = await handleEvent(ctx, 'expense.submitted', record);
      await handleEvent(ctx, 'expense.approved', record);
      expect(await readLog(ctx)).toEqual(['submitted expense:E1', 'large approved expense:E1']);
      const archived = await getInstance(ctx, instanceId as string);
      expect(archived.archivedAt).toBeDefined();
      const byDefinitionStep = Object.fromEntries(archived.steps.map((s) => [s.originalStepId, s.status]));
      expect(byDefinitionStep).toEqual({
        1: 'completed',
        2: 'completed',
        3: 'ignored',
        4: 'inactive',
        5: 'completed',
        6: 'completed',
        7: 'ignored',
        8: 'inactive',
      });
    });
  });

  it('when the running instance waits for the event but its condition fails, no new workflow starts', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'A-ONLY-SMALL', [
        event(1, null, 'expense.submitted'),
        log(2, 1, 'A submitted'),
        event(3, 2, 'expense.reminded', { conditions: { expense: { amount: '..1000' } } }),
        log(4, 3, 'A reminded'),
      ]);
      // Would match on its own, but the running instance of A-ONLY-SMALL takes precedence.
      await enabledWorkflow(ctx, 'B-REMINDED', [event(1, null, 'expense.reminded'), log(2, 1, 'B started')]);
      const record = await insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '200' });
      await handleEvent(ctx, 'expense.submitted', record);
      await setExpenseAmount(ctx, 'E1', '5000');
      const outcome = await handleEvent(ctx, 'expense.reminded', await expenseRecord(ctx, 'E1'));
      expect(outcome).toMatchObject({ handled: false, started: false });
      expect(await readLog(ctx)).toEqual(['A submitted expense:E1']);
      expect(await listInstances(ctx)).toHaveLength(1);
    });
  });

  it('an event for a known instance continues exactly that instance', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'APPROVE', approvalSteps);
      const e1 = await insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '200' });
      const e2 = await insertExpense(ctx, { no: 'E2', employee: 'Bob', amount: '300' });
      const first = await handleEvent(ctx, 'expense.submitted', e1);
      await handleEvent(ctx, 'expense.submitted', e2);
      // The record handed in does not matter: the instance id decides (as for approval entries).
      const outcome = await handleEventOnInstance(ctx, 'expense.rejected', e2, first.instanceId as string);
      expect(outcome).toMatchObject({ handled: true, instanceId: first.instanceId });
      expect(await readLog(ctx)).toEqual(['submitted expense:E1', 'submitted expense:E2', 'rejected expense:E2']);
      expect((await listInstances(ctx)).map((i) => i.record.key)).toEqual(['E2']);
    });
  });

  it('an event for a known instance that waits for something else does nothing', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'APPROVE', approvalSteps);
      const e1 = await insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '200' });
      const { instanceId } = await handleEvent(ctx, 'expense.submitted', e1);
      const outcome = await handleEventOnInstance(ctx, 'expense.reminded', e1, instanceId as string);
      expect(outcome.handled).toBe(false);
    });
  });

  it('field-change rules compare the old and the new record', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'RAISED', [
        event(1, null, 'expense.changed', { rules: [{ field: 'amount', operator: 'increased' }] }),
        log(2, 1, 'amount raised'),
      ]);
      await insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '100' });
      const before = await expenseRecord(ctx, 'E1');
      await setExpenseAmount(ctx, 'E1', '99.99');
      expect((await handleEvent(ctx, 'expense.changed', await expenseRecord(ctx, 'E1'), before)).handled).toBe(false);
      await setExpenseAmount(ctx, 'E1', '100.01');
      expect((await handleEvent(ctx, 'expense.changed', await expenseRecord(ctx, 'E1'), before)).handled).toBe(true);
      // Without the old record the record is compared with itself, so no rule fires.
      expect((await handleEvent(ctx, 'expense.changed', await expenseRecord(ctx, 'E1'))).handled).toBe(false);
      expect(await readLog(ctx)).toEqual(['amount raised expense:E1']);
    });
  });
});

describeEachDialect('running instances keep their own definition', (db) => {
  it('editing and re-enabling a workflow does not change an instance already running', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'APPROVE', approvalSteps);
      await handleEvent(
        ctx,
        'expense.submitted',
        await insertExpense(ctx, { no: 'OLD', employee: 'Ann', amount: '200' }),
      );
      await disableWorkflow(ctx, 'APPROVE');
      await updateWorkflow(ctx, 'APPROVE', {
        steps: [
          event(1, null, 'expense.submitted'),
          log(2, 1, 'v2 submitted'),
          event(3, 2, 'expense.approved'),
          log(4, 3, 'v2 approved'),
        ],
      });
      await enableWorkflow(ctx, 'APPROVE');
      await handleEvent(
        ctx,
        'expense.submitted',
        await insertExpense(ctx, { no: 'NEW', employee: 'Bob', amount: '200' }),
      );
      await handleEvent(ctx, 'expense.approved', await expenseRecord(ctx, 'OLD'));
      await handleEvent(ctx, 'expense.approved', await expenseRecord(ctx, 'NEW'));
      expect(await readLog(ctx)).toEqual([
        'submitted expense:OLD',
        'v2 submitted expense:NEW',
        'small approved expense:OLD',
        'v2 approved expense:NEW',
      ]);
      const archived = await listArchivedInstances(ctx);
      expect(new Set(archived.map((i) => i.versionId)).size).toBe(2);
    });
  });

  it('a disabled workflow starts nothing new but its running instances go on', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'APPROVE', approvalSteps);
      await handleEvent(
        ctx,
        'expense.submitted',
        await insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '200' }),
      );
      await disableWorkflow(ctx, 'APPROVE');
      expect(
        (
          await handleEvent(
            ctx,
            'expense.submitted',
            await insertExpense(ctx, { no: 'E2', employee: 'Bob', amount: '1' }),
          )
        ).handled,
      ).toBe(false);
      expect((await handleEvent(ctx, 'expense.approved', await expenseRecord(ctx, 'E1'))).handled).toBe(true);
    });
  });
});
