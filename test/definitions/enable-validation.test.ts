import { describe, expect, it } from 'vitest';
import { disableWorkflow, enableWorkflow, validateWorkflow } from '../../src/engine/definition/enable.ts';
import type { WorkflowStepInput } from '../../src/engine/definition/types.ts';
import { validateForEnable } from '../../src/engine/definition/validate.ts';
import { getWorkflow, listWorkflows } from '../../src/engine/definition/workflow-store.ts';
import { createWorkflow, updateWorkflow } from '../../src/engine/definition/workflows.ts';
import { handleEvent } from '../../src/engine/execution/handle-event.ts';
import { listInstances } from '../../src/engine/execution/instance-queries.ts';
import { defineModule } from '../../src/engine/registry-types.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { expenseModule, expenseRecord, insertExpense, readLog } from '../support/expense-module.ts';
import { enabledWorkflow, event, log, newTestCompany, response } from '../support/harness.ts';
import { expectFailure, stored, subWorkflow } from './definition-helpers.ts';

/** A second module with a table no relation links to the expense table. */
const mileageModule = defineModule({
  name: 'test-mileage',
  tables: [
    {
      name: 'mileage',
      caption: 'Mileage',
      key: ['no'],
      fields: [
        { name: 'no', type: 'code', caption: 'No.' },
        { name: 'km', type: 'decimal', caption: 'Kilometres' },
      ],
    },
  ],
  events: [{ code: 'mileage.logged', table: 'mileage', description: 'A trip is logged.' }],
});

const doNothing = (id: number, previousStepId: number | null): WorkflowStepInput => ({
  id,
  previousStepId,
  type: 'response',
  functionCode: 'do-nothing',
});

const problemsOf = (problems: readonly { code: string; stepId?: number }[]) =>
  problems.map((p) => (p.stepId === undefined ? [p.code] : [p.code, p.stepId]));

