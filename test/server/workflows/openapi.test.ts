import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './client.ts';
import { ROUTES } from './route-table.ts';

interface Operation {
  tags?: string[];
  summary?: string;
  parameters?: { in: string; name: string; schema?: object }[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { content?: Record<string, { schema: { type?: string } }> }>;
}

let t: TestServer;
let paths: Record<string, Record<string, Operation>>;

beforeAll(async () => {
  t = await startTestServer();
  const reply = await t.call('GET', '/api/v1/openapi.json');
  expect(reply.status).toBe(200);
  expect(reply.body.openapi).toBe('3.1.0');
  paths = reply.body.paths;
});
afterAll(async () => t.close());

const PREFIX = '/api/v1/companies/{company}';
const OWN =
  /^\/api\/v1\/companies\/\{company\}\/(workflows|workflow-categories|templates|catalogue|workflow-instances)(\/|$)/;
const IF_MATCH = new Set(['PUT /workflows/{code}', 'DELETE /workflows/{code}']);

describe('the OpenAPI document', () => {
  it('lists exactly the workflow routes this suite covers', () => {
    const documented = Object.entries(paths)
      .filter(([path]) => OWN.test(path))
      .flatMap(([path, operations]) => Object.keys(operations).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(ROUTES.map((r) => `${r.method} ${PREFIX}${r.template}`).sort());
  });

  it.each(ROUTES.map((r) => [`${r.method} ${r.template}`, r] as const))(
    '%s has tags, a summary, parameters, request and response schemas',
    (key, route) => {
      const operation = paths[`${PREFIX}${route.template}`]?.[route.method.toLowerCase()];
      expect(operation, key).toBeDefined();
      if (!operation) return;
      expect(operation.tags?.length).toBeGreaterThan(0);
      expect(operation.summary?.length).toBeGreaterThan(10);

      const parameters = operation.parameters ?? [];
      expect(parameters).toContainEqual(
        expect.objectContaining({ in: 'path', name: 'company', schema: expect.any(Object) }),
      );
      for (const name of route.template.matchAll(/\{(\w+)\}/g)) {
        expect(parameters).toContainEqual(expect.objectContaining({ in: 'path', name: name[1] }));
      }
      if (route.hasQuery) expect(parameters.some((p) => p.in === 'query')).toBe(true);
      const ifMatch = IF_MATCH.has(key) || /\/(enable|disable)$/.test(route.template);
      expect(parameters.some((p) => p.in === 'header' && p.name === 'if-match')).toBe(ifMatch);

      if (route.hasBody) {
        expect(operation.requestBody?.content['application/json']?.schema).toBeTypeOf('object');
      } else {
        expect(operation.requestBody).toBeUndefined();
      }

      const success = operation.responses['201'] ?? operation.responses['200'];
      const schema = success?.content?.['application/json']?.schema;
      expect(schema, key).toBeTypeOf('object');
      expect(['object', 'array']).toContain(schema?.type);
      for (const status of ['400', '401', '403', '404']) {
        expect(operation.responses[status]?.content?.['application/json']?.schema, `${key} ${status}`).toBeDefined();
      }
    },
  );

  it('describes the workflow with its steps, and the import body as the export file', () => {
    const get = paths[`${PREFIX}/workflows/{code}`]?.get;
    const workflow = get?.responses['200']?.content?.['application/json']?.schema as {
      properties: Record<string, { items?: { properties: Record<string, object> } }>;
    };
    expect(Object.keys(workflow.properties)).toEqual(
      expect.arrayContaining(['code', 'description', 'category', 'enabled', 'revision', 'steps']),
    );
    expect(Object.keys(workflow.properties.steps?.items?.properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'type', 'functionCode', 'summary', 'condition', 'options']),
    );
    const importBody = paths[`${PREFIX}/workflows/import`]?.post?.requestBody?.content['application/json']?.schema as {
      properties: Record<string, object>;
      required: string[];
    };
    expect(importBody.required).toEqual(expect.arrayContaining(['format', 'version', 'categories', 'workflows']));
  });
});
