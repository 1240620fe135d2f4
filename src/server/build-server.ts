import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { authenticate } from './authenticate.ts';
import { createMetrics } from './metrics.ts';
import { problem, sendProblem, toProblem } from './problem.ts';
import { registerRoutes } from './routes/index.ts';
import type { Server, ServerOptions } from './types.ts';

export const API_PREFIX = '/api/v1';

/**
 * The HTTP server: JSON API under /api/v1 described by OpenAPI 3.1, problem+json errors,
 * sessions and API tokens, CSRF protection for cookie requests, rate-limited sign-in.
 */
export async function buildServer(options: ServerOptions): Promise<Server> {
  if (options.secret.length < 32) throw new Error('The server secret must have at least 32 characters.');
  const server = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1_048_576,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: 'x-request-id',
  }).withTypeProvider<ZodTypeProvider>();
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  server.setErrorHandler((error, request, reply) => sendProblem(reply, toProblem(error, request)));
  server.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem(404, 'route-not-found', `There is no ${request.method} ${request.url.split('?')[0]}.`)),
  );
  server.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await server.register(fastifyCookie);
  await server.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'script-src': ["'self'", "'unsafe-inline'"],
      },
    },
  });
  await server.register(fastifyRateLimit, { global: false });
  await server.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Werkstroom API', version: '1', description: 'Workflows and approvals for business records.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'werkstroom_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await server.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  server.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...(route.config as object), public: true };
  });

  const metrics = createMetrics(options.app);
  server.addHook('onResponse', async (request, reply) => metrics.observe(request, reply));
  server.addHook('onRequest', authenticate(options));

  await server.register(async (api) => registerRoutes(api as unknown as Server, options, metrics), { prefix: '' });
  return server;
}
