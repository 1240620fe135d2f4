import { z } from 'zod';
import type { EngineContext } from '../../engine/context.ts';
import type { FieldDefinition } from '../../engine/field-types.ts';
import { type ChangeTable, changeMasterRecord, type MasterTypes } from '../../record-changes/index.ts';
import {
  CUSTOMER_FIELDS,
  createCurrency,
  createCustomer,
  createItem,
  createSalesperson,
  createVendor,
  deleteCurrency,
  deleteCustomer,
  deleteExchangeRate,
  deleteItem,
  deleteSalesperson,
  deleteVendor,
  getCurrency,
  getCustomer,
  getItem,
  getSalesperson,
  getVendor,
  ITEM_FIELDS,
  listCurrencies,
  listCustomers,
  listExchangeRates,
  listItems,
  listSalespeople,
  listVendors,
  setExchangeRate,
  updateCurrency,
  updateSalesperson,
  VENDOR_FIELDS,
} from '../../records/index.ts';
import { refuseIfMatch } from '../etag.ts';
import { listPage, listQuerySchema } from '../list-query.ts';
import { companyParams, errorResponses, okSchema, pageOf } from '../schemas.ts';
import { inCompany } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';
import { registerResourceRoutes } from './resource-routes.ts';

/** A change of a customer, vendor or item runs its changed event; the answer says what workflows said. */
function changedThroughWorkflows<N extends ChangeTable>(table: N) {
  return async (ctx: EngineContext, no: string, changes: MasterTypes[N]['changes'], expected?: number) => {
    const outcome = await changeMasterRecord(ctx, table, no, changes, expected);
    return { item: outcome.record, messages: outcome.messages };
  };
}

/** Master data: customers, vendors, items, salespeople/purchasers, currencies and exchange rates. */

const decimal = (what: string) => z.string().describe(`${what}: an exact decimal as text, e.g. "1250.00"`);
const code = (what: string) => z.string().describe(`${what}: letters, digits, ".", "_", "-" or "/"; blank for none`);
const revision = z.number().int().describe('Revision; the ETag of the record');

export const customerSchema = z.object({
  no: z.string(),
  name: z.string(),
  salespersonCode: z.string(),
  currencyCode: z.string().describe('Blank means the local currency'),
  creditLimitLcy: z.string(),
  blocked: z.boolean(),
  revision,
});
const customerChanges = {
  name: z.string().describe('Customer name, at most 100 characters'),
  salespersonCode: code('Salesperson code'),
  currencyCode: code('Currency code'),
  creditLimitLcy: decimal('Credit limit (LCY), at least 0; 0 means no limit'),
  blocked: z.boolean(),
};

export const vendorSchema = z.object({
  no: z.string(),
  name: z.string(),
  purchaserCode: z.string(),
  currencyCode: z.string().describe('Blank means the local currency'),
  blocked: z.boolean(),
  revision,
});
const vendorChanges = {
  name: z.string().describe('Vendor name, at most 100 characters'),
  purchaserCode: code('Purchaser code'),
  currencyCode: code('Currency code'),
  blocked: z.boolean(),
};

export const itemSchema = z.object({
  no: z.string(),
  description: z.string(),
  unitPrice: z.string(),
  blocked: z.boolean(),
  revision,
});
const itemChanges = {
  description: z.string().describe('Item description'),
  unitPrice: decimal('Unit price, at least 0'),
  blocked: z.boolean(),
};

const salespersonSchema = z.object({ code: z.string(), name: z.string() });
const SALESPERSON_FIELDS: readonly FieldDefinition[] = [
  { name: 'code', type: 'code', caption: 'Code' },
  { name: 'name', type: 'text', caption: 'Name' },
];

const currencySchema = z.object({
  code: z.string(),
  description: z.string(),
  decimals: z.number().int().describe('Decimal places of amounts (0–5)'),
});
const CURRENCY_FIELDS: readonly FieldDefinition[] = [
  { name: 'code', type: 'code', caption: 'Code' },
  { name: 'description', type: 'text', caption: 'Description' },
  { name: 'decimals', type: 'integer', caption: 'Decimal places' },
];
const currencyChanges = {
  description: z.string().describe('Description, at most 50 characters'),
  decimals: z.number().int().describe('Decimal places of amounts, 0 to 5 (default 2)'),
};

const exchangeRateSchema = z.object({
  currencyCode: z.string(),
  startingDate: z.string(),
  rate: z.string().describe('Local currency per one unit of the currency'),
});
const EXCHANGE_RATE_FIELDS: readonly FieldDefinition[] = [
  { name: 'startingDate', type: 'date', caption: 'Starting date' },
  { name: 'rate', type: 'decimal', caption: 'Rate' },
];

