import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveEntries, entriesOfRequest, sendApprovalRequest } from '../../../src/approvals/index.ts';
import { productJobHandlers } from '../../../src/jobs/handlers.ts';
import { Dec } from '../../../src/records/decimals.ts';
import { testWorker } from '../../jobs/job-harness.ts';
import { enabledWorkflow, event, response } from '../../support/harness.ts';
import {
  type Client,
  DEMO,
  expectProblem,
  ok,
  signIn,
  startServer,
  type TestServer,
  withToken,
} from '../records/client.ts';

let t: TestServer;
let alicia: Client;
let john: Client;
let mary: Client;
const PURCHASE = `${DEMO}/purchase-documents`;
const SALES = `${DEMO}/sales-documents`;

beforeAll(async () => {
  t = await startServer();
  alicia = await signIn(t.server, 'ALICIA');
  john = await signIn(t.server, 'JOHN');
  mary = await signIn(t.server, 'MARY');
});
afterAll(async () => t.close());

const chair = (quantity: string) => [{ type: 'item', no: '1000', quantity }];

function sumOf(entries: { amount: string }[]): string {
  return entries.reduce((sum, e) => sum.plus(e.amount), new Dec(0)).toFixed();
}

describe('posting over HTTP', () => {
  it('D7: the demo purchase order, covered by WS-POAPW-01 and still Open, is refused (409 document-not-approved)', async () => {
    const reply = await alicia.post(`${PURCHASE}/order/PO-0001/post`, {});
    expectProblem(reply, 409, 'document-not-approved');
    expect(ok(await alicia.get(`${PURCHASE}/order/PO-0001`)).status).toBe('Open');
  });

  it('posts a purchase invoice (201, Location): the document is gone, the posted invoice, its G/L and vendor entries can be read', async () => {
    const invoice = ok(
      await alicia.post(PURCHASE, { documentType: 'invoice', partyNo: 'V10000', lines: chair('2') }),
      201,
    );
    // A stale If-Match is refused before anything happens.
    expectProblem(
      await alicia.post(`${PURCHASE}/invoice/${invoice.no}/post`, {}, { headers: { 'if-match': '"99"' } }),
      412,
      'document-revision-stale',
    );
    const reply = await alicia.post(
      `${PURCHASE}/invoice/${invoice.no}/post`,
      { postingDate: '2026-03-01' },
      { headers: { 'if-match': `"${invoice.revision}"` } },
    );
    const { document, messages } = ok(reply, 201);
    expect(messages).toEqual([]);
    expect(document).toMatchObject({
      area: 'purchase',
      documentType: 'invoice',
      no: 'PPI-0001',
      preAssignedNo: invoice.no,
      sourceDocumentType: 'invoice',
      partyNo: 'V10000',
      amount: '298.00',
      amountLcy: '298.00',
      postingDate: '2026-03-01',
      postedBy: 'ALICIA',
      approvalEntries: [],
      comments: [],
    });
    expect(document.lines).toEqual([expect.objectContaining({ lineNo: 10000, no: '1000', lineAmount: '298.00' })]);
    expect(reply.headers.location).toBe('/api/v1/companies/DEMO/posted-purchase-documents/invoice/PPI-0001');
    expectProblem(await alicia.get(`${PURCHASE}/invoice/${invoice.no}`), 404, 'document-not-found');

    expect(ok(await alicia.get(String(reply.headers.location)))).toEqual(document);
    const list = ok(
      await alicia.get(`${DEMO}/posted-purchase-documents`, { query: { 'filter[preAssignedNo]': invoice.no } }),
    );
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ no: 'PPI-0001', registerId: document.registerId });
    expect(list.items[0].lines).toBeUndefined();

    const gl = ok(await alicia.get(`${DEMO}/gl-entries`, { query: { 'filter[documentNo]': 'PPI-0001' } }));
    expect(gl.items.map((e: { accountNo: string; amount: string }) => [e.accountNo, e.amount])).toEqual([
      ['2100', '-298'],
      ['5000', '298'],
    ]);
    const register = ok(
      await alicia.get(`${DEMO}/gl-entries`, { query: { 'filter[registerId]': String(document.registerId) } }),
    );
    expect(register.total).toBe(2);
    expect(sumOf(register.items)).toBe('0');
    const vendor = ok(await alicia.get(`${DEMO}/vendor-ledger-entries`, { query: { 'filter[partyNo]': 'V10000' } }));
    expect(vendor.items).toEqual([
      expect.objectContaining({
        documentNo: 'PPI-0001',
        documentType: 'invoice',
        amountLcy: '-298',
        remainingAmountLcy: '-298',
        open: true,
        postingDate: '2026-03-01',
      }),
    ]);
    expect(ok(await alicia.get(`${DEMO}/customer-ledger-entries`)).total).toBe(0);
    expect(ok(await alicia.get(`${DEMO}/bank-account-ledger-entries`)).total).toBe(0);
  });

  it('refuses quotes (400 document-not-postable) and documents without lines (409 document-has-no-lines)', async () => {
    const quote = ok(await alicia.post(SALES, { documentType: 'quote', partyNo: 'C20000', lines: chair('1') }), 201);
    expectProblem(await alicia.post(`${SALES}/quote/${quote.no}/post`), 400, 'document-not-postable');
    const empty = ok(await alicia.post(SALES, { documentType: 'credit-memo', partyNo: 'C20000' }), 201);
    expectProblem(await alicia.post(`${SALES}/credit-memo/${empty.no}/post`), 409, 'document-has-no-lines');
    expect(ok(await alicia.get(`${DEMO}/posted-sales-documents`)).total).toBe(0);
  });

  it('a read-only token cannot post (403)', async () => {
    const { client } = await withToken(alicia, 'read');
    expectProblem(await client.post(`${PURCHASE}/order/PO-0001/post`), 403, 'token-scope-insufficient');
  });

  it('an approved sales order posts with its approval entries (and their history) on the posted invoice', async () => {
    // JOHN's demo order SO-0001 (798.00): WS-SOAPW-01 routes JOHN (own entry, approved) then MARY.
    await t.app.run({ company: 'DEMO', userId: 'JOHN' }, (ctx) =>
      sendApprovalRequest(ctx, 'sales-header', '["order","SO-0001"]'),
    );
    expectProblem(await john.post(`${SALES}/order/SO-0001/post`), 409, 'document-pending-approval');
    const open = await t.app.run({ company: 'DEMO', userId: 'MARY' }, async (ctx) =>
      (await entriesOfRequest(ctx, 'sales-header', '["order","SO-0001"]')).filter((e) => e.status === 'Open'),
    );
    expect(open.map((e) => e.approverId)).toEqual(['MARY']);
    await t.app.run({ company: 'DEMO', userId: 'MARY' }, (ctx) =>
      approveEntries(
        ctx,
        open.map((e) => e.id),
        { comment: 'Good customer.' },
      ),
    );
    const { document } = ok(await john.post(`${SALES}/order/SO-0001/post`), 201);
    expect(document).toMatchObject({ no: 'SPI-0001', preAssignedNo: 'SO-0001', sourceDocumentType: 'order' });
    expect(
      document.approvalEntries.map((e: { approverId: string; status: string }) => [e.approverId, e.status]),
    ).toEqual([
      ['JOHN', 'Approved'],
      ['MARY', 'Approved'],
    ]);
    const marys = document.approvalEntries[1];
    expect(marys).toMatchObject({ documentNo: 'SO-0001', table: 'sales-header', recordKey: '["order","SO-0001"]' });
    expect(marys.history.at(-1)).toMatchObject({ action: 'approved', byUser: 'MARY' });
    expect(document.comments.map((c: { comment: string }) => c.comment)).toEqual(['Good customer.']);
    const customer = ok(
      await mary.get(`${DEMO}/customer-ledger-entries`, { query: { 'filter[documentNo]': 'SPI-0001' } }),
    );
    expect(customer.items.map((e: { partyNo: string; amountLcy: string }) => [e.partyNo, e.amountLcy])).toEqual([
      ['C10000', '798'],
    ]);
  });

  it('posting in the background answers 202 with the job, once per document; a worker posts it', async () => {
    const invoice = ok(
      await alicia.post(SALES, { documentType: 'invoice', partyNo: 'C20000', lines: chair('1') }),
      201,
    );
    const path = `${SALES}/invoice/${invoice.no}`;
    expectProblem(await alicia.post(`${path}/post-in-background`), 409, 'document-not-released');
    ok(await alicia.post(`${path}/release`));
    const first = ok(await alicia.post(`${path}/post-in-background`, { postingDate: '2026-03-02' }), 202);
    expect(first).toEqual({ jobId: expect.any(Number), queued: true });
    expect(ok(await alicia.post(`${path}/post-in-background`), 202)).toEqual({ jobId: first.jobId, queued: false });

    expect(await testWorker(t.app, productJobHandlers(t.app)).runOnce()).toMatchObject({ done: 1, dead: 0 });
    expectProblem(await alicia.get(path), 404, 'document-not-found');
    const list = ok(
      await alicia.get(`${DEMO}/posted-sales-documents`, { query: { 'filter[preAssignedNo]': invoice.no } }),
    );
    expect(list.items).toEqual([
      expect.objectContaining({ documentType: 'invoice', postedBy: 'ALICIA', amount: '149.00' }),
    ]);
  });
});

