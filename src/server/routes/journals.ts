import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { EngineContext } from '../../engine/context.ts';
import type { FieldDefinition } from '../../engine/field-types.ts';
import {
  ACCOUNT_TYPES,
  BATCH_FIELDS,
  cancelJournalBatchApproval,
  cancelJournalLineApproval,
  checkBatchBalance,
  createJournalBatch,
  createJournalLine,
  createJournalTemplate,
  deleteJournalBatch,
  deleteJournalLine,
  deleteJournalTemplate,
  getJournalBatch,
  getJournalLine,
  getJournalTemplate,
  JOURNAL_DOCUMENT_TYPES,
  type JournalBatch,
  type JournalLine,
  type JournalTemplate,
  LINE_FIELDS,
  listJournalBatches,
  listJournalLines,
  listJournalTemplates,
  postJournalBatch,
  type SavedJournalLine,
  sendJournalBatchForApproval,
  sendJournalLineForApproval,
  TEMPLATE_TYPES,
  updateJournalBatch,
  updateJournalLine,
  updateJournalTemplate,
} from '../../journals/index.ts';
import {
  createBankAccount,
  createGlAccount,
  findPostingSetup,
  getBankAccount,
  getGlAccount,
  listBankAccounts,
  listGlAccounts,
  setPostingSetup,
  updateBankAccount,
  updateGlAccount,
} from '../../ledger/accounts.ts';
import type { Restriction } from '../../records/restrictions.ts';
import { notFound } from '../../shared/errors.ts';
import { expectedRevision, ifMatchHeaders, setEtag } from '../etag.ts';
import { listPage, listQuerySchema } from '../list-query.ts';
import { companyParams, errorResponses, okSchema, pageOf } from '../schemas.ts';
import { inCompany } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';
import { requestResultSchema, requestView } from './approval-schemas.ts';

/**
 * General journals and the accounts they post to: G/L accounts, bank accounts and the posting
 * setup; journal templates, batches and lines; the balance of a batch, posting a batch, and
 * sending a batch or a line for approval.
 */

const COMPANY = '/api/v1/companies/:company';
const TEMPLATES = `${COMPANY}/journal-templates`;
const TEMPLATE = `${TEMPLATES}/:template`;
const BATCHES = `${TEMPLATE}/batches`;
const BATCH = `${BATCHES}/:batch`;
const LINES = `${BATCH}/lines`;
const LINE = `${LINES}/:lineNo`;

const ACCOUNT_TAG = 'ledger accounts';
const JOURNAL_TAG = 'general journals';

const code = (what: string) => z.string().min(1).max(20).describe(what);
const decimal = (what: string) => z.string().describe(`${what}: an exact decimal as text, e.g. "1250.00"`);
const revision = z.number().int().describe('Revision; the ETag of the record');
const accountType = z.enum(ACCOUNT_TYPES);
const balAccountType = z.union([accountType, z.literal('')]).describe('Blank for no balancing account');
const documentType = z
  .union([z.enum(JOURNAL_DOCUMENT_TYPES), z.literal('')])
  .describe('Blank for a plain entry; payment, invoice, credit-memo or refund');

const glAccountSchema = z.object({ no: z.string(), name: z.string(), blocked: z.boolean(), revision });
const bankAccountSchema = z.object({
  no: z.string(),
  name: z.string(),
  glAccountNo: z.string().describe('The G/L account its entries post to'),
  blocked: z.boolean(),
  revision,
});
const postingSetupBody = z.strictObject({
  receivablesAccount: code('G/L account customer entries post to'),
  payablesAccount: code('G/L account vendor entries post to'),
  salesAccount: code('G/L account sales post to'),
  purchaseAccount: code('G/L account purchases post to'),
});
const postingSetupSchema = z.object({ ...postingSetupBody.shape, revision });

const GL_ACCOUNT_FIELDS: readonly FieldDefinition[] = [
  { name: 'no', type: 'code', caption: 'No.' },
  { name: 'name', type: 'text', caption: 'Name' },
  { name: 'blocked', type: 'boolean', caption: 'Blocked' },
];
const BANK_ACCOUNT_FIELDS: readonly FieldDefinition[] = [
  ...GL_ACCOUNT_FIELDS,
  { name: 'glAccountNo', type: 'code', caption: 'G/L account no.' },
];

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

