import { z } from 'zod';
import { pendingMigrations } from '../../db/migrate.ts';
import type { Metrics } from '../metrics.ts';
import type { Server, ServerOptions } from '../types.ts';

export function registerHealthRoutes(server: Server, options: ServerOptions, metrics: Metrics): void {
  const { app } = options;
  server.get(
    '/healthz',
    { config: { public: true }, schema: { hide: true, response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  server.get(
    '/readyz',
    {
      config: { public: true },
      schema: {
        hide: true,
        response: {
          200: z.object({ status: z.literal('ready') }),
          503: z.object({ status: z.literal('not-ready'), reason: z.string() }),
        },
      },
    },
    async (_request, reply) => {
      try {
        const pending = await pendingMigrations(app.database.db, app.database.capabilities.name);
        if (pending.length > 0)
          return reply
            .code(503)
            .send({ status: 'not-ready' as const, reason: `migrations pending: ${pending.join(', ')}` });
        return { status: 'ready' as const };
      } catch (error) {
        return reply
          .code(503)
          .send({ status: 'not-ready' as const, reason: `database unreachable: ${(error as Error).message}` });
      }
    },
  );
  server.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    reply.type('text/plain; version=0.0.4');
    return metrics.render();
  });
}
