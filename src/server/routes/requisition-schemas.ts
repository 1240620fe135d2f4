import { z } from 'zod';
import type { Restriction } from '../../records/restrictions.ts';
import {
  type CarryOutResult,
  REQUISITION_LINE_TYPES,
  type RequisitionLine,
  type RequisitionWorksheet,
  type SavedRequisitionLine,
} from '../../requisitions/index.ts';
import { companyParams } from '../schemas.ts';

/** Paths, request and response schemas and views of the requisition worksheet routes (requisitions.ts). */

export const COMPANY = '/api/v1/companies/:company';
export const WORKSHEETS = `${COMPANY}/requisition-worksheets`;
export const WORKSHEET = `${WORKSHEETS}/:name`;
export const LINES = `${WORKSHEET}/lines`;
export const LINE = `${LINES}/:lineNo`;

export const REQUISITION_TAG = 'requisitions';

const code = (what: string) => z.string().min(1).max(20).describe(what);
const decimal = (what: string) => z.string().describe(`${what}: an exact decimal as text, e.g. "12.5"`);
const revision = z.number().int().describe('Revision; the ETag of the record');

export const worksheetParams = companyParams.extend({ name: code('Requisition worksheet name') });
export const lineParams = worksheetParams.extend({ lineNo: z.coerce.number().int().min(1).describe('Line no.') });

export const worksheetSchema = z.object({
  name: z.string(),
  description: z.string(),
  lineCount: z.number().int().describe('How many lines the worksheet has'),
  revision,
});
export const worksheetCreateBody = z.strictObject({
  name: code('Worksheet name, at most 10 characters'),
  description: z.string().max(100).optional().describe('Description, at most 100 characters'),
});
const lineType = z.enum(REQUISITION_LINE_TYPES);

export const lineSchema = z.object({
  worksheetName: z.string(),
  lineNo: z.number().int(),
  type: lineType,
  no: z.string().describe('Item no.'),
  description: z.string(),
  quantity: decimal('Quantity to buy'),
  vendorNo: z.string().describe('The vendor the purchase order goes to'),
  dueDate: z.string().describe('YYYY-MM-DD, or blank'),
  revision,
});
const lineChanges = {
  type: lineType.describe('item, the only type'),
  no: z.string().max(20).describe('Item no.'),
  description: z.string().max(100).describe('Default: the item’s description'),
  quantity: decimal('Quantity to buy, greater than 0'),
  vendorNo: z.string().max(20).describe('The vendor the purchase order goes to'),
  dueDate: z.string().describe('YYYY-MM-DD, or blank'),
};
export const lineCreateBody = z.strictObject({
  lineNo: z.number().int().min(1).optional().describe('Default: the next multiple of 10000'),
  type: lineChanges.type.optional(),
  no: lineChanges.no,
  description: lineChanges.description.optional(),
  quantity: lineChanges.quantity,
  vendorNo: lineChanges.vendorNo,
  dueDate: lineChanges.dueDate.optional(),
});
export const lineChangeBody = z.strictObject({
  type: lineChanges.type.optional(),
  no: lineChanges.no.optional(),
  description: lineChanges.description.optional(),
  quantity: lineChanges.quantity.optional(),
  vendorNo: lineChanges.vendorNo.optional(),
  dueDate: lineChanges.dueDate.optional(),
});

const restrictionSchema = z.object({ workflowCode: z.string(), details: z.string(), createdAt: z.string() });
export const savedLineSchema = z.object({
  line: lineSchema,
  restriction: restrictionSchema
    .nullable()
    .describe(
      'Set when an enabled approval workflow covers the worksheet: the line is not carried out before approval',
    ),
});

export const carryOutSchema = z.object({
  worksheetName: z.string(),
  lineCount: z.number().int().describe('How many lines were carried out (and deleted)'),
  orders: z
    .array(
      z.object({
        documentType: z.string(),
        no: z.string(),
        vendorNo: z.string(),
        lineCount: z.number().int(),
      }),
    )
    .describe('The Open purchase orders made, one per vendor, in vendor order'),
});

export const worksheetView = (w: RequisitionWorksheet, lineCount: number) => ({
  name: w.name,
  description: w.description,
  lineCount,
  revision: w.revision,
});
export const lineView = (l: RequisitionLine) => ({ ...l });
const restrictionView = (r: Restriction | undefined) =>
  r ? { workflowCode: r.workflowCode, details: r.details, createdAt: r.createdAt } : null;
export const savedView = (saved: SavedRequisitionLine) => ({
  line: lineView(saved.line),
  restriction: restrictionView(saved.restriction),
});
export const carryOutView = (result: CarryOutResult) => ({
  worksheetName: result.worksheetName,
  lineCount: result.lineCount,
  orders: result.orders.map((o) => ({
    documentType: o.documentType,
    no: o.no,
    vendorNo: o.partyNo,
    lineCount: o.lineCount,
  })),
});
