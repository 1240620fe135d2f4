import type { WorkflowRecord } from '../engine/record.ts';
import { conflict } from '../shared/errors.ts';

/** A saved change of a registered record: the values and the workflow records before and after. */
export interface RecordUpdate<T> {
  readonly before: T;
  readonly after: T;
  /** As the engine wants them for a "changed" event: `handleEvent(ctx, code, record, oldRecord)`. */
  readonly oldRecord: WorkflowRecord;
  readonly record: WorkflowRecord;
}

/** A saved change of a setup row that is not a workflow record (salesperson, currency). */
export interface Change<T> {
  readonly before: T;
  readonly after: T;
}

/** Optimistic concurrency: refuses when the caller saw an older revision than the stored one. */
export function assertRevision(code: string, what: string, current: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== current) {
    throw conflict(
      code,
      `${what} was changed by someone else (revision ${current}, you had ${expected}); reload and try again.`,
      { revision: current, expectedRevision: expected },
    );
  }
}
