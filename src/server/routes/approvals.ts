import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ApprovalRecordTable } from '../../approvals/event-codes.ts';
import { cancelApprovalRequest, sendApprovalRequest } from '../../approvals/index.ts';
import type { RequestResult } from '../../approvals/user-actions.ts';
import type { EngineContext } from '../../engine/context.ts';
import { DOCUMENT_TYPES, documentKey, documentRef } from '../../records/index.ts';
import { companyParams, errorResponses } from '../schemas.ts';
import { inCompany } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';
import { registerApprovalEntryRoutes } from './approval-entries.ts';
import { COMPANY_PATH, recordBody, requestResultSchema, requestView } from './approval-schemas.ts';

/**
 * Approval requests on records: send and cancel by table and key, and the same per document,
 * customer, vendor and item. The approval entries and comments live in approval-entries.ts.
 */

type Action = 'send' | 'cancel';

const ACTIONS = {
  send: {
    verb: 'send-approval-request',
    run: sendApprovalRequest,
    summary: (what: string) => `Send ${what} for approval; answers with the created approval entries`,
  },
  cancel: {
    verb: 'cancel-approval-request',
    run: cancelApprovalRequest,
    summary: (what: string) => `Cancel the open approval request of ${what} (its sender or the approval administrator)`,
  },
} as const;

const DOCUMENT_ROUTES = [
  { area: 'purchase', path: 'purchase-documents', table: 'purchase-header' },
  { area: 'sales', path: 'sales-documents', table: 'sales-header' },
] as const;

const MASTER_ROUTES = [
  { path: 'customers', table: 'customer', what: 'a customer' },
  { path: 'vendors', table: 'vendor', what: 'a vendor' },
  { path: 'items', table: 'item', what: 'an item' },
] as const;

const documentParams = companyParams.extend({
  type: z.enum(DOCUMENT_TYPES).describe('Document type'),
  no: z.string().min(1).max(20).describe('Document no.'),
});

const recordNoParams = companyParams.extend({ no: z.string().min(1).max(20).describe('No.') });

/**
 * Send and cancel routes for one kind of record that a module makes approvable (a journal
 * batch, a requisition worksheet): `<path>/send-approval-request` and `…/cancel-approval-request`,
 * with the module's own commands (they may check more than the generic ones).
 */
export function registerRequestRoutes<Params extends z.ZodObject>(
  server: Server,
  options: ServerOptions,
  spec: {
    readonly path: string;
    readonly params: Params;
    readonly tags: readonly string[];
    /** "a journal batch" */
    readonly what: string;
    readonly send: (ctx: EngineContext, params: z.infer<Params>) => Promise<RequestResult>;
    readonly cancel: (ctx: EngineContext, params: z.infer<Params>) => Promise<RequestResult>;
  },
): void {
  for (const action of ['send', 'cancel'] as const) {
    server.post(
      `${spec.path}/${ACTIONS[action].verb}`,
      {
        schema: {
          tags: [...spec.tags, 'approval requests'],
          summary: ACTIONS[action].summary(spec.what),
          params: spec.params as unknown as typeof companyParams,
          response: { 200: requestResultSchema, ...errorResponses },
        },
      },
      async (request) =>
        inCompany(options, request, request.params.company, 'write', async (ctx) =>
          requestView(await spec[action](ctx, request.params as z.infer<Params>)),
        ),
    );
  }
}

export function registerApprovalRoutes(server: Server, options: ServerOptions): void {
  const tags = ['approval requests'];
  const response = { 200: requestResultSchema, ...errorResponses };

  const act = (request: FastifyRequest, company: string, action: Action, table: ApprovalRecordTable, key: string) =>
    inCompany(options, request, company, 'write', async (ctx) =>
      requestView(await ACTIONS[action].run(ctx, table, key)),
    );

  server.post(
    `${COMPANY_PATH}/approval-requests`,
    {
      schema: {
        tags,
        summary: ACTIONS.send.summary('a record'),
        params: companyParams,
        body: recordBody,
        response,
      },
    },
    async (request) => act(request, request.params.company, 'send', request.body.table, request.body.key),
  );

  server.post(
    `${COMPANY_PATH}/approval-requests/cancel`,
    {
      schema: {
        tags,
        summary: ACTIONS.cancel.summary('a record'),
        params: companyParams,
        body: recordBody,
        response,
      },
    },
    async (request) => act(request, request.params.company, 'cancel', request.body.table, request.body.key),
  );

  for (const action of ['send', 'cancel'] as const) {
    const { verb, summary } = ACTIONS[action];
    for (const doc of DOCUMENT_ROUTES) {
      server.post(
        `${COMPANY_PATH}/${doc.path}/:type/:no/${verb}`,
        {
          schema: {
            tags,
            summary: summary(`a ${doc.area} document`),
            params: documentParams,
            response,
          },
        },
        async (request) => {
          const { company, type, no } = request.params;
          const key = documentKey(documentRef(doc.area, type, no));
          return act(request, company, action, doc.table, key);
        },
      );
    }
    for (const master of MASTER_ROUTES) {
      server.post(
        `${COMPANY_PATH}/${master.path}/:no/${verb}`,
        {
          schema: {
            tags,
            summary: summary(master.what),
            params: recordNoParams,
            response,
          },
        },
        async (request) =>
          act(request, request.params.company, action, master.table, request.params.no.trim().toUpperCase()),
      );
    }
  }

  registerApprovalEntryRoutes(server, options);
}
