import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { EngineContext } from '../../engine/context.ts';
import { setupInput, setupSchema, setupView } from '../../notifications/api-schemas.ts';
import {
  deleteNotificationSetup,
  getNotificationSetup,
  listNotificationSetups,
  type NotificationSetup,
  nextRunAt,
  saveNotificationSetup,
} from '../../notifications/index.ts';
import { companyParams, errorResponses } from '../schemas.ts';
import { type Access, type CompanyScope, inCompany } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';
import { COMPANY_PATH } from './approval-schemas.ts';
import { ADMIN, type CompanyRunner, tags, targetUser, typeParams } from './notification-common.ts';
import { registerNotificationInboxRoutes } from './notification-inbox.ts';
import { registerMessageTemplateRoutes } from './notification-templates.ts';

/**
 * Notification setup (own, another user's or the company default), the notes inbox, delivered
 * notifications and the company's message templates (spec §1.15, §2.4).
 */

const userQuery = z.object({
  userId: z.string().min(1).max(50).optional().describe('Another user’s setup (approval-admin role); default: mine'),
});
function viewOf(ctx: EngineContext, scope: CompanyScope, setup: NotificationSetup) {
  const instantly = setup.schedule.recurrence === 'instantly';
  return setupView(setup, instantly ? null : nextRunAt(setup.schedule, ctx.now, scope.company.timeZone));
}

export function registerNotificationRoutes(server: Server, options: ServerOptions): void {
  const run: CompanyRunner = <T>(
    request: FastifyRequest<{ Params: { company: string } }>,
    access: Access,
    work: (ctx: EngineContext, scope: CompanyScope) => Promise<T>,
    role?: typeof ADMIN,
  ) => inCompany(options, request, request.params.company, access, work, role);
  const setupPath = `${COMPANY_PATH}/notification-setup`;
  const setupResponse = { 200: setupSchema, ...errorResponses };
  const put = { params: typeParams, body: setupInput, response: setupResponse };

  server.get(
    setupPath,
    {
      schema: {
        tags,
        summary: 'My notification setup per type (own, company default or built-in: email, instantly)',
        params: companyParams,
        querystring: userQuery,
        response: { 200: z.array(setupSchema), ...errorResponses },
      },
    },
    async (request) =>
      run(request, 'read', async (ctx, scope) => {
        const setups = await listNotificationSetups(ctx, targetUser(scope, request.query.userId));
        return setups.map((s) => viewOf(ctx, scope, s));
      }),
  );

  server.get(
    `${setupPath}/defaults`,
    {
      schema: {
        tags,
        summary: 'The company default per type (for users without their own setup)',
        params: companyParams,
        response: { 200: z.array(setupSchema), ...errorResponses },
      },
    },
    async (request) =>
      run(request, 'read', async (ctx, scope) =>
        (await listNotificationSetups(ctx, '')).map((s) => viewOf(ctx, scope, s)),
      ),
  );

  server.put(
    `${setupPath}/defaults/:type`,
    { schema: { tags, summary: 'Set the company default for one type; approval-admin role', ...put } },
    async (request) =>
      run(
        request,
        'admin',
        async (ctx, scope) =>
          viewOf(ctx, scope, await saveNotificationSetup(ctx, '', request.params.type, request.body)),
        ADMIN,
      ),
  );

  server.delete(
    `${setupPath}/defaults/:type`,
    {
      schema: {
        tags,
        summary: 'Remove the company default for one type (the built-in default applies); approval-admin role',
        params: typeParams,
        response: setupResponse,
      },
    },
    async (request) =>
      run(
        request,
        'admin',
        async (ctx, scope) => viewOf(ctx, scope, await deleteNotificationSetup(ctx, '', request.params.type)),
        ADMIN,
      ),
  );

  server.get(
    `${setupPath}/:type`,
    {
      schema: {
        tags,
        summary: 'My notification setup for one type',
        params: typeParams,
        querystring: userQuery,
        response: setupResponse,
      },
    },
    async (request) =>
      run(request, 'read', async (ctx, scope) => {
        const user = targetUser(scope, request.query.userId);
        return viewOf(ctx, scope, await getNotificationSetup(ctx, user, request.params.type));
      }),
  );

  server.put(
    `${setupPath}/:type`,
    {
      schema: {
        tags,
        summary: 'Set how (email or note) and when (schedule) I get notifications of one type',
        querystring: userQuery,
        ...put,
      },
    },
    async (request) =>
      run(request, 'write', async (ctx, scope) => {
        const user = targetUser(scope, request.query.userId);
        return viewOf(ctx, scope, await saveNotificationSetup(ctx, user, request.params.type, request.body));
      }),
  );

  server.delete(
    `${setupPath}/:type`,
    {
      schema: {
        tags,
        summary: 'Remove my own setup for one type (the company default applies again)',
        params: typeParams,
        querystring: userQuery,
        response: setupResponse,
      },
    },
    async (request) =>
      run(request, 'write', async (ctx, scope) => {
        const user = targetUser(scope, request.query.userId);
        return viewOf(ctx, scope, await deleteNotificationSetup(ctx, user, request.params.type));
      }),
  );

  registerNotificationInboxRoutes(server, run);
  registerMessageTemplateRoutes(server, run);
}
