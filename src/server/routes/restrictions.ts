import { z } from 'zod';
import type { FieldDefinition } from '../../engine/field-types.ts';
import { describeRecord, listRestrictions } from '../../records/index.ts';
import { listPage, listQuerySchema } from '../list-query.ts';
import { companyParams, errorResponses, pageOf } from '../schemas.ts';
import { inCompany } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';

const restrictionSchema = z.object({
  table: z.string().describe('The record table: purchase-header, customer, …'),
  key: z.string().describe('The record key, e.g. ["order","PO-0001"] or C10000'),
  record: z.string().describe('The record in words, e.g. "Purchase order PO-0001"'),
  workflowCode: z.string().describe('The workflow that imposed the restriction'),
  details: z.string(),
  createdAt: z.string(),
});

const RESTRICTION_FIELDS: readonly FieldDefinition[] = [
  { name: 'table', type: 'text', caption: 'Table' },
  { name: 'key', type: 'text', caption: 'Key' },
  { name: 'record', type: 'text', caption: 'Record' },
  { name: 'workflowCode', type: 'code', caption: 'Workflow' },
  { name: 'details', type: 'text', caption: 'Details' },
  { name: 'createdAt', type: 'datetime', caption: 'Created at' },
];

/** Records a workflow restricts while they wait for approval (reference §1.18). */
export function registerRestrictionRoutes(server: Server, options: ServerOptions): void {
  server.get(
    '/api/v1/companies/:company/restricted-records',
    {
      schema: {
        tags: ['restrictions'],
        summary: 'Records restricted by workflows (they cannot be released or used until approved)',
        params: companyParams,
        querystring: listQuerySchema(RESTRICTION_FIELDS),
        response: { 200: pageOf(restrictionSchema), ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'read', async (ctx) => {
        const rows = (await listRestrictions(ctx)).map((r) => ({ ...r, record: describeRecord(ctx, r.table, r.key) }));
        return listPage(rows, request.query, { table: 'restricted record', fields: RESTRICTION_FIELDS });
      }),
  );
}
