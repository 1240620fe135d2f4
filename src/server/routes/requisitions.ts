import { z } from 'zod';
import type { EngineContext } from '../../engine/context.ts';
import {
  cancelRequisitionWorksheetApproval,
  carryOutWorksheet,
  createRequisitionLine,
  createRequisitionWorksheet,
  deleteRequisitionLine,
  deleteRequisitionWorksheet,
  getRequisitionLine,
  getRequisitionWorksheet,
  listRequisitionLines,
  listRequisitionWorksheets,
  REQUISITION_LINE_FIELDS,
  type RequisitionWorksheet,
  sendRequisitionWorksheetForApproval,
  updateRequisitionLine,
  updateRequisitionWorksheet,
  WORKSHEET_FIELDS,
} from '../../requisitions/index.ts';
import { expectedRevision, ifMatchHeaders, setEtag } from '../etag.ts';
import { listPage, listQuerySchema } from '../list-query.ts';
import { companyParams, errorResponses, okSchema, pageOf } from '../schemas.ts';
import { inCompany } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';
import { registerRequestRoutes } from './approvals.ts';
import {
  carryOutSchema,
  carryOutView,
  LINE,
  LINES,
  lineChangeBody,
  lineCreateBody,
  lineParams,
  lineSchema,
  lineView,
  REQUISITION_TAG,
  savedLineSchema,
  savedView,
  WORKSHEET,
  WORKSHEETS,
  worksheetCreateBody,
  worksheetParams,
  worksheetSchema,
  worksheetView,
} from './requisition-schemas.ts';

/**
 * Requisition worksheets: worksheets and their lines, sending a worksheet for approval, and
 * carrying it out into purchase orders. Reading needs a read scope, every change a write scope.
 */
export function registerRequisitionRoutes(server: Server, options: ServerOptions): void {
  registerWorksheetRoutes(server, options);
  registerLineRoutes(server, options);
  registerWorksheetActionRoutes(server, options);
}

const tags = [REQUISITION_TAG];

/** The worksheet as answered, with how many lines it has. */
async function worksheetWithCount(ctx: EngineContext, worksheet: RequisitionWorksheet) {
  return worksheetView(worksheet, (await listRequisitionLines(ctx, worksheet.name)).length);
}

