import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { EngineContext } from '../../engine/context.ts';
import { disableWorkflow, enableWorkflow, validateWorkflow } from '../../engine/definition/enable.ts';
import { getWorkflow, listWorkflows } from '../../engine/definition/workflow-store.ts';
import { copyWorkflow, createWorkflow, deleteWorkflow, updateWorkflow } from '../../engine/definition/workflows.ts';
import { expectedRevision, ifMatchHeaders } from '../etag.ts';
import { errorResponses, okSchema } from '../schemas.ts';
import { inCompany } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';
import {
  assertRevision,
  sendWorkflow,
  stepInputSchema,
  workflowCode,
  workflowLocation,
  workflowParams,
  workflowSchema,
  workflowSummarySchema,
  workflowView,
} from './workflow-schemas.ts';

const BASE = '/api/v1/companies/:company/workflows';
const TAGS = ['workflows'];

const createBody = z.object({
  code: workflowCode,
  description: z.string().max(100),
  category: z.string().max(20).optional().describe('A workflow category code (see …/workflow-categories)'),
  steps: z.array(stepInputSchema).max(1000).optional(),
});

const updateBody = z.object({
  description: z.string().max(100).optional(),
  category: z.string().max(20).optional(),
  steps: z.array(stepInputSchema).max(1000).optional().describe('The whole step tree; replaces the steps'),
});

const problemsSchema = z.object({
  valid: z.boolean(),
  problems: z.array(z.object({ code: z.string(), message: z.string(), stepId: z.number().int().optional() })),
});

/**
 * The workflow designer's API: workflows, their steps, enabling and copying. Writes need the
 * workflow-admin role; GET sends the revision as ETag and writes honour If-Match.
 */
