import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createCompany } from '../../src/app/companies.ts';
import { openWerkstroom, type Werkstroom } from '../../src/app/werkstroom.ts';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import type { EngineContext } from '../../src/engine/context.ts';
import { enableWorkflow } from '../../src/engine/definition/enable.ts';
import type { WorkflowStepInput } from '../../src/engine/definition/types.ts';
import { createWorkflow } from '../../src/engine/definition/workflows.ts';
import type { WorkflowModule } from '../../src/engine/registry-types.ts';
import { createExpenseTables, expenseModule } from './expense-module.ts';

export const FIXED_NOW = new Date('2026-03-02T09:00:00Z');

/** A company of its own for one test, on a shared database, with the expense module loaded. */
export interface TestCompany {
  readonly app: Werkstroom;
  readonly company: string;
  run<T>(command: (ctx: EngineContext) => Promise<T>, userId?: string): Promise<T>;
}

export async function newTestCompany(
  handle: DatabaseHandle,
  modules: readonly WorkflowModule[] = [expenseModule],
): Promise<TestCompany> {
  // biome-ignore lint/suspicious/noExplicitAny: the test tables are not part of the product schema
  await createExpenseTables(handle.db as unknown as Kysely<any>);
  const app = await openWerkstroom({ database: handle, modules, clock: () => FIXED_NOW });
  const code = `T${randomBytes(5).toString('hex').toUpperCase()}`;
  await createCompany(handle.db, { code, name: `Test ${code}` }, FIXED_NOW);
  return {
    app,
    company: code,
    run: (command, userId = 'ALICE') => app.run({ company: code, userId }, command),
  };
}

/** Creates and enables a workflow in one go. */
export async function enabledWorkflow(
  ctx: EngineContext,
  code: string,
  steps: readonly WorkflowStepInput[],
  description = `Workflow ${code}`,
): Promise<void> {
  await createWorkflow(ctx, { code, description, steps });
  await enableWorkflow(ctx, code);
}

/** Step builders that keep scenario definitions short. */
export const event = (
  id: number,
  previousStepId: number | null,
  functionCode: string,
  extra: Partial<WorkflowStepInput> = {},
): WorkflowStepInput => ({ id, previousStepId, type: 'event', functionCode, ...extra });

export const response = (
  id: number,
  previousStepId: number,
  functionCode: string,
  options?: Record<string, unknown>,
  extra: Partial<WorkflowStepInput> = {},
): WorkflowStepInput => ({
  id,
  previousStepId,
  type: 'response',
  functionCode,
  ...(options ? { options } : {}),
  ...extra,
});

export const log = (id: number, previousStepId: number, note: string, extra: Partial<WorkflowStepInput> = {}) =>
  response(id, previousStepId, 'expense.log', { note }, extra);