describe('making an order of a quote over HTTP', () => {
  it('answers 201 with the new order (Location) and how much approval history moved; the quote is gone', async () => {
    const quote = ok(await alicia.post(PURCHASE, { documentType: 'quote', partyNo: 'V20000', lines: chair('3') }), 201);
    const reply = await alicia.post(`${PURCHASE}/quote/${quote.no}/make-order`);
    const body = ok(reply, 201);
    expect(body).toMatchObject({ approvalEntries: 0, comments: 0 });
    expect(body.document).toMatchObject({ documentType: 'order', status: 'Open', partyNo: 'V20000', amount: '447.00' });
    expect(body.document.lines).toHaveLength(1);
    expect(body.document.no).not.toBe('PO-0001');
    expect(reply.headers.location).toBe(`/api/v1/companies/DEMO/purchase-documents/order/${body.document.no}`);
    expectProblem(await alicia.get(`${PURCHASE}/quote/${quote.no}`), 404, 'document-not-found');
    expectProblem(await alicia.post(`${PURCHASE}/quote/${quote.no}/make-order`), 404, 'document-not-found');
  });
});

describe('posted documents and ledger entries', () => {
  it('describes every posting route with tags, a summary, a success schema and problem+json errors', async () => {
    const doc = ok(await alicia.get('/api/v1/openapi.json'));
    const POSTING =
      /^\/api\/v1\/companies\/\{company\}\/((purchase|sales)-documents\/.*\/(post|post-in-background|make-order)|posted-(purchase|sales)-documents(\/.*)?|gl-entries|(customer|vendor|bank-account)-ledger-entries)$/;
    const operations = Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>)
      .filter(([path]) => POSTING.test(path))
      .flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
    // 2 × 3 actions, 2 × 2 posted document routes, 4 ledger entry lists.
    expect(operations.length).toBe(14);
    for (const { path, method, op } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      expect((op.tags as string[] | undefined)?.length, where).toBeGreaterThan(0);
      expect(op.summary, where).toEqual(expect.any(String));
      const codes = Object.keys(op.responses as object);
      expect(codes, where).toEqual(expect.arrayContaining(['400', '401', '404']));
      expect(
        codes.some((c) => c.startsWith('2')),
        where,
      ).toBe(true);
    }
    const list = doc.paths['/api/v1/companies/{company}/gl-entries'].get;
    const names = (list.parameters as { name: string }[]).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['limit', 'filter[documentNo]', 'filter[registerId]']));
  });

  it('an unknown posted document is 404 posted-document-not-found; lists refuse unknown filters', async () => {
    expectProblem(
      await alicia.get(`${DEMO}/posted-purchase-documents/invoice/PPI-9999`),
      404,
      'posted-document-not-found',
    );
    expectProblem(
      await alicia.get(`${DEMO}/gl-entries`, { query: { 'filter[nothing]': 'x' } }),
      400,
      'filter-field-unknown',
    );
  });
});

