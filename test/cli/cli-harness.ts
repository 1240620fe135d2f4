import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { createCompany } from '../../src/app/companies.ts';
import { openWerkstroom } from '../../src/app/werkstroom.ts';
import { buildProgram } from '../../src/cli/program.ts';
import type { EngineContext } from '../../src/engine/context.ts';
import type { WorkflowModule } from '../../src/engine/registry-types.ts';
import { expenseModule } from '../support/expense-module.ts';

export const FIXED_NOW = new Date('2026-03-02T09:00:00Z');

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly modules?: readonly WorkflowModule[];
}

/**
 * Runs `werkstroom <args>` in-process and collects what it printed and how it exited. The program
 * comes with `exitOverride` set, so a failure rejects with the exit code instead of exiting.
 */
export async function cli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const program = buildProgram(
    { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } },
    { modules: options.modules ?? [expenseModule], env: options.env ?? {} },
  );
  let exitCode = 0;
  try {
    await program.parseAsync(['node', 'werkstroom', ...args]);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    exitCode = error.exitCode;
  }
  return { exitCode, stdout, stderr };
}

/** A directory of its own under the system's temporary directory, removed by `remove`. */
export function tempDir(): { readonly path: string; file(name: string): string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'werkstroom-cli-'));
  return { path, file: (name) => join(path, name), remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Migrates the database at `url` and creates the given companies, each seeded by `seed`. */
export async function seedDatabase(
  url: string,
  companies: readonly string[],
  seed?: (ctx: EngineContext, company: string) => Promise<void>,
): Promise<void> {
  const app = await openWerkstroom({ databaseUrl: url, modules: [expenseModule], clock: () => FIXED_NOW });
  try {
    for (const code of companies) {
      await createCompany(app.database.db, { code, name: `Company ${code}` }, FIXED_NOW);
      if (seed) await app.run({ company: code, userId: 'SEED' }, (ctx) => seed(ctx, code));
    }
  } finally {
    await app.close();
  }
}
