import { z } from 'zod';
import { templateInput, templateSchema, templateView } from '../../notifications/api-schemas.ts';
import {
  deleteMessageTemplate,
  getMessageTemplate,
  listMessageTemplates,
  saveMessageTemplate,
} from '../../notifications/index.ts';
import { companyParams, errorResponses } from '../schemas.ts';
import type { Server } from '../types.ts';
import { COMPANY_PATH } from './approval-schemas.ts';
import { ADMIN, type CompanyRunner, tags, typeParams } from './notification-common.ts';

/** The company's message templates (liquid, sandboxed): approval admins read and override them. */

const templateParams = typeParams.extend({ language: z.string().min(1).max(20).describe('Language tag: en, nl …') });

export function registerMessageTemplateRoutes(server: Server, run: CompanyRunner): void {
  const templatesPath = `${COMPANY_PATH}/message-templates`;

  server.get(
    templatesPath,
    {
      schema: {
        tags,
        summary: 'Message templates per type and language (company overrides and built-in ones); approval-admin role',
        params: companyParams,
        response: { 200: z.array(templateSchema), ...errorResponses },
      },
    },
    async (request) => run(request, 'read', async (ctx) => (await listMessageTemplates(ctx)).map(templateView), ADMIN),
  );

  server.get(
    `${templatesPath}/:type/:language`,
    {
      schema: {
        tags,
        summary: 'The message template of one type and language; approval-admin role',
        params: templateParams,
        response: { 200: templateSchema, ...errorResponses },
      },
    },
    async (request) =>
      run(
        request,
        'read',
        async (ctx) => templateView(await getMessageTemplate(ctx, request.params.type, request.params.language)),
        ADMIN,
      ),
  );

  server.put(
    `${templatesPath}/:type/:language`,
    {
      schema: {
        tags,
        summary:
          'Override the message template (liquid, sandboxed) of one type and language; one that does not parse is refused (template-invalid); approval-admin role',
        params: templateParams,
        body: templateInput,
        response: { 200: templateSchema, ...errorResponses },
      },
    },
    async (request) =>
      run(
        request,
        'admin',
        async (ctx) =>
          templateView(await saveMessageTemplate(ctx, request.params.type, request.params.language, request.body)),
        ADMIN,
      ),
  );

  server.delete(
    `${templatesPath}/:type/:language`,
    {
      schema: {
        tags,
        summary: 'Remove the company’s template (the built-in one applies again); approval-admin role',
        params: templateParams,
        response: { 200: templateSchema, ...errorResponses },
      },
    },
    async (request) =>
      run(
        request,
        'admin',
        async (ctx) => templateView(await deleteMessageTemplate(ctx, request.params.type, request.params.language)),
        ADMIN,
      ),
  );
}