describe('release and make-order answers', () => {
  it('a release that a workflow posts at once answers document null and names the posted document', async () => {
    await t.app.run({ company: 'DEMO', userId: 'ADMIN' }, (ctx) =>
      enabledWorkflow(ctx, 'AUTOPOST-SI', [
        event(1, null, 'sales-document.released', { conditions: { 'sales-header': { documentType: 'invoice' } } }),
        response(2, 1, 'document.post'),
      ]),
    );
    const invoice = ok(
      await alicia.post(SALES, { documentType: 'invoice', partyNo: 'C10000', lines: chair('1') }),
      201,
    );
    const reply = await alicia.post(`${SALES}/invoice/${invoice.no}/release`, {});
    const body = ok(reply);
    expect(body.document).toBeNull();
    expect(body.postedDocument).toMatchObject({ documentType: 'invoice', no: expect.stringMatching(/^SPI-/) });
    expect(reply.headers.etag).toBeUndefined();
    expect(ok(await alicia.get(`${DEMO}/posted-sales-documents/invoice/${body.postedDocument.no}`)).preAssignedNo).toBe(
      invoice.no,
    );
  });

  it('make-order honours If-Match: a stale revision is refused (412) and the quote stays', async () => {
    const quote = ok(await alicia.post(PURCHASE, { documentType: 'quote', partyNo: 'V20000', lines: chair('1') }), 201);
    expectProblem(
      await alicia.post(`${PURCHASE}/quote/${quote.no}/make-order`, {}, { headers: { 'if-match': '"99"' } }),
      412,
      'document-revision-stale',
    );
    expect(ok(await alicia.get(`${PURCHASE}/quote/${quote.no}`)).status).toBe('Open');
  });
});
