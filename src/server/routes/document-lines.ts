import { z } from 'zod';
import { addLine, type DocumentArea, deleteLine, getDocument, listLines, updateLine } from '../../records/index.ts';
import { expectedRevision, ifMatchHeaders, setEtag } from '../etag.ts';
import { listPage, listQuerySchema } from '../list-query.ts';
import { errorResponses, pageOf } from '../schemas.ts';
import type { Server, ServerOptions } from '../types.ts';
import {
  assertDocumentRevision,
  documentBase,
  documentParams,
  documentSchema,
  documentView,
  inDocumentCompany,
  lineInputSchema,
  lineListSpec,
  lineParams,
  lineSchema,
  refOf,
} from './document-schemas.ts';

/**
 * Lines of a document: `…/:type/:no/lines` and `…/lines/:lineNo`. Lines have no revision of
 * their own; every line change bumps the document's, so If-Match and ETag here are the
 * document's revision.
 */
export function registerDocumentLineRoutes(server: Server, options: ServerOptions, area: DocumentArea): void {
  const lines = `${documentBase(area)}/:type/:no/lines`;
  const tags = [`${area} documents`];
  const list = lineListSpec(area);
  const lineWithRevision = lineSchema.extend({
    documentRevision: z.number().int().describe("The document's revision after the change (also the ETag)"),
  });

  server.get(
    lines,
    {
      schema: {
        tags,
        summary: `List the lines of a ${area} document`,
        params: documentParams,
        querystring: listQuerySchema(list.fields),
        response: { 200: pageOf(lineSchema), ...errorResponses },
      },
    },
    async (request) =>
      inDocumentCompany(options, request, request.params.company, 'read', async (ctx) =>
        listPage(await listLines(ctx, refOf(area, request.params)), request.query, list),
      ),
  );

  server.post(
    lines,
    {
      schema: {
        tags,
        summary: `Add a line to an Open ${area} document (If-Match: the document's ETag)`,
        params: documentParams,
        headers: ifMatchHeaders,
        body: lineInputSchema,
        response: { 201: lineWithRevision, ...errorResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedRevision(request);
      const line = await inDocumentCompany(options, request, request.params.company, 'write', async (ctx) => {
        const ref = refOf(area, request.params);
        await assertDocumentRevision(ctx, ref, expected);
        const added = await addLine(ctx, ref, request.body);
        return { ...added, documentRevision: (await getDocument(ctx, ref)).revision };
      });
      setEtag(reply, line.documentRevision);
      return reply.code(201).send(line);
    },
  );

  server.patch(
    `${lines}/:lineNo`,
    {
      schema: {
        tags,
        summary: `Change a line of an Open ${area} document (If-Match: the document's ETag)`,
        params: lineParams,
        headers: ifMatchHeaders,
        body: lineInputSchema.partial(),
        response: { 200: lineWithRevision, ...errorResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedRevision(request);
      const line = await inDocumentCompany(options, request, request.params.company, 'write', async (ctx) => {
        const ref = refOf(area, request.params);
        await assertDocumentRevision(ctx, ref, expected);
        const { after } = await updateLine(ctx, ref, request.params.lineNo, request.body);
        return { ...after, documentRevision: (await getDocument(ctx, ref)).revision };
      });
      setEtag(reply, line.documentRevision);
      return line;
    },
  );

  server.delete(
    `${lines}/:lineNo`,
    {
      schema: {
        tags,
        summary: `Delete a line of an Open ${area} document (If-Match: the document's ETag); answers the document`,
        params: lineParams,
        headers: ifMatchHeaders,
        response: { 200: documentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedRevision(request);
      const document = await inDocumentCompany(options, request, request.params.company, 'write', async (ctx) => {
        const ref = refOf(area, request.params);
        await assertDocumentRevision(ctx, ref, expected);
        await deleteLine(ctx, ref, request.params.lineNo);
        return documentView(ctx, ref);
      });
      setEtag(reply, document.revision);
      return document;
    },
  );
}
