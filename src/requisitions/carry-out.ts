import type { EngineContext } from '../engine/context.ts';
import { addLine } from '../records/document-lines.ts';
import type { DocumentHeader } from '../records/document-rows.ts';
import { createDocument, getDocument } from '../records/documents.ts';
import { assertNotRestricted } from '../records/restrictions.ts';
import { conflict } from '../shared/errors.ts';
import { REQUISITION_LINE_TABLE, requisitionLineKey, WORKSHEET_TABLE, worksheetKey } from './codes.ts';
import { listRequisitionLines, type RequisitionLine, removeRequisitionLine } from './lines.ts';
import { assertNoWorksheetApprovalPending } from './pending.ts';
import { getRequisitionWorksheet } from './worksheets.ts';

export interface CarryOutResult {
  readonly worksheetName: string;
  /** The Open purchase orders made, one per vendor in vendor order, with their lines. */
  readonly orders: readonly DocumentHeader[];
  readonly lineCount: number;
}

const ACTION = 'carry out the requisition worksheet';

/**
 * Carries the worksheet out: one Open purchase order per vendor with that vendor's lines (in line
 * order), then the lines are deleted. Refused (`record-restricted`) while the worksheet or one of
 * its lines is restricted, (`requisition-approval-pending`) while its approval request waits, and
 * (`requisition-worksheet-empty`) when it has no lines. All or nothing: one transaction.
 */
export async function carryOutWorksheet(ctx: EngineContext, name: string): Promise<CarryOutResult> {
  const worksheet = await getRequisitionWorksheet(ctx, name, true);
  await assertNoWorksheetApprovalPending(ctx, worksheet.name, 'carrying-out');
  await assertNotRestricted(ctx, WORKSHEET_TABLE, worksheetKey(worksheet.name), ACTION);
  const lines = await listRequisitionLines(ctx, worksheet.name);
  if (lines.length === 0) {
    throw conflict('requisition-worksheet-empty', `Requisition worksheet ${worksheet.name} has no lines to carry out.`);
  }
  for (const line of lines) {
    await assertNotRestricted(ctx, REQUISITION_LINE_TABLE, requisitionLineKey(line.worksheetName, line.lineNo), ACTION);
  }
  const byVendor = new Map<string, RequisitionLine[]>();
  for (const line of lines) byVendor.set(line.vendorNo, [...(byVendor.get(line.vendorNo) ?? []), line]);
  const orders: DocumentHeader[] = [];
  for (const vendorNo of [...byVendor.keys()].sort()) {
    const header = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: vendorNo });
    const ref = { area: 'purchase', documentType: header.documentType, no: header.no };
    for (const line of byVendor.get(vendorNo) ?? []) {
      await addLine(ctx, ref, { type: line.type, no: line.no, quantity: line.quantity, description: line.description });
    }
    orders.push(await getDocument(ctx, 'purchase', header.documentType, header.no));
  }
  for (const line of lines) await removeRequisitionLine(ctx, line);
  return { worksheetName: worksheet.name, orders, lineCount: lines.length };
}
