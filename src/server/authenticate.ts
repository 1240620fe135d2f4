import type { FastifyReply, FastifyRequest } from 'fastify';
import { findApiToken } from './auth/api-tokens.ts';
import { hmac, sameText } from './auth/secrets.ts';
import { findSession, SESSION_COOKIE } from './auth/sessions.ts';
import { problem, sendProblem } from './problem.ts';
import type { ServerOptions } from './types.ts';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The CSRF token of a session: bound to it, so it cannot be reused with another one. */
export function csrfToken(secret: string, sessionHash: string): string {
  return hmac(secret, `csrf:${sessionHash}`);
}

/**
 * Finds who is calling (bearer token first, then the session cookie) and refuses cookie
 * requests that change something without the session's CSRF token.
 */
export function authenticate(options: ServerOptions) {
  const { app, secret } = options;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const found = await findApiToken(app.database.db, header.slice('Bearer '.length).trim(), app.clock());
      if (found) request.principal = { userId: found.userId, via: 'token', scope: found.scope };
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      const session = cookie ? await findSession(app.database.db, cookie, app.clock()) : undefined;
      if (session)
        request.principal = { userId: session.userId, via: 'session', scope: 'admin', sessionHash: session.hash };
    }
    if (request.routeOptions.config.public) return;
    if (!request.principal) {
      return sendProblem(
        reply,
        problem(401, 'unauthenticated', 'Sign in, or send a valid API token as "Authorization: Bearer …".'),
      );
    }
    const { sessionHash } = request.principal;
    if (sessionHash && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameText(sent, csrfToken(secret, sessionHash))) {
        return sendProblem(
          reply,
          problem(
            403,
            'csrf-token-invalid',
            `Requests signed in by cookie must send the session's ${CSRF_HEADER} header.`,
          ),
        );
      }
    }
  };
}
