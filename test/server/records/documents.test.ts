import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendApprovalRequest } from '../../../src/approvals/index.ts';
import { disableWorkflow } from '../../../src/engine/definition/enable.ts';
import { addRestriction } from '../../../src/records/index.ts';
import { type Client, DEMO, expectProblem, ok, signIn, startServer, type TestServer, withToken } from './client.ts';

let t: TestServer;
let alicia: Client;
let john: Client;
const PURCHASE = `${DEMO}/purchase-documents`;
const SALES = `${DEMO}/sales-documents`;

beforeAll(async () => {
  t = await startServer();
  alicia = await signIn(t.server, 'ALICIA');
  john = await signIn(t.server, 'JOHN');
});
afterAll(async () => t.close());

/** A purchase invoice with one line: no workflow covers invoices, so it can be released by hand. */
async function newInvoice(lines = [{ type: 'item', no: '1000', quantity: '2' }]) {
  return ok(await alicia.post(PURCHASE, { documentType: 'invoice', partyNo: 'V10000', lines }), 201);
}

describe('purchase documents', () => {
  it('lists the headers with amounts, filtered by document type', async () => {
    const list = ok(await alicia.get(PURCHASE, { query: { 'filter[documentType]': 'order' } }));
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      area: 'purchase',
      documentType: 'order',
      no: 'PO-0001',
      partyNo: 'V10000',
      status: 'Open',
      createdBy: 'ALICIA',
      lineCount: 2,
      amount: '954.00',
    });
    expect(list.items[0].lines).toBeUndefined();
    expect(ok(await alicia.get(PURCHASE, { query: { 'filter[documentType]': 'invoice' } })).total).toBe(0);
  });

  it('creates a document with lines (201, Location, ETag) and reads it back with its lines', async () => {
    const created = await alicia.post(PURCHASE, {
      documentType: 'invoice',
      partyNo: 'v20000',
      documentDate: '2026-02-27',
      lines: [
        { type: 'item', no: '1000', quantity: '2' },
        { type: 'gl-account', no: '6100', quantity: '1', unitPrice: '25.50', description: 'Delivery' },
      ],
    });
    const doc = ok(created, 201);
    expect(doc).toMatchObject({
      area: 'purchase',
      documentType: 'invoice',
      no: 'PI-0001',
      partyNo: 'V20000',
      partyName: 'Northwind Furniture',
      salespersonCode: 'MS',
      documentDate: '2026-02-27',
      status: 'Open',
      createdBy: 'ALICIA',
      lineCount: 2,
      lineTotal: '323.50',
      amount: '323.50',
      amountLcy: '323.50',
    });
    expect(doc.lines).toEqual([
      expect.objectContaining({
        lineNo: 10000,
        type: 'item',
        no: '1000',
        description: 'Office chair',
        lineAmount: '298.00',
      }),
      expect.objectContaining({
        lineNo: 20000,
        type: 'gl-account',
        no: '6100',
        description: 'Delivery',
        lineAmount: '25.50',
      }),
    ]);
    expect(created.headers.location).toBe('/api/v1/companies/DEMO/purchase-documents/invoice/PI-0001');
    expect(created.headers.etag).toBe(`"${doc.revision}"`);

    const read = await alicia.get(`${PURCHASE}/invoice/pi-0001`);
    expect(ok(read)).toEqual(doc);
    expect(read.headers.etag).toBe(`"${doc.revision}"`);
  });

  it('refuses a bad create with the field, and uses no number for it', async () => {
    expectProblem(
      await alicia.post(PURCHASE, { documentType: 'order', partyNo: 'V99999' }),
      400,
      'vendor-unknown',
      'partyNo',
    );
    expectProblem(
      await alicia.post(PURCHASE, { documentType: 'memo', partyNo: 'V10000' }),
      400,
      'request-invalid',
      'documentType',
    );
    expectProblem(await alicia.post(PURCHASE, { partyNo: 'V10000' }), 400, 'request-invalid', 'documentType');
    expectProblem(
      await alicia.post(PURCHASE, { documentType: 'order', partyNo: 'V10000', documentDate: '02/03/2026' }),
      400,
      'document-date-invalid',
      'documentDate',
    );
    const badLine = await alicia.post(PURCHASE, {
      documentType: 'quote',
      partyNo: 'V10000',
      lines: [
        { type: 'item', no: '1000', quantity: '1' },
        { type: 'item', no: '1000', quantity: '0' },
      ],
    });
    expectProblem(badLine, 400, 'document-line-quantity-not-positive', 'lines.1.quantity');
    expectProblem(
      await alicia.post(PURCHASE, { documentType: 'quote', partyNo: 'V10000', lines: [{ type: 'item', no: '1000' }] }),
      400,
      'request-invalid',
      'lines.0.quantity',
    );
    // The refused quotes took no number: the next one is PQ-0001.
    expect(ok(await alicia.post(PURCHASE, { documentType: 'quote', partyNo: 'V10000' }), 201).no).toBe('PQ-0001');
  });

  it('changes the header with If-Match, and refuses a stale one with 412', async () => {
    const doc = await newInvoice();
    const url = `${PURCHASE}/invoice/${doc.no}`;
    const changed = await alicia.patch(url, { invoiceDiscount: '8' }, { headers: { 'if-match': `"${doc.revision}"` } });
    expect(ok(changed)).toMatchObject({ invoiceDiscount: '8', amount: '290.00', revision: doc.revision + 1 });
    expect(changed.headers.etag).toBe(`"${doc.revision + 1}"`);
    const stale = await alicia.patch(url, { invoiceDiscount: '0' }, { headers: { 'if-match': `"${doc.revision}"` } });
    expectProblem(stale, 412, 'document-revision-stale');
    expectProblem(
      await alicia.patch(url, { invoiceDiscount: '1000' }),
      400,
      'document-invoice-discount-exceeds-total',
      'invoiceDiscount',
    );
    expectProblem(await alicia.patch(url, { partyNo: 'V99999' }), 400, 'vendor-unknown', 'partyNo');
    expectProblem(await alicia.patch(url, { status: 'Released' }), 400, 'request-invalid');
    expect(ok(await alicia.patch(url, { partyNo: 'V20000' }))).toMatchObject({
      partyNo: 'V20000',
      salespersonCode: 'MS',
    });
  });

  it('adds, changes and deletes lines; each change moves the document revision (its ETag)', async () => {
    const doc = await newInvoice();
    const lines = `${PURCHASE}/invoice/${doc.no}/lines`;

    const added = await alicia.post(
      lines,
      { type: 'item', no: '1001', quantity: '1' },
      { headers: { 'if-match': `"${doc.revision}"` } },
    );
    expect(ok(added, 201)).toMatchObject({
      documentNo: doc.no,
      lineNo: 20000,
      no: '1001',
      unitPrice: '399',
      lineAmount: '399.00',
      documentRevision: doc.revision + 1,
    });
    expect(added.headers.etag).toBe(`"${doc.revision + 1}"`);
    expectProblem(
      await alicia.post(
        lines,
        { type: 'item', no: '1001', quantity: '1' },
        { headers: { 'if-match': `"${doc.revision}"` } },
      ),
      412,
      'document-revision-stale',
    );

    const listed = ok(await alicia.get(lines, { query: { sort: '-lineAmount' } }));
    expect(listed.items.map((l: { lineNo: number }) => l.lineNo)).toEqual([20000, 10000]);

    const changed = await alicia.patch(`${lines}/20000`, { quantity: '3' });
    expect(ok(changed)).toMatchObject({
      lineNo: 20000,
      quantity: '3',
      lineAmount: '1197.00',
      documentRevision: doc.revision + 2,
    });
    expectProblem(
      await alicia.patch(`${lines}/20000`, { quantity: '-1' }),
      400,
      'document-line-quantity-not-positive',
      'quantity',
    );
    expectProblem(await alicia.patch(`${lines}/20000`, { no: '9999' }), 400, 'item-unknown', 'no');
    expectProblem(await alicia.patch(`${lines}/20000`, { type: 'resource' }), 400, 'request-invalid', 'type');
    expectProblem(await alicia.patch(`${lines}/30000`, { quantity: '1' }), 404, 'document-line-not-found');
    expectProblem(await alicia.patch(`${lines}/abc`, { quantity: '1' }), 400, 'request-invalid', 'lineNo');
    expectProblem(await alicia.post(lines, { type: 'item', no: '1001' }), 400, 'request-invalid', 'quantity');

    const afterDelete = await alicia.delete(`${lines}/10000`, { headers: { 'if-match': `"${doc.revision + 2}"` } });
    expect(ok(afterDelete)).toMatchObject({ lineCount: 1, amount: '1197.00', revision: doc.revision + 3 });
    expect(afterDelete.headers.etag).toBe(`"${doc.revision + 3}"`);
    expectProblem(await alicia.delete(`${lines}/10000`), 404, 'document-line-not-found');
    expectProblem(await alicia.get(`${PURCHASE}/invoice/PI-9999/lines`), 404, 'document-not-found');
  });

  it('deletes an Open document (If-Match honoured) and answers 404 afterwards', async () => {
    const doc = await newInvoice();
    const url = `${PURCHASE}/invoice/${doc.no}`;
    expectProblem(await alicia.delete(url, { headers: { 'if-match': '"999"' } }), 412, 'document-revision-stale');
    expect(ok(await alicia.delete(url, { headers: { 'if-match': `"${doc.revision}"` } }))).toEqual({ ok: true });
    expectProblem(await alicia.get(url), 404, 'document-not-found', 'no');
    expectProblem(await alicia.delete(url), 404, 'document-not-found');
  });

  it('answers 404 for unknown documents, a bad type in the URL with 400, and hides other companies', async () => {
    expectProblem(await alicia.get(`${PURCHASE}/order/PO-9999`), 404, 'document-not-found');
    expectProblem(await alicia.patch(`${PURCHASE}/order/PO-9999`, { invoiceDiscount: '1' }), 404, 'document-not-found');
    expectProblem(await alicia.post(`${PURCHASE}/order/PO-9999/release`), 404, 'document-not-found');
    expectProblem(await alicia.get(`${PURCHASE}/receipt/PO-0001`), 400, 'request-invalid', 'type');
    // A purchase order number is no sales document.
    expectProblem(await alicia.get(`${SALES}/order/PO-0001`), 404, 'document-not-found');

    ok(await john.post('/api/v1/companies', { code: 'JOHNCO', name: 'John Co.' }), 201);
    ok(await john.post('/api/v1/companies/JOHNCO/vendors', { no: 'V1', name: 'Vendor of John' }), 201);
    const theirs = ok(
      await john.post('/api/v1/companies/JOHNCO/purchase-documents', { documentType: 'order', partyNo: 'V1' }),
      201,
    );
    expect(theirs.no).toBe('PO-0001');
    // DEMO's PO-0001 is another document; JOHNCO's is invisible to ALICIA.
    expect(ok(await alicia.get(`${PURCHASE}/order/PO-0001`)).partyNo).toBe('V10000');
    expectProblem(
      await alicia.get('/api/v1/companies/JOHNCO/purchase-documents/order/PO-0001'),
      404,
      'company-not-found',
    );
    expectProblem(
      await alicia.delete('/api/v1/companies/JOHNCO/purchase-documents/order/PO-0001'),
      404,
      'company-not-found',
    );
  });
});