export function registerWorkflowRoutes(server: Server, options: ServerOptions): void {
  const { registry } = options.app;

  /**
   * A change to one workflow by a workflow administrator: a stale If-Match is refused before
   * anything else (412), and the revision it names is passed on to the engine as well.
   */
  const changeWorkflow = <T>(
    request: FastifyRequest<{ Params: { company: string; code: string } }>,
    change: (ctx: EngineContext, expected: number | undefined) => Promise<T>,
  ): Promise<T> => {
    const expected = expectedRevision(request);
    return inCompany(
      options,
      request,
      request.params.company,
      'write',
      async (ctx) => {
        assertRevision(await getWorkflow(ctx, request.params.code), expected);
        return change(ctx, expected);
      },
      'workflow-admin',
    );
  };

  server.get(
    BASE,
    {
      schema: {
        tags: TAGS,
        summary: 'List workflows (templates included)',
        params: workflowParams.pick({ company: true }),
        querystring: z.object({
          category: z.string().max(20).optional().describe('Only workflows of this category'),
          enabled: z.stringbool().optional().describe('Only enabled (true) or disabled (false) workflows'),
        }),
        response: { 200: z.array(workflowSummarySchema), ...errorResponses },
      },
    },
    async (request) => {
      const { category, enabled } = request.query;
      const all = await inCompany(options, request, request.params.company, 'read', (ctx) =>
        listWorkflows(ctx, category === undefined ? {} : { category: category.trim().toUpperCase() }),
      );
      return enabled === undefined ? all : all.filter((w) => w.enabled === enabled);
    },
  );

  server.get(
    `${BASE}/:code`,
    {
      schema: {
        tags: TAGS,
        summary: 'One workflow with its steps, each described in words; the ETag is its revision',
        params: workflowParams,
        response: { 200: workflowSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const workflow = await inCompany(options, request, request.params.company, 'read', (ctx) =>
        getWorkflow(ctx, request.params.code),
      );
      return sendWorkflow(reply, workflowView(registry, workflow));
    },
  );

  server.post(
    BASE,
    {
      schema: {
        tags: TAGS,
        summary: 'Create a workflow (disabled)',
        params: workflowParams.pick({ company: true }),
        body: createBody,
        response: { 201: workflowSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { company } = request.params;
      const workflow = await inCompany(
        options,
        request,
        company,
        'write',
        (ctx) => createWorkflow(ctx, request.body),
        'workflow-admin',
      );
      reply.header('location', workflowLocation(company, workflow.code));
      return sendWorkflow(reply, workflowView(registry, workflow), 201);
    },
  );

  server.put(
    `${BASE}/:code`,
    {
      schema: {
        tags: TAGS,
        summary: 'Change the description or category, or replace the steps, of a disabled workflow',
        params: workflowParams,
        headers: ifMatchHeaders,
        body: updateBody,
        response: { 200: workflowSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const workflow = await changeWorkflow(request, async (ctx, expected) => {
        return updateWorkflow(ctx, request.params.code, request.body, expected);
      });
      return sendWorkflow(reply, workflowView(registry, workflow));
    },
  );

  server.delete(
    `${BASE}/:code`,
    {
      schema: {
        tags: TAGS,
        summary: 'Delete a disabled workflow that has no running instances and is no sub-workflow',
        params: workflowParams,
        headers: ifMatchHeaders,
        response: { 200: okSchema, ...errorResponses },
      },
    },
    async (request) => {
      await changeWorkflow(request, async (ctx, expected) => {
        await deleteWorkflow(ctx, request.params.code, expected);
      });
      return { ok: true as const };
    },
  );

  server.post(
    `${BASE}/:code/validate`,
    {
      schema: {
        tags: TAGS,
        summary: 'Check whether the workflow could be enabled; lists every problem (changes nothing)',
        params: workflowParams,
        response: { 200: problemsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const problems = await inCompany(options, request, request.params.company, 'read', (ctx) =>
        validateWorkflow(ctx, request.params.code),
      );
      return {
        valid: problems.length === 0,
        problems: problems.map((p) => ({
          code: p.code,
          message: p.message,
          ...(p.stepId !== undefined ? { stepId: p.stepId } : {}),
        })),
      };
    },
  );

  server.post(
    `${BASE}/:code/enable`,
    {
      schema: {
        tags: TAGS,
        summary: 'Enable a workflow: validate it and freeze a new version for new instances',
        params: workflowParams,
        headers: ifMatchHeaders,
        response: { 200: workflowSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const workflow = await changeWorkflow(request, async (ctx, expected) => {
        return enableWorkflow(ctx, request.params.code, expected);
      });
      return sendWorkflow(reply, workflowView(registry, workflow));
    },
  );

  server.post(
    `${BASE}/:code/disable`,
    {
      schema: {
        tags: TAGS,
        summary: 'Disable a workflow; running instances carry on',
        params: workflowParams,
        headers: ifMatchHeaders,
        querystring: z.object({
          withParents: z
            .stringbool()
            .default(false)
            .describe('Also disable the enabled workflows that use this one as a sub-workflow'),
        }),
        response: { 200: workflowSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const workflow = await changeWorkflow(request, async (ctx, expected) => {
        return disableWorkflow(ctx, request.params.code, {
          disableParents: request.query.withParents,
          ...(expected !== undefined ? { expectedRevision: expected } : {}),
        });
      });
      return sendWorkflow(reply, workflowView(registry, workflow));
    },
  );

  server.post(
    `${BASE}/:code/copy`,
    {
      schema: {
        tags: TAGS,
        summary: 'Copy a workflow or template into a new, disabled workflow (next free code <code>-01… if none given)',
        params: workflowParams,
        body: z
          .object({
            code: workflowCode.optional().describe('Code of the copy'),
            description: z.string().max(100).optional(),
          })
          .nullish(),
        response: { 201: workflowSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { company, code } = request.params;
      const body = request.body ?? {};
      const workflow = await inCompany(
        options,
        request,
        company,
        'write',
        (ctx) =>
          copyWorkflow(ctx, code, {
            ...(body.code !== undefined ? { code: body.code } : {}),
            ...(body.description !== undefined ? { description: body.description } : {}),
          }),
        'workflow-admin',
      );
      reply.header('location', workflowLocation(company, workflow.code));
      return sendWorkflow(reply, workflowView(registry, workflow), 201);
    },
  );
}
