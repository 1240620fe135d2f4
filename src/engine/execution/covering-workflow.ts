import type { EngineContext } from '../context.ts';
import type { WorkflowRecord } from '../record.ts';
import { evaluateCondition } from './conditions.ts';
import { canHandleEvent } from './handle-event.ts';
import { entryWorkflows } from './instance-store.ts';

/**
 * The code of the enabled workflow that would take this event for the record now, if any: the
 * first (by code) whose entry condition holds, else the one whose running instance waits for it.
 * Modules use it to restrict records ahead of a request and to name the workflow that did.
 */
export async function coveringWorkflow(
  ctx: EngineContext,
  eventCode: string,
  record: WorkflowRecord,
): Promise<string | undefined> {
  if (!(await canHandleEvent(ctx, eventCode, record))) return undefined;
  const entries = await entryWorkflows(ctx, eventCode);
  for (const entry of entries) {
    const root = (await ctx.snapshots.get(ctx, entry.version_id)).steps[0];
    if (root?.functionCode === eventCode && (await evaluateCondition(ctx, root, record, undefined))) {
      return entry.workflow_code;
    }
  }
  return entries[0]?.workflow_code;
}
