import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveCategory } from '../../src/engine/definition/workflow-store.ts';
import { createWorkflow } from '../../src/engine/definition/workflows.ts';
import { event, log, response } from '../support/harness.ts';
import { cli, seedDatabase, tempDir } from './cli-harness.ts';

const dir = tempDir();
const db = `sqlite:${dir.file('workflows.db')}`;

beforeAll(async () => {
  // ACME has workflows of every kind; EMPTY receives imports.
  await seedDatabase(db, ['ACME', 'EMPTY'], async (ctx, company) => {
    if (company !== 'ACME') return;
    await saveCategory(ctx, 'EXP', 'Expenses');
    await createWorkflow(ctx, {
      code: 'EXP-APPROVAL',
      description: 'Expense approval',
      category: 'EXP',
      steps: [event(1, null, 'expense.submitted'), log(2, 1, 'submitted'), event(3, 2, 'expense.approved')],
    });
    await createWorkflow(ctx, {
      code: 'BROKEN',
      description: 'Half built',
      steps: [
        event(1, null, 'expense.reminded'),
        response(2, 1, 'expense.log'),
        { id: 3, previousStepId: null, type: 'response', functionCode: 'do-nothing' },
      ],
    });
    await createWorkflow(ctx, {
      code: 'SUB',
      description: 'Reminder handling',
      steps: [event(1, null, 'expense.reminded'), log(2, 1, 'reminded')],
    });
  });
});
afterAll(() => dir.remove());

const acme = ['--db', db, '--company', 'ACME'];

describe('werkstroom workflows list', () => {
  it('prints code, description, category and enabled state as a table', async () => {
    const result = await cli(['workflows', 'list', ...acme]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      'CODE          DESCRIPTION        CATEGORY  ENABLED',
      'BROKEN        Half built                   no',
      'SUB           Reminder handling            no',
      'EXP-APPROVAL  Expense approval   EXP       no',
      '',
    ]);
  });

  it('prints JSON with --json and filters by --category', async () => {
    const result = await cli(['workflows', 'list', ...acme, '--category', 'exp', '--json']);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        code: 'EXP-APPROVAL',
        description: 'Expense approval',
        category: 'EXP',
        enabled: false,
        template: false,
        revision: 1,
      },
    ]);
    const none = await cli(['workflows', 'list', ...acme, '--category', 'NONE', '--json']);
    expect(JSON.parse(none.stdout)).toEqual([]);
  });
});

describe('werkstroom workflows validate', () => {
  it('says a complete workflow can be enabled', async () => {
    expect(await cli(['workflows', 'validate', 'exp-approval', ...acme])).toEqual({
      exitCode: 0,
      stdout: 'Workflow EXP-APPROVAL can be enabled.\n',
      stderr: '',
    });
  });

  it('lists every problem with its code and step, and exits with 1', async () => {
    const result = await cli(['workflows', 'validate', 'BROKEN', ...acme]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toEqual([
      'Workflow BROKEN cannot be enabled:',
      '  - [step-orphan] step 3: Step 3 follows no step; only the first step may do that.',
      '  - [response-options-missing] step 2: Step 2 (expense.log) needs these options: note.',
      '',
    ]);
  });

  it('prints the problems as JSON with --json, with the same exit code', async () => {
    const result = await cli(['workflows', 'validate', 'BROKEN', ...acme, '--json']);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ workflow: 'BROKEN', valid: false });
    expect(report.problems.map((p: { code: string; stepId?: number }) => [p.code, p.stepId])).toEqual([
      ['step-orphan', 3],
      ['response-options-missing', 2],
    ]);
  });

  it('reports a workflow that does not exist', async () => {
    const result = await cli(['workflows', 'validate', 'NOPE', ...acme]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('error [workflow-not-found]: Workflow NOPE does not exist.\n');
  });
});

