import { expect, it } from 'vitest';
import { enableWorkflow } from '../../src/engine/definition/enable.ts';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  exportWorkflows,
  importWorkflows,
} from '../../src/engine/definition/export-import.ts';
import type { WorkflowStepInput } from '../../src/engine/definition/types.ts';
import {
  getWorkflow,
  listCategories,
  listWorkflows,
  saveCategory,
} from '../../src/engine/definition/workflow-store.ts';
import { createWorkflow, updateWorkflow } from '../../src/engine/definition/workflows.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { event, log, newTestCompany, response } from '../support/harness.ts';
import { expectFailure, stored, subWorkflow } from './definition-helpers.ts';

/** A step as the export file spells it. */
function exportedStep(input: WorkflowStepInput) {
  const { entryPoint: _entryPoint, ...step } = stored(input);
  return step;
}

function workflowEntry(code: string, steps: readonly WorkflowStepInput[], category = '') {
  return { code, description: `Workflow ${code}`, category, steps: steps.map(exportedStep) };
}

function exportFile(
  workflows: readonly ReturnType<typeof workflowEntry>[],
  categories: readonly { code: string; description: string }[] = [],
): string {
  return JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, categories, workflows }, null, 2);
}

const SUB_STEPS = [event(1, null, 'expense.reminded'), log(2, 1, 'reminded')];

const MAIN_STEPS: readonly WorkflowStepInput[] = [
  event(1, null, 'expense.submitted', {
    description: 'Submitted',
    conditions: { expense: { status: 'Open', amount: '>100' }, 'expense-line': { category: 'Travel' } },
  }),
  log(2, 1, 'sent', { description: 'Log it' }),
  subWorkflow(3, 2, 'SUB'),
  event(4, 3, 'expense.approved'),
  response(5, 4, 'expense.set-status', { status: 'Approved' }),
  event(6, 3, 'expense.rejected', { sequence: 2 }),
  log(7, 6, 'rejected', { nextStepId: 2 }),
];

const CHANGE_STEPS: readonly WorkflowStepInput[] = [
  event(1, null, 'expense.changed', { rules: [{ field: 'amount', operator: 'increased' }] }),
  response(2, 1, 'expense.revert'),
  event(3, 2, 'expense.reminded'),
  response(4, 3, 'expense.apply'),
  response(5, 4, 'show-message', { message: 'Applied.' }),
];

