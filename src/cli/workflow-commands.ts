import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  disableWorkflow,
  enableWorkflow,
  exportWorkflows,
  getWorkflow,
  importWorkflows,
  listWorkflows,
  type ValidationProblem,
  validateWorkflow,
  WerkstroomError,
} from '../index.ts';
import { addScopeOptions, type CliContext, inCompany, type ScopeOptions } from './database-options.ts';
import { action, failed, formatTable, writeJson, writeLine } from './output.ts';

/** Stored workflow codes are upper case; the library looks them up as given. */
const workflowCode = (code: string) => code.trim().toUpperCase();

function problemLine(problem: ValidationProblem): string {
  const step = problem.stepId === undefined ? '' : ` step ${problem.stepId}:`;
  return `  - [${problem.code}]${step} ${problem.message}`;
}

export function addWorkflowCommands(program: Command, cli: CliContext): void {
  const { io } = cli;
  const workflows = program.command('workflows').description('list, export, import, validate, enable and disable');

  addScopeOptions(workflows.command('list').description('list the workflows of a company'))
    .option('--category <code>', 'only workflows of this category')
    .option('--json', 'print JSON instead of a table')
    .action(
      action(io, async (options: ScopeOptions & { category?: string; json?: boolean }) => {
        const category = options.category?.trim().toUpperCase();
        const list = await inCompany(cli, options, (ctx) =>
          listWorkflows(ctx, category === undefined ? {} : { category }),
        );
        if (options.json) return writeJson(io.stdout, list);
        if (list.length === 0) return writeLine(io.stdout, 'No workflows.');
        const rows = list.map((w) => [w.code, w.description, w.category, w.enabled ? 'yes' : 'no']);
        io.stdout.write(formatTable(['CODE', 'DESCRIPTION', 'CATEGORY', 'ENABLED'], rows));
      }),
    );

  addScopeOptions(workflows.command('export').description('export workflows as JSON'))
    .argument('<codes...>', 'workflow codes')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(
      action(io, async (codes: string[], options: ScopeOptions & { out?: string }) => {
        const json = await inCompany(cli, options, (ctx) => exportWorkflows(ctx, codes.map(workflowCode)));
        if (options.out === undefined) return void io.stdout.write(json);
        await writeFile(options.out, json, 'utf8');
        writeLine(io.stdout, `Exported ${codes.length} workflow${codes.length === 1 ? '' : 's'} to ${options.out}.`);
      }),
    );

  addScopeOptions(workflows.command('import').description('import workflows from an export file'))
    .argument('<file>', 'a file written by "werkstroom workflows export"')
    .action(
      action(io, async (file: string, options: ScopeOptions) => {
        const text = await readFile(file, 'utf8');
        const codes = await inCompany(cli, options, (ctx) => importWorkflows(ctx, text));
        for (const code of codes) writeLine(io.stdout, `Imported workflow ${code}.`);
        if (codes.length === 0) writeLine(io.stdout, 'The file holds no workflows.');
      }),
    );

  addScopeOptions(workflows.command('validate').description('check whether a workflow can be enabled'))
    .argument('<code>', 'workflow code')
    .option('--json', 'print JSON instead of text')
    .action(
      action(io, async (input: string, options: ScopeOptions & { json?: boolean }) => {
        const code = workflowCode(input);
        const problems = await inCompany(cli, options, (ctx) => validateWorkflow(ctx, code));
        if (options.json) writeJson(io.stdout, { workflow: code, valid: problems.length === 0, problems });
        else if (problems.length === 0) writeLine(io.stdout, `Workflow ${code} can be enabled.`);
        else {
          writeLine(io.stdout, `Workflow ${code} cannot be enabled:`);
          for (const problem of problems) writeLine(io.stdout, problemLine(problem));
        }
        if (problems.length > 0) throw failed('werkstroom.workflow-not-valid', `Workflow ${code} cannot be enabled.`);
      }),
    );

  addScopeOptions(workflows.command('enable').description('enable a workflow, so its entry event starts it'))
    .argument('<code>', 'workflow code')
    .action(
      action(io, async (input: string, options: ScopeOptions) => {
        const code = workflowCode(input);
        const wasEnabled = await inCompany(cli, options, async (ctx) => {
          const before = (await getWorkflow(ctx, code)).enabled;
          await enableWorkflow(ctx, code);
          return before;
        });
        writeLine(io.stdout, wasEnabled ? `Workflow ${code} was enabled already.` : `Workflow ${code} is enabled.`);
      }),
    );

  addScopeOptions(workflows.command('disable').description('disable a workflow; running instances carry on'))
    .argument('<code>', 'workflow code')
    .option('--with-parents', 'also disable the enabled workflows that use it as a sub-workflow')
    .action(
      action(io, async (input: string, options: ScopeOptions & { withParents?: boolean }) => {
        const code = workflowCode(input);
        const { wasEnabled, alsoDisabled } = await inCompany(cli, options, async (ctx) => {
          const enabledBefore = (await listWorkflows(ctx)).filter((w) => w.enabled).map((w) => w.code);
          try {
            await disableWorkflow(ctx, code, { disableParents: options.withParents === true });
          } catch (error) {
            if (error instanceof WerkstroomError && error.code === 'workflow-used-as-sub-workflow') {
              const hint = `${error.message} Add --with-parents to disable them too.`;
              throw new WerkstroomError(error.code, hint, error.details, error.kind);
            }
            throw error;
          }
          const enabledAfter = new Set((await listWorkflows(ctx)).filter((w) => w.enabled).map((w) => w.code));
          return {
            wasEnabled: enabledBefore.includes(code),
            alsoDisabled: enabledBefore.filter((c) => c !== code && !enabledAfter.has(c)),
          };
        });
        writeLine(io.stdout, wasEnabled ? `Workflow ${code} is disabled.` : `Workflow ${code} was disabled already.`);
        if (alsoDisabled.length > 0) writeLine(io.stdout, `Also disabled: ${alsoDisabled.join(', ')}.`);
      }),
    );
}