describe('werkstroom workflows enable and disable', () => {
  it('enables a valid workflow, and says so when it was enabled already', async () => {
    expect(await cli(['workflows', 'enable', 'EXP-APPROVAL', ...acme])).toMatchObject({
      exitCode: 0,
      stdout: 'Workflow EXP-APPROVAL is enabled.\n',
    });
    expect((await cli(['workflows', 'enable', 'exp-approval', ...acme])).stdout).toBe(
      'Workflow EXP-APPROVAL was enabled already.\n',
    );
    const list = JSON.parse((await cli(['workflows', 'list', ...acme, '--json'])).stdout);
    expect(list.find((w: { code: string }) => w.code === 'EXP-APPROVAL').enabled).toBe(true);

    expect((await cli(['workflows', 'disable', 'EXP-APPROVAL', ...acme])).stdout).toBe(
      'Workflow EXP-APPROVAL is disabled.\n',
    );
    expect((await cli(['workflows', 'disable', 'EXP-APPROVAL', ...acme])).stdout).toBe(
      'Workflow EXP-APPROVAL was disabled already.\n',
    );
  });

  it('refuses to enable an invalid workflow with workflow-not-valid', async () => {
    const result = await cli(['workflows', 'enable', 'BROKEN', ...acme]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^error \[workflow-not-valid\]: Workflow BROKEN cannot be enabled:\n- Step 3/);
  });

  it('disables a sub-workflow together with the workflows using it only with --with-parents', async () => {
    const file = dir.file('parent.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'werkstroom.workflows',
        version: 1,
        categories: [],
        workflows: [
          {
            code: 'PARENT',
            description: 'Uses SUB',
            category: '',
            steps: [step(1, null, 'event', 'expense.submitted'), step(2, 1, 'sub-workflow', 'SUB')],
          },
        ],
      }),
    );
    expect((await cli(['workflows', 'import', file, ...acme])).exitCode).toBe(0);
    expect((await cli(['workflows', 'enable', 'SUB', ...acme])).exitCode).toBe(0);
    const parent = await cli(['workflows', 'enable', 'PARENT', ...acme]);
    expect(parent).toMatchObject({ exitCode: 0, stderr: '' });

    const refused = await cli(['workflows', 'disable', 'SUB', ...acme]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/^error \[workflow-used-as-sub-workflow\]: .*PARENT.*--with-parents/);

    const result = await cli(['workflows', 'disable', 'SUB', '--with-parents', ...acme]);
    expect(result).toEqual({
      exitCode: 0,
      stdout: 'Workflow SUB is disabled.\nAlso disabled: PARENT.\n',
      stderr: '',
    });
  });
});

function step(id: number, previousStepId: number | null, type: string, functionCode: string) {
  return { id, previousStepId, nextStepId: null, type, functionCode, sequence: 1, description: '' };
}

describe('werkstroom workflows export and import', () => {
  it('exports JSON to standard output', async () => {
    const result = await cli(['workflows', 'export', 'exp-approval', ...acme]);
    expect(result.exitCode).toBe(0);
    const file = JSON.parse(result.stdout);
    expect(file).toMatchObject({ format: 'werkstroom.workflows', version: 1 });
    expect(file.categories).toEqual([{ code: 'EXP', description: 'Expenses' }]);
    expect(file.workflows.map((w: { code: string }) => w.code)).toEqual(['EXP-APPROVAL']);
  });

  it('round-trips workflows through a file into another company', async () => {
    const out = dir.file('export.json');
    const exported = await cli(['workflows', 'export', 'EXP-APPROVAL', 'BROKEN', '--out', out, ...acme]);
    expect(exported).toEqual({ exitCode: 0, stdout: `Exported 2 workflows to ${out}.\n`, stderr: '' });

    const imported = await cli(['workflows', 'import', out, '--db', db, '--company', 'EMPTY']);
    expect(imported).toEqual({
      exitCode: 0,
      stdout: 'Imported workflow EXP-APPROVAL.\nImported workflow BROKEN.\n',
      stderr: '',
    });
    const again = await cli(['workflows', 'export', 'EXP-APPROVAL', 'BROKEN', '--db', db, '--company', 'EMPTY']);
    expect(again.stdout).toBe(readFileSync(out, 'utf8'));
    const list = JSON.parse((await cli(['workflows', 'list', '--json', '--db', db, '--company', 'EMPTY'])).stdout);
    expect(list.map((w: { code: string; enabled: boolean }) => [w.code, w.enabled])).toEqual([
      ['BROKEN', false],
      ['EXP-APPROVAL', false],
    ]);
  });

  it('reports a file it cannot read or parse', async () => {
    const missing = await cli(['workflows', 'import', dir.file('missing.json'), ...acme]);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toMatch(/^error: ENOENT: no such file or directory/);

    const bad = dir.file('bad.json');
    writeFileSync(bad, '{ not json');
    const malformed = await cli(['workflows', 'import', bad, ...acme]);
    expect(malformed.exitCode).toBe(1);
    expect(malformed.stderr).toMatch(/^error \[import-json-malformed\]: /);
  });

  it('exports nothing when a code is unknown', async () => {
    const result = await cli(['workflows', 'export', 'EXP-APPROVAL', 'NOPE', ...acme]);
    expect(result).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'error [workflow-not-found]: Workflow NOPE does not exist.\n',
    });
  });
});
