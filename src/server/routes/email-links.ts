import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  EMAIL_LINK_PATH,
  inspectLink,
  LINK_STATUS,
  type LinkOutcome,
  renderLinkPage,
  useLink,
} from '../../email-links/index.ts';
import type { Server, ServerOptions } from '../types.ts';

/**
 * Approve or reject from the email: public pages (no session; the signed token is the
 * credential). GET only shows what would be decided, because mail scanners fetch links; the
 * confirm button POSTs. `Accept: application/json` gets the outcome as JSON instead of HTML.
 */

// A wildcard, not `:token`: parametric segments are capped at 100 characters and a token is longer.
const params = z.object({ '*': z.string().min(1).max(2048).describe('The signed link token from the email') });
const body = z
  .object({ comment: z.string().max(250).optional().describe('A comment kept with the request') })
  .nullish();

const CONFIG = { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } };

function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

function answer(request: FastifyRequest, reply: FastifyReply, outcome: LinkOutcome) {
  reply
    .code(LINK_STATUS[outcome.state])
    .header('cache-control', 'no-store')
    .header('x-robots-tag', 'noindex, nofollow');
  if (wantsJson(request)) return reply.type('application/json; charset=utf-8').send(JSON.stringify(outcome));
  return reply.type('text/html; charset=utf-8').send(renderLinkPage(outcome));
}

export function registerEmailLinkRoutes(server: Server, options: ServerOptions): void {
  // The confirm button posts an HTML form; the parser is confined to these routes.
  void server.register(async (scoped: Server) => {
    scoped.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_request, text, done) => done(null, Object.fromEntries(new URLSearchParams(String(text)))),
    );
    const tags = ['email links'];

    scoped.get(
      `${EMAIL_LINK_PATH}/*`,
      {
        config: CONFIG,
        schema: {
          tags,
          summary: 'What an email link would decide, with a confirm button; never decides (mail scanners fetch links)',
          security: [],
          params,
        },
      },
      async (request, reply) =>
        answer(request, reply, await inspectLink(options.app, options.secret, request.params['*'])),
    );

    scoped.post(
      `${EMAIL_LINK_PATH}/*`,
      {
        config: CONFIG,
        schema: {
          tags,
          summary:
            'Carry out an email link: approve or reject as its approver, once (400 tampered, 409 used, 410 expired)',
          security: [],
          params,
          body,
        },
      },
      async (request, reply) => {
        const comment = request.body?.comment?.trim();
        const outcome = await useLink(options.app, options.secret, request.params['*'], comment ? { comment } : {});
        return answer(request, reply, outcome);
      },
    );
  });
}
