import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { exportFileSchema, exportWorkflows, importWorkflows } from '../../engine/definition/export-import.ts';
import { listCategories, saveCategory } from '../../engine/definition/workflow-store.ts';
import { invalid } from '../../shared/errors.ts';
import { WORKFLOW_TEMPLATES, workflowFromTemplate } from '../../templates/index.ts';
import { companyParams, errorResponses } from '../schemas.ts';
import { inCompany } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';
import {
  sendWorkflow,
  workflowCode,
  workflowLocation,
  workflowParams,
  workflowSchema,
  workflowView,
} from './workflow-schemas.ts';

const COMPANY = '/api/v1/companies/:company';

const categorySchema = z.object({ code: z.string(), description: z.string() });

const templateSchema = z.object({
  code: z.string(),
  description: z.string(),
  category: z.string(),
  stepCount: z.number().int().describe('Number of steps'),
});

const exportDescription = 'The export file (format werkstroom.workflows, version 1), as stable pretty-printed JSON';

/** Codes from `A,B, C`: trimmed, upper case, each once, in the order given. */
function parseCodes(text: string): string[] {
  const codes = [...new Set(text.split(',').map((c) => c.trim().toUpperCase()))].filter((c) => c !== '');
  if (codes.length === 0) {
    throw invalid('export-codes-required', 'Name at least one workflow to export: ?codes=A,B.', { field: 'codes' });
  }
  return codes;
}

/**
 * Sends the export file text as it is: a string is not serialised again, so an export is
 * byte-for-byte what the engine wrote (and an import of it exports to the same bytes).
 */
function sendExportFile(reply: FastifyReply, text: string, fileName: string) {
  return reply
    .type('application/json; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}.json"`)
    .send(text);
}

/** Workflow categories, the template catalogue, and export / import of workflow files. */
export function registerWorkflowTransferRoutes(server: Server, options: ServerOptions): void {
  const { registry } = options.app;

  server.get(
    `${COMPANY}/workflow-categories`,
    {
      schema: {
        tags: ['workflows'],
        summary: 'List workflow categories',
        params: companyParams,
        response: { 200: z.array(categorySchema), ...errorResponses },
      },
    },
    async (request) => inCompany(options, request, request.params.company, 'read', (ctx) => listCategories(ctx)),
  );

  server.put(
    `${COMPANY}/workflow-categories/:code`,
    {
      schema: {
        tags: ['workflows'],
        summary: 'Create or update a workflow category',
        params: companyParams.extend({ code: z.string().min(1).max(20).describe('Category code (upper case)') }),
        body: z.object({ description: z.string().max(100) }),
        response: { 200: categorySchema, ...errorResponses },
      },
    },
    async (request) => {
      const code = request.params.code.trim().toUpperCase();
      await inCompany(
        options,
        request,
        request.params.company,
        'write',
        (ctx) => saveCategory(ctx, code, request.body.description),
        'workflow-admin',
      );
      return { code, description: request.body.description };
    },
  );

  server.get(
    `${COMPANY}/templates`,
    {
      schema: {
        tags: ['templates'],
        summary: 'The workflow templates Werkstroom ships (read-only; copy one to start a workflow)',
        params: companyParams,
        response: { 200: z.array(templateSchema), ...errorResponses },
      },
    },
    async (request) => {
      await inCompany(options, request, request.params.company, 'read', async () => undefined);
      return WORKFLOW_TEMPLATES.map((t) => ({
        code: t.code,
        description: t.description,
        category: t.category,
        stepCount: t.steps.length,
      }));
    },
  );

  server.post(
    `${COMPANY}/templates/:code/copy`,
    {
      schema: {
        tags: ['templates'],
        summary: 'Create a disabled workflow from a template (code <template>-01… unless given)',
        params: workflowParams,
        body: z.object({ code: workflowCode.optional().describe('Code of the new workflow') }).nullish(),
        response: { 201: workflowSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { company, code } = request.params;
      const newCode = request.body?.code;
      const workflow = await inCompany(
        options,
        request,
        company,
        'write',
        (ctx) => workflowFromTemplate(ctx, code, newCode),
        'workflow-admin',
      );
      reply.header('location', workflowLocation(company, workflow.code));
      return sendWorkflow(reply, workflowView(registry, workflow), 201);
    },
  );

  server.get(
    `${COMPANY}/workflows/export`,
    {
      schema: {
        tags: ['workflows'],
        summary: 'Export several workflows (and their categories) as one file',
        params: companyParams,
        querystring: z.object({ codes: z.string().min(1).max(2000).describe('Comma-separated workflow codes') }),
        response: { 200: exportFileSchema.describe(exportDescription), ...errorResponses },
      },
    },
    async (request, reply) => {
      const text = await inCompany(options, request, request.params.company, 'read', (ctx) =>
        exportWorkflows(ctx, parseCodes(request.query.codes)),
      );
      return sendExportFile(reply, text, 'workflows');
    },
  );

  server.get(
    `${COMPANY}/workflows/:code/export`,
    {
      schema: {
        tags: ['workflows'],
        summary: 'Export one workflow (and its category) as a file',
        params: workflowParams,
        response: { 200: exportFileSchema.describe(exportDescription), ...errorResponses },
      },
    },
    async (request, reply) => {
      const code = request.params.code.trim().toUpperCase();
      const text = await inCompany(options, request, request.params.company, 'read', (ctx) =>
        exportWorkflows(ctx, [code]),
      );
      return sendExportFile(reply, text, code);
    },
  );

  server.post(
    `${COMPANY}/workflows/import`,
    {
      schema: {
        tags: ['workflows'],
        summary: 'Import an export file: new codes are created, existing disabled workflows replaced (all or nothing)',
        params: companyParams,
        body: exportFileSchema,
        response: {
          200: z.object({ imported: z.array(z.string()).describe('Codes of the workflows created or replaced') }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const imported = await inCompany(
        options,
        request,
        request.params.company,
        'write',
        (ctx) => importWorkflows(ctx, JSON.stringify(request.body)),
        'workflow-admin',
      );
      return { imported };
    },
  );
}