const lineSchema = z.object({
  templateName: z.string(),
  batchName: z.string(),
  lineNo: z.number().int(),
  templateType: z.enum(TEMPLATE_TYPES),
  postingDate: z.string(),
  documentType,
  documentNo: z.string(),
  accountType,
  accountNo: z.string(),
  description: z.string(),
  amount: decimal('Signed amount in local currency, debit positive'),
  balAccountType,
  balAccountNo: z.string(),
  appliesToDocNo: z.string().describe('The open customer/vendor document this line settles'),
  systemCreated: z.boolean().describe('Made by a workflow (a payment line), not typed in'),
  createdBy: z.string(),
  createdAt: z.string(),
  revision,
});
const lineChanges = {
  postingDate: z.string().describe('YYYY-MM-DD; default today'),
  documentType,
  documentNo: z.string().max(20).describe('Default: the next number of the batch’s number series'),
  accountType,
  accountNo: z.string().max(20),
  description: z.string().max(100),
  amount: decimal('Signed amount in local currency, debit positive, not 0'),
  balAccountType,
  balAccountNo: z.string().max(20),
  appliesToDocNo: z.string().max(20),
};
const lineCreateBody = z.strictObject({
  ...lineChanges,
  lineNo: z.number().int().min(1).optional().describe('Default: the next multiple of 10000'),
  accountType,
  accountNo: z.string().min(1).max(20),
  amount: lineChanges.amount,
  postingDate: lineChanges.postingDate.optional(),
  documentType: documentType.optional(),
  documentNo: lineChanges.documentNo.optional(),
  description: lineChanges.description.optional(),
  balAccountType: balAccountType.optional().describe('Default: the batch’s balancing account'),
  balAccountNo: lineChanges.balAccountNo.optional(),
  appliesToDocNo: lineChanges.appliesToDocNo.optional(),
});
const restrictionSchema = z.object({ workflowCode: z.string(), details: z.string(), createdAt: z.string() });
const savedLineSchema = z.object({
  line: lineSchema,
  restriction: restrictionSchema
    .nullable()
    .describe(
      'Set when an enabled approval workflow covers the line or its batch: it cannot be posted before approval',
    ),
  messages: z.array(z.string()),
});

const balanceSchema = z.object({
  balanced: z.boolean(),
  difference: decimal('What the whole batch is off by'),
  lineCount: z.number().int(),
  unbalancedDocuments: z.array(z.object({ postingDate: z.string(), documentNo: z.string(), difference: z.string() })),
});
const postedBatchSchema = z.object({
  templateName: z.string(),
  batchName: z.string(),
  lineCount: z.number().int(),
  documents: z.array(
    z.object({
      postingDate: z.string(),
      documentNo: z.string(),
      registerId: z.number().int().describe('The G/L register of the posting'),
      lineCount: z.number().int(),
    }),
  ),
});

const noParams = companyParams.extend({ no: code('Account no.') });
const templateParams = companyParams.extend({ template: code('Journal template name') });
const batchParams = templateParams.extend({ batch: code('Journal batch name') });
const lineParams = batchParams.extend({ lineNo: z.coerce.number().int().min(1).describe('Line no.') });

const templateView = (t: JournalTemplate) => ({ ...t });
const batchView = (b: JournalBatch) => ({ ...b });
const lineView = (l: JournalLine) => ({ ...l });
const restrictionView = (r: Restriction | undefined) =>
  r ? { workflowCode: r.workflowCode, details: r.details, createdAt: r.createdAt } : null;
const savedView = (saved: SavedJournalLine) => ({
  line: lineView(saved.line),
  restriction: restrictionView(saved.restriction),
  messages: [...saved.messages],
});

/** Runs a command and answers with the result, its revision as ETag. */
async function withEtag<T extends { revision: number }>(reply: FastifyReply, result: Promise<T>): Promise<T> {
  const value = await result;
  setEtag(reply, value.revision);
  return value;
}

