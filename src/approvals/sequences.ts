import type { EngineContext } from '../engine/context.ts';
import { changeEntry, entriesOfRequest } from './entry-store.ts';
import type { ApprovalEntry, DecisionChannel } from './types.ts';
import { findUserGroup, sequenceSatisfied } from './user-groups.ts';

/**
 * D1: when one sequence of a group is satisfied by its policy (any / quorum), the entries of
 * that sequence still waiting are closed as approved by a peer, with a record saying so.
 * Returns the entries it closed.
 */
export async function closeSatisfiedSequence(
  ctx: EngineContext,
  table: string,
  key: string,
  instanceId: string,
  sequence: number,
  channel: DecisionChannel,
): Promise<ApprovalEntry[]> {
  const entries = (await entriesOfRequest(ctx, table, key, instanceId)).filter(
    (e) => e.sequence === sequence && e.status !== 'Rejected' && e.status !== 'Canceled',
  );
  const groupCode = entries.find((e) => e.groupCode !== '')?.groupCode;
  if (!groupCode) return [];
  const group = await findUserGroup(ctx, groupCode);
  if (!group || group.parallelPolicy === 'all') return [];
  const approved = entries.filter((e) => e.status === 'Approved').length;
  if (!sequenceSatisfied(group.parallelPolicy, group.quorum, approved, entries.length)) return [];
  const closed: ApprovalEntry[] = [];
  for (const entry of entries.filter((e) => e.status === 'Created' || e.status === 'Open')) {
    closed.push(
      await changeEntry(
        ctx,
        entry,
        { status: 'Approved', closedByPeer: true },
        {
          action: 'approved-by-peer',
          channel,
          reason: `sequence ${sequence} of group ${group.code} is satisfied (${group.parallelPolicy}${group.parallelPolicy === 'quorum' ? ` ${group.quorum}` : ''})`,
        },
      ),
    );
  }
  return closed;
}