describeEachDialect('exporting and importing workflows as JSON', (db) => {
  it('export, import into another company and export again gives the same bytes', async () => {
    const source = await newTestCompany(db());
    const first = await source.run(async (ctx) => {
      await saveCategory(ctx, 'FINANCE', 'Finance');
      await saveCategory(ctx, 'UNUSED', 'Not exported');
      await createWorkflow(ctx, { code: 'SUB', description: 'Reminder', category: 'FINANCE', steps: SUB_STEPS });
      await createWorkflow(ctx, { code: 'MAIN', description: 'Main', category: 'FINANCE', steps: MAIN_STEPS });
      await createWorkflow(ctx, { code: 'CHG', description: 'Change', steps: CHANGE_STEPS });
      return exportWorkflows(ctx, ['MAIN', 'SUB', 'chg']);
    });
    const parsed = JSON.parse(first);
    expect(parsed.categories).toEqual([{ code: 'FINANCE', description: 'Finance' }]);
    expect(parsed.workflows.map((w: { code: string }) => w.code)).toEqual(['MAIN', 'SUB', 'CHG']);

    const target = await newTestCompany(db());
    expect(await target.run((ctx) => importWorkflows(ctx, first))).toEqual(['MAIN', 'SUB', 'CHG']);
    const second = await target.run((ctx) => exportWorkflows(ctx, ['MAIN', 'SUB', 'CHG']));
    expect(second).toBe(first);
    const sourceMain = await source.run((ctx) => getWorkflow(ctx, 'MAIN'));
    await target.run(async (ctx) => {
      expect(await listCategories(ctx)).toEqual([{ code: 'FINANCE', description: 'Finance' }]);
      expect((await getWorkflow(ctx, 'MAIN')).steps).toEqual(sourceMain.steps);
      await enableWorkflow(ctx, 'SUB');
      await enableWorkflow(ctx, 'MAIN');
    });
  });

  it('workflows that use each other as sub-workflows import in either order', async () => {
    const sub = workflowEntry('SUB', SUB_STEPS);
    const main = workflowEntry('MAIN', [event(1, null, 'expense.submitted'), subWorkflow(2, 1, 'SUB')]);
    for (const order of [
      [main, sub],
      [sub, main],
    ]) {
      const t = await newTestCompany(db());
      expect(await t.run((ctx) => importWorkflows(ctx, exportFile(order)))).toEqual(order.map((w) => w.code));
      await t.run(async (ctx) => {
        expect((await getWorkflow(ctx, 'MAIN')).steps[1]).toMatchObject({ type: 'sub-workflow', functionCode: 'SUB' });
        await enableWorkflow(ctx, 'SUB');
        expect((await enableWorkflow(ctx, 'MAIN')).enabled).toBe(true);
      });
    }
    const ping = workflowEntry('PING', [event(1, null, 'expense.submitted'), subWorkflow(2, 1, 'PONG')]);
    const pong = workflowEntry('PONG', [event(1, null, 'expense.reminded'), subWorkflow(2, 1, 'PING')]);
    const t = await newTestCompany(db());
    expect(await t.run((ctx) => importWorkflows(ctx, exportFile([ping, pong])))).toEqual(['PING', 'PONG']);
  });

  it('importing a code that exists replaces its description, category and steps', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await createWorkflow(ctx, { code: 'EXP', description: 'Old', steps: MAIN_STEPS.slice(0, 2) });
      await createWorkflow(ctx, { code: 'KEEP', description: 'Untouched', steps: SUB_STEPS });
    });
    const file = exportFile(
      [workflowEntry('exp', [event(1, null, 'expense.reminded'), log(5, 1, 'new')], 'NEWCAT')],
      [{ code: 'NEWCAT', description: 'New category' }],
    );
    expect(await t.run((ctx) => importWorkflows(ctx, file))).toEqual(['EXP']);
    await t.run(async (ctx) => {
      const exp = await getWorkflow(ctx, 'EXP');
      expect(exp).toMatchObject({ description: 'Workflow exp', category: 'NEWCAT', revision: 2 });
      expect(exp.steps.map((s) => [s.id, s.functionCode])).toEqual([
        [1, 'expense.reminded'],
        [5, 'expense.log'],
      ]);
      expect((await listWorkflows(ctx)).map((w) => w.code)).toEqual(['KEEP', 'EXP']);
    });
  });

  it('a file that is not JSON is refused (import-json-malformed) and nothing is written', async () => {
    const t = await newTestCompany(db());
    await expectFailure(
      t.run((ctx) => importWorkflows(ctx, '{"format": "werkstroom.workflows", ')),
      'import-json-malformed',
    );
    await t.run(async (ctx) => expect(await listWorkflows(ctx)).toEqual([]));
  });

  it('a file that does not match the format is refused, naming where (import-schema-invalid)', async () => {
    const t = await newTestCompany(db());
    const wrongType = JSON.parse(exportFile([workflowEntry('EXP', SUB_STEPS)]));
    wrongType.workflows[0].steps[1].type = 'gateway';
    await expectFailure(
      t.run((ctx) => importWorkflows(ctx, JSON.stringify(wrongType))),
      'import-schema-invalid',
      {
        field: 'workflows.0.steps.1.type',
      },
    );
    const missing = JSON.parse(exportFile([workflowEntry('EXP', SUB_STEPS)]));
    delete missing.workflows[0].description;
    await expectFailure(
      t.run((ctx) => importWorkflows(ctx, JSON.stringify(missing))),
      'import-schema-invalid',
      {
        field: 'workflows.0.description',
      },
    );
    await expectFailure(
      t.run((ctx) => importWorkflows(ctx, '[]')),
      'import-schema-invalid',
    );
    await t.run(async (ctx) => expect(await listWorkflows(ctx)).toEqual([]));
  });

  it('a file of another format version is refused (import-version-unsupported)', async () => {
    const t = await newTestCompany(db());
    const future = JSON.parse(exportFile([workflowEntry('EXP', SUB_STEPS)]));
    future.version = EXPORT_VERSION + 1;
    await expectFailure(
      t.run((ctx) => importWorkflows(ctx, JSON.stringify(future))),
      'import-version-unsupported',
      {
        field: 'version',
      },
    );
    await t.run(async (ctx) => expect(await listWorkflows(ctx)).toEqual([]));
  });

  it('importing over an enabled workflow or a template is refused and changes nothing', async () => {
    const t = await newTestCompany(db());
    await t.run(async (ctx) => {
      await createWorkflow(ctx, { code: 'EXP', description: 'Enabled', steps: SUB_STEPS });
      await enableWorkflow(ctx, 'EXP');
      await createWorkflow(ctx, { code: 'WS-EXP', description: 'Template', template: true, steps: SUB_STEPS });
    });
    const before = await t.run(async (ctx) => [await getWorkflow(ctx, 'EXP'), await getWorkflow(ctx, 'WS-EXP')]);
    const replacement = [event(1, null, 'expense.submitted')];
    await expectFailure(
      t.run((ctx) => importWorkflows(ctx, exportFile([workflowEntry('EXP', replacement)]))),
      'workflow-enabled',
    );
    await expectFailure(
      t.run((ctx) => importWorkflows(ctx, exportFile([workflowEntry('WS-EXP', replacement)]))),
      'workflow-template-read-only',
    );
    const after = await t.run(async (ctx) => [await getWorkflow(ctx, 'EXP'), await getWorkflow(ctx, 'WS-EXP')]);
    expect(after).toEqual(before);
  });

  it('an import that fails part-way writes nothing: no workflow and no category of the file remain', async () => {
    const t = await newTestCompany(db());
    await t.run((ctx) => createWorkflow(ctx, { code: 'OLD', description: 'Old', steps: SUB_STEPS }));
    const file = exportFile(
      [
        workflowEntry('GOOD', SUB_STEPS, 'NEWCAT'),
        workflowEntry('OLD', [event(1, null, 'expense.submitted')]),
        workflowEntry('BAD', [event(1, null, 'expense.submitted'), event(2, 1, 'expense.teleported')]),
      ],
      [{ code: 'NEWCAT', description: 'New category' }],
    );
    const before = await t.run(async (ctx) => getWorkflow(ctx, 'OLD'));
    await expectFailure(
      t.run((ctx) => importWorkflows(ctx, file)),
      'event-unknown',
      { stepId: 2 },
    );
    await t.run(async (ctx) => {
      expect((await listWorkflows(ctx)).map((w) => w.code)).toEqual(['OLD']);
      expect(await getWorkflow(ctx, 'OLD')).toEqual(before);
      expect(await listCategories(ctx)).toEqual([]);
    });
  });

  it('an exported workflow keeps the exact steps after an update round trip', async () => {
    const t = await newTestCompany(db());
    const text = await t.run(async (ctx) => {
      await createWorkflow(ctx, { code: 'CHG', description: 'Change', steps: CHANGE_STEPS });
      return exportWorkflows(ctx, ['CHG']);
    });
    await t.run((ctx) => updateWorkflow(ctx, 'CHG', { steps: [event(1, null, 'expense.reminded')] }));
    await t.run((ctx) => importWorkflows(ctx, text));
    expect(await t.run((ctx) => exportWorkflows(ctx, ['CHG']))).toBe(text);
  });
});
