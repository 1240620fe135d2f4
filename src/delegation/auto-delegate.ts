import type { Werkstroom } from '../app/werkstroom.ts';
import { companySettings } from '../approvals/company-settings.ts';
import { findEntry, rowToEntry } from '../approvals/entry-store.ts';
import type { ApprovalEntry } from '../approvals/types.ts';
import { delegateEntries, delegationTarget } from '../approvals/user-actions.ts';
import type { EngineContext } from '../engine/context.ts';
import { calcDate } from '../engine/date-formula.ts';
import { atTime, JOB_USER_ID } from '../overdue/job-user.ts';
import { isWerkstroomError } from '../shared/errors.ts';
import { localDate } from '../shared/local-date.ts';

/**
 * Automatic delegation (reference §5.9, report 1511; D10): every Open entry with a delegation
 * formula whose `calcDate(formula, date sent)` is today or earlier goes to the approver's
 * substitute, else their approver, else the approval administrator. Delegating restarts the
 * entry's sent time, so one run never passes an entry on twice; the next hop comes only after
 * the formula has run out again.
 */

export interface AutoDelegation {
  readonly entryId: number;
  readonly from: string;
  readonly to: string;
}

export interface AutoDelegationSkip {
  readonly entryId: number;
  /** `delegation-target-same` (nobody else to hand it to), or the error code that stopped it. */
  readonly code: string;
  readonly message: string;
}

export interface AutoDelegationResult {
  readonly today: string;
  readonly delegated: readonly AutoDelegation[];
  readonly skipped: readonly AutoDelegationSkip[];
}

/** When the entry is due for delegation: its formula applied to the date it was sent (company time zone). */
export function delegationDate(entry: ApprovalEntry, timeZone: string): string | undefined {
  if (entry.delegationFormula === '') return undefined;
  return calcDate(entry.delegationFormula, localDate(new Date(entry.sentAt), timeZone));
}

async function dueForDelegation(ctx: EngineContext): Promise<{ today: string; ids: number[] }> {
  const { today, timeZone } = await companySettings(ctx);
  const rows = await ctx.tx
    .selectFrom('approval_entry')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('status', '=', 'Open')
    .where('delegation_formula', '<>', '')
    .orderBy('id')
    .execute();
  const ids = rows
    .map(rowToEntry)
    .filter((e) => (delegationDate(e, timeZone) ?? '9999-12-31') <= today)
    .map((e) => e.id);
  return { today, ids };
}

/** One entry in its own transaction, checked again inside it: a second worker or a rerun finds nothing to do. */
async function delegateOne(ctx: EngineContext, id: number): Promise<AutoDelegation | AutoDelegationSkip | undefined> {
  const entry = await findEntry(ctx, id);
  const { today, timeZone } = await companySettings(ctx);
  const due = entry && entry.status === 'Open' ? delegationDate(entry, timeZone) : undefined;
  if (!entry || due === undefined || due > today) return undefined;
  const to = await delegationTarget(ctx, entry.approverId);
  if (to === entry.approverId) {
    return {
      entryId: id,
      code: 'delegation-target-same',
      message: `${entry.approverId} has nobody to delegate to; the entry stays with them.`,
    };
  }
  const reason = `Not decided within ${entry.delegationFormula} of being sent; delegated automatically.`;
  await delegateEntries(ctx, [id], { checkUser: false, channel: 'job', reason });
  return { entryId: id, from: entry.approverId, to };
}

/** The automatic delegation run of one company at `now`. Entries that cannot move are reported, not fatal. */
export async function runAutoDelegation(
  app: Werkstroom,
  companyCode: string | number,
  now: Date,
  options: { readonly signal?: AbortSignal } = {},
): Promise<AutoDelegationResult> {
  const scope = { company: companyCode, userId: JOB_USER_ID };
  const { today, ids } = await app.run(scope, (ctx) => dueForDelegation(atTime(ctx, now)));
  const delegated: AutoDelegation[] = [];
  const skipped: AutoDelegationSkip[] = [];
  for (const id of ids) {
    if (options.signal?.aborted) break;
    try {
      const done = await app.run(scope, (ctx) => delegateOne(atTime(ctx, now), id));
      if (done && 'to' in done) delegated.push(done);
      else if (done) skipped.push(done);
    } catch (error) {
      if (!isWerkstroomError(error)) throw error;
      skipped.push({ entryId: id, code: error.code, message: error.message });
    }
  }
  return { today, delegated, skipped };
}
