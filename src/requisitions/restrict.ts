import type { EngineContext } from '../engine/context.ts';
import { evaluateCondition } from '../engine/execution/conditions.ts';
import { canHandleEvent } from '../engine/execution/handle-event.ts';
import { entryWorkflows } from '../engine/execution/instance-store.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import { addRestriction, type Restriction } from '../records/restrictions.ts';
import { REQUISITION_LINE_TABLE, requisitionLineKey, WORKSHEET_APPROVAL_REQUESTED } from './codes.ts';
import { requisitionWorksheetRecord } from './worksheets.ts';

/** The enabled workflow that would take the worksheet's approval request now, if any (first whose entry condition holds). */
async function coveringWorkflow(ctx: EngineContext, record: WorkflowRecord): Promise<string | undefined> {
  if (!(await canHandleEvent(ctx, WORKSHEET_APPROVAL_REQUESTED, record))) return undefined;
  const entries = await entryWorkflows(ctx, WORKSHEET_APPROVAL_REQUESTED);
  for (const entry of entries) {
    const root = (await ctx.snapshots.get(ctx, entry.version_id)).steps[0];
    if (
      root?.functionCode === WORKSHEET_APPROVAL_REQUESTED &&
      (await evaluateCondition(ctx, root, record, undefined))
    ) {
      return entry.workflow_code;
    }
  }
  return entries[0]?.workflow_code;
}

/**
 * Automatic restriction (reference §8.1): while an enabled approval workflow would take a request
 * for its worksheet, a new or changed requisition line is restricted, so it cannot be carried out
 * before the worksheet is approved.
 */
export async function restrictLineIfApprovalRequired(
  ctx: EngineContext,
  worksheetName: string,
  lineNo: number,
): Promise<Restriction | undefined> {
  const workflow = await coveringWorkflow(ctx, await requisitionWorksheetRecord(ctx, worksheetName));
  if (!workflow) return undefined;
  return addRestriction(ctx, REQUISITION_LINE_TABLE, requisitionLineKey(worksheetName, lineNo), {
    workflowCode: workflow,
    details: `Requisition worksheet ${worksheetName} needs approval before its lines can be carried out (workflow ${workflow}).`,
  });
}