describe('release and reopen (D7)', () => {
  it('refuses to release a document an enabled approval workflow covers (WS-POAPW-01)', async () => {
    const reply = await alicia.post(`${PURCHASE}/order/PO-0001/release`);
    expectProblem(reply, 409, 'document-release-needs-approval');
    expect(ok(await alicia.get(`${PURCHASE}/order/PO-0001`)).status).toBe('Open');
    // The sales order of the demo is covered by WS-SOAPW-01 alike.
    expectProblem(await john.post(`${SALES}/order/SO-0001/release`), 409, 'document-release-needs-approval');
  });

  it('refuses to release or reopen a document pending approval', async () => {
    await t.app.run({ company: 'DEMO', userId: 'ALICIA' }, (ctx) =>
      sendApprovalRequest(ctx, 'purchase-header', JSON.stringify(['order', 'PO-0001'])),
    );
    expect(ok(await alicia.get(`${PURCHASE}/order/PO-0001`)).status).toBe('Pending Approval');
    expectProblem(await alicia.post(`${PURCHASE}/order/PO-0001/release`), 409, 'document-pending-approval');
    expectProblem(await alicia.post(`${PURCHASE}/order/PO-0001/reopen`), 409, 'document-pending-approval');
    expectProblem(await alicia.patch(`${PURCHASE}/order/PO-0001`, { invoiceDiscount: '1' }), 409, 'document-not-open');
  });

  it('releases an uncovered document; a released document cannot change until reopened', async () => {
    const doc = await newInvoice();
    const url = `${PURCHASE}/invoice/${doc.no}`;
    expectProblem(
      await alicia.post(`${url}/release`, undefined, { headers: { 'if-match': '"999"' } }),
      412,
      'document-revision-stale',
    );
    const released = await alicia.post(`${url}/release`, undefined, { headers: { 'if-match': `"${doc.revision}"` } });
    expect(ok(released).document).toMatchObject({ no: doc.no, status: 'Released', revision: doc.revision + 1 });
    expect(released.body.messages).toEqual(expect.any(Array));
    expect(released.headers.etag).toBe(`"${doc.revision + 1}"`);

    const locked = await alicia.patch(url, { invoiceDiscount: '1' });
    expectProblem(locked, 409, 'document-not-open');
    expect(locked.body).toMatchObject({ status: 409, documentStatus: 'Released' });
    expectProblem(
      await alicia.post(`${url}/lines`, { type: 'item', no: '1000', quantity: '1' }),
      409,
      'document-not-open',
    );
    expectProblem(await alicia.delete(url), 409, 'document-not-open');
    // Releasing again changes nothing.
    expect(ok(await alicia.post(`${url}/release`)).document.revision).toBe(doc.revision + 1);

    const reopened = await alicia.post(`${url}/reopen`);
    expect(ok(reopened)).toEqual({ document: expect.objectContaining({ status: 'Open' }), messages: [] });
    expect(ok(await alicia.patch(url, { invoiceDiscount: '1' })).amount).toBe('297.00');
  });

  it('releases a covered document once its workflow is disabled', async () => {
    await t.app.run({ company: 'DEMO', userId: 'ADMIN' }, (ctx) => disableWorkflow(ctx, 'WS-SOAPW-01'));
    const released = ok(await john.post(`${SALES}/order/SO-0001/release`));
    expect(released.document).toMatchObject({ no: 'SO-0001', status: 'Released' });
    expect(ok(await john.post(`${SALES}/order/SO-0001/reopen`)).document.status).toBe('Open');
    expect(ok(await john.get(`${SALES}/order/SO-0001/lines`)).items).toEqual([
      expect.objectContaining({ area: 'sales', documentNo: 'SO-0001', lineNo: 10000, no: '1001' }),
    ]);
  });

  it('refuses to release a document without lines, and a restricted one', async () => {
    const empty = ok(await alicia.post(PURCHASE, { documentType: 'invoice', partyNo: 'V10000' }), 201);
    expectProblem(await alicia.post(`${PURCHASE}/invoice/${empty.no}/release`), 409, 'document-has-no-lines');
    const doc = await newInvoice();
    await t.app.run({ company: 'DEMO', userId: 'ADMIN' }, (ctx) =>
      addRestriction(ctx, 'purchase-header', JSON.stringify(['invoice', doc.no]), { workflowCode: 'TEST-WF' }),
    );
    expectProblem(await alicia.post(`${PURCHASE}/invoice/${doc.no}/release`), 409, 'record-restricted');
  });
});

