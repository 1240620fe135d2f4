import { expect, it } from 'vitest';
import { handleEvent } from '../../src/engine/execution/handle-event.ts';
import { listArchivedInstances } from '../../src/engine/execution/instance-queries.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { expenseRecord, insertExpense, readLog } from '../support/expense-module.ts';
import { enabledWorkflow, event, log, newTestCompany } from '../support/harness.ts';

describeEachDialect('two commands on one instance at the same time', (db) => {
  it('two simultaneous events for the same waiting step continue the instance once', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'ONCE', [
        event(1, null, 'expense.submitted'),
        log(2, 1, 'submitted'),
        event(3, 2, 'expense.approved'),
        log(4, 3, 'approved'),
      ]);
      await handleEvent(ctx, 'expense.submitted', await insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '1' }));
    });
    const attempt = (user: string) =>
      t
        .run(async (ctx) => handleEvent(ctx, 'expense.approved', await expenseRecord(ctx, 'E1')), user)
        .then(
          (outcome) => outcome.handled,
          (error: { code?: string }) => error.code ?? 'error',
        );
    const results = await Promise.all([attempt('ANN'), attempt('BOB')]);
    // One continues the instance; the other finds nothing left to continue (or is told it changed).
    expect(results.filter((r) => r === true)).toHaveLength(1);
    expect(results.filter((r) => r !== true).every((r) => r === false || r === 'workflow-instance-changed')).toBe(true);
    await t.run(async (ctx) => {
      expect(await readLog(ctx)).toEqual(['submitted expense:E1', 'approved expense:E1']);
      expect(await listArchivedInstances(ctx)).toHaveLength(1);
    });
  });
});
