import { z } from 'zod';
import type { EngineContext } from '../../engine/context.ts';
import type { FieldDefinition } from '../../engine/field-types.ts';
import type { GlEntry, LedgerParty, PartyLedgerEntry } from '../../ledger/entries.ts';
import { listGlEntries, listPartyEntries } from '../../ledger/queries.ts';
import {
  convertQuoteToOrder,
  getPostedDocument,
  listPostedApprovalComments,
  listPostedApprovalEntries,
  listPostedDocuments,
  POSTED_DOCUMENT_TYPES,
  POSTED_TABLES,
  type PostedDocument,
  type PostedDocumentWithLines,
  postDocumentWithMessages,
  postedData,
  postedFields,
  postedKey,
  schedulePosting,
} from '../../posting/index.ts';
import { DOCUMENT_AREAS, DOCUMENT_TYPES, type DocumentArea, documentRef, LINE_TYPES } from '../../records/index.ts';
import { expectedRevision, ifMatchHeaders } from '../etag.ts';
import { listPage, listQuerySchema } from '../list-query.ts';
import { companyParams, errorResponses, pageOf } from '../schemas.ts';
import { inCompany } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';
import {
  assertDocumentRevision,
  DOCUMENT_PATHS,
  documentBase,
  documentParams,
  documentSchema,
  documentView,
  inDocumentCompany,
  refOf,
} from './document-schemas.ts';
import { glEntrySchema, postedApprovalEntrySchema, postedCommentSchema } from './ledger-schemas.ts';

/**
 * Posting: post a purchase or sales document now or in the background, make an order of a
 * quote; read posted documents (with their approval history) and the ledger entries postings
 * wrote.
 */
export function registerPostingRoutes(server: Server, options: ServerOptions): void {
  for (const area of DOCUMENT_AREAS) {
    registerPostActions(server, options, area);
    registerPostedDocuments(server, options, area);
  }
  registerLedgerEntries(server, options);
}

const COMPANY = '/api/v1/companies/:company';
const POSTED_PATHS = {
  purchase: 'posted-purchase-documents',
  sales: 'posted-sales-documents',
} as const satisfies Record<DocumentArea, string>;

const decimal = z.string();

const postedLineSchema = z.object({
  lineNo: z.number().int(),
  type: z.enum(LINE_TYPES),
  no: z.string(),
  description: z.string(),
  quantity: decimal,
  unitPrice: decimal,
  lineAmount: decimal,
});

const postedHeaderSchema = z.object({
  area: z.enum(DOCUMENT_AREAS),
  documentType: z
    .enum(POSTED_DOCUMENT_TYPES)
    .describe('Orders and invoices post to invoices, the rest to credit memos'),
  no: z.string().describe('No. from the posted series, e.g. PPI-0001'),
  preAssignedNo: z.string().describe('No. of the document that was posted (the order no. for an order)'),
  sourceDocumentType: z.enum(DOCUMENT_TYPES).describe('Type of the document that was posted'),
  partyNo: z.string().describe('The vendor (purchase) or customer (sales)'),
  partyName: z.string(),
  salespersonCode: z.string(),
  currencyCode: z.string().describe('Blank means the local currency'),
  exchangeRate: decimal,
  invoiceDiscount: decimal,
  lineTotal: decimal,
  amount: decimal,
  amountLcy: decimal,
  documentDate: z.string(),
  postingDate: z.string(),
  createdBy: z.string(),
  postedBy: z.string(),
  postedAt: z.string(),
  registerId: z.number().int().describe('The G/L register of the posting (see gl-entries)'),
});

const postedDocumentSchema = postedHeaderSchema.extend({
  lines: z.array(postedLineSchema),
  approvalEntries: z.array(postedApprovalEntrySchema).describe('The approval entries of the document, as posted'),
  comments: z.array(postedCommentSchema),
});

const postingBodySchema = z
  .strictObject({
    postingDate: z.string().optional().describe("YYYY-MM-DD; default today in the company's time zone"),
  })
  .nullish();

