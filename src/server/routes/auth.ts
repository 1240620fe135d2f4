import { z } from 'zod';
import { findUser } from '../../records/users.ts';
import { invalid } from '../../shared/errors.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../auth/api-tokens.ts';
import { memberCompanies } from '../auth/membership.ts';
import { checkPassword } from '../auth/passwords.ts';
import { createSession, revokeSession, SESSION_COOKIE } from '../auth/sessions.ts';
import { csrfToken } from '../authenticate.ts';
import { problem, sendProblem } from '../problem.ts';
import { errorResponses, okSchema } from '../schemas.ts';
import { principalOf } from '../scope.ts';
import { type Server, type ServerOptions, TOKEN_SCOPES } from '../types.ts';

const meSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  language: z.string(),
  via: z.enum(['session', 'token']),
  companies: z.array(z.object({ code: z.string(), name: z.string(), roles: z.array(z.string()) })),
  csrfToken: z
    .string()
    .optional()
    .describe('Send as the x-csrf-token header with cookie requests that change something'),
});

const tokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  scope: z.enum(TOKEN_SCOPES),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export function registerAuthRoutes(server: Server, options: ServerOptions): void {
  const { app } = options;
  const db = app.database.db;

  const me = async (userId: string, via: 'session' | 'token', sessionHash?: string) => {
    const user = await findUser(db, userId);
    return {
      id: userId,
      name: user?.name ?? userId,
      email: user?.email ?? '',
      language: user?.language ?? 'en',
      via,
      companies: await memberCompanies(db, userId),
      ...(sessionHash ? { csrfToken: csrfToken(options.secret, sessionHash) } : {}),
    };
  };

  server.post(
    '/api/v1/auth/sign-in',
    {
      config: { public: true, rateLimit: { max: options.signInLimit ?? 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with user id and password; sets the session cookie',
        body: z.object({ userId: z.string().min(1).max(50), password: z.string().min(1).max(256) }),
        response: { 200: meSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const userId = request.body.userId.trim().toUpperCase();
      if (!(await checkPassword(db, userId, request.body.password))) {
        return sendProblem(reply, problem(401, 'sign-in-failed', 'The user id or password is not right.'));
      }
      const session = await createSession(db, userId, app.clock(), options.sessionHours ?? 12);
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: options.secureCookies ?? false,
        expires: new Date(session.expiresAt),
      });
      return me(userId, 'session', session.hash);
    },
  );

  server.post(
    '/api/v1/auth/sign-out',
    { schema: { tags: ['auth'], summary: 'End the current session', response: { 200: okSchema, ...errorResponses } } },
    async (request, reply) => {
      const principal = principalOf(request);
      if (principal.sessionHash) await revokeSession(db, principal.sessionHash, app.clock());
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  server.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user and their companies',
        response: { 200: meSchema, ...errorResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return me(principal.userId, principal.via, principal.sessionHash);
    },
  );

  server.get(
    '/api/v1/me/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'My personal API tokens',
        response: { 200: z.array(tokenSchema), ...errorResponses },
      },
    },
    async (request) => listApiTokens(db, principalOf(request).userId),
  );

  server.post(
    '/api/v1/me/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create a personal API token (its secret is shown once)',
        body: z.object({ name: z.string().min(1).max(100), scope: z.enum(TOKEN_SCOPES) }),
        response: { 201: tokenSchema.extend({ token: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      if (principal.via === 'token' && principal.scope !== 'admin') {
        throw invalid('token-scope-insufficient', 'Only a session or an admin-scope token can create tokens.');
      }
      const created = await createApiToken(db, principal.userId, request.body, app.clock());
      return reply.code(201).send({ ...created.view, token: created.token });
    },
  );

  server.delete(
    '/api/v1/me/tokens/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of my API tokens',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: okSchema, ...errorResponses },
      },
    },
    async (request) => {
      await revokeApiToken(db, principalOf(request).userId, request.params.id, app.clock());
      return { ok: true as const };
    },
  );
}
