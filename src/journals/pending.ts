import type { EngineContext } from '../engine/context.ts';
import { assertNoPendingApproval } from '../records/record-links.ts';
import { conflict } from '../shared/errors.ts';

/** What a journal command was about to do to a record that waits for an approval decision. */
export type PendingRefusal = 'deleting' | 'changing' | 'changing-lines' | 'posting';

const WHAT_TO_DO: Record<PendingRefusal, string> = {
  deleting: 'cancel the request before deleting it',
  changing: 'cancel the request before changing it',
  'changing-lines': 'cancel the request before changing its lines',
  posting: 'post it once the request is approved',
};

/**
 * Refuses (`journal-approval-pending`) while the journal batch or line has approval entries
 * waiting for a decision (Created or Open): what the approvers see must be what gets posted.
 */
export async function assertNoJournalApprovalPending(
  ctx: EngineContext,
  table: string,
  key: string,
  what: string,
  doing: PendingRefusal,
): Promise<void> {
  await assertNoPendingApproval(ctx, table, key, {
    code: 'journal-approval-pending',
    message: `${what} waits for an approval decision; ${WHAT_TO_DO[doing]}.`,
  });
}

/** `numUpdatedRows` / `numDeletedRows` must say one row (or `expected` rows); else someone else changed them first. */
export function assertRowsWritten(
  written: bigint | number,
  expected: number,
  code: string,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): void {
  if (Number(written) !== expected) throw conflict(code, message, { expected, written: Number(written), ...details });
}