export function registerJournalRoutes(server: Server, options: ServerOptions): void {
  registerAccountRoutes(server, options);
  registerTemplateRoutes(server, options);
  registerBatchRoutes(server, options);
  registerLineRoutes(server, options);
}

function run<T>(
  options: ServerOptions,
  request: FastifyRequest,
  company: string,
  access: 'read' | 'write',
  command: (ctx: EngineContext) => Promise<T>,
): Promise<T> {
  return inCompany(options, request, company, access, command);
}

function registerAccountRoutes(server: Server, options: ServerOptions): void {
  const tags = [ACCOUNT_TAG];
  server.get(
    `${COMPANY}/gl-accounts`,
    {
      schema: {
        tags,
        summary: 'List G/L accounts',
        params: companyParams,
        querystring: listQuerySchema(GL_ACCOUNT_FIELDS),
        response: { 200: pageOf(glAccountSchema), ...errorResponses },
      },
    },
    async (request) =>
      run(options, request, request.params.company, 'read', async (ctx) =>
        listPage(await listGlAccounts(ctx), request.query, { table: 'G/L account', fields: GL_ACCOUNT_FIELDS }),
      ),
  );
  server.post(
    `${COMPANY}/gl-accounts`,
    {
      schema: {
        tags,
        summary: 'Create a G/L account',
        params: companyParams,
        body: z.strictObject({ no: code('Account no.'), name: z.string().max(100), blocked: z.boolean().optional() }),
        response: { 201: glAccountSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await withEtag(
        reply,
        run(options, request, request.params.company, 'write', (ctx) => createGlAccount(ctx, request.body)),
      );
      return reply.code(201).send(created);
    },
  );
  server.get(
    `${COMPANY}/gl-accounts/:no`,
    {
      schema: {
        tags,
        summary: 'Get a G/L account (ETag: its revision)',
        params: noParams,
        response: { 200: glAccountSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        run(options, request, request.params.company, 'read', (ctx) => getGlAccount(ctx, request.params.no)),
      ),
  );
  server.patch(
    `${COMPANY}/gl-accounts/:no`,
    {
      schema: {
        tags,
        summary: 'Rename or (un)block a G/L account (If-Match: the ETag you read)',
        params: noParams,
        headers: ifMatchHeaders,
        body: z.strictObject({ name: z.string().max(100).optional(), blocked: z.boolean().optional() }),
        response: { 200: glAccountSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedRevision(request);
      return withEtag(
        reply,
        run(options, request, request.params.company, 'write', (ctx) =>
          updateGlAccount(ctx, request.params.no, request.body, expected),
        ),
      );
    },
  );

  server.get(
    `${COMPANY}/bank-accounts`,
    {
      schema: {
        tags,
        summary: 'List bank accounts',
        params: companyParams,
        querystring: listQuerySchema(BANK_ACCOUNT_FIELDS),
        response: { 200: pageOf(bankAccountSchema), ...errorResponses },
      },
    },
    async (request) =>
      run(options, request, request.params.company, 'read', async (ctx) =>
        listPage(await listBankAccounts(ctx), request.query, { table: 'bank account', fields: BANK_ACCOUNT_FIELDS }),
      ),
  );
  server.post(
    `${COMPANY}/bank-accounts`,
    {
      schema: {
        tags,
        summary: 'Create a bank account posting to a G/L account',
        params: companyParams,
        body: z.strictObject({
          no: code('Bank account no.'),
          name: z.string().max(100),
          glAccountNo: code('The G/L account its entries post to'),
          blocked: z.boolean().optional(),
        }),
        response: { 201: bankAccountSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await withEtag(
        reply,
        run(options, request, request.params.company, 'write', (ctx) => createBankAccount(ctx, request.body)),
      );
      return reply.code(201).send(created);
    },
  );
  server.get(
    `${COMPANY}/bank-accounts/:no`,
    {
      schema: {
        tags,
        summary: 'Get a bank account (ETag: its revision)',
        params: noParams,
        response: { 200: bankAccountSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        run(options, request, request.params.company, 'read', (ctx) => getBankAccount(ctx, request.params.no)),
      ),
  );
  server.patch(
    `${COMPANY}/bank-accounts/:no`,
    {
      schema: {
        tags,
        summary: 'Change a bank account (If-Match: the ETag you read)',
        params: noParams,
        headers: ifMatchHeaders,
        body: z.strictObject({
          name: z.string().max(100).optional(),
          glAccountNo: code('The G/L account its entries post to').optional(),
          blocked: z.boolean().optional(),
        }),
        response: { 200: bankAccountSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedRevision(request);
      return withEtag(
        reply,
        run(options, request, request.params.company, 'write', (ctx) =>
          updateBankAccount(ctx, request.params.no, request.body, expected),
        ),
      );
    },
  );

  server.get(
    `${COMPANY}/posting-setup`,
    {
      schema: {
        tags,
        summary: 'The G/L accounts documents post to (ETag: its revision)',
        params: companyParams,
        response: { 200: postingSetupSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        run(options, request, request.params.company, 'read', async (ctx) => {
          const setup = await findPostingSetup(ctx);
          if (!setup) throw notFound('posting-setup-missing', 'The posting setup has not been made yet.');
          return setup;
        }),
      ),
  );
  server.put(
    `${COMPANY}/posting-setup`,
    {
      schema: {
        tags,
        summary: 'Set the G/L accounts documents post to (If-Match: the ETag you read)',
        params: companyParams,
        headers: ifMatchHeaders,
        body: postingSetupBody,
        response: { 200: postingSetupSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedRevision(request);
      return withEtag(
        reply,
        run(options, request, request.params.company, 'write', (ctx) => setPostingSetup(ctx, request.body, expected)),
      );
    },
  );
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
      run(options, request, request.params.company, 'read', async (ctx) =>
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
        run(options, request, request.params.company, 'write', (ctx) => createJournalTemplate(ctx, request.body)),
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
        run(options, request, request.params.company, 'read', async (ctx) =>
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
        run(options, request, request.params.company, 'write', async (ctx) =>
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
      await run(options, request, request.params.company, 'write', (ctx) =>
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
      run(options, request, request.params.company, 'read', async (ctx) => {
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
        run(options, request, request.params.company, 'write', (ctx) =>
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
        run(options, request, request.params.company, 'read', async (ctx) =>
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
        run(options, request, request.params.company, 'write', async (ctx) =>
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
      await run(options, request, request.params.company, 'write', (ctx) =>
        deleteJournalBatch(ctx, request.params.template, request.params.batch, expected),
      );
      return { ok: true as const };
    },
  );
  server.get(
    `${BATCH}/balance`,
    {
      schema: {
        tags,
        summary: 'Whether each document of the batch adds up to 0',
        params: batchParams,
        response: { 200: balanceSchema, ...errorResponses },
      },
    },
    async (request) =>
      run(options, request, request.params.company, 'read', async (ctx) => {
        const balance = await checkBatchBalance(ctx, request.params.template, request.params.batch);
        return { ...balance, unbalancedDocuments: [...balance.unbalancedDocuments] };
      }),
  );
  server.post(
    `${BATCH}/post`,
    {
      schema: {
        tags,
        summary: 'Post every line of the batch to the ledger (refused when unbalanced or restricted)',
        params: batchParams,
        response: { 200: postedBatchSchema, ...errorResponses },
      },
    },
    async (request) =>
      run(options, request, request.params.company, 'write', async (ctx) => {
        const posted = await postJournalBatch(ctx, request.params.template, request.params.batch);
        return { ...posted, documents: [...posted.documents] };
      }),
  );
  for (const action of ['send', 'cancel'] as const) {
    server.post(
      `${BATCH}/${action}-approval-request`,
      {
        schema: {
          tags: [JOURNAL_TAG, 'approval requests'],
          summary:
            action === 'send'
              ? 'Send a journal batch for approval (the workflow checks its balance first)'
              : 'Cancel the open approval request of a journal batch',
          params: batchParams,
          response: { 200: requestResultSchema, ...errorResponses },
        },
      },
      async (request) =>
        run(options, request, request.params.company, 'write', async (ctx) =>
          requestView(
            await (action === 'send' ? sendJournalBatchForApproval : cancelJournalBatchApproval)(
              ctx,
              request.params.template,
              request.params.batch,
            ),
          ),
        ),
    );
  }
}

function registerLineRoutes(server: Server, options: ServerOptions): void {
  const tags = [JOURNAL_TAG];
  server.get(
    LINES,
    {
      schema: {
        tags,
        summary: 'List the lines of a journal batch',
        params: batchParams,
        querystring: listQuerySchema(LINE_FIELDS),
        response: { 200: pageOf(lineSchema), ...errorResponses },
      },
    },
    async (request) =>
      run(options, request, request.params.company, 'read', async (ctx) => {
        const batch = await getJournalBatch(ctx, request.params.template, request.params.batch);
        return listPage((await listJournalLines(ctx, batch.templateName, batch.name)).map(lineView), request.query, {
          table: 'journal line',
          fields: LINE_FIELDS,
        });
      }),
  );
  server.post(
    LINES,
    {
      schema: {
        tags,
        summary: 'Add a line to a journal batch (restricted at once when an approval workflow covers it)',
        params: batchParams,
        body: lineCreateBody,
        response: { 201: savedLineSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const saved = await run(options, request, request.params.company, 'write', (ctx) =>
        createJournalLine(ctx, {
          ...request.body,
          templateName: request.params.template,
          batchName: request.params.batch,
        }),
      );
      setEtag(reply, saved.line.revision);
      return reply.code(201).send(savedView(saved));
    },
  );
  server.get(
    LINE,
    {
      schema: {
        tags,
        summary: 'Get a journal line (ETag: its revision)',
        params: lineParams,
        response: { 200: lineSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        run(options, request, request.params.company, 'read', async (ctx) =>
          lineView(await getJournalLine(ctx, request.params.template, request.params.batch, request.params.lineNo)),
        ),
      ),
  );
  server.patch(
    LINE,
    {
      schema: {
        tags,
        summary: 'Change a journal line (If-Match: the ETag you read); a changed line may need approval again',
        params: lineParams,
        headers: ifMatchHeaders,
        body: z.strictObject(
          Object.fromEntries(Object.entries(lineChanges).map(([k, v]) => [k, v.optional()])) as {
            [K in keyof typeof lineChanges]: z.ZodOptional<(typeof lineChanges)[K]>;
          },
        ),
        response: { 200: savedLineSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedRevision(request);
      const { template, batch, lineNo } = request.params;
      const saved = await run(options, request, request.params.company, 'write', (ctx) =>
        updateJournalLine(ctx, template, batch, lineNo, request.body, expected),
      );
      setEtag(reply, saved.line.revision);
      return savedView(saved);
    },
  );
  server.delete(
    LINE,
    {
      schema: {
        tags,
        summary: 'Delete a journal line (If-Match: the ETag you read)',
        params: lineParams,
        headers: ifMatchHeaders,
        response: { 200: okSchema, ...errorResponses },
      },
    },
    async (request) => {
      const expected = expectedRevision(request);
      const { template, batch, lineNo } = request.params;
      await run(options, request, request.params.company, 'write', (ctx) =>
        deleteJournalLine(ctx, template, batch, lineNo, expected),
      );
      return { ok: true as const };
    },
  );
  for (const action of ['send', 'cancel'] as const) {
    server.post(
      `${LINE}/${action}-approval-request`,
      {
        schema: {
          tags: [JOURNAL_TAG, 'approval requests'],
          summary:
            action === 'send'
              ? 'Send a journal line for approval'
              : 'Cancel the open approval request of a journal line',
          params: lineParams,
          response: { 200: requestResultSchema, ...errorResponses },
        },
      },
      async (request) =>
        run(options, request, request.params.company, 'write', async (ctx) =>
          requestView(
            await (action === 'send' ? sendJournalLineForApproval : cancelJournalLineApproval)(
              ctx,
              request.params.template,
              request.params.batch,
              request.params.lineNo,
            ),
          ),
        ),
    );
  }
}