describe('sales documents', () => {
  it('have the same routes: create, list, get, change, lines, delete', async () => {
    const created = ok(
      await john.post(SALES, {
        documentType: 'quote',
        partyNo: 'C20000',
        lines: [{ type: 'item', no: '1002', quantity: '10' }],
      }),
      201,
    );
    expect(created).toMatchObject({
      area: 'sales',
      documentType: 'quote',
      no: 'SQ-0001',
      partyNo: 'C20000',
      amount: '895.00',
    });
    expect(
      ok(await john.get(SALES, { query: { 'filter[partyNo]': 'C2*' } })).items.map((d: { no: string }) => d.no),
    ).toEqual(['SQ-0001']);
    const url = `${SALES}/quote/SQ-0001`;
    ok(await john.post(`${url}/lines`, { type: 'item', no: '1000', quantity: '1' }), 201);
    expect(ok(await john.patch(`${url}/lines/20000`, { quantity: '2' })).lineAmount).toBe('298.00');
    expect(ok(await john.patch(url, { salespersonCode: 'JR' })).salespersonCode).toBe('JR');
    expect(ok(await john.delete(`${url}/lines/10000`)).lineCount).toBe(1);
    expectProblem(
      await john.post(SALES, { documentType: 'order', partyNo: 'V10000' }),
      400,
      'customer-unknown',
      'partyNo',
    );
    ok(await john.delete(url));
    expectProblem(await john.get(url), 404, 'document-not-found');
  });
});

