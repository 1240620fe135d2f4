import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  DEMO,
  expectProblem,
  ok,
  signIn,
  startServer,
  type TestServer,
} from '../server/records/client.ts';

let t: TestServer;
let alicia: Client;

beforeAll(async () => {
  t = await startServer();
  alicia = await signIn(t.server, 'ALICIA');
  ok(await alicia.post(`${DEMO}/customers`, { no: 'C77000', name: 'Credit Test', creditLimitLcy: '1000' }), 201);
});
afterAll(async () => t.close());

describe('GET /customers/{no}/credit', () => {
  it("answers the customer's credit limit, balance, outstanding sales and available credit", async () => {
    expect(ok(await alicia.get(`${DEMO}/customers/C77000/credit`))).toEqual({
      customerNo: 'C77000',
      customerName: 'Credit Test',
      creditLimitLcy: '1000.00',
      balanceLcy: '0.00',
      outstandingLcy: '0.00',
      availableLcy: '1000.00',
      hasCreditLimit: true,
      exceeded: false,
    });
    const lines = [{ type: 'item', no: '1000', quantity: '5', unitPrice: '250' }];
    ok(await alicia.post(`${DEMO}/sales-documents`, { documentType: 'order', partyNo: 'C77000', lines }), 201);
    const memo = ok(
      await alicia.post(`${DEMO}/sales-documents`, {
        documentType: 'credit-memo',
        partyNo: 'C77000',
        lines: [{ type: 'item', no: '1000', quantity: '1', unitPrice: '100' }],
      }),
      201,
    );
    // An Open credit memo is a draft: it counts once released.
    expect(ok(await alicia.get(`${DEMO}/customers/c77000/credit`))).toMatchObject({ outstandingLcy: '1250.00' });
    ok(await alicia.post(`${DEMO}/sales-documents/credit-memo/${memo.no}/release`, {}));
    expect(ok(await alicia.get(`${DEMO}/customers/c77000/credit`))).toMatchObject({
      outstandingLcy: '1150.00',
      availableLcy: '-150.00',
      exceeded: true,
    });
  });

  it('an unknown customer is 404 customer-not-found', async () => {
    expectProblem(await alicia.get(`${DEMO}/customers/C99999/credit`), 404, 'customer-not-found');
  });

  it('is in the OpenAPI document under customers', async () => {
    const document = ok(await alicia.get('/api/v1/openapi.json'));
    const operation = document.paths['/api/v1/companies/{company}/customers/{no}/credit']?.get;
    expect(operation?.tags).toEqual(['customers']);
    expect(operation?.summary).toMatch(/credit/);
  });
});
