import { z } from 'zod';

/** Schemas shared by the posting and journal routes: G/L entries and posted approval history. */

const decimal = z.string();

export const glEntrySchema = z.object({
  id: z.number().int(),
  registerId: z.number().int().describe('The posting (transaction) the entry belongs to'),
  postingDate: z.string(),
  documentType: z.string(),
  documentNo: z.string(),
  accountNo: z.string().describe('G/L account'),
  description: z.string(),
  amount: decimal.describe('LCY; debit positive, credit negative'),
  sourceType: z.string().describe('customer, vendor, bank-account or blank'),
  sourceNo: z.string(),
  createdBy: z.string(),
});

export const postedApprovalEntrySchema = z.object({
  id: z.number().int(),
  entryId: z.number().int().describe('The id the entry had before the document was posted'),
  table: z.string(),
  recordKey: z.string(),
  documentType: z.string(),
  documentNo: z.string(),
  sequence: z.number().int(),
  approvalCode: z.string().describe('The workflow'),
  senderId: z.string(),
  approverId: z.string(),
  status: z.string(),
  sentAt: z.string(),
  modifiedAt: z.string(),
  modifiedBy: z.string(),
  dueDate: z.string(),
  amount: decimal,
  amountLcy: decimal,
  currencyCode: z.string(),
  approvalType: z.string(),
  limitType: z.string(),
  instanceId: z.string(),
  reason: z.string(),
  closedByPeer: z.boolean(),
  postedBy: z.string(),
  postedAt: z.string(),
  history: z.array(
    z.object({
      action: z.string(),
      fromStatus: z.string(),
      toStatus: z.string(),
      fromApprover: z.string(),
      toApprover: z.string(),
      byUser: z.string(),
      at: z.string(),
      channel: z.string(),
      reason: z.string(),
    }),
  ),
});

export const postedCommentSchema = z.object({
  id: z.number().int(),
  table: z.string(),
  recordKey: z.string(),
  instanceId: z.string(),
  userId: z.string(),
  createdAt: z.string(),
  comment: z.string(),
});
