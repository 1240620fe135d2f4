import { z } from 'zod';
import type { FieldDefinition } from '../../engine/field-types.ts';
import { describeRecord, listRestrictions, removeRestriction } from '../../records/index.ts';
import { notFound } from '../../shared/errors.ts';
import { listPage, listQuerySchema } from '../list-query.ts';
import { companyParams, errorResponses, okSchema, pageOf } from '../schemas.ts';
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

  // A restriction kept after a rejection (D8) outlives a workflow that is later disabled; the
  // approval administrator can lift it by hand.
  server.post(
    '/api/v1/companies/:company/restricted-records/remove',
    {
      schema: {
        tags: ['restrictions'],
        summary: 'Lift a restriction by hand (approval administrators)',
        params: companyParams,
        body: z.strictObject({ table: z.string().min(1), key: z.string().min(1) }),
        response: { 200: okSchema, ...errorResponses },
      },
    },
    async (request) =>
      inCompany(
        options,
        request,
        request.params.company,
        'write',
        async (ctx) => {
          if (!(await removeRestriction(ctx, request.body.table, request.body.key))) {
            throw notFound('restriction-not-found', `${request.body.table} ${request.body.key} is not restricted.`);
          }
          return { ok: true as const };
        },
        'approval-admin',
      ),
  );
}