const postedParams = companyParams.extend({
  type: z.enum(POSTED_DOCUMENT_TYPES).describe('invoice or credit-memo'),
  no: z.string().min(1).max(20).describe('Posted document no., e.g. PPI-0001'),
});

function postedHeaderView(document: PostedDocument) {
  const { lines: _lines, ...header } = document as PostedDocumentWithLines;
  return header;
}

async function postedView(ctx: EngineContext, document: PostedDocumentWithLines) {
  const target = { table: POSTED_TABLES[document.area], key: postedKey(document) };
  const entries = await listPostedApprovalEntries(ctx, target);
  const comments = await listPostedApprovalComments(ctx, target);
  return {
    ...document,
    lines: document.lines.map((l) => ({ ...l })),
    approvalEntries: entries.map(({ postedTable: _t, postedKey: _k, ...entry }) => ({
      ...entry,
      history: entry.history.map((h) => ({ ...h })),
    })),
    comments: comments.map(({ postedTable: _t, postedKey: _k, ...comment }) => comment),
  };
}

function postedLocation(company: string, document: PostedDocument): string {
  return `/api/v1/companies/${company}/${POSTED_PATHS[document.area]}/${document.documentType}/${encodeURIComponent(document.no)}`;
}

function registerPostActions(server: Server, options: ServerOptions, area: DocumentArea): void {
  const base = documentBase(area);
  const one = `${base}/:type/:no`;
  const tags = [`${area} documents`];

  server.post(
    `${one}/post`,
    {
      schema: {
        tags,
        summary: `Post a ${area} order, invoice, credit memo or return order now (If-Match: the ETag you read)`,
        description:
          'Refused for quotes and blanket orders, documents without lines, documents pending approval, a ' +
          `restricted document or ${area === 'purchase' ? 'vendor' : 'customer'}, and (D7) an Open document an ` +
          'enabled approval workflow covers. The document is deleted; its approval entries and comments move to ' +
          'the posted document.',
        params: documentParams,
        headers: ifMatchHeaders,
        body: postingBodySchema,
        response: {
          201: z.object({
            document: postedDocumentSchema,
            messages: z.array(z.string()).describe('What workflows did on the posted event, in words'),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const expected = expectedRevision(request);
      const result = await inDocumentCompany(options, request, request.params.company, 'write', async (ctx, scope) => {
        const ref = refOf(area, request.params);
        await assertDocumentRevision(ctx, ref, expected);
        const postingDate = request.body?.postingDate;
        const posting = await postDocumentWithMessages(ctx, ref, postingDate ? { postingDate } : {});
        return {
          company: scope.company.code,
          document: await postedView(ctx, posting.document),
          messages: [...posting.messages],
        };
      });
      reply.header('location', postedLocation(result.company, result.document));
      return reply.code(201).send({ document: result.document, messages: result.messages });
    },
  );

  server.post(
    `${one}/post-in-background`,
    {
      schema: {
        tags,
        summary: `Queue a released ${area} document for posting by a worker (202 with the job)`,
        description:
          'Only a Released document is queued (document-not-released otherwise); queuing it again while the ' +
          'job waits answers the same job. The job posts as the user who queued it.',
        params: documentParams,
        body: postingBodySchema,
        response: {
          202: z.object({
            jobId: z.number().int(),
            queued: z.boolean().describe('False when a job for this document was queued already'),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const scheduled = await inDocumentCompany(options, request, request.params.company, 'write', (ctx) => {
        const postingDate = request.body?.postingDate;
        return schedulePosting(ctx, refOf(area, request.params), postingDate ? { postingDate } : {});
      });
      return reply.code(202).send(scheduled);
    },
  );

  server.post(
    `${base}/quote/:no/make-order`,
    {
      schema: {
        tags,
        summary: `Make an Open ${area} order of a quote; the quote's approval history moves to the order`,
        description:
          'Refused while the quote is pending approval, restricted, or (D7) Open and covered by an enabled ' +
          'approval workflow. The quote is deleted.',
        params: companyParams.extend({ no: z.string().min(1).max(20).describe('Quote no.') }),
        headers: ifMatchHeaders,
        response: {
          201: z.object({
            document: documentSchema,
            approvalEntries: z.number().int().describe('Approval entries moved from the quote'),
            comments: z.number().int().describe('Approval comments moved from the quote'),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const expected = expectedRevision(request);
      const result = await inDocumentCompany(options, request, request.params.company, 'write', async (ctx, scope) => {
        const quote = documentRef(area, 'quote', request.params.no);
        await assertDocumentRevision(ctx, quote, expected);
        const conversion = await convertQuoteToOrder(ctx, area, quote.no);
        return {
          company: scope.company.code,
          document: await documentView(ctx, conversion.order),
          approvalEntries: conversion.approvalEntries,
          comments: conversion.comments,
        };
      });
      const { company, ...body } = result;
      reply.header(
        'location',
        `/api/v1/companies/${company}/${DOCUMENT_PATHS[area]}/order/${encodeURIComponent(body.document.no)}`,
      );
      return reply.code(201).send(body);
    },
  );
}

function registerPostedDocuments(server: Server, options: ServerOptions, area: DocumentArea): void {
  const base = `${COMPANY}/${POSTED_PATHS[area]}`;
  const tags = ['posted documents'];
  const fields: FieldDefinition[] = [
    ...postedFields(area),
    { name: 'postedAt', type: 'datetime', caption: 'Posted at' },
    { name: 'createdBy', type: 'code', caption: 'Created by' },
  ];

  server.get(
    base,
    {
      schema: {
        tags,
        summary: `List posted ${area} invoices and credit memos`,
        description:
          'Paged; filter with filter[<field>]=<filter text>, e.g. filter[preAssignedNo]=PO-0001, ' +
          'filter[postingDate]=2026-03-01..2026-03-31; sort with sort=-postingDate.',
        params: companyParams,
        querystring: listQuerySchema(fields),
        response: { 200: pageOf(postedHeaderSchema), ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'read', async (ctx) =>
        listPage((await listPostedDocuments(ctx, { area })).map(postedHeaderView), request.query, {
          table: `posted ${area} document`,
          fields,
          data: (d) => ({ ...postedData(d), postedAt: d.postedAt, createdBy: d.createdBy }),
        }),
      ),
  );

  server.get(
    `${base}/:type/:no`,
    {
      schema: {
        tags,
        summary: `Get a posted ${area} document with its lines, posted approval entries (with history) and comments`,
        params: postedParams,
        response: { 200: postedDocumentSchema, ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'read', async (ctx) =>
        postedView(
          ctx,
          await getPostedDocument(ctx, { area, documentType: request.params.type, no: request.params.no }),
        ),
      ),
  );
}

const GL_FIELDS: readonly FieldDefinition[] = [
  { name: 'id', type: 'integer', caption: 'Entry no.' },
  { name: 'registerId', type: 'integer', caption: 'G/L register' },
  { name: 'postingDate', type: 'date', caption: 'Posting date' },
  { name: 'documentType', type: 'text', caption: 'Document type' },
  { name: 'documentNo', type: 'code', caption: 'Document no.' },
  { name: 'accountNo', type: 'code', caption: 'G/L account no.' },
  { name: 'description', type: 'text', caption: 'Description' },
  { name: 'amount', type: 'decimal', caption: 'Amount' },
  { name: 'sourceType', type: 'text', caption: 'Source type' },
  { name: 'sourceNo', type: 'code', caption: 'Source no.' },
  { name: 'createdBy', type: 'code', caption: 'Created by' },
];

const partyEntrySchema = z.object({
  id: z.number().int(),
  registerId: z.number().int(),
  partyNo: z.string().describe('The customer, vendor or bank account'),
  postingDate: z.string(),
  documentType: z.string(),
  documentNo: z.string(),
  description: z.string(),
  currencyCode: z.string().describe('Blank means the local currency'),
  amount: decimal.describe('In the entry currency'),
  amountLcy: decimal,
  remainingAmountLcy: decimal.describe('What is still open of the LCY amount'),
  open: z.boolean(),
});

const PARTY_FIELDS: readonly FieldDefinition[] = [
  { name: 'id', type: 'integer', caption: 'Entry no.' },
  { name: 'registerId', type: 'integer', caption: 'G/L register' },
  { name: 'partyNo', type: 'code', caption: 'No.' },
  { name: 'postingDate', type: 'date', caption: 'Posting date' },
  { name: 'documentType', type: 'text', caption: 'Document type' },
  { name: 'documentNo', type: 'code', caption: 'Document no.' },
  { name: 'description', type: 'text', caption: 'Description' },
  { name: 'currencyCode', type: 'code', caption: 'Currency code' },
  { name: 'amount', type: 'decimal', caption: 'Amount' },
  { name: 'amountLcy', type: 'decimal', caption: 'Amount (LCY)' },
  { name: 'remainingAmountLcy', type: 'decimal', caption: 'Remaining amount (LCY)' },
  { name: 'open', type: 'boolean', caption: 'Open' },
];

const PARTY_PATHS: readonly [LedgerParty, string][] = [
  ['customer', 'customer-ledger-entries'],
  ['vendor', 'vendor-ledger-entries'],
  ['bank-account', 'bank-account-ledger-entries'],
];

/** A list filter that names one exact value (no wildcards, ranges or alternatives), for the SQL query. */
function exactFilter(query: Readonly<Record<string, unknown>>, field: string): string | undefined {
  const value = query[`filter[${field}]`];
  return typeof value === 'string' && /^[A-Za-z0-9_/-]+(\.[A-Za-z0-9_/-]+)*$/.test(value) ? value : undefined;
}

function registerLedgerEntries(server: Server, options: ServerOptions): void {
  server.get(
    `${COMPANY}/gl-entries`,
    {
      schema: {
        tags: ['ledger'],
        summary: 'List G/L entries in posting order',
        description:
          'Paged; filter with filter[<field>]=<filter text>, e.g. filter[documentNo]=PPI-0001 for the entries of ' +
          'a posted document or filter[registerId]=12 for the entries of one posting (they sum to zero).',
        params: companyParams,
        querystring: listQuerySchema(GL_FIELDS),
        response: { 200: pageOf(glEntrySchema), ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'read', async (ctx) => {
        const documentNo = exactFilter(request.query, 'documentNo');
        const register = exactFilter(request.query, 'registerId');
        const registerId = register !== undefined && /^\d+$/.test(register) ? Number(register) : undefined;
        const entries: GlEntry[] = await listGlEntries(ctx, {
          ...(documentNo !== undefined ? { documentNo } : {}),
          ...(registerId !== undefined ? { registerId } : {}),
        });
        return listPage(entries, request.query, { table: 'G/L entry', fields: GL_FIELDS });
      }),
  );

  for (const [party, path] of PARTY_PATHS) {
    const label = party === 'bank-account' ? 'bank account' : party;
    server.get(
      `${COMPANY}/${path}`,
      {
        schema: {
          tags: ['ledger'],
          summary: `List ${label} ledger entries in posting order`,
          description:
            'Paged; filter with filter[<field>]=<filter text>, e.g. filter[partyNo]=V10000, ' +
            'filter[documentNo]=PPI-0001, filter[open]=true.',
          params: companyParams,
          querystring: listQuerySchema(PARTY_FIELDS),
          response: { 200: pageOf(partyEntrySchema), ...errorResponses },
        },
      },
      async (request) =>
        inCompany(options, request, request.params.company, 'read', async (ctx) => {
          const partyNo = exactFilter(request.query, 'partyNo');
          const documentNo = exactFilter(request.query, 'documentNo');
          const entries: PartyLedgerEntry[] = await listPartyEntries(ctx, party, {
            ...(partyNo !== undefined ? { partyNo } : {}),
            ...(documentNo !== undefined ? { documentNo } : {}),
          });
          return listPage(
            entries.map(({ party: _party, ...entry }) => entry),
            request.query,
            { table: `${label} ledger entry`, fields: PARTY_FIELDS },
          );
        }),
    );
  }
}
