import { cancelApprovalRequest, type RequestResult, sendApprovalRequest } from '../approvals/user-actions.ts';
import type { EngineContext } from '../engine/context.ts';
import { conflict } from '../shared/errors.ts';
import { WORKSHEET_TABLE, worksheetKey } from './codes.ts';
import { listRequisitionLines } from './lines.ts';
import { getRequisitionWorksheet } from './worksheets.ts';

/** Sends a requisition worksheet for approval; one without lines has nothing to approve (`requisition-worksheet-empty`). */
export async function sendRequisitionWorksheetForApproval(ctx: EngineContext, name: string): Promise<RequestResult> {
  const worksheet = await getRequisitionWorksheet(ctx, name);
  if ((await listRequisitionLines(ctx, worksheet.name)).length === 0) {
    throw conflict(
      'requisition-worksheet-empty',
      `Requisition worksheet ${worksheet.name} has no lines, so there is nothing to approve.`,
    );
  }
  return sendApprovalRequest(ctx, WORKSHEET_TABLE, worksheetKey(worksheet.name));
}

export async function cancelRequisitionWorksheetApproval(ctx: EngineContext, name: string): Promise<RequestResult> {
  const worksheet = await getRequisitionWorksheet(ctx, name);
  return cancelApprovalRequest(ctx, WORKSHEET_TABLE, worksheetKey(worksheet.name));
}
