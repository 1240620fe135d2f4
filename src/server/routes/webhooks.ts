import { z } from 'zod';
import {
  createWebhookSubscription,
  DELIVERY_STATUSES,
  deleteWebhookSubscription,
  getWebhookSubscription,
  listWebhookDeliveries,
  listWebhookSubscriptions,
  WEBHOOK_EVENTS,
} from '../../webhooks/index.ts';
import { companyParams, errorResponses, okSchema, page, pageOf, pagingQuery } from '../schemas.ts';
import { inCompany } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';

/** Webhook subscriptions of a company and their delivery log; the workflow-admin role manages them. */

const eventSchema = z.enum(WEBHOOK_EVENTS);

const subscriptionSchema = z.object({
  id: z.number().int(),
  url: z.string(),
  events: z.array(eventSchema),
  enabled: z.boolean(),
  createdAt: z.string(),
});

const createdSchema = subscriptionSchema.extend({
  secret: z
    .string()
    .describe('Signs every delivery (x-werkstroom-signature: sha256=<hex HMAC of the body>); shown only now'),
});

const createBody = z.object({
  url: z.string().min(1).max(2000).describe('http or https, without user name or password'),
  events: z.array(eventSchema).min(1).max(WEBHOOK_EVENTS.length).describe('The events to deliver'),
});

const deliverySchema = z.object({
  id: z.number().int(),
  subscriptionId: z.number().int(),
  event: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable().describe('The receiver’s last HTTP status, if it answered'),
  lastError: z.string(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});

const subscriptionParams = companyParams.extend({ id: z.coerce.number().int().positive() });

export function registerWebhookRoutes(server: Server, options: ServerOptions): void {
  const tags = ['webhooks'];
  const path = '/api/v1/companies/:company/webhooks';

  server.get(
    path,
    {
      schema: {
        tags,
        summary: 'Webhook subscriptions of the company (without their secrets)',
        params: companyParams,
        response: { 200: z.array(subscriptionSchema), ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'read', listWebhookSubscriptions, 'workflow-admin'),
  );

  server.post(
    path,
    {
      schema: {
        tags,
        summary: 'Subscribe a URL to events; the answer shows the signing secret once',
        params: companyParams,
        body: createBody,
        response: { 201: createdSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await inCompany(
        options,
        request,
        request.params.company,
        'write',
        (ctx) => createWebhookSubscription(ctx, request.body),
        'workflow-admin',
      );
      reply.header('location', `/api/v1/companies/${request.params.company}/webhooks/${created.id}`);
      return reply.code(201).send(created);
    },
  );

  server.delete(
    `${path}/:id`,
    {
      schema: {
        tags,
        summary: 'Delete a webhook subscription; its delivery log is kept',
        params: subscriptionParams,
        response: { 200: okSchema, ...errorResponses },
      },
    },
    async (request) => {
      await inCompany(
        options,
        request,
        request.params.company,
        'write',
        (ctx) => deleteWebhookSubscription(ctx, request.params.id),
        'workflow-admin',
      );
      return { ok: true as const };
    },
  );

  server.get(
    `${path}/:id/deliveries`,
    {
      schema: {
        tags,
        summary: 'Delivery log of a webhook subscription, newest first: status, attempts, last error',
        params: subscriptionParams,
        querystring: pagingQuery,
        response: { 200: pageOf(deliverySchema), ...errorResponses },
      },
    },
    async (request) => {
      const deliveries = await inCompany(
        options,
        request,
        request.params.company,
        'read',
        async (ctx) => {
          await getWebhookSubscription(ctx, request.params.id);
          return listWebhookDeliveries(ctx, request.params.id);
        },
        'workflow-admin',
      );
      return page(deliveries, request.query);
    },
  );
}
