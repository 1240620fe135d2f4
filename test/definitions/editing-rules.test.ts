import { describe, expect, it } from 'vitest';
import type { EngineContext } from '../../src/engine/context.ts';
import { disableWorkflow, enableWorkflow } from '../../src/engine/definition/enable.ts';
import type { WorkflowStepInput } from '../../src/engine/definition/types.ts';
import { getWorkflow, listWorkflows, saveCategory } from '../../src/engine/definition/workflow-store.ts';
import { copyWorkflow, createWorkflow, deleteWorkflow, updateWorkflow } from '../../src/engine/definition/workflows.ts';
import { handleEvent } from '../../src/engine/execution/handle-event.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { insertExpense } from '../support/expense-module.ts';
import { enabledWorkflow, event, log, newTestCompany, response, type TestCompany } from '../support/harness.ts';
import { expectFailure, subWorkflow } from './definition-helpers.ts';

const STEPS: readonly WorkflowStepInput[] = [
  event(1, null, 'expense.submitted'),
  log(2, 1, 'submitted'),
  event(3, 2, 'expense.approved'),
  response(4, 3, 'expense.set-status', { status: 'Approved' }),
];

/** Everything a failed command could have written: the workflow list and every workflow's steps. */
async function storedState(ctx: EngineContext) {
  const workflows = await listWorkflows(ctx);
  return Promise.all(workflows.map(async (w) => ({ ...w, steps: (await getWorkflow(ctx, w.code)).steps })));
}

/** Asserts that `command` fails with `code` and leaves the company's workflows exactly as they were. */
async function refusedWithoutWrites(
  t: TestCompany,
  command: (ctx: EngineContext) => Promise<unknown>,
  code: string,
  details?: Record<string, unknown>,
): Promise<void> {
  const before = await t.run(storedState);
  await expectFailure(t.run(command), code, details);
  expect(await t.run(storedState)).toEqual(before);
}

async function companyWithExp(db: Parameters<typeof newTestCompany>[0]): Promise<TestCompany> {
  const t = await newTestCompany(db);
  await t.run((ctx) => createWorkflow(ctx, { code: 'EXP', description: 'Expense approval', steps: STEPS }));
  return t;
}

const withSteps = (steps: readonly WorkflowStepInput[]) => (ctx: EngineContext) =>
  updateWorkflow(ctx, 'EXP', { steps });

