import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWerkstroom, type Werkstroom } from '../../src/app/werkstroom.ts';
import { businessModules } from '../../src/business-modules.ts';
import { buildServer } from '../../src/server/build-server.ts';
import type { Server } from '../../src/server/types.ts';

describe('the OpenAPI document', () => {
  let app: Werkstroom;
  let server: Server;
  beforeAll(async () => {
    app = await openWerkstroom({ databaseUrl: 'sqlite::memory:', modules: businessModules });
    server = await buildServer({ app, secret: 's'.repeat(40) });
  });
  afterAll(async () => {
    await server.close();
    await app.close();
  });

  it('validates as OpenAPI 3.1', async () => {
    const response = await server.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes every API route with a summary and a success response schema', async () => {
    const document = (await server.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, { summary?: string; responses?: Record<string, { content?: unknown }> }>>;
    };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );
    expect(operations.length).toBeGreaterThan(100);
    const undocumented = operations.filter(({ path, operation }) => {
      if (!path.startsWith('/api/v1/') || path.startsWith('/api/v1/email-links')) return false;
      const success = Object.entries(operation.responses ?? {}).find(([status]) => status.startsWith('2'));
      return !operation.summary || !success;
    });
    expect(undocumented.map((o) => `${o.method.toUpperCase()} ${o.path}`)).toEqual([]);
  });
});