export function registerRecordRoutes(server: Server, options: ServerOptions): void {
  registerResourceRoutes(server, options, {
    path: 'customers',
    tag: 'customers',
    singular: 'customer',
    plural: 'customers',
    key: 'no',
    fields: CUSTOMER_FIELDS,
    item: customerSchema,
    createBody: z.strictObject({ no: z.string().describe('Customer no.'), ...customerChanges }).partial({
      salespersonCode: true,
      currencyCode: true,
      creditLimitLcy: true,
      blocked: true,
    }),
    updateBody: z.strictObject(customerChanges).partial(),
    list: listCustomers,
    get: getCustomer,
    create: createCustomer,
    // Through the changed event (also for vendors and items): a workflow may hold a field change for
    // approval, and the answer then shows the old value.
    updateWithMessages: changedThroughWorkflows('customer'),
    remove: deleteCustomer,
    revision: (customer) => customer.revision,
  });

  registerResourceRoutes(server, options, {
    path: 'vendors',
    tag: 'vendors',
    singular: 'vendor',
    plural: 'vendors',
    key: 'no',
    fields: VENDOR_FIELDS,
    item: vendorSchema,
    createBody: z
      .strictObject({ no: z.string().describe('Vendor no.'), ...vendorChanges })
      .partial({ purchaserCode: true, currencyCode: true, blocked: true }),
    updateBody: z.strictObject(vendorChanges).partial(),
    list: listVendors,
    get: getVendor,
    create: createVendor,
    updateWithMessages: changedThroughWorkflows('vendor'),
    remove: deleteVendor,
    revision: (vendor) => vendor.revision,
  });

  registerResourceRoutes(server, options, {
    path: 'items',
    tag: 'items',
    singular: 'item',
    plural: 'items',
    key: 'no',
    fields: ITEM_FIELDS,
    item: itemSchema,
    createBody: z
      .strictObject({ no: z.string().describe('Item no.'), ...itemChanges })
      .partial({ unitPrice: true, blocked: true }),
    updateBody: z.strictObject(itemChanges).partial(),
    list: listItems,
    get: getItem,
    create: createItem,
    updateWithMessages: changedThroughWorkflows('item'),
    remove: deleteItem,
    revision: (item) => item.revision,
  });

  registerResourceRoutes(server, options, {
    path: 'salespeople',
    tag: 'salespeople',
    singular: 'salesperson/purchaser',
    plural: 'salespeople/purchasers',
    key: 'code',
    fields: SALESPERSON_FIELDS,
    item: salespersonSchema,
    createBody: z.strictObject({ code: z.string().describe('Code'), name: z.string().describe('Name') }),
    updateBody: z.strictObject({ name: z.string().describe('Name, at most 50 characters') }).partial(),
    list: listSalespeople,
    get: getSalesperson,
    create: createSalesperson,
    update: async (ctx, key, changes) => (await updateSalesperson(ctx, key, changes)).after,
    remove: deleteSalesperson,
  });

  registerResourceRoutes(server, options, {
    path: 'currencies',
    tag: 'currencies',
    singular: 'currency',
    plural: 'currencies',
    key: 'code',
    fields: CURRENCY_FIELDS,
    item: currencySchema,
    createBody: z.strictObject({ code: z.string().describe('Currency code'), ...currencyChanges }).partial({
      description: true,
      decimals: true,
    }),
    updateBody: z.strictObject(currencyChanges).partial(),
    list: listCurrencies,
    get: getCurrency,
    create: createCurrency,
    update: async (ctx, key, changes) => (await updateCurrency(ctx, key, changes)).after,
    remove: deleteCurrency,
  });

  registerExchangeRateRoutes(server, options);
}

function registerExchangeRateRoutes(server: Server, options: ServerOptions): void {
  const base = '/api/v1/companies/:company/currencies/:code/exchange-rates';
  const currencyParams = companyParams.extend({ code: z.string().min(1).max(50).describe('Currency code') });
  const rateParams = currencyParams.extend({
    startingDate: z.string().min(1).max(20).describe('Starting date, YYYY-MM-DD'),
  });

  server.get(
    base,
    {
      schema: {
        tags: ['currencies'],
        summary: 'List the exchange rates of a currency',
        params: currencyParams,
        querystring: listQuerySchema(EXCHANGE_RATE_FIELDS),
        response: { 200: pageOf(exchangeRateSchema), ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'read', async (ctx) => {
        const currency = await getCurrency(ctx, request.params.code);
        return listPage(await listExchangeRates(ctx, currency.code), request.query, {
          table: 'exchange rate',
          fields: EXCHANGE_RATE_FIELDS,
        });
      }),
  );

  server.put(
    `${base}/:startingDate`,
    {
      schema: {
        tags: ['currencies'],
        summary: 'Set the exchange rate of a currency from a starting date on (replaces one of the same date)',
        params: rateParams,
        body: z.strictObject({ rate: decimal('Local currency per one unit of the currency, greater than 0') }),
        response: { 200: exchangeRateSchema, ...errorResponses },
      },
    },
    async (request) => {
      refuseIfMatch(request, 'Exchange rates');
      return inCompany(options, request, request.params.company, 'write', (ctx) =>
        setExchangeRate(ctx, {
          currencyCode: request.params.code,
          startingDate: request.params.startingDate,
          rate: request.body.rate,
        }),
      );
    },
  );

  server.delete(
    `${base}/:startingDate`,
    {
      schema: {
        tags: ['currencies'],
        summary: 'Delete the exchange rate of a currency that starts on a date',
        params: rateParams,
        response: { 200: okSchema, ...errorResponses },
      },
    },
    async (request) => {
      await inCompany(options, request, request.params.company, 'write', async (ctx) => {
        const currency = await getCurrency(ctx, request.params.code);
        await deleteExchangeRate(ctx, currency.code, request.params.startingDate);
      });
      return { ok: true as const };
    },
  );
}
