import { Command, CommanderError } from 'commander';
import { businessModules } from '../business-modules.ts';
import type { WorkflowModule } from '../index.ts';
import { addCompanyCommands } from './company-commands.ts';
import type { CliContext } from './database-options.ts';
import { addDemoCommand } from './demo-command.ts';
import { addMigrateCommand } from './migrate-command.ts';
import { type CliIo, EXIT_USAGE, reportError } from './output.ts';
import { addServeCommand } from './serve-command.ts';
import { addTemplateCommands } from './template-commands.ts';
import { addWebhookCommands } from './webhook-commands.ts';
import { addWorkerCommand } from './worker-command.ts';
import { addWorkflowCommands } from './workflow-commands.ts';

export type { CliIo, CliStream } from './output.ts';

export interface ProgramOptions {
  /** Modules beyond the built-in responses, as for `openWerkstroom`; default: the business modules. */
  readonly modules?: readonly WorkflowModule[];
  /** Where defaults (`WERKSTROOM_DATABASE_URL`, `WERKSTROOM_COMPANY`, `WERKSTROOM_USER`) come from. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The `werkstroom` command line. It never exits the process: `parseAsync` resolves when the
 * command succeeded and rejects with a `CommanderError` whose `exitCode` says how it ended
 * (0 after help, 1 for a failed command, 2 for a command line that could not be understood),
 * after the command has written its output and error messages to `io`.
 */
export function buildProgram(io: CliIo, options: ProgramOptions = {}): Command {
  const cli: CliContext = { io, modules: options.modules ?? businessModules, env: options.env ?? process.env };
  const program = new Command('werkstroom')
    .description('Werkstroom: workflows and approvals for business records')
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .exitOverride((error) => {
      throw error.exitCode === 0 ? error : new CommanderError(EXIT_USAGE, error.code, error.message);
    })
    .showHelpAfterError('(add --help for usage)');
  addMigrateCommand(program, cli);
  addCompanyCommands(program, cli);
  addWorkflowCommands(program, cli);
  addTemplateCommands(program, cli);
  addWebhookCommands(program, cli);
  addDemoCommand(program, cli);
  addServeCommand(program, cli);
  addWorkerCommand(program, cli);
  return program;
}

/** Runs the command line `argv` (as `process.argv`: node, script, arguments…) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo, options: ProgramOptions = {}): Promise<number> {
  try {
    await buildProgram(io, options).parseAsync([...argv]);
    return 0;
  } catch (error) {
    return reportError(io, error).exitCode;
  }
}