describeEachDialect('editing workflows: bad input is refused and nothing is written (reference §1.1–§1.2)', (db) => {
  describe('workflow codes', () => {
    it('a code longer than 20 characters is refused', async () => {
      const t = await newTestCompany(db());
      await refusedWithoutWrites(
        t,
        (ctx) => createWorkflow(ctx, { code: 'A'.repeat(21), description: 'Too long' }),
        'workflow-code-too-long',
        { field: 'code' },
      );
      await t.run((ctx) => createWorkflow(ctx, { code: 'A'.repeat(20), description: 'Just fits' }));
    });

    it('an empty or blank code is refused', async () => {
      const t = await newTestCompany(db());
      await refusedWithoutWrites(
        t,
        (ctx) => createWorkflow(ctx, { code: '', description: 'No code' }),
        'workflow-code-required',
      );
      await refusedWithoutWrites(
        t,
        (ctx) => createWorkflow(ctx, { code: '   ', description: 'Blank code' }),
        'workflow-code-required',
      );
    });

    it('a code with characters other than letters, digits, ".", "_" and "-" is refused', async () => {
      const t = await newTestCompany(db());
      await refusedWithoutWrites(
        t,
        (ctx) => createWorkflow(ctx, { code: 'EXP APPROVAL', description: 'Space' }),
        'workflow-code-invalid',
      );
    });

    it('codes are folded to upper case', async () => {
      const t = await newTestCompany(db());
      const created = await t.run((ctx) => createWorkflow(ctx, { code: ' exp-1 ', description: 'Lower case' }));
      expect(created.code).toBe('EXP-1');
    });

    it('D16: a user workflow code may not start with WS-, in any case', async () => {
      const t = await newTestCompany(db());
      for (const code of ['WS-MINE', 'ws-mine']) {
        await refusedWithoutWrites(
          t,
          (ctx) => createWorkflow(ctx, { code, description: 'Mine', steps: STEPS }),
          'workflow-code-reserved',
          { field: 'code' },
        );
      }
      await t.run((ctx) =>
        createWorkflow(ctx, { code: 'WS-EXP', description: 'Template', template: true, steps: STEPS }),
      );
      await refusedWithoutWrites(
        t,
        (ctx) => copyWorkflow(ctx, 'WS-EXP', { code: 'WS-MINE' }),
        'workflow-code-reserved',
      );
    });

    it('a code that exists already is refused, also when it differs only in case', async () => {
      const t = await companyWithExp(db());
      await refusedWithoutWrites(
        t,
        (ctx) =>
          createWorkflow(ctx, { code: 'exp', description: 'Again', steps: [event(1, null, 'expense.reminded')] }),
        'workflow-code-taken',
        { field: 'code' },
      );
    });
  });

  describe('steps are checked when saved', () => {
    it('an unknown event code is refused, naming the step', async () => {
      const t = await companyWithExp(db());
      await refusedWithoutWrites(
        t,
        withSteps([event(1, null, 'expense.submitted'), event(2, 1, 'expense.teleported')]),
        'event-unknown',
        { stepId: 2 },
      );
      await refusedWithoutWrites(
        t,
        (ctx) =>
          createWorkflow(ctx, { code: 'NEW', description: 'New', steps: [event(1, null, 'expense.teleported')] }),
        'event-unknown',
        { stepId: 1 },
      );
    });

    it('an unknown response code is refused, naming the step', async () => {
      const t = await companyWithExp(db());
      await refusedWithoutWrites(
        t,
        withSteps([event(1, null, 'expense.submitted'), response(2, 1, 'expense.shred')]),
        'response-unknown',
        { stepId: 2 },
      );
    });

    it('a step that follows a step that does not exist is refused', async () => {
      const t = await companyWithExp(db());
      await refusedWithoutWrites(
        t,
        withSteps([event(1, null, 'expense.submitted'), log(2, 7, 'lost')]),
        'step-parent-missing',
        { stepId: 2 },
      );
    });

    it('a go-to link to a step that does not exist is refused', async () => {
      const t = await companyWithExp(db());
      await refusedWithoutWrites(
        t,
        withSteps([event(1, null, 'expense.submitted'), log(2, 1, 'loop', { nextStepId: 9 })]),
        'step-next-missing',
        { stepId: 2 },
      );
    });

    it('steps whose parents form a cycle are refused; loops use go-to links instead', async () => {
      const t = await companyWithExp(db());
      await refusedWithoutWrites(
        t,
        withSteps([event(1, null, 'expense.submitted'), event(2, 3, 'expense.reminded'), log(3, 2, 'round')]),
        'step-cycle',
      );
      await refusedWithoutWrites(
        t,
        withSteps([event(1, null, 'expense.submitted'), log(2, 2, 'myself')]),
        'step-parent-self',
        { stepId: 2 },
      );
      await t.run(withSteps([event(1, null, 'expense.submitted'), log(2, 1, 'again', { nextStepId: 1 })]));
    });

    it('a step id used twice is refused', async () => {
      const t = await companyWithExp(db());
      await refusedWithoutWrites(
        t,
        withSteps([event(1, null, 'expense.submitted'), log(2, 1, 'a'), log(2, 1, 'b')]),
        'step-id-duplicate',
        { stepId: 2 },
      );
    });

    it('a filter that does not parse is refused, naming the step and the field', async () => {
      const t = await companyWithExp(db());
      await refusedWithoutWrites(
        t,
        withSteps([
          event(1, null, 'expense.submitted'),
          event(2, 1, 'expense.approved', { conditions: { expense: { amount: '1..2..3' } } }),
        ]),
        'filter-invalid',
        { stepId: 2, field: 'amount' },
      );
      await refusedWithoutWrites(
        t,
        withSteps([event(1, null, 'expense.submitted', { conditions: { expense: { status: 'Lost' } } })]),
        'filter-invalid',
        { stepId: 1, field: 'status' },
      );
    });

    it('a filter on a field the table does not have, or on an unrelated table, is refused', async () => {
      const t = await companyWithExp(db());
      await refusedWithoutWrites(
        t,
        withSteps([event(1, null, 'expense.submitted', { conditions: { expense: { colour: 'Red' } } })]),
        'filter-field-unknown',
        { stepId: 1, field: 'colour' },
      );
      await refusedWithoutWrites(
        t,
        withSteps([event(1, null, 'expense.submitted', { conditions: { 'expense-payment': { paymentNo: 'P1' } } })]),
        'condition-table-invalid',
        { stepId: 1, field: 'expense-payment' },
      );
    });

    it('a field-change rule on a field the event table does not have is refused', async () => {
      const t = await companyWithExp(db());
      await refusedWithoutWrites(
        t,
        withSteps([event(1, null, 'expense.changed', { rules: [{ field: 'colour', operator: 'changed' }] })]),
        'rule-field-unknown',
        { stepId: 1, field: 'colour' },
      );
    });

    it('response options that do not fit the response are refused, naming the option', async () => {
      const t = await companyWithExp(db());
      await refusedWithoutWrites(
        t,
        withSteps([event(1, null, 'expense.submitted'), response(2, 1, 'expense.set-status', { status: 'Lost' })]),
        'response-options-invalid',
        { stepId: 2, field: 'status' },
      );
      await refusedWithoutWrites(
        t,
        withSteps([event(1, null, 'expense.submitted'), response(2, 1, 'do-nothing', { loudly: true })]),
        'response-options-invalid',
        { stepId: 2 },
      );
    });

    it('conditions on a response and options on an event are refused', async () => {
      const t = await companyWithExp(db());
      await refusedWithoutWrites(
        t,
        withSteps([
          event(1, null, 'expense.submitted'),
          response(2, 1, 'do-nothing', undefined, { conditions: { expense: { amount: '>1' } } }),
        ]),
        'step-conditions-not-event',
        { stepId: 2 },
      );
      await refusedWithoutWrites(
        t,
        withSteps([event(1, null, 'expense.submitted', { options: { note: 'x' } })]),
        'step-options-not-response',
        { stepId: 1 },
      );
    });

    it('an event or response that may not follow the event above it is refused (reference §3.3)', async () => {
      const t = await companyWithExp(db());
      await refusedWithoutWrites(
        t,
        withSteps([event(1, null, 'expense.reminded'), response(2, 1, 'expense.set-status', { status: 'Approved' })]),
        'step-combination-not-allowed',
        { stepId: 2, field: 'functionCode' },
      );
      await refusedWithoutWrites(t, withSteps([event(1, null, 'expense.approved')]), 'step-combination-not-allowed', {
        stepId: 1,
      });
      await refusedWithoutWrites(
        t,
        withSteps([event(1, null, 'expense.changed'), log(2, 1, 'changed'), event(3, 2, 'expense.approved')]),
        'step-combination-not-allowed',
        { stepId: 3 },
      );
    });

    it('a workflow cannot use itself as a sub-workflow', async () => {
      const t = await companyWithExp(db());
      await refusedWithoutWrites(
        t,
        withSteps([event(1, null, 'expense.submitted'), subWorkflow(2, 1, 'EXP')]),
        'sub-workflow-self',
        { stepId: 2 },
      );
    });

    it('a description longer than 100 characters and an unknown category are refused', async () => {
      const t = await companyWithExp(db());
      await refusedWithoutWrites(
        t,
        (ctx) => updateWorkflow(ctx, 'EXP', { description: 'x'.repeat(101), steps: [] }),
        'workflow-description-too-long',
      );
      await refusedWithoutWrites(
        t,
        (ctx) => updateWorkflow(ctx, 'EXP', { category: 'NOWHERE', steps: [] }),
        'workflow-category-unknown',
      );
      await t.run(async (ctx) => {
        await saveCategory(ctx, 'FINANCE', 'Finance');
        expect((await updateWorkflow(ctx, 'EXP', { category: 'finance' })).category).toBe('FINANCE');
      });
    });
  });

  describe('what may be edited or deleted', () => {
    it('D12: an enabled workflow is neither edited nor deleted until it is disabled', async () => {
      const t = await companyWithExp(db());
      await t.run((ctx) => enableWorkflow(ctx, 'EXP'));
      await refusedWithoutWrites(t, withSteps([event(1, null, 'expense.submitted')]), 'workflow-enabled');
      await refusedWithoutWrites(
        t,
        (ctx) => updateWorkflow(ctx, 'EXP', { description: 'Renamed' }),
        'workflow-enabled',
      );
      await refusedWithoutWrites(t, (ctx) => deleteWorkflow(ctx, 'EXP'), 'workflow-enabled');
      await t.run(async (ctx) => {
        await disableWorkflow(ctx, 'EXP');
        const edited = await updateWorkflow(ctx, 'EXP', {
          description: 'Renamed',
          steps: [event(1, null, 'expense.submitted'), log(2, 1, 'only this')],
        });
        expect(edited.description).toBe('Renamed');
        expect(edited.steps.map((s) => s.id)).toEqual([1, 2]);
      });
    });

    it('a template is neither edited nor deleted', async () => {
      const t = await newTestCompany(db());
      await t.run((ctx) =>
        createWorkflow(ctx, { code: 'WS-EXP', description: 'Template', template: true, steps: STEPS }),
      );
      await refusedWithoutWrites(
        t,
        (ctx) => updateWorkflow(ctx, 'WS-EXP', { steps: [event(1, null, 'expense.submitted')] }),
        'workflow-template-read-only',
      );
      await refusedWithoutWrites(
        t,
        (ctx) => updateWorkflow(ctx, 'WS-EXP', { description: 'Changed' }),
        'workflow-template-read-only',
      );
      await refusedWithoutWrites(t, (ctx) => deleteWorkflow(ctx, 'WS-EXP'), 'workflow-template-read-only');
    });

    it('a workflow with running instances is not deleted, even once disabled', async () => {
      const t = await companyWithExp(db());
      await t.run(async (ctx) => {
        await enableWorkflow(ctx, 'EXP');
        await handleEvent(
          ctx,
          'expense.submitted',
          await insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '10' }),
        );
        await disableWorkflow(ctx, 'EXP');
      });
      await refusedWithoutWrites(t, (ctx) => deleteWorkflow(ctx, 'EXP'), 'workflow-has-active-instances');
    });

    it('a workflow used as a sub-workflow is not deleted', async () => {
      const t = await companyWithExp(db());
      await t.run((ctx) =>
        createWorkflow(ctx, {
          code: 'MAIN',
          description: 'Main',
          steps: [event(1, null, 'expense.reminded'), subWorkflow(2, 1, 'EXP')],
        }),
      );
      await refusedWithoutWrites(t, (ctx) => deleteWorkflow(ctx, 'EXP'), 'workflow-used-as-sub-workflow');
    });

    it('a disabled workflow without instances is deleted with its steps', async () => {
      const t = await companyWithExp(db());
      const { id } = await t.run((ctx) => getWorkflow(ctx, 'EXP'));
      await t.run((ctx) => deleteWorkflow(ctx, 'EXP'));
      await t.run(async (ctx) => {
        expect(await listWorkflows(ctx)).toEqual([]);
        const steps = await ctx.tx
          .selectFrom('workflow_step')
          .select('step_id')
          .where('workflow_id', '=', id)
          .execute();
        expect(steps).toEqual([]);
      });
      await t.run((ctx) => createWorkflow(ctx, { code: 'EXP', description: 'Again', steps: STEPS }));
    });

    it('a change made against an old revision is refused, and writes nothing even inside the same transaction', async () => {
      const t = await companyWithExp(db());
      const first = await t.run((ctx) => updateWorkflow(ctx, 'EXP', { description: 'Second revision' }, 1));
      expect(first.revision).toBe(2);
      await refusedWithoutWrites(
        t,
        (ctx) => updateWorkflow(ctx, 'EXP', { description: 'Stale', steps: [event(1, null, 'expense.reminded')] }, 1),
        'workflow-revision-stale',
      );
      await refusedWithoutWrites(t, (ctx) => deleteWorkflow(ctx, 'EXP', 1), 'workflow-revision-stale');
      await t.run(async (ctx) => {
        const before = await getWorkflow(ctx, 'EXP');
        await expectFailure(
          updateWorkflow(ctx, 'EXP', { steps: [event(1, null, 'expense.reminded')] }, 1),
          'workflow-revision-stale',
        );
        expect(await getWorkflow(ctx, 'EXP')).toEqual(before);
      });
      await t.run((ctx) => deleteWorkflow(ctx, 'EXP', 2));
    });
  });

  describe('copies', () => {
    it('D11: a copy of a template gets the template code with the first free suffix -01, -02, …', async () => {
      const t = await newTestCompany(db());
      await t.run((ctx) =>
        createWorkflow(ctx, { code: 'WS-EXP', description: 'Expense template', template: true, steps: STEPS }),
      );
      const first = await t.run((ctx) => copyWorkflow(ctx, 'WS-EXP'));
      const second = await t.run((ctx) => copyWorkflow(ctx, 'WS-EXP'));
      expect([first.code, second.code]).toEqual(['WS-EXP-01', 'WS-EXP-02']);
      await t.run((ctx) => deleteWorkflow(ctx, 'WS-EXP-01'));
      expect((await t.run((ctx) => copyWorkflow(ctx, 'WS-EXP'))).code).toBe('WS-EXP-01');
    });

    it('D11: a copy code is shortened so that it still fits 20 characters', async () => {
      const t = await newTestCompany(db());
      await t.run((ctx) =>
        createWorkflow(ctx, { code: 'WS-ABCDEFGHIJKLMNOPQ', description: 'Long template', template: true }),
      );
      const copy = await t.run((ctx) => copyWorkflow(ctx, 'WS-ABCDEFGHIJKLMNOPQ'));
      expect(copy.code).toBe('WS-ABCDEFGHIJKLMN-01');
    });

    it('copying yields a disabled, editable workflow with the same steps', async () => {
      const t = await newTestCompany(db());
      await t.run(async (ctx) => {
        await saveCategory(ctx, 'FINANCE', 'Finance');
        await createWorkflow(ctx, {
          code: 'WS-EXP',
          description: 'Expense template',
          category: 'FINANCE',
          template: true,
          steps: STEPS,
        });
        await enabledWorkflow(ctx, 'EXP', STEPS);
      });
      await t.run(async (ctx) => {
        const template = await getWorkflow(ctx, 'WS-EXP');
        const fromTemplate = await copyWorkflow(ctx, 'WS-EXP');
        expect(fromTemplate).toMatchObject({
          code: 'WS-EXP-01',
          description: 'Expense template',
          category: 'FINANCE',
          enabled: false,
          template: false,
          revision: 1,
        });
        expect(fromTemplate.steps).toEqual(template.steps);
        const fromEnabled = await copyWorkflow(ctx, 'EXP', { code: 'MINE', description: 'My copy' });
        expect(fromEnabled).toMatchObject({ code: 'MINE', description: 'My copy', enabled: false, template: false });
        expect(fromEnabled.steps.map((s) => [s.id, s.functionCode, s.entryPoint])).toEqual([
          [1, 'expense.submitted', false],
          [2, 'expense.log', false],
          [3, 'expense.approved', false],
          [4, 'expense.set-status', false],
        ]);
        const edited = await updateWorkflow(ctx, 'WS-EXP-01', { description: 'Edited copy' });
        expect(edited.description).toBe('Edited copy');
        expect((await getWorkflow(ctx, 'WS-EXP')).description).toBe('Expense template');
      });
    });
  });
});
