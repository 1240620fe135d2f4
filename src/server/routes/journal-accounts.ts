import { z } from 'zod';
import type { FieldDefinition } from '../../engine/field-types.ts';
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
import { notFound } from '../../shared/errors.ts';
import { expectedRevision, ifMatchHeaders } from '../etag.ts';
import { listPage, listQuerySchema } from '../list-query.ts';
import { companyParams, errorResponses, pageOf } from '../schemas.ts';
import { inCompany } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';
import { ACCOUNT_TAG, COMPANY, code, revision, withEtag } from './journal-schemas.ts';

/** The accounts general journals post to: G/L accounts, bank accounts and the posting setup. */

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

const noParams = companyParams.extend({ no: code('Account no.') });

export function registerJournalAccountRoutes(server: Server, options: ServerOptions): void {
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
      inCompany(options, request, request.params.company, 'read', async (ctx) =>
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
        inCompany(options, request, request.params.company, 'write', (ctx) => createGlAccount(ctx, request.body)),
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
        inCompany(options, request, request.params.company, 'read', (ctx) => getGlAccount(ctx, request.params.no)),
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
        inCompany(options, request, request.params.company, 'write', (ctx) =>
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
      inCompany(options, request, request.params.company, 'read', async (ctx) =>
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
        inCompany(options, request, request.params.company, 'write', (ctx) => createBankAccount(ctx, request.body)),
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
        inCompany(options, request, request.params.company, 'read', (ctx) => getBankAccount(ctx, request.params.no)),
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
        inCompany(options, request, request.params.company, 'write', (ctx) =>
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
        inCompany(options, request, request.params.company, 'read', async (ctx) => {
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
        inCompany(options, request, request.params.company, 'write', (ctx) =>
          setPostingSetup(ctx, request.body, expected),
        ),
      );
    },
  );
}
