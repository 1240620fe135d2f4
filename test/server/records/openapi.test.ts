import { afterAll, beforeAll, expect, it } from 'vitest';
import { anonymous, ok, startServer, type TestServer } from './client.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startServer();
});
afterAll(async () => t.close());

const MINE =
  /^\/api\/v1\/(companies$|users$|companies\/\{company\}\/(members|customers|vendors|items|salespeople|currencies|purchase-documents|sales-documents|restricted-records)(\/|$))/;
// Posting actions on documents are described with the posting routes (test/server/posting).
const NOT_MINE = /(send|cancel)-approval-request$|\/(post|post-in-background|make-order)$/;

it('describes every records route with tags, a summary, and problem+json errors', async () => {
  const doc = ok(await anonymous(t.server).get('/api/v1/openapi.json'));
  const operations = Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>)
    .filter(([path]) => MINE.test(path) && !NOT_MINE.test(path))
    .flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
  // 6 company and user routes, 5 × 5 master data, 3 exchange rate, 2 × 11 document, 2 restriction
  // routes, 3 renames (customer, vendor, item) and the customer's credit information.
  expect(operations.length).toBe(62);
  for (const { path, method, op } of operations) {
    const where = `${method.toUpperCase()} ${path}`;
    expect((op.tags as string[] | undefined)?.length, where).toBeGreaterThan(0);
    expect(op.summary, where).toEqual(expect.any(String));
    expect(Object.keys(op.responses as object), where).toEqual(expect.arrayContaining(['400', '401', '404']));
  }
  const list = doc.paths['/api/v1/companies/{company}/purchase-documents'].get;
  const names = (list.parameters as { name: string }[]).map((p) => p.name);
  expect(names).toEqual(expect.arrayContaining(['limit', 'offset', 'sort', 'filter[documentType]', 'filter[amount]']));
  const patch = doc.paths['/api/v1/companies/{company}/customers/{no}'].patch;
  expect(
    (patch.parameters as { name: string; in: string }[]).some((p) => p.name === 'if-match' && p.in === 'header'),
  ).toBe(true);
});
