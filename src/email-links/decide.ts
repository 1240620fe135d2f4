import type { Werkstroom } from '../app/werkstroom.ts';
import { entryHistory, findEntry } from '../approvals/entry-store.ts';
import type { ApprovalEntry } from '../approvals/types.ts';
import { approveEntries, rejectEntries } from '../approvals/user-actions.ts';
import type { EngineContext } from '../engine/context.ts';
import { describeRecord } from '../records/index.ts';
import { isWerkstroomError } from '../shared/errors.ts';
import { type DecisionAction, type DecisionClaims, verifyDecisionToken } from './token.ts';

/** The approval entry as a link's page shows it. */
export interface LinkEntryView {
  readonly id: number;
  readonly record: string;
  readonly senderId: string;
  readonly approverId: string;
  readonly status: string;
  readonly dueDate: string;
  readonly amount: string;
  readonly currencyCode: string;
}

/** What a link does or did; `state` is stable, the page and the JSON answer are made from it. */
export type LinkOutcome =
  | { readonly state: 'invalid' }
  | { readonly state: 'not-found' }
  | { readonly state: 'expired'; readonly action: DecisionAction; readonly expiresAt: string }
  /** Valid and unused; the entry waits for this approver: GET shows it with a confirm button. */
  | {
      readonly state: 'ready';
      readonly action: DecisionAction;
      readonly expiresAt: string;
      readonly entry: LinkEntryView;
    }
  /** POST carried it out just now. */
  | {
      readonly state: 'decided';
      readonly action: DecisionAction;
      readonly entry: LinkEntryView;
      readonly messages: readonly string[];
    }
  /** This link was used before: by whom, when, with what outcome. */
  | {
      readonly state: 'used';
      readonly action: DecisionAction;
      readonly usedBy: string;
      readonly usedAt: string;
      readonly outcome: string;
      readonly entry: LinkEntryView;
    }
  /** The entry is no longer open: someone (or another link, or the workflow) settled it. */
  | {
      readonly state: 'already-decided';
      readonly action: DecisionAction;
      readonly decidedBy: string;
      readonly decidedAt: string;
      readonly channel: string;
      readonly entry: LinkEntryView;
    }
  /** Still open, but delegated to someone else: the link's approver may no longer decide it. */
  | { readonly state: 'reassigned'; readonly action: DecisionAction; readonly entry: LinkEntryView };

export type LinkState = LinkOutcome['state'];

/** HTTP status per outcome: 400 tampered, 404 gone, 409 nothing to do, 410 expired. */
export const LINK_STATUS: Readonly<Record<LinkState, number>> = {
  invalid: 400,
  'not-found': 404,
  expired: 410,
  ready: 200,
  decided: 200,
  used: 409,
  'already-decided': 409,
  reassigned: 409,
};

function entryView(ctx: EngineContext, entry: ApprovalEntry): LinkEntryView {
  return {
    id: entry.id,
    record: describeRecord(ctx, entry.table, entry.recordKey),
    senderId: entry.senderId,
    approverId: entry.approverId,
    status: entry.status,
    dueDate: entry.dueDate,
    amount: entry.amount,
    currencyCode: entry.currencyCode,
  };
}

/** Who moved the entry into its current status, and when (its audit trail; else its last change). */
async function lastDecision(ctx: EngineContext, entry: ApprovalEntry) {
  const history = await entryHistory(ctx, entry.id);
  const change = history.findLast((e) => e.to_status === entry.status && e.from_status !== e.to_status);
  return change
    ? { decidedBy: change.by_user, decidedAt: change.at, channel: change.channel }
    : { decidedBy: entry.modifiedBy, decidedAt: entry.modifiedAt, channel: '' };
}

/** Why the link cannot decide now, or `ready` with the entry. Reads only. */
async function stateOf(ctx: EngineContext, claims: DecisionClaims): Promise<LinkOutcome> {
  const { action } = claims;
  const entry = await findEntry(ctx, claims.entryId);
  if (!entry) return { state: 'not-found' };
  const view = entryView(ctx, entry);
  const use = await ctx.tx
    .selectFrom('email_link_use')
    .selectAll()
    .where('jti', '=', claims.jti)
    .where('company_id', '=', ctx.companyId)
    .executeTakeFirst();
  if (use)
    return { state: 'used', action, usedBy: use.used_by, usedAt: use.used_at, outcome: use.outcome, entry: view };
  if (entry.status !== 'Open')
    return { state: 'already-decided', action, ...(await lastDecision(ctx, entry)), entry: view };
  if (entry.approverId !== claims.approverId) return { state: 'reassigned', action, entry: view };
  return { state: 'ready', action, expiresAt: claims.expiresAt.toISOString(), entry: view };
}

async function inCompanyOf<T>(
  app: Werkstroom,
  claims: DecisionClaims,
  command: (ctx: EngineContext) => Promise<T>,
): Promise<T | { state: 'not-found' }> {
  try {
    return await app.run({ company: claims.companyId, userId: claims.approverId }, command);
  } catch (error) {
    if (isWerkstroomError(error) && error.code === 'company-not-found') return { state: 'not-found' };
    throw error;
  }
}

/** What the link would do (GET): never writes, so mail scanners that fetch links change nothing. */
export async function inspectLink(app: Werkstroom, secret: string, token: string): Promise<LinkOutcome> {
  const verified = await verifyDecisionToken(secret, token, app.clock());
  if (verified.kind === 'invalid') return { state: 'invalid' };
  const { claims } = verified;
  if (verified.kind === 'expired')
    return { state: 'expired', action: claims.action, expiresAt: claims.expiresAt.toISOString() };
  return inCompanyOf(app, claims, (ctx) => stateOf(ctx, claims));
}

/**
 * Carries the link out (POST) as its approver, channel 'email', and records the use in the same
 * transaction. A link used before, an entry someone else settled or delegated, decides nothing.
 */
export async function useLink(
  app: Werkstroom,
  secret: string,
  token: string,
  options: { readonly comment?: string } = {},
): Promise<LinkOutcome> {
  const verified = await verifyDecisionToken(secret, token, app.clock());
  if (verified.kind !== 'valid') return inspectLink(app, secret, token);
  const { claims } = verified;
  try {
    return await inCompanyOf(app, claims, async (ctx): Promise<LinkOutcome> => {
      const state = await stateOf(ctx, claims);
      if (state.state !== 'ready') return state;
      const outcome = claims.action === 'approve' ? 'approved' : 'rejected';
      await ctx.tx
        .insertInto('email_link_use')
        .values({
          jti: claims.jti,
          company_id: ctx.companyId,
          entry_id: claims.entryId,
          used_by: claims.approverId,
          used_at: ctx.now.toISOString(),
          outcome,
        })
        .execute();
      const decide = claims.action === 'approve' ? approveEntries : rejectEntries;
      const decisionOptions = { channel: 'email' as const, ...(options.comment ? { comment: options.comment } : {}) };
      const [result] = await decide(ctx, [claims.entryId], decisionOptions);
      if (!result) throw new Error(`No result for approval entry ${claims.entryId}.`);
      return {
        state: 'decided',
        action: claims.action,
        entry: entryView(ctx, result.entry),
        messages: result.messages,
      };
    });
  } catch (error) {
    // Another click or another decision won the race and this transaction rolled back: say what happened.
    const after = await inspectLink(app, secret, token).catch(() => undefined);
    if (after && after.state !== 'ready') return after;
    throw error;
  }
}
