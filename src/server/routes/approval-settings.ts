import { z } from 'zod';
import { companySettings, setForbidSelfApproval } from '../../approvals/company-settings.ts';
import { companyParams, errorResponses } from '../schemas.ts';
import { inCompany } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';

const settingsSchema = z.object({
  forbidSelfApproval: z
    .boolean()
    .describe('D13: skip the requester and route to the next approver instead of approving their own entry'),
  timeZone: z.string().describe('The company time zone: due dates and "today" are dates there'),
  currencyCode: z.string().describe('The local currency approval limits are in'),
});

/** Company-wide approval settings (D13). */
export function registerApprovalSettingsRoutes(server: Server, options: ServerOptions): void {
  const read = async (ctx: Parameters<Parameters<typeof inCompany>[4]>[0]) => {
    const settings = await companySettings(ctx);
    return {
      forbidSelfApproval: settings.forbidSelfApproval,
      timeZone: settings.timeZone,
      currencyCode: settings.currencyCode,
    };
  };
  server.get(
    '/api/v1/companies/:company/approval-settings',
    {
      schema: {
        tags: ['approval setup'],
        summary: 'Company-wide approval settings',
        params: companyParams,
        response: { 200: settingsSchema, ...errorResponses },
      },
    },
    async (request) => inCompany(options, request, request.params.company, 'read', read),
  );
  server.put(
    '/api/v1/companies/:company/approval-settings',
    {
      schema: {
        tags: ['approval setup'],
        summary: 'Change company-wide approval settings (approval administrators)',
        params: companyParams,
        body: z.strictObject({ forbidSelfApproval: z.boolean() }),
        response: { 200: settingsSchema, ...errorResponses },
      },
    },
    async (request) =>
      inCompany(
        options,
        request,
        request.params.company,
        'write',
        async (ctx) => {
          await setForbidSelfApproval(ctx, request.body.forbidSelfApproval);
          return read(ctx);
        },
        'approval-admin',
      ),
  );
}