function registerWorksheetRoutes(server: Server, options: ServerOptions): void {
  server.get(
    WORKSHEETS,
    {
      schema: {
        tags,
        summary: 'List requisition worksheets',
        params: companyParams,
        querystring: listQuerySchema(WORKSHEET_FIELDS),
        response: { 200: pageOf(worksheetSchema), ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'read', async (ctx) => {
        const counts = new Map<string, number>();
        for (const line of await listRequisitionLines(ctx)) {
          counts.set(line.worksheetName, (counts.get(line.worksheetName) ?? 0) + 1);
        }
        const worksheets = (await listRequisitionWorksheets(ctx)).map((w) => worksheetView(w, counts.get(w.name) ?? 0));
        return listPage(worksheets, request.query, { table: 'requisition worksheet', fields: WORKSHEET_FIELDS });
      }),
  );
  server.post(
    WORKSHEETS,
    {
      schema: {
        tags,
        summary: 'Create a requisition worksheet',
        params: companyParams,
        body: worksheetCreateBody,
        response: { 201: worksheetSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await inCompany(options, request, request.params.company, 'write', (ctx) =>
        createRequisitionWorksheet(ctx, request.body),
      );
      setEtag(reply, created.revision);
      return reply.code(201).send(worksheetView(created, 0));
    },
  );
  server.get(
    WORKSHEET,
    {
      schema: {
        tags,
        summary: 'Get a requisition worksheet (ETag: its revision)',
        params: worksheetParams,
        response: { 200: worksheetSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const worksheet = await inCompany(options, request, request.params.company, 'read', async (ctx) =>
        worksheetWithCount(ctx, await getRequisitionWorksheet(ctx, request.params.name)),
      );
      setEtag(reply, worksheet.revision);
      return worksheet;
    },
  );
  server.patch(
    WORKSHEET,
    {
      schema: {
        tags,
        summary: 'Change the description of a requisition worksheet (If-Match: the ETag you read)',
        params: worksheetParams,
        headers: ifMatchHeaders,
        body: z.strictObject({ description: z.string().describe('At most 100 characters; blank for none') }),
        response: { 200: worksheetSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedRevision(request);
      const worksheet = await inCompany(options, request, request.params.company, 'write', async (ctx) =>
        worksheetWithCount(ctx, await updateRequisitionWorksheet(ctx, request.params.name, request.body, expected)),
      );
      setEtag(reply, worksheet.revision);
      return worksheet;
    },
  );
  server.delete(
    WORKSHEET,
    {
      schema: {
        tags,
        summary: 'Delete a requisition worksheet with its lines (If-Match: the ETag you read)',
        params: worksheetParams,
        headers: ifMatchHeaders,
        response: { 200: okSchema, ...errorResponses },
      },
    },
    async (request) => {
      const expected = expectedRevision(request);
      await inCompany(options, request, request.params.company, 'write', (ctx) =>
        deleteRequisitionWorksheet(ctx, request.params.name, expected),
      );
      return { ok: true as const };
    },
  );
}

function registerLineRoutes(server: Server, options: ServerOptions): void {
  server.get(
    LINES,
    {
      schema: {
        tags,
        summary: 'List the lines of a requisition worksheet',
        params: worksheetParams,
        querystring: listQuerySchema(REQUISITION_LINE_FIELDS),
        response: { 200: pageOf(lineSchema), ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'read', async (ctx) => {
        const worksheet = await getRequisitionWorksheet(ctx, request.params.name);
        return listPage((await listRequisitionLines(ctx, worksheet.name)).map(lineView), request.query, {
          table: 'requisition line',
          fields: REQUISITION_LINE_FIELDS,
        });
      }),
  );
  server.post(
    LINES,
    {
      schema: {
        tags,
        summary: 'Add a line to a requisition worksheet (restricted at once when an approval workflow covers it)',
        params: worksheetParams,
        body: lineCreateBody,
        response: { 201: savedLineSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const saved = await inCompany(options, request, request.params.company, 'write', (ctx) =>
        createRequisitionLine(ctx, { ...request.body, worksheetName: request.params.name }),
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
        summary: 'Get a requisition line (ETag: its revision)',
        params: lineParams,
        response: { 200: lineSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const line = await inCompany(options, request, request.params.company, 'read', (ctx) =>
        getRequisitionLine(ctx, request.params.name, request.params.lineNo),
      );
      setEtag(reply, line.revision);
      return lineView(line);
    },
  );
  server.patch(
    LINE,
    {
      schema: {
        tags,
        summary: 'Change a requisition line (If-Match: the ETag you read); a changed line may need approval again',
        params: lineParams,
        headers: ifMatchHeaders,
        body: lineChangeBody,
        response: { 200: savedLineSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedRevision(request);
      const { name, lineNo } = request.params;
      const saved = await inCompany(options, request, request.params.company, 'write', (ctx) =>
        updateRequisitionLine(ctx, name, lineNo, request.body, expected),
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
        summary: 'Delete a requisition line (If-Match: the ETag you read)',
        params: lineParams,
        headers: ifMatchHeaders,
        response: { 200: okSchema, ...errorResponses },
      },
    },
    async (request) => {
      const expected = expectedRevision(request);
      const { name, lineNo } = request.params;
      await inCompany(options, request, request.params.company, 'write', (ctx) =>
        deleteRequisitionLine(ctx, name, lineNo, expected),
      );
      return { ok: true as const };
    },
  );
}

function registerWorksheetActionRoutes(server: Server, options: ServerOptions): void {
  registerRequestRoutes(server, options, {
    path: WORKSHEET,
    params: worksheetParams,
    tags: [REQUISITION_TAG],
    what: 'a requisition worksheet',
    send: (ctx, p) => sendRequisitionWorksheetForApproval(ctx, p.name),
    cancel: (ctx, p) => cancelRequisitionWorksheetApproval(ctx, p.name),
  });
  server.post(
    `${WORKSHEET}/carry-out`,
    {
      schema: {
        tags,
        summary: 'Carry out a requisition worksheet: one Open purchase order per vendor, then its lines are deleted',
        params: worksheetParams,
        response: { 200: carryOutSchema, ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'write', async (ctx) =>
        carryOutView(await carryOutWorksheet(ctx, request.params.name)),
      ),
  );
}
