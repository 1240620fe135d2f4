import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from './client.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(async () => {
  await t.close();
});

const C = '/api/v1/companies/{company}';

/** Every approval route, as the API description names it. */
const ROUTES: readonly [string, string][] = [
  ['get', `${C}/approval-user-setup`],
  ['get', `${C}/approval-user-setup/{userId}`],
  ['put', `${C}/approval-user-setup/{userId}`],
  ['delete', `${C}/approval-user-setup/{userId}`],
  ['get', `${C}/workflow-user-groups`],
  ['get', `${C}/workflow-user-groups/{code}`],
  ['put', `${C}/workflow-user-groups/{code}`],
  ['delete', `${C}/workflow-user-groups/{code}`],
  ['post', `${C}/approval-requests`],
  ['post', `${C}/approval-requests/cancel`],
  ['post', `${C}/approval-requests/dry-run`],
  ...['purchase-documents', 'sales-documents'].flatMap((path): [string, string][] => [
    ['post', `${C}/${path}/{type}/{no}/send-approval-request`],
    ['post', `${C}/${path}/{type}/{no}/cancel-approval-request`],
  ]),
  ...['customers', 'vendors', 'items'].flatMap((path): [string, string][] => [
    ['post', `${C}/${path}/{no}/send-approval-request`],
    ['post', `${C}/${path}/{no}/cancel-approval-request`],
  ]),
  ['get', `${C}/approval-entries`],
  ['get', `${C}/approval-entries/{id}`],
  ...['approve', 'reject', 'delegate'].flatMap((action): [string, string][] => [
    ['post', `${C}/approval-entries/{id}/${action}`],
    ['post', `${C}/approval-entries/${action}`],
  ]),
  ['post', `${C}/approval-entries/{id}/comments`],
  ['get', `${C}/comments`],
];

it('describes every approval route with tags, a summary and its parameters', async () => {
  const response = await t.server.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  expect(response.statusCode).toBe(200);
  const paths = response.json().paths as Record<string, Record<string, { tags?: string[]; summary?: string }>>;
  for (const [method, path] of ROUTES) {
    const operation = paths[path]?.[method];
    expect(operation, `${method} ${path}`).toBeDefined();
    expect(operation?.tags?.length, `${method} ${path} tags`).toBeGreaterThan(0);
    expect(operation?.summary, `${method} ${path} summary`).toMatch(/\w/);
  }
  const list = paths[`${C}/approval-entries`]?.get as { parameters: { name: string; in: string }[] };
  expect(list.parameters.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(
    expect.arrayContaining(['view', 'table', 'key', 'limit', 'offset']),
  );
});
