import type { EngineContext } from '../engine/context.ts';
import { assertNoPendingApproval } from '../records/record-links.ts';
import { conflict } from '../shared/errors.ts';
import { WORKSHEET_TABLE, worksheetKey } from './codes.ts';

/** What a requisition command was about to do to a worksheet that waits for an approval decision. */
export type PendingRefusal = 'deleting' | 'changing-lines' | 'carrying-out';

const WHAT_TO_DO: Record<PendingRefusal, string> = {
  deleting: 'cancel the request before deleting it',
  'changing-lines': 'cancel the request before changing its lines',
  'carrying-out': 'carry it out once the request is approved',
};

/**
 * Refuses (`requisition-approval-pending`) while the worksheet has approval entries waiting for a
 * decision (Created or Open): what the approvers see must be what gets ordered.
 */
export async function assertNoWorksheetApprovalPending(
  ctx: EngineContext,
  worksheetName: string,
  doing: PendingRefusal,
): Promise<void> {
  await assertNoPendingApproval(ctx, WORKSHEET_TABLE, worksheetKey(worksheetName), {
    code: 'requisition-approval-pending',
    message: `Requisition worksheet ${worksheetName} waits for an approval decision; ${WHAT_TO_DO[doing]}.`,
  });
}

/** `numUpdatedRows` must say one row; else someone else changed it first. */
export function assertOneRowWritten(written: bigint | number, code: string, message: string): void {
  if (Number(written) !== 1) throw conflict(code, message, { expected: 1, written: Number(written) });
}
