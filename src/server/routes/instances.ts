import { z } from 'zod';
import {
  getInstance,
  type InstanceFilter,
  type InstanceView,
  listArchivedInstances,
  listInstances,
} from '../../engine/execution/instance-queries.ts';
import { STEP_STATUSES } from '../../engine/execution/instance-state.ts';
import { invalid } from '../../shared/errors.ts';
import { companyParams, errorResponses, page, pageOf, pagingQuery } from '../schemas.ts';
import { inCompany } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';

const BASE = '/api/v1/companies/:company/workflow-instances';

const instanceSchema = z.object({
  id: z.string(),
  workflowCode: z.string(),
  versionId: z.number().int().describe('The frozen workflow version the instance runs on'),
  record: z.object({ table: z.string(), key: z.string() }),
  createdAt: z.string(),
  createdBy: z.string(),
  archivedAt: z.string().optional().describe('Set for archived (finished) instances'),
  steps: z.array(
    z.object({
      id: z.number().int(),
      type: z.enum(['event', 'response']),
      functionCode: z.string(),
      status: z.enum(STEP_STATUSES),
      record: z.string().nullable().describe('"<table>:<key>" of the record the step ran on'),
      originalWorkflowCode: z.string().describe('The workflow (or sub-workflow) the step comes from'),
      originalStepId: z.number().int(),
      previousStepId: z.number().int().nullable(),
    }),
  ),
});

const listQuery = pagingQuery.extend({
  workflow: z.string().min(1).max(20).optional().describe('Only instances of this workflow'),
  table: z.string().min(1).max(100).optional().describe('Only instances started on this record table'),
  key: z.string().min(1).max(250).optional().describe('With table: only instances of this record'),
});

type InstanceResponse = z.infer<typeof instanceSchema>;

function instanceView(instance: InstanceView): InstanceResponse {
  return { ...instance, record: { ...instance.record }, steps: instance.steps.map((s) => ({ ...s })) };
}

function filterOf(query: z.infer<typeof listQuery>): InstanceFilter {
  if (query.key !== undefined && query.table === undefined) {
    throw invalid('instance-filter-invalid', 'A record key means nothing without its table: add ?table=.', {
      field: 'key',
    });
  }
  return {
    ...(query.workflow !== undefined ? { workflowCode: query.workflow.trim().toUpperCase() } : {}),
    ...(query.table !== undefined ? { recordTable: query.table } : {}),
    ...(query.key !== undefined ? { recordKey: query.key } : {}),
  };
}

/** Running and finished workflow instances, read-only. */
export function registerInstanceRoutes(server: Server, options: ServerOptions): void {
  server.get(
    BASE,
    {
      schema: {
        tags: ['instances'],
        summary: 'Running workflow instances, oldest first',
        params: companyParams,
        querystring: listQuery,
        response: { 200: pageOf(instanceSchema), ...errorResponses },
      },
    },
    async (request) => {
      const filter = filterOf(request.query);
      const items = await inCompany(options, request, request.params.company, 'read', (ctx) =>
        listInstances(ctx, filter),
      );
      return page(items.map(instanceView), request.query);
    },
  );

  server.get(
    `${BASE}/archive`,
    {
      schema: {
        tags: ['instances'],
        summary: 'Finished (archived) workflow instances, in the order they were archived',
        params: companyParams,
        querystring: listQuery,
        response: { 200: pageOf(instanceSchema), ...errorResponses },
      },
    },
    async (request) => {
      const filter = filterOf(request.query);
      const items = await inCompany(options, request, request.params.company, 'read', (ctx) =>
        listArchivedInstances(ctx, filter),
      );
      return page(items.map(instanceView), request.query);
    },
  );

  server.get(
    `${BASE}/:id`,
    {
      schema: {
        tags: ['instances'],
        summary: 'One workflow instance, running or archived, with the status of each step',
        params: companyParams.extend({ id: z.string().min(1).max(100) }),
        response: { 200: instanceSchema, ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'read', async (ctx) =>
        instanceView(await getInstance(ctx, request.params.id)),
      ),
  );
}
