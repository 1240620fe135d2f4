import { keyFromValues } from '../engine/record.ts';

/** Record tables of the requisitions module. */
export const WORKSHEET_TABLE = 'requisition-worksheet';
export const REQUISITION_LINE_TABLE = 'requisition-line';

/** Stable event codes (D15). */
export const WORKSHEET_APPROVAL_REQUESTED = 'requisition-worksheet.approval-requested';
export const WORKSHEET_APPROVAL_CANCELED = 'requisition-worksheet.approval-request-canceled';

export const REQUISITION_LINE_TYPES = ['item'] as const;
export type RequisitionLineType = (typeof REQUISITION_LINE_TYPES)[number];

/** New lines are numbered in steps of this size. */
export const REQUISITION_LINE_NO_STEP = 10000;

/** `REQ`: a worksheet's record key (a one-field key is the plain value). */
export function worksheetKey(name: string): string {
  return keyFromValues([name]);
}

/** `["REQ",10000]`: a line's record key. */
export function requisitionLineKey(worksheetName: string, lineNo: number): string {
  return keyFromValues([worksheetName, lineNo]);
}

function parseArray(key: string): unknown[] | undefined {
  try {
    const values: unknown = JSON.parse(key);
    return Array.isArray(values) ? values : undefined;
  } catch {
    return undefined;
  }
}

export function parseRequisitionLineKey(key: string): { worksheetName: string; lineNo: number } | undefined {
  const values = parseArray(key);
  if (values?.length !== 2 || typeof values[0] !== 'string') return undefined;
  const lineNo = Number(values[1]);
  return Number.isSafeInteger(lineNo) ? { worksheetName: values[0], lineNo } : undefined;
}
