import { z } from 'zod';
import { customerCreditInfo } from '../../credit/credit-info.ts';
import { companyParams, errorResponses } from '../schemas.ts';
import { inCompany } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';

const lcy = (what: string) => z.string().describe(`${what} in local currency, an exact decimal as text`);

const creditSchema = z.object({
  customerNo: z.string(),
  customerName: z.string(),
  creditLimitLcy: lcy('Credit limit; 0 means the customer has no credit limit'),
  balanceLcy: lcy('What the customer owes: the remaining amounts of its open ledger entries'),
  outstandingLcy: lcy('Sales orders and invoices not yet posted, less credit memos and return orders not yet posted'),
  availableLcy: lcy('Credit limit − balance − outstanding; negative when the limit is overdrawn'),
  hasCreditLimit: z.boolean(),
  exceeded: z.boolean().describe('A credit limit is set and the available credit is below zero'),
});

/** Customer credit information (credit limit, balance, outstanding, available credit). */
export function registerCreditRoutes(server: Server, options: ServerOptions): void {
  server.get(
    '/api/v1/companies/:company/customers/:no/credit',
    {
      schema: {
        tags: ['customers'],
        summary: "A customer's credit position: credit limit, balance, outstanding sales and available credit",
        params: companyParams.extend({ no: z.string().min(1).max(50).describe('No. of the customer') }),
        response: { 200: creditSchema, ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'read', (ctx) => customerCreditInfo(ctx, request.params.no)),
  );
}
