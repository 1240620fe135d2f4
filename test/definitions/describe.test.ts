import { expect, it } from 'vitest';
import { describeCondition, describeResponse, describeStep } from '../../src/engine/definition/describe.ts';
import { getWorkflow } from '../../src/engine/definition/workflow-store.ts';
import { createWorkflow } from '../../src/engine/definition/workflows.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { event, log, newTestCompany, response } from '../support/harness.ts';
import { stored, subWorkflow } from './definition-helpers.ts';

describeEachDialect('describing steps in words', (db) => {
  it('an event step without conditions happens "Always"', async () => {
    const { app } = await newTestCompany(db());
    expect(describeStep(app.registry, stored(event(1, null, 'expense.submitted')))).toEqual({
      text: 'An expense claim is submitted.',
      condition: 'Always',
    });
  });

  it('blank filter text filters nothing, so the step still happens "Always"', async () => {
    const { app } = await newTestCompany(db());
    const step = stored(event(1, null, 'expense.submitted', { conditions: { expense: { amount: '  ' } } }));
    expect(describeCondition(app.registry, step)).toBe('Always');
  });

  it('a filter on the event table is summarised with the field captions, in the order given', async () => {
    const { app } = await newTestCompany(db());
    const step = stored(
      event(1, null, 'expense.submitted', { conditions: { expense: { status: 'Open|Pending', amount: '>100' } } }),
    );
    expect(describeStep(app.registry, step).condition).toBe('Status: Open|Pending, Amount: >100');
  });

  it('a filter on a related table is named after that table', async () => {
    const { app } = await newTestCompany(db());
    const step = stored(
      event(1, null, 'expense.submitted', {
        conditions: { expense: { urgent: 'Yes' }, 'expense-line': { category: 'Travel' } },
      }),
    );
    expect(describeCondition(app.registry, step)).toBe('Urgent: Yes; Expense line: category: Travel');
  });

  it('field-change rules are described as "<field caption> is <operator>", after the filters', async () => {
    const { app } = await newTestCompany(db());
    const step = stored(
      event(1, null, 'expense.changed', {
        conditions: { expense: { status: 'Open' } },
        rules: [
          { field: 'amount', operator: 'increased' },
          { field: 'employee', operator: 'changed' },
        ],
      }),
    );
    expect(describeCondition(app.registry, step)).toBe('Status: Open; Amount is increased; Employee is changed');
  });

  it('a response is described with its options filled into the placeholders', async () => {
    const { app } = await newTestCompany(db());
    expect(describeStep(app.registry, stored(log(2, 1, 'hello')))).toEqual({ text: 'Write "hello" to the log.' });
    expect(describeResponse(app.registry, stored(response(2, 1, 'expense.set-status', { status: 'Approved' })))).toBe(
      'Set the claim status to Approved.',
    );
    expect(describeResponse(app.registry, stored(response(2, 1, 'show-message', { message: 'Thanks!' })))).toBe(
      'Show the message "Thanks!".',
    );
  });

  it('an option that is not set shows as <option>', async () => {
    const { app } = await newTestCompany(db());
    expect(describeResponse(app.registry, stored(response(2, 1, 'expense.log')))).toBe('Write "<note>" to the log.');
    expect(describeResponse(app.registry, stored(log(2, 1, '')))).toBe('Write "<note>" to the log.');
    expect(describeResponse(app.registry, stored(response(2, 1, 'expense.set-status')))).toBe(
      'Set the claim status to <status>.',
    );
  });

  it('a response without placeholders is described as registered', async () => {
    const { app } = await newTestCompany(db());
    expect(describeResponse(app.registry, stored(response(2, 1, 'do-nothing')))).toBe('Do nothing.');
  });

  it('a sub-workflow step names the workflow it runs', async () => {
    const { app } = await newTestCompany(db());
    expect(describeStep(app.registry, stored(subWorkflow(3, 2, 'SUB')))).toEqual({ text: 'Run workflow SUB' });
  });

  it('codes that are no longer registered are shown as they are, not as an error', async () => {
    const { app } = await newTestCompany(db());
    expect(describeStep(app.registry, stored(event(1, null, 'expense.vanished')))).toEqual({
      text: 'expense.vanished',
      condition: 'Always',
    });
    expect(describeStep(app.registry, stored(response(2, 1, 'expense.shred')))).toEqual({ text: 'expense.shred' });
  });

  it('saved steps are described the same way as the steps that were saved', async () => {
    const t = await newTestCompany(db());
    const workflow = await t.run(async (ctx) => {
      await createWorkflow(ctx, {
        code: 'EXP',
        description: 'Expense approval',
        steps: [
          event(1, null, 'expense.submitted', { conditions: { expense: { amount: '>=1000' } } }),
          log(2, 1, 'big claim'),
          event(3, 2, 'expense.approved'),
          response(4, 3, 'expense.set-status', { status: 'Approved' }),
        ],
      });
      return getWorkflow(ctx, 'EXP');
    });
    expect(workflow.steps.map((s) => describeStep(t.app.registry, s))).toEqual([
      { text: 'An expense claim is submitted.', condition: 'Amount: >=1000' },
      { text: 'Write "big claim" to the log.' },
      { text: 'An expense claim is approved.', condition: 'Always' },
      { text: 'Set the claim status to Approved.' },
    ]);
  });
});