describe('restricted records', () => {
  it('lists the records workflows restrict, filtered and in words', async () => {
    await t.app.run({ company: 'DEMO', userId: 'ADMIN' }, (ctx) =>
      addRestriction(ctx, 'customer', 'C20000', { workflowCode: 'WS-CUSTAPW-01', details: 'Waiting for approval.' }),
    );
    const { client } = await withToken(alicia, 'read');
    const all = ok(await client.get(`${DEMO}/restricted-records`));
    expect(all.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          table: 'customer',
          key: 'C20000',
          record: 'Customer C20000',
          workflowCode: 'WS-CUSTAPW-01',
          details: 'Waiting for approval.',
        }),
        expect.objectContaining({ table: 'purchase-header', workflowCode: 'TEST-WF' }),
      ]),
    );
    const customers = ok(await client.get(`${DEMO}/restricted-records`, { query: { 'filter[table]': 'customer' } }));
    expect(customers.items.map((r: { key: string }) => r.key)).toEqual(['C20000']);
    const documents = ok(
      await client.get(`${DEMO}/restricted-records`, { query: { 'filter[record]': 'Purchase invoice*' } }),
    );
    expect(documents.total).toBe(1);
    expectProblem(
      await client.get(`${DEMO}/restricted-records`, { query: { 'filter[createdAt]': 'yesterday' } }),
      400,
      'filter-invalid',
      'createdAt',
    );
    expectProblem(await client.get('/api/v1/companies/JOHNCO/restricted-records'), 404, 'company-not-found');
  });
});
