import type { Server } from '../types.ts';

export function registerOpenApiRoute(server: Server): void {
  server.get('/api/v1/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    server.swagger(),
  );
}
