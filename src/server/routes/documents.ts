import { z } from 'zod';
import { releaseDocumentByUser, reopenDocumentByUser } from '../../approvals/document-release.ts';
import { listPostedDocuments } from '../../posting/posted-documents.ts';
import {
  addLine,
  createDocument,
  DOCUMENT_AREAS,
  DOCUMENT_TYPES,
  type DocumentArea,
  deleteDocument,
  findDocument,
  listDocuments,
  updateHeader,
} from '../../records/index.ts';
import { isWerkstroomError, WerkstroomError } from '../../shared/errors.ts';
import { expectedRevision, ifMatchHeaders, setEtag } from '../etag.ts';
import { listPage, listQuerySchema } from '../list-query.ts';
import { companyParams, errorResponses, okSchema, pageOf } from '../schemas.ts';
import type { Server, ServerOptions } from '../types.ts';
import { registerDocumentLineRoutes } from './document-lines.ts';
import {
  assertDocumentRevision,
  DOCUMENT_PATHS,
  documentBase,
  documentListSpec,
  documentParams,
  documentSchema,
  documentView,
  headerSchema,
  inDocumentCompany,
  lineInputSchema,
  refOf,
} from './document-schemas.ts';

/**
 * Purchase and sales documents: `/purchase-documents` and `/sales-documents` under a company,
 * each document at `…/:type/:no` (`…/order/PO-0001`). Releasing and reopening by hand follow
 * rule D7; sending for approval is an approval route.
 */
export function registerDocumentRoutes(server: Server, options: ServerOptions): void {
  for (const area of DOCUMENT_AREAS) registerArea(server, options, area);
}

const party = (area: DocumentArea) => (area === 'purchase' ? 'vendor' : 'customer');

const actionResultSchema = z.object({
  document: documentSchema,
  messages: z.array(z.string()).describe('What workflows did on the release, in words'),
});

const releaseResultSchema = z.object({
  document: documentSchema
    .nullable()
    .describe('The document as it is now; null when a workflow posted it straight away (see postedDocument)'),
  postedDocument: z
    .object({ documentType: z.string(), no: z.string() })
    .nullable()
    .describe('The posted document, when a workflow posted the released document straight away'),
  messages: z.array(z.string()).describe('What workflows did on the release, in words'),
});

/** A line error in a create request names the line: `lines.1.quantity`. */
function inLine(error: unknown, index: number): unknown {
  if (!isWerkstroomError(error)) return error;
  const field = error.details.field ? `lines.${index}.${error.details.field}` : `lines.${index}`;
  return new WerkstroomError(
    error.code,
    `Line ${index + 1}: ${error.message}`,
    { ...error.details, field },
    error.kind,
  );
}

