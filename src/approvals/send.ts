import type { EngineContext } from '../engine/context.ts';
import { invalid } from '../shared/errors.ts';
import { changeEntry, entriesOfRequest } from './entry-store.ts';
import { type ApprovalNotifyOptions, notifyAboutEntry } from './notify.ts';
import { closeSatisfiedSequence } from './sequences.ts';
import type { ApprovalEntry } from './types.ts';

/**
 * Opens the lowest sequence still waiting to be asked: all its entries at once (parallel
 * approvers share a sequence), each with a notification. A sequence already satisfied by the
 * requester's own approval (D2 under `any` or `quorum`) is closed first. Returns the opened entries.
 */
async function openNextSequence(
  ctx: EngineContext,
  table: string,
  key: string,
  instanceId: string,
  notify: ApprovalNotifyOptions,
): Promise<ApprovalEntry[]> {
  for (;;) {
    const created = (await entriesOfRequest(ctx, table, key, instanceId)).filter((e) => e.status === 'Created');
    if (created.length === 0) return [];
    const lowest = Math.min(...created.map((e) => e.sequence));
    if ((await closeSatisfiedSequence(ctx, table, key, instanceId, lowest, 'workflow')).length > 0) continue;
    const opened: ApprovalEntry[] = [];
    for (const entry of created.filter((e) => e.sequence === lowest)) {
      const open = await changeEntry(
        ctx,
        entry,
        { status: 'Open', sentAt: ctx.now.toISOString() },
        { action: 'sent', channel: 'workflow' },
      );
      await notifyAboutEntry(ctx, open, notify);
      opened.push(open);
    }
    return opened;
  }
}

export type SendOutcome =
  | { readonly kind: 'opened'; readonly entries: readonly ApprovalEntry[] }
  | { readonly kind: 'all-approved'; readonly lastApproved: ApprovalEntry }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'notified' };

/** The first send of a request (reference §5.4, "from a record"). */
export async function sendFromRecord(
  ctx: EngineContext,
  table: string,
  key: string,
  instanceId: string,
  notify: ApprovalNotifyOptions,
): Promise<SendOutcome> {
  // D2: every sequence the requester's own approval already satisfies (any / quorum) is closed
  // now, not only the first: were a later one closed only when it came up, after an approval,
  // the last approval would see entries still pending and the request would never complete.
  const waiting = (await entriesOfRequest(ctx, table, key, instanceId)).filter((e) => e.status === 'Created');
  for (const sequence of new Set(waiting.map((e) => e.sequence))) {
    await closeSatisfiedSequence(ctx, table, key, instanceId, sequence, 'workflow');
  }
  const opened = await openNextSequence(ctx, table, key, instanceId, notify);
  if (opened.length > 0) return { kind: 'opened', entries: opened };
  const approved = (await entriesOfRequest(ctx, table, key, instanceId)).filter((e) => e.status === 'Approved');
  const last = approved[approved.length - 1];
  if (!last) throw invalid('approval-requests-missing', 'There are no approval requests to send for this record.');
  // Everyone who had to approve already has (the requester qualified): the workflow moves on.
  return { kind: 'all-approved', lastApproved: last };
}

/** Sending after an approval with others pending, or after a delegation (reference §5.4, "from an entry"). */
export async function sendFromEntry(
  ctx: EngineContext,
  entry: ApprovalEntry,
  notify: ApprovalNotifyOptions,
): Promise<SendOutcome> {
  if (entry.status === 'Open') {
    // Delegated: the same entry now waits for its new approver.
    await notifyAboutEntry(ctx, entry, notify);
    return { kind: 'notified' };
  }
  const entries = await entriesOfRequest(ctx, entry.table, entry.recordKey, entry.instanceId);
  if (entries.some((e) => e.status === 'Open')) return { kind: 'waiting' };
  const opened = await openNextSequence(ctx, entry.table, entry.recordKey, entry.instanceId, notify);
  return opened.length > 0 ? { kind: 'opened', entries: opened } : { kind: 'waiting' };
}
