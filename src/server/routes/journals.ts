import { z } from 'zod';
import type { FieldDefinition } from '../../engine/field-types.ts';
import {
  BATCH_FIELDS,
  createJournalBatch,
  createJournalTemplate,
  deleteJournalBatch,
  deleteJournalTemplate,
  getJournalBatch,
  getJournalTemplate,
  type JournalBatch,
  type JournalTemplate,
  listJournalBatches,
  listJournalTemplates,
  TEMPLATE_TYPES,
  updateJournalBatch,
  updateJournalTemplate,
} from '../../journals/index.ts';
import { expectedRevision, ifMatchHeaders } from '../etag.ts';
import { listPage, listQuerySchema } from '../list-query.ts';
import { companyParams, errorResponses, okSchema, pageOf } from '../schemas.ts';
import { inCompany } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';
import { registerJournalAccountRoutes } from './journal-accounts.ts';
import { registerJournalBatchActionRoutes, registerJournalLineRoutes } from './journal-lines.ts';
import { registerGlRegisterRoutes } from './journal-registers.ts';
import {
  BATCH,
  BATCHES,
  balAccountType,
  batchParams,
  code,
  JOURNAL_TAG,
  revision,
  TEMPLATE,
  TEMPLATES,
  templateParams,
  withEtag,
} from './journal-schemas.ts';

/**
 * General journals and the accounts they post to. This file: journal templates and batches;
 * journal-accounts.ts: G/L accounts, bank accounts and the posting setup; journal-lines.ts: lines,
 * the balance of a batch, posting a batch, and sending a batch or a line for approval;
 * journal-registers.ts: a G/L register with its entries and posted approval history.
 */

const templateSchema = z.object({
  name: z.string(),
  description: z.string(),
  type: z.enum(TEMPLATE_TYPES),
  revision,
});
const TEMPLATE_FIELDS: readonly FieldDefinition[] = [
  { name: 'name', type: 'code', caption: 'Name' },
  { name: 'description', type: 'text', caption: 'Description' },
  { name: 'type', type: 'option', caption: 'Type', options: TEMPLATE_TYPES },
];
const templateChanges = {
  description: z.string().max(100).describe('Description, at most 100 characters'),
  type: z.enum(TEMPLATE_TYPES).describe('general or payments'),
};

const batchSchema = z.object({
  templateName: z.string(),
  name: z.string(),
  description: z.string(),
  templateType: z.enum(TEMPLATE_TYPES),
  balAccountType,
  balAccountNo: z.string(),
  noSeries: z.string().describe('Number series of the document numbers of new lines; blank: typed in'),
  revision,
});
const batchChanges = {
  description: z.string().max(100),
  balAccountType: balAccountType.describe('The account new lines balance against; blank for none'),
  balAccountNo: z.string().max(20),
  noSeries: z.string().max(30),
};
const BATCH_LIST_FIELDS = BATCH_FIELDS.filter((f) =>
  ['templateName', 'name', 'description', 'templateType', 'balAccountType', 'balAccountNo'].includes(f.name),
);

const templateView = (t: JournalTemplate) => ({ ...t });
const batchView = (b: JournalBatch) => ({ ...b });

export function registerJournalRoutes(server: Server, options: ServerOptions): void {
  registerJournalAccountRoutes(server, options);
  registerTemplateRoutes(server, options);
  registerBatchRoutes(server, options);
  registerJournalBatchActionRoutes(server, options);
  registerJournalLineRoutes(server, options);
  registerGlRegisterRoutes(server, options);
}

