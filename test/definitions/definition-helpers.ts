import { expect } from 'vitest';
import type { WorkflowStep, WorkflowStepInput } from '../../src/engine/definition/types.ts';
import { WerkstroomError } from '../../src/shared/errors.ts';

/** Helpers for the definition tests; the shared harness stays untouched. */

/** A step that runs another workflow in place. */
export const subWorkflow = (
  id: number,
  previousStepId: number | null,
  workflowCode: string,
  extra: Partial<WorkflowStepInput> = {},
): WorkflowStepInput => ({ id, previousStepId, type: 'sub-workflow', functionCode: workflowCode, ...extra });

/** A stored step as `getWorkflow` would return it, for the pure functions (snapshot, describe). */
export const stored = (input: WorkflowStepInput): WorkflowStep => ({
  id: input.id,
  previousStepId: input.previousStepId ?? null,
  nextStepId: input.nextStepId ?? null,
  type: input.type,
  functionCode: input.functionCode,
  sequence: input.sequence ?? 1,
  entryPoint: false,
  description: input.description ?? '',
  ...(input.conditions ? { conditions: input.conditions } : {}),
  ...(input.rules ? { rules: input.rules } : {}),
  ...(input.options ? { options: input.options } : {}),
});

/**
 * Awaits a promise that must fail with a WerkstroomError of the given code (and details, when
 * given), and returns the error for further checks.
 */
export async function expectFailure(
  promise: Promise<unknown>,
  code: string,
  details?: Record<string, unknown>,
): Promise<WerkstroomError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, `expected the call to fail with ${code}`).toBeInstanceOf(WerkstroomError);
  const error = outcome as WerkstroomError;
  expect(error.code).toBe(code);
  if (details) expect(error.details).toMatchObject(details);
  return error;
}

/** Runs a function that must throw synchronously with the given WerkstroomError code. */
export function expectThrows(run: () => unknown, code: string, details?: Record<string, unknown>): WerkstroomError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected the call to throw ${code}`).toBeInstanceOf(WerkstroomError);
  const error = caught as WerkstroomError;
  expect(error.code).toBe(code);
  if (details) expect(error.details).toMatchObject(details);
  return error;
}
