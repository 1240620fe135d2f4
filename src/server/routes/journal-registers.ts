import { z } from 'zod';
import { getGlRegister } from '../../journals/index.ts';
import { companyParams, errorResponses } from '../schemas.ts';
import type { Server, ServerOptions } from '../types.ts';
import { COMPANY, decimal, run } from './journal-schemas.ts';

/**
 * A G/L register (one posting) with its G/L entries and, for a journal posting, the approval
 * entries and comments of the journal lines and batch it posted (reference §5.12).
 */

const glEntrySchema = z.object({
  id: z.number().int(),
  registerId: z.number().int(),
  postingDate: z.string(),
  documentType: z.string(),
  documentNo: z.string(),
  accountNo: z.string().describe('G/L account'),
  description: z.string(),
  amount: decimal('LCY; debit positive, credit negative'),
  sourceType: z.string().describe('customer, vendor, bank-account or blank'),
  sourceNo: z.string(),
  createdBy: z.string(),
});

const postedApprovalEntrySchema = z.object({
  id: z.number().int(),
  entryId: z.number().int().describe('The id the entry had before the record was posted'),
  table: z.string().describe('gen-journal-line or gen-journal-batch'),
  recordKey: z.string().describe('Key of the line or batch, e.g. ["GENERAL","DEFAULT",10000]'),
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
  amount: decimal('Amount'),
  amountLcy: decimal('Amount (LCY)'),
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

const postedCommentSchema = z.object({
  id: z.number().int(),
  table: z.string(),
  recordKey: z.string(),
  instanceId: z.string(),
  userId: z.string(),
  createdAt: z.string(),
  comment: z.string(),
});

const registerSchema = z.object({
  id: z.number().int(),
  source: z.string().describe('sales-posting, purchase-posting or journal'),
  documentNo: z.string(),
  postingDate: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  glEntries: z.array(glEntrySchema).describe('What the posting wrote; they sum to zero'),
  approvalEntries: z
    .array(postedApprovalEntrySchema)
    .describe('Approval entries of the journal lines and batch the posting came from, as posted'),
  comments: z.array(postedCommentSchema),
});

const registerParams = companyParams.extend({
  id: z.coerce.number().int().min(1).describe('G/L register no. (registerId of the entries)'),
});

export function registerGlRegisterRoutes(server: Server, options: ServerOptions): void {
  server.get(
    `${COMPANY}/gl-registers/:id`,
    {
      schema: {
        tags: ['ledger'],
        summary: 'Get a G/L register: one posting with its G/L entries and posted approval history',
        params: registerParams,
        response: { 200: registerSchema, ...errorResponses },
      },
    },
    async (request) =>
      run(options, request, request.params.company, 'read', async (ctx) => {
        const register = await getGlRegister(ctx, request.params.id);
        return {
          ...register,
          glEntries: register.glEntries.map((e) => ({ ...e })),
          approvalEntries: register.approvalEntries.map(({ postedTable: _t, postedKey: _k, ...entry }) => ({
            ...entry,
            history: entry.history.map((h) => ({ ...h })),
          })),
          comments: register.comments.map(({ postedTable: _t, postedKey: _k, ...comment }) => comment),
        };
      }),
  );
}