function registerTemplateRoutes(server: Server, options: ServerOptions): void {
  const tags = [JOURNAL_TAG];
  server.get(
    TEMPLATES,
    {
      schema: {
        tags,
        summary: 'List journal templates',
        params: companyParams,
        querystring: listQuerySchema(TEMPLATE_FIELDS),
        response: { 200: pageOf(templateSchema), ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'read', async (ctx) =>
        listPage((await listJournalTemplates(ctx)).map(templateView), request.query, {
          table: 'journal template',
          fields: TEMPLATE_FIELDS,
        }),
      ),
  );
  server.post(
    TEMPLATES,
    {
      schema: {
        tags,
        summary: 'Create a journal template (a general or a payment journal)',
        params: companyParams,
        body: z.strictObject({
          name: code('Template name, at most 10 characters'),
          description: templateChanges.description.optional(),
          type: templateChanges.type.optional(),
        }),
        response: { 201: templateSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await withEtag(
        reply,
        inCompany(options, request, request.params.company, 'write', (ctx) => createJournalTemplate(ctx, request.body)),
      );
      return reply.code(201).send(templateView(created));
    },
  );
  server.get(
    TEMPLATE,
    {
      schema: {
        tags,
        summary: 'Get a journal template (ETag: its revision)',
        params: templateParams,
        response: { 200: templateSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        inCompany(options, request, request.params.company, 'read', async (ctx) =>
          templateView(await getJournalTemplate(ctx, request.params.template)),
        ),
      ),
  );
  server.patch(
    TEMPLATE,
    {
      schema: {
        tags,
        summary: 'Change a journal template (If-Match: the ETag you read)',
        params: templateParams,
        headers: ifMatchHeaders,
        body: z.strictObject({
          description: templateChanges.description.optional(),
          type: templateChanges.type.optional(),
        }),
        response: { 200: templateSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedRevision(request);
      return withEtag(
        reply,
        inCompany(options, request, request.params.company, 'write', async (ctx) =>
          templateView(await updateJournalTemplate(ctx, request.params.template, request.body, expected)),
        ),
      );
    },
  );
  server.delete(
    TEMPLATE,
    {
      schema: {
        tags,
        summary: 'Delete a journal template without batches (If-Match: the ETag you read)',
        params: templateParams,
        headers: ifMatchHeaders,
        response: { 200: okSchema, ...errorResponses },
      },
    },
    async (request) => {
      const expected = expectedRevision(request);
      await inCompany(options, request, request.params.company, 'write', (ctx) =>
        deleteJournalTemplate(ctx, request.params.template, expected),
      );
      return { ok: true as const };
    },
  );
}

function registerBatchRoutes(server: Server, options: ServerOptions): void {
  const tags = [JOURNAL_TAG];
  server.get(
    BATCHES,
    {
      schema: {
        tags,
        summary: 'List the batches of a journal template',
        params: templateParams,
        querystring: listQuerySchema(BATCH_LIST_FIELDS),
        response: { 200: pageOf(batchSchema), ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'read', async (ctx) => {
        const template = await getJournalTemplate(ctx, request.params.template);
        return listPage((await listJournalBatches(ctx, template.name)).map(batchView), request.query, {
          table: 'journal batch',
          fields: BATCH_LIST_FIELDS,
        });
      }),
  );
  server.post(
    BATCHES,
    {
      schema: {
        tags,
        summary: 'Create a journal batch',
        params: templateParams,
        body: z.strictObject({
          name: code('Batch name, at most 10 characters'),
          description: batchChanges.description.optional(),
          balAccountType: batchChanges.balAccountType.optional(),
          balAccountNo: batchChanges.balAccountNo.optional(),
          noSeries: batchChanges.noSeries.optional(),
        }),
        response: { 201: batchSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await withEtag(
        reply,
        inCompany(options, request, request.params.company, 'write', (ctx) =>
          createJournalBatch(ctx, { ...request.body, templateName: request.params.template }),
        ),
      );
      return reply.code(201).send(batchView(created));
    },
  );
  server.get(
    BATCH,
    {
      schema: {
        tags,
        summary: 'Get a journal batch (ETag: its revision)',
        params: batchParams,
        response: { 200: batchSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        inCompany(options, request, request.params.company, 'read', async (ctx) =>
          batchView(await getJournalBatch(ctx, request.params.template, request.params.batch)),
        ),
      ),
  );
  server.patch(
    BATCH,
    {
      schema: {
        tags,
        summary: 'Change a journal batch (If-Match: the ETag you read)',
        params: batchParams,
        headers: ifMatchHeaders,
        body: z.strictObject({
          description: batchChanges.description.optional(),
          balAccountType: batchChanges.balAccountType.optional(),
          balAccountNo: batchChanges.balAccountNo.optional(),
          noSeries: batchChanges.noSeries.optional(),
        }),
        response: { 200: batchSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedRevision(request);
      return withEtag(
        reply,
        inCompany(options, request, request.params.company, 'write', async (ctx) =>
          batchView(
            await updateJournalBatch(ctx, request.params.template, request.params.batch, request.body, expected),
          ),
        ),
      );
    },
  );
  server.delete(
    BATCH,
    {
      schema: {
        tags,
        summary: 'Delete a journal batch with its lines (If-Match: the ETag you read)',
        params: batchParams,
        headers: ifMatchHeaders,
        response: { 200: okSchema, ...errorResponses },
      },
    },
    async (request) => {
      const expected = expectedRevision(request);
      await inCompany(options, request, request.params.company, 'write', (ctx) =>
        deleteJournalBatch(ctx, request.params.template, request.params.batch, expected),
      );
      return { ok: true as const };
    },
  );
}
