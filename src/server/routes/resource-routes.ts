import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { EngineContext } from '../../engine/context.ts';
import type { FieldDefinition } from '../../engine/field-types.ts';
import { expectedRevision, ifMatchHeaders, refuseIfMatch, setEtag } from '../etag.ts';
import { listPage, listQuerySchema } from '../list-query.ts';
import { companyParams, errorResponses, okSchema, pageOf } from '../schemas.ts';
import { inCompany } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';

/**
 * The five routes of a master-data resource under a company — list, create, get, change,
 * delete — from one description, so every resource behaves the same: lists page, filter and
 * sort alike, records with a revision answer with an ETag and honour If-Match.
 */
export interface ResourceSpec<T extends object, C, U> {
  /** URL segment under the company: `customers`. */
  readonly path: string;
  /** OpenAPI tag. */
  readonly tag: string;
  /** "customer", "salesperson/purchaser" — for summaries. */
  readonly singular: string;
  readonly plural: string;
  /** The key field and URL parameter: `no` or `code`. */
  readonly key: 'no' | 'code';
  readonly fields: readonly FieldDefinition[];
  readonly item: z.ZodType<T>;
  readonly createBody: z.ZodType<C>;
  readonly updateBody: z.ZodType<U>;
  readonly list: (ctx: EngineContext) => Promise<T[]>;
  readonly get: (ctx: EngineContext, key: string) => Promise<T>;
  readonly create: (ctx: EngineContext, input: C) => Promise<T>;
  /** Saves a change; records whose changes run workflows give `updateWithMessages` instead. */
  readonly update?: (ctx: EngineContext, key: string, changes: U, expectedRevision?: number) => Promise<T>;
  /**
   * For records whose changes run workflows (a held field change, say): used instead of `update`,
   * and the PATCH answer adds `messages`, what the workflows said.
   */
  readonly updateWithMessages?: (
    ctx: EngineContext,
    key: string,
    changes: U,
    expectedRevision?: number,
  ) => Promise<{ readonly item: T; readonly messages: readonly string[] }>;
  readonly remove: (ctx: EngineContext, key: string, expectedRevision?: number) => Promise<unknown>;
  /** Present for records with a revision: they get an ETag and honour If-Match. */
  readonly revision?: (item: T) => number;
}

export function registerResourceRoutes<T extends object, C, U>(
  server: Server,
  options: ServerOptions,
  spec: ResourceSpec<T, C, U>,
): void {
  const base = `/api/v1/companies/:company/${spec.path}`;
  const one = `${base}/:${spec.key}`;
  // Typed as the company parameter alone: the key is read by name below.
  const keyParams = companyParams.extend({
    [spec.key]: z
      .string()
      .min(1)
      .max(50)
      .describe(`${spec.key === 'no' ? 'No.' : 'Code'} of the ${spec.singular}`),
  }) as unknown as typeof companyParams;
  // The provider cannot infer through the generic record type; the schemas still validate and
  // serialize every request and response.
  const item = spec.item as z.ZodType;
  const createBody = spec.createBody as z.ZodType;
  const updateBody = spec.updateBody as z.ZodType;
  const updated = spec.updateWithMessages
    ? (spec.item as unknown as z.ZodObject).extend({
        messages: z
          .array(z.string())
          .describe('What workflows said about the change (e.g. that it waits for approval)'),
      })
    : item;
  const keyOf = (request: FastifyRequest) => (request.params as Record<string, string>)[spec.key] as string;
  const keyOfItem = (item: T) => String((item as Record<string, unknown>)[spec.key]);
  const revisionOf = spec.revision;
  const etag = (reply: Parameters<typeof setEtag>[0], item: T) => {
    if (revisionOf) setEtag(reply, revisionOf(item));
  };
  const ifMatch = (request: FastifyRequest) => {
    if (revisionOf) return expectedRevision(request);
    refuseIfMatch(request, spec.plural);
    return undefined;
  };
  const what = `the ${spec.singular}`;

  server.get(
    base,
    {
      schema: {
        tags: [spec.tag],
        summary: `List ${spec.plural}`,
        description: 'Paged; filter with filter[<field>]=<filter text>, sort with sort=field or sort=-field.',
        params: companyParams,
        querystring: listQuerySchema(spec.fields),
        response: { 200: pageOf(item), ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'read', async (ctx) =>
        listPage(await spec.list(ctx), request.query, { table: spec.singular, fields: spec.fields }),
      ),
  );

  server.post(
    base,
    {
      schema: {
        tags: [spec.tag],
        summary: `Create a ${spec.singular}`,
        params: companyParams,
        body: createBody,
        response: { 201: item, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { created, company } = await inCompany(
        options,
        request,
        request.params.company,
        'write',
        async (ctx, scope) => ({ created: await spec.create(ctx, request.body as C), company: scope.company.code }),
      );
      etag(reply, created);
      reply.header('location', `/api/v1/companies/${company}/${spec.path}/${encodeURIComponent(keyOfItem(created))}`);
      return reply.code(201).send(created);
    },
  );

  server.get(
    one,
    {
      schema: {
        tags: [spec.tag],
        summary: `Get ${what}${revisionOf ? ' (ETag: its revision)' : ''}`,
        params: keyParams,
        response: { 200: item, ...errorResponses },
      },
    },
    async (request, reply) => {
      const found = await inCompany(options, request, request.params.company, 'read', (ctx) =>
        spec.get(ctx, keyOf(request)),
      );
      etag(reply, found);
      return found;
    },
  );

  server.patch(
    one,
    {
      schema: {
        tags: [spec.tag],
        summary: `Change ${what}${revisionOf ? ' (If-Match: the ETag you read)' : ''}`,
        params: keyParams,
        headers: ifMatchHeaders,
        body: updateBody,
        response: { 200: updated, ...errorResponses },
      },
    },
    async (request, reply) => {
      const expected = ifMatch(request);
      const withMessages = spec.updateWithMessages;
      if (withMessages) {
        const outcome = await inCompany(options, request, request.params.company, 'write', (ctx) =>
          withMessages(ctx, keyOf(request), request.body as U, expected),
        );
        etag(reply, outcome.item);
        return { ...outcome.item, messages: [...outcome.messages] };
      }
      const update = spec.update;
      if (!update) throw new Error(`${spec.plural}: neither update nor updateWithMessages is given`);
      const changed = await inCompany(options, request, request.params.company, 'write', (ctx) =>
        update(ctx, keyOf(request), request.body as U, expected),
      );
      etag(reply, changed);
      return changed;
    },
  );

  server.delete(
    one,
    {
      schema: {
        tags: [spec.tag],
        summary: `Delete ${what}${revisionOf ? ' (If-Match: the ETag you read)' : ''}`,
        params: keyParams,
        headers: ifMatchHeaders,
        response: { 200: okSchema, ...errorResponses },
      },
    },
    async (request) => {
      const expected = ifMatch(request);
      await inCompany(options, request, request.params.company, 'write', (ctx) =>
        spec.remove(ctx, keyOf(request), expected),
      );
      return { ok: true as const };
    },
  );
}
