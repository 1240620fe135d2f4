import { z } from 'zod';
import { sentSchema, sentView } from '../../notifications/api-schemas.ts';
import {
  listNotes,
  listSentNotifications,
  markAllNotesRead,
  markNoteRead,
  unreadNoteCount,
} from '../../notifications/index.ts';
import { companyParams, errorResponses, pagingQuery } from '../schemas.ts';
import { requireRole } from '../scope.ts';
import type { Server } from '../types.ts';
import { COMPANY_PATH } from './approval-schemas.ts';
import { ADMIN, type CompanyRunner, tags, targetUser } from './notification-common.ts';

/** The notes inbox (notifications by method note) and delivered notifications. */

const noteParams = companyParams.extend({ id: z.coerce.number().int().positive() });
const noteQuery = pagingQuery.extend({ unread: z.enum(['true', 'false']).optional().describe('Only unread notes') });
const notePage = z.object({
  items: z.array(sentSchema),
  total: z.number().int(),
  unread: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
const sentQuery = pagingQuery.extend({
  recipientId: z.string().max(50).optional().describe('Default: mine; someone else’s needs approval-admin'),
  all: z.enum(['true', 'false']).optional().describe('Everyone’s (approval-admin role)'),
  type: z.string().max(30).optional(),
  method: z.enum(['email', 'note']).optional(),
});
const sentPage = z.object({
  items: z.array(sentSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export function registerNotificationInboxRoutes(server: Server, run: CompanyRunner): void {
  const notesPath = `${COMPANY_PATH}/notes`;

  server.get(
    notesPath,
    {
      schema: {
        tags,
        summary: 'My notes (notifications by method note): unread first, newest first',
        params: companyParams,
        querystring: noteQuery,
        response: { 200: notePage, ...errorResponses },
      },
    },
    async (request) =>
      run(request, 'read', async (ctx, scope) => {
        const { unread, ...paging } = request.query;
        const page = await listNotes(ctx, scope.principal.userId, paging, { unreadOnly: unread === 'true' });
        return { ...page, items: page.items.map(sentView) };
      }),
  );

  server.get(
    `${notesPath}/unread-count`,
    {
      schema: {
        tags,
        summary: 'How many of my notes are unread',
        params: companyParams,
        response: { 200: z.object({ unread: z.number().int() }), ...errorResponses },
      },
    },
    async (request) =>
      run(request, 'read', async (ctx, scope) => ({
        unread: await unreadNoteCount(ctx, scope.principal.userId),
      })),
  );

  server.post(
    `${notesPath}/:id/read`,
    {
      schema: {
        tags,
        summary: 'Mark one of my notes read',
        params: noteParams,
        response: { 200: sentSchema, ...errorResponses },
      },
    },
    async (request) =>
      run(request, 'write', async (ctx, scope) =>
        sentView(await markNoteRead(ctx, scope.principal.userId, request.params.id)),
      ),
  );

  server.post(
    `${notesPath}/read-all`,
    {
      schema: {
        tags,
        summary: 'Mark all my notes read',
        params: companyParams,
        response: { 200: z.object({ marked: z.number().int() }), ...errorResponses },
      },
    },
    async (request) =>
      run(request, 'write', async (ctx, scope) => ({
        marked: await markAllNotesRead(ctx, scope.principal.userId),
      })),
  );

  server.get(
    `${COMPANY_PATH}/sent-notifications`,
    {
      schema: {
        tags,
        summary: 'Delivered notifications (emails and notes), newest first: mine; approval admins see everyone’s',
        params: companyParams,
        querystring: sentQuery,
        response: { 200: sentPage, ...errorResponses },
      },
    },
    async (request) =>
      run(request, 'read', async (ctx, scope) => {
        const { recipientId, all, type, method, ...paging } = request.query;
        if (all === 'true') requireRole(scope, ADMIN);
        const recipient = all === 'true' && !recipientId ? undefined : targetUser(scope, recipientId);
        const page = await listSentNotifications(ctx, paging, {
          ...(recipient ? { recipientId: recipient } : {}),
          ...(type ? { type } : {}),
          ...(method ? { method } : {}),
        });
        return { ...page, items: page.items.map(sentView) };
      }),
  );
}