function registerArea(server: Server, options: ServerOptions, area: DocumentArea): void {
  const base = documentBase(area);
  const one = `${base}/:type/:no`;
  const tags = [`${area} documents`];
  const list = documentListSpec(area);

  server.get(
    base,
    {
      schema: {
        tags,
        summary: `List ${area} documents (headers with amounts)`,
        description:
          'Paged; filter with filter[<field>]=<filter text>, e.g. filter[documentType]=order, ' +
          'filter[amount]=1000..5000, filter[status]=Open|Released; sort with sort=-amount.',
        params: companyParams,
        querystring: listQuerySchema(list.fields),
        response: { 200: pageOf(headerSchema), ...errorResponses },
      },
    },
    async (request) =>
      inDocumentCompany(options, request, request.params.company, 'read', async (ctx) =>
        listPage(await listDocuments(ctx, { area }), request.query, list),
      ),
  );

  server.post(
    base,
    {
      schema: {
        tags,
        summary: `Create an Open ${area} document, numbered from its series, optionally with lines`,
        params: companyParams,
        body: z.strictObject({
          documentType: z.enum(DOCUMENT_TYPES),
          partyNo: z.string().describe(`The ${party(area)}; must exist and not be blocked`),
          documentDate: z.string().optional().describe("YYYY-MM-DD; default today in the company's time zone"),
          currencyCode: z
            .string()
            .optional()
            .describe(`Default the ${party(area)}'s currency`),
          salespersonCode: z
            .string()
            .optional()
            .describe(`Default the ${party(area)}'s ${area === 'purchase' ? 'purchaser' : 'salesperson'}`),
          lines: z.array(lineInputSchema).max(500).optional(),
        }),
        response: { 201: documentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { lines, ...header } = request.body;
      const { document, company } = await inDocumentCompany(
        options,
        request,
        request.params.company,
        'write',
        async (ctx, scope) => {
          const created = await createDocument(ctx, { area, ...header });
          for (const [index, line] of (lines ?? []).entries()) {
            try {
              await addLine(ctx, created, line);
            } catch (error) {
              throw inLine(error, index);
            }
          }
          return { document: await documentView(ctx, created), company: scope.company.code };
        },
      );
      setEtag(reply, document.revision);
      reply.header(
        'location',
        `/api/v1/companies/${company}/${DOCUMENT_PATHS[area]}/${document.documentType}/${encodeURIComponent(document.no)}`,
      );
      return reply.code(201).send(document);
    },
  );

  server.get(
    one,
    {
      schema: {
        tags,
        summary: `Get a ${area} document with its lines (ETag: its revision)`,
        params: documentParams,
        response: { 200: documentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const document = await inDocumentCompany(options, request, request.params.company, 'read', (ctx) =>
        documentView(ctx, refOf(area, request.params)),
      );
      setEtag(reply, document.revision);
      return document;
    },
  );

  server.patch(
    one,
    {
      schema: {
        tags,
        summary: `Change the header of an Open ${area} document (If-Match: the ETag you read)`,
        params: documentParams,
        headers: ifMatchHeaders,
        body: z.strictObject({
          partyNo: z
            .string()
            .optional()
            .describe(`A new ${party(area)} also brings its currency and salesperson unless those are given`),
          currencyCode: z.string().optional(),
          salespersonCode: z.string().optional(),
          invoiceDiscount: z.string().optional().describe('Exact decimal text, at most the line total'),
          documentDate: z.string().optional().describe('YYYY-MM-DD'),
        }),
        response: { 200: documentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedRevision(request);
      const document = await inDocumentCompany(options, request, request.params.company, 'write', async (ctx) => {
        const ref = refOf(area, request.params);
        await updateHeader(ctx, ref, request.body, expected);
        return documentView(ctx, ref);
      });
      setEtag(reply, document.revision);
      return document;
    },
  );

  server.delete(
    one,
    {
      schema: {
        tags,
        summary: `Delete an Open ${area} document with its lines (If-Match: the ETag you read)`,
        params: documentParams,
        headers: ifMatchHeaders,
        response: { 200: okSchema, ...errorResponses },
      },
    },
    async (request) => {
      const expected = expectedRevision(request);
      await inDocumentCompany(options, request, request.params.company, 'write', (ctx) =>
        deleteDocument(ctx, refOf(area, request.params), expected),
      );
      return { ok: true as const };
    },
  );

  server.post(
    `${one}/release`,
    {
      schema: {
        tags,
        summary: `Release a ${area} document by hand; refused while an enabled approval workflow covers it (D7)`,
        params: documentParams,
        headers: ifMatchHeaders,
        response: { 200: releaseResultSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedRevision(request);
      const result = await inDocumentCompany(options, request, request.params.company, 'write', async (ctx) => {
        const ref = refOf(area, request.params);
        await assertDocumentRevision(ctx, ref, expected);
        const { messages } = await releaseDocumentByUser(ctx, ref);
        // A workflow may post the released document at once (WS-PIW posts in the background).
        if (await findDocument(ctx, ref)) {
          return { document: await documentView(ctx, ref), postedDocument: null, messages: [...messages] };
        }
        const posted = (await listPostedDocuments(ctx, { area, preAssignedNo: ref.no }))
          .filter((d) => d.sourceDocumentType === ref.documentType)
          .at(-1);
        return {
          document: null,
          postedDocument: posted ? { documentType: posted.documentType, no: posted.no } : null,
          messages: [...messages],
        };
      });
      if (result.document) setEtag(reply, result.document.revision);
      return result;
    },
  );

  server.post(
    `${one}/reopen`,
    {
      schema: {
        tags,
        summary: `Reopen a released ${area} document; refused while it is pending approval`,
        params: documentParams,
        headers: ifMatchHeaders,
        response: { 200: actionResultSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedRevision(request);
      const result = await inDocumentCompany(options, request, request.params.company, 'write', async (ctx) => {
        const ref = refOf(area, request.params);
        await assertDocumentRevision(ctx, ref, expected);
        await reopenDocumentByUser(ctx, ref);
        return { document: await documentView(ctx, ref), messages: [] };
      });
      setEtag(reply, result.document.revision);
      return result;
    },
  );

  registerDocumentLineRoutes(server, options, area);
}
