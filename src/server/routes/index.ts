import type { Metrics } from '../metrics.ts';
import type { Server, ServerOptions } from '../types.ts';
import { registerAuthRoutes } from './auth.ts';
import { registerHealthRoutes } from './health.ts';
import { registerOpenApiRoute } from './openapi.ts';

/** Every route group; each is a file under routes/. */
export function registerRoutes(server: Server, options: ServerOptions, metrics: Metrics): void {
  registerHealthRoutes(server, options, metrics);
  registerAuthRoutes(server, options);
  registerOpenApiRoute(server);
}