describeEachDialect('enabling a workflow checks it first (reference §2.10)', (db) => {
  it('a complete workflow has no problems, and enabling it marks its first step as the entry point', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await createWorkflow(ctx, {
        code: 'EXP',
        description: 'Expense approval',
        steps: [
          event(1, null, 'expense.submitted'),
          log(2, 1, 'submitted'),
          event(3, 2, 'expense.approved'),
          response(4, 3, 'expense.set-status', { status: 'Approved' }),
        ],
      });
      expect(await validateWorkflow(ctx, 'EXP')).toEqual([]);
      const enabled = await enableWorkflow(ctx, 'EXP');
      expect(enabled.enabled).toBe(true);
      expect(enabled.steps.map((s) => s.entryPoint)).toEqual([true, false, false, false]);
    });
    await t.run(async (ctx) => expect((await getWorkflow(ctx, 'EXP')).enabled).toBe(true));
  });

  it('a template cannot be enabled (workflow-is-template)', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await createWorkflow(ctx, {
        code: 'WS-EXP',
        description: 'Expense approval template',
        template: true,
        steps: [event(1, null, 'expense.submitted'), log(2, 1, 'submitted')],
      });
      expect(problemsOf(await validateWorkflow(ctx, 'WS-EXP'))).toEqual([['workflow-is-template']]);
      await expectFailure(enableWorkflow(ctx, 'WS-EXP'), 'workflow-not-valid', {
        problems: [expect.objectContaining({ code: 'workflow-is-template' })],
      });
    });
    await t.run(async (ctx) => expect((await getWorkflow(ctx, 'WS-EXP')).enabled).toBe(false));
  });

  it('a workflow without steps has no entry point (entry-point-missing)', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await createWorkflow(ctx, { code: 'EMPTY', description: 'Nothing yet' });
      expect(problemsOf(await validateWorkflow(ctx, 'EMPTY'))).toEqual([['entry-point-missing']]);
      await expectFailure(enableWorkflow(ctx, 'EMPTY'), 'workflow-not-valid');
    });
  });

  it('a first step that is a response or a sub-workflow is not an entry point (entry-point-not-event)', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'SUB', [event(1, null, 'expense.reminded'), log(2, 1, 'reminded')]);
      await createWorkflow(ctx, { code: 'RESP-FIRST', description: 'Response first', steps: [doNothing(1, null)] });
      await createWorkflow(ctx, {
        code: 'SUB-FIRST',
        description: 'Sub-workflow first',
        steps: [subWorkflow(1, null, 'SUB'), log(2, 1, 'after')],
      });
      expect(problemsOf(await validateWorkflow(ctx, 'RESP-FIRST'))).toEqual([['entry-point-not-event', 1]]);
      expect(problemsOf(await validateWorkflow(ctx, 'SUB-FIRST'))).toEqual([['entry-point-not-event', 1]]);
    });
  });

  it('a second step that follows no step is an orphan (step-orphan)', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await createWorkflow(ctx, {
        code: 'ORPHAN',
        description: 'Two roots',
        steps: [event(1, null, 'expense.submitted'), log(2, 1, 'submitted'), doNothing(3, null)],
      });
      expect(problemsOf(await validateWorkflow(ctx, 'ORPHAN'))).toEqual([['step-orphan', 3]]);
    });
  });

  it('a step saved without saying which event or response it is cannot be enabled (function-missing)', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await createWorkflow(ctx, {
        code: 'HALF',
        description: 'Half built',
        steps: [event(1, null, 'expense.submitted'), { id: 2, previousStepId: 1, type: 'response', functionCode: '' }],
      });
      expect(problemsOf(await validateWorkflow(ctx, 'HALF'))).toEqual([['function-missing', 2]]);
    });
  });

  it('an unknown event is refused when the workflow is saved, so enabling never meets one (event-unknown)', async () => {
    const t = await newTestCompany(db());
    await expectFailure(
      t.run((ctx) =>
        createWorkflow(ctx, {
          code: 'UNKNOWN',
          description: 'Unknown event',
          steps: [event(1, null, 'expense.submitted'), event(2, 1, 'expense.vanished')],
        }),
      ),
      'event-unknown',
      { stepId: 2 },
    );
    await t.run(async (ctx) => expect(await listWorkflows(ctx)).toEqual([]));
  });

  it('a stored step whose event is no longer registered is still reported when enabling (event-unknown)', async () => {
    const t = await newTestCompany(db());
    const workflow = {
      id: 1,
      code: 'OLD',
      description: 'Made with a module that is gone',
      category: '',
      enabled: false,
      template: false,
      revision: 1,
      steps: [stored(event(1, null, 'expense.submitted')), stored(event(2, 1, 'mileage.logged'))],
    };
    const problems = validateForEnable(t.app.registry, workflow, { workflow: () => undefined, otherEntryPoints: [] });
    expect(problemsOf(problems)).toEqual([['event-unknown', 2]]);
  });

  it('a sub-workflow that does not exist is refused on save and reported when enabling (sub-workflow-unknown)', async () => {
    const t = await newTestCompany(db());
    const steps = [event(1, null, 'expense.submitted'), subWorkflow(2, 1, 'NOWHERE')];
    await expectFailure(
      t.run((ctx) => createWorkflow(ctx, { code: 'MAIN', description: 'Main', steps })),
      'sub-workflow-unknown',
      { stepId: 2 },
    );
    await t.run(async (ctx) => expect(await listWorkflows(ctx)).toEqual([]));
    const workflow = {
      id: 1,
      code: 'MAIN',
      description: 'Main',
      category: '',
      enabled: false,
      template: false,
      revision: 1,
      steps: steps.map(stored),
    };
    const problems = validateForEnable(t.app.registry, workflow, { workflow: () => undefined, otherEntryPoints: [] });
    expect(problemsOf(problems)).toEqual([['sub-workflow-unknown', 2]]);
  });

  it('a sub-workflow must be enabled before a workflow that uses it (sub-workflow-disabled)', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await createWorkflow(ctx, {
        code: 'SUB',
        description: 'Reminder',
        steps: [event(1, null, 'expense.reminded'), log(2, 1, 'reminded')],
      });
      await createWorkflow(ctx, {
        code: 'MAIN',
        description: 'Main',
        steps: [event(1, null, 'expense.submitted'), subWorkflow(2, 1, 'SUB')],
      });
      expect(problemsOf(await validateWorkflow(ctx, 'MAIN'))).toEqual([['sub-workflow-disabled', 2]]);
      await enableWorkflow(ctx, 'SUB');
      expect(await validateWorkflow(ctx, 'MAIN')).toEqual([]);
      expect((await enableWorkflow(ctx, 'MAIN')).enabled).toBe(true);
    });
  });

  it('a response whose mandatory options are not filled in cannot be enabled (response-options-missing)', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await createWorkflow(ctx, {
        code: 'NO-NOTE',
        description: 'Log without a note',
        steps: [event(1, null, 'expense.submitted'), response(2, 1, 'expense.log'), log(3, 2, '')],
      });
      expect(problemsOf(await validateWorkflow(ctx, 'NO-NOTE'))).toEqual([
        ['response-options-missing', 2],
        ['response-options-missing', 3],
      ]);
      await updateWorkflow(ctx, 'NO-NOTE', {
        steps: [event(1, null, 'expense.submitted'), log(2, 1, 'one'), log(3, 2, 'two')],
      });
      expect(await validateWorkflow(ctx, 'NO-NOTE')).toEqual([]);
    });
  });

  describe('entry points must be unique per event (entry-point-not-unique)', () => {
    it('a second workflow on the same event without conditions is refused', async () => {
      const t = await newTestCompany(db());
      await t.run(async (ctx) => {
        await enabledWorkflow(ctx, 'FIRST', [event(1, null, 'expense.submitted'), log(2, 1, 'first')]);
        await createWorkflow(ctx, {
          code: 'SECOND',
          description: 'Second',
          steps: [event(1, null, 'expense.submitted'), log(2, 1, 'second')],
        });
        expect(problemsOf(await validateWorkflow(ctx, 'SECOND'))).toEqual([['entry-point-not-unique', 1]]);
        await expectFailure(enableWorkflow(ctx, 'SECOND'), 'workflow-not-valid', {
          problems: [expect.objectContaining({ code: 'entry-point-not-unique', stepId: 1 })],
        });
      });
    });

    it('workflows on the same event with distinct conditions are all accepted', async () => {
      const t = await newTestCompany(db());
      await t.run(async (ctx) => {
        await enabledWorkflow(ctx, 'SMALL', [
          event(1, null, 'expense.submitted', { conditions: { expense: { amount: '<100' } } }),
          log(2, 1, 'small'),
        ]);
        await enabledWorkflow(ctx, 'BIG', [
          event(1, null, 'expense.submitted', { conditions: { expense: { amount: '>=100' } } }),
          log(2, 1, 'big'),
        ]);
        await enabledWorkflow(ctx, 'GROWS', [
          event(1, null, 'expense.changed', { rules: [{ field: 'amount', operator: 'increased' }] }),
          log(2, 1, 'grows'),
        ]);
        await enabledWorkflow(ctx, 'SHRINKS', [
          event(1, null, 'expense.changed', { rules: [{ field: 'amount', operator: 'decreased' }] }),
          log(2, 1, 'shrinks'),
        ]);
        expect((await listWorkflows(ctx)).map((w) => [w.code, w.enabled])).toEqual([
          ['BIG', true],
          ['GROWS', true],
          ['SHRINKS', true],
          ['SMALL', true],
        ]);
      });
    });

    it('identical main-table filters with equal rules are refused, whatever order the fields were given in', async () => {
      const t = await newTestCompany(db());
      await t.run(async (ctx) => {
        await enabledWorkflow(ctx, 'OPEN-BIG', [
          event(1, null, 'expense.changed', {
            conditions: { expense: { amount: '>100', status: 'Open' } },
            rules: [{ field: 'amount', operator: 'increased' }],
          }),
          log(2, 1, 'a'),
        ]);
        await createWorkflow(ctx, {
          code: 'SAME',
          description: 'Same condition, fields in another order',
          steps: [
            event(1, null, 'expense.changed', {
              conditions: { expense: { status: 'Open', amount: '>100' } },
              rules: [{ field: 'amount', operator: 'increased' }],
            }),
            log(2, 1, 'b'),
          ],
        });
        expect(problemsOf(await validateWorkflow(ctx, 'SAME'))).toEqual([['entry-point-not-unique', 1]]);
        await createWorkflow(ctx, {
          code: 'OTHER-RULE',
          description: 'Same filter, another rule',
          steps: [
            event(1, null, 'expense.changed', {
              conditions: { expense: { amount: '>100', status: 'Open' } },
              rules: [{ field: 'amount', operator: 'decreased' }],
            }),
            log(2, 1, 'c'),
          ],
        });
        expect(await validateWorkflow(ctx, 'OTHER-RULE')).toEqual([]);
      });
    });

    it('filters on related tables are not compared: the same main-table filter is refused', async () => {
      const t = await newTestCompany(db());
      await t.run(async (ctx) => {
        await enabledWorkflow(ctx, 'TRAVEL', [
          event(1, null, 'expense.submitted', {
            conditions: { expense: { amount: '>100' }, 'expense-line': { category: 'Travel' } },
          }),
          log(2, 1, 'travel'),
        ]);
        await createWorkflow(ctx, {
          code: 'MEALS',
          description: 'Meals',
          steps: [
            event(1, null, 'expense.submitted', {
              conditions: { expense: { amount: '>100' }, 'expense-line': { category: 'Meals' } },
            }),
            log(2, 1, 'meals'),
          ],
        });
        expect(problemsOf(await validateWorkflow(ctx, 'MEALS'))).toEqual([['entry-point-not-unique', 1]]);
      });
    });

    it('entry points of disabled workflows do not count', async () => {
      const t = await newTestCompany(db());
      await t.run(async (ctx) => {
        await enabledWorkflow(ctx, 'FIRST', [event(1, null, 'expense.submitted'), log(2, 1, 'first')]);
        await disableWorkflow(ctx, 'FIRST');
        await createWorkflow(ctx, {
          code: 'SECOND',
          description: 'Second',
          steps: [event(1, null, 'expense.submitted'), log(2, 1, 'second')],
        });
        expect(await validateWorkflow(ctx, 'SECOND')).toEqual([]);
        await enableWorkflow(ctx, 'SECOND');
        expect(problemsOf(await validateWorkflow(ctx, 'FIRST'))).toEqual([['entry-point-not-unique', 1]]);
      });
    });
  });

  it('an event followed by an event on another table needs a table relation between them (table-relation-missing)', async () => {
    const t = await newTestCompany(db(), [expenseModule, mileageModule]);
    await t.run(async (ctx) => {
      await createWorkflow(ctx, {
        code: 'PAID',
        description: 'Paid after approval',
        steps: [
          event(1, null, 'expense.submitted'),
          response(2, 1, 'expense.create-payment'),
          event(3, 2, 'expense.paid'),
          log(4, 3, 'paid'),
        ],
      });
      expect(await validateWorkflow(ctx, 'PAID')).toEqual([]);
      await createWorkflow(ctx, {
        code: 'TRIP',
        description: 'Trip after submission',
        steps: [
          event(1, null, 'expense.submitted'),
          log(2, 1, 'submitted'),
          event(3, 2, 'mileage.logged'),
          log(4, 3, 'trip'),
          event(5, 1, 'mileage.logged', { sequence: 2 }),
        ],
      });
      expect(problemsOf(await validateWorkflow(ctx, 'TRIP'))).toEqual([
        ['table-relation-missing', 3],
        ['table-relation-missing', 5],
      ]);
    });
  });

  it('a response that needs a partner response cannot be enabled without it (response-partner-missing)', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await createWorkflow(ctx, {
        code: 'REVERT',
        description: 'Revert only',
        steps: [event(1, null, 'expense.changed'), response(2, 1, 'expense.revert')],
      });
      await createWorkflow(ctx, {
        code: 'APPLY',
        description: 'Apply only',
        steps: [event(1, null, 'expense.reminded'), response(2, 1, 'expense.apply')],
      });
      expect(problemsOf(await validateWorkflow(ctx, 'REVERT'))).toEqual([['response-partner-missing', 2]]);
      expect(problemsOf(await validateWorkflow(ctx, 'APPLY'))).toEqual([['response-partner-missing', 2]]);
      await createWorkflow(ctx, {
        code: 'BOTH',
        description: 'Revert, then apply on approval',
        steps: [
          event(1, null, 'expense.changed'),
          response(2, 1, 'expense.revert'),
          event(3, 2, 'expense.reminded'),
          response(4, 3, 'expense.apply'),
        ],
      });
      expect(await validateWorkflow(ctx, 'BOTH')).toEqual([]);
    });
  });

  it('steps cannot follow a sub-workflow whose every last step goes elsewhere (sub-workflow-no-open-end)', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'LOOP', [
        event(1, null, 'expense.reminded'),
        log(2, 1, 'reminded again', { nextStepId: 1 }),
      ]);
      await createWorkflow(ctx, {
        code: 'MAIN',
        description: 'Main',
        steps: [event(1, null, 'expense.submitted'), subWorkflow(2, 1, 'LOOP'), log(3, 2, 'after the loop')],
      });
      expect(problemsOf(await validateWorkflow(ctx, 'MAIN'))).toEqual([['sub-workflow-no-open-end', 2]]);
      await updateWorkflow(ctx, 'MAIN', { steps: [event(1, null, 'expense.submitted'), subWorkflow(2, 1, 'LOOP')] });
      expect(await validateWorkflow(ctx, 'MAIN')).toEqual([]);
    });
  });

  it('enabling reports every problem at once and leaves the workflow disabled', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'OTHER', [event(1, null, 'expense.submitted'), log(2, 1, 'other')]);
      await createWorkflow(ctx, {
        code: 'SUB',
        description: 'Disabled sub-workflow',
        steps: [event(1, null, 'expense.reminded'), log(2, 1, 'reminded')],
      });
      await createWorkflow(ctx, {
        code: 'BROKEN',
        description: 'Many problems',
        steps: [
          event(1, null, 'expense.submitted'),
          response(2, 1, 'expense.log'),
          response(3, 2, 'expense.revert'),
          doNothing(4, null),
          { id: 5, previousStepId: 3, type: 'event', functionCode: '' },
          subWorkflow(6, 3, 'SUB'),
        ],
      });
    });
    const expected = [
      ['entry-point-not-unique', 1],
      ['function-missing', 5],
      ['response-options-missing', 2],
      ['response-partner-missing', 3],
      ['step-orphan', 4],
      ['sub-workflow-disabled', 6],
    ];
    const byCode = (a: readonly unknown[], b: readonly unknown[]) => String(a[0]).localeCompare(String(b[0]));
    const validated = await t.run((ctx) => validateWorkflow(ctx, 'BROKEN'));
    expect(problemsOf(validated).sort(byCode)).toEqual(expected);
    const error = await expectFailure(
      t.run((ctx) => enableWorkflow(ctx, 'BROKEN')),
      'workflow-not-valid',
    );
    const problems = error.details.problems as { code: string; stepId?: number; message: string }[];
    expect(problemsOf(problems).sort(byCode)).toEqual(expected);
    expect(problems.every((p) => p.message.length > 0)).toBe(true);
    for (const problem of problems) expect(error.message).toContain(problem.message);
    await t.run(async (ctx) => {
      const broken = await getWorkflow(ctx, 'BROKEN');
      expect(broken.enabled).toBe(false);
      expect(broken.steps.some((s) => s.entryPoint)).toBe(false);
    });
  });

  it('disabling a workflow lets its running instances carry on, but starts no new ones', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'EXP', [
        event(1, null, 'expense.submitted'),
        log(2, 1, 'submitted'),
        event(3, 2, 'expense.approved'),
        log(4, 3, 'approved'),
      ]);
      const started = await handleEvent(
        ctx,
        'expense.submitted',
        await insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '10' }),
      );
      expect(started.started).toBe(true);
    });
    await t.run(async (ctx) => {
      const disabled = await disableWorkflow(ctx, 'EXP');
      expect(disabled.enabled).toBe(false);
      expect(disabled.steps.some((s) => s.entryPoint)).toBe(false);
    });
    await t.run(async (ctx) => {
      const outcome = await handleEvent(ctx, 'expense.approved', await expenseRecord(ctx, 'E1'));
      expect(outcome).toMatchObject({ handled: true, started: false });
      const fresh = await handleEvent(
        ctx,
        'expense.submitted',
        await insertExpense(ctx, { no: 'E2', employee: 'Bob', amount: '20' }),
      );
      expect(fresh).toMatchObject({ handled: false, started: false });
      expect(await readLog(ctx)).toEqual(['submitted expense:E1', 'approved expense:E1']);
      expect(await listInstances(ctx)).toEqual([]);
    });
  });

  it('a workflow used as a sub-workflow by an enabled one is disabled only together with it', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await enabledWorkflow(ctx, 'SUB', [event(1, null, 'expense.reminded'), log(2, 1, 'reminded')]);
      await enabledWorkflow(ctx, 'MAIN', [event(1, null, 'expense.submitted'), subWorkflow(2, 1, 'SUB')]);
    });
    await expectFailure(
      t.run((ctx) => disableWorkflow(ctx, 'SUB')),
      'workflow-used-as-sub-workflow',
      { parents: ['MAIN'] },
    );
    await t.run(async (ctx) => {
      expect((await listWorkflows(ctx)).map((w) => [w.code, w.enabled])).toEqual([
        ['MAIN', true],
        ['SUB', true],
      ]);
      await disableWorkflow(ctx, 'SUB', { disableParents: true });
      expect((await listWorkflows(ctx)).map((w) => [w.code, w.enabled])).toEqual([
        ['MAIN', false],
        ['SUB', false],
      ]);
    });
  });
});
