import { z } from 'zod';
import { getGlRegister } from '../../journals/index.ts';
import { companyParams, errorResponses } from '../schemas.ts';
import { inCompany } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';
import { COMPANY } from './journal-schemas.ts';
import { glEntrySchema, postedApprovalEntrySchema, postedCommentSchema } from './ledger-schemas.ts';

/**
 * A G/L register (one posting) with its G/L entries and, for a journal posting, the approval
 * entries and comments of the journal lines and batch it posted (reference §5.12).
 */

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
      inCompany(options, request, request.params.company, 'read', async (ctx) => {
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
