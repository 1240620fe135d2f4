import type { EngineContext } from '../engine/context.ts';
import { coveringWorkflow } from '../engine/execution/covering-workflow.ts';
import { addRestriction, type Restriction } from '../records/restrictions.ts';
import { REQUISITION_LINE_TABLE, requisitionLineKey, WORKSHEET_APPROVAL_REQUESTED } from './codes.ts';
import { requisitionWorksheetRecord } from './worksheets.ts';

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
  const workflow = await coveringWorkflow(
    ctx,
    WORKSHEET_APPROVAL_REQUESTED,
    await requisitionWorksheetRecord(ctx, worksheetName),
  );
  if (!workflow) return undefined;
  return addRestriction(ctx, REQUISITION_LINE_TABLE, requisitionLineKey(worksheetName, lineNo), {
    workflowCode: workflow,
    details: `Requisition worksheet ${worksheetName} needs approval before its lines can be carried out (workflow ${workflow}).`,
  });
}
