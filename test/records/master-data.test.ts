import { expect, it } from 'vitest';
import {
  addLine,
  createCurrency,
  createCustomer,
  createDocument,
  createItem,
  createSalesperson,
  createVendor,
  deleteCurrency,
  deleteCustomer,
  deleteItem,
  deleteSalesperson,
  deleteVendor,
  exchangeRateOn,
  findCustomer,
  findItem,
  findSalesperson,
  findVendor,
  getCustomer,
  getItem,
  getVendor,
  listCurrencies,
  listCustomers,
  listExchangeRates,
  listItems,
  listSalespeople,
  listVendors,
  setExchangeRate,
  updateCurrency,
  updateCustomer,
  updateItem,
  updateSalesperson,
  updateVendor,
} from '../../src/records/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { failsWith, recordsCompany, seedMasterData } from './fixtures.ts';

describeEachDialect('salespeople and purchasers', (db) => {
  it('codes are upper-cased and a second salesperson with the same code is a conflict', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      expect(await createSalesperson(ctx, { code: ' peter ', name: 'Peter Saddow' })).toEqual({
        code: 'PETER',
        name: 'Peter Saddow',
      });
      const error = await failsWith(createSalesperson(ctx, { code: 'Peter', name: 'Other' }), 'salesperson-exists');
      expect(error.kind).toBe('conflict');
      expect(await listSalespeople(ctx)).toEqual([{ code: 'PETER', name: 'Peter Saddow' }]);
    });
  });

  it('a salesperson can be renamed, and deleted while nothing refers to it', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await createSalesperson(ctx, { code: 'ANN', name: 'Ann' });
      expect(await updateSalesperson(ctx, 'ann', { name: 'Ann Beebe' })).toEqual({
        before: { code: 'ANN', name: 'Ann' },
        after: { code: 'ANN', name: 'Ann Beebe' },
      });
      await deleteSalesperson(ctx, 'ANN');
      expect(await findSalesperson(ctx, 'ANN')).toBeUndefined();
    });
  });

  it('a salesperson a customer refers to cannot be deleted', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      await failsWith(deleteSalesperson(ctx, 'ANN'), 'salesperson-in-use');
      expect(await findSalesperson(ctx, 'ANN')).toBeDefined();
    });
  });

  it.each([
    [{ code: '', name: 'X' }, 'salesperson-code-invalid', 'code'],
    [{ code: 'A'.repeat(21), name: 'X' }, 'salesperson-code-invalid', 'code'],
    [{ code: 'A B', name: 'X' }, 'salesperson-code-invalid', 'code'],
    [{ code: 'OK', name: ' ' }, 'salesperson-name-required', 'name'],
    [{ code: 'OK', name: 'N'.repeat(51) }, 'salesperson-name-too-long', 'name'],
  ])('an invalid salesperson %j is refused with %s and not written', async (input, code, field) => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      const error = await failsWith(createSalesperson(ctx, input), code);
      expect(error.details.field).toBe(field);
      expect(await listSalespeople(ctx)).toEqual([]);
    });
  });
});

describeEachDialect('currencies and exchange rates', (db) => {
  it('the rate on a date is the one with the latest starting date on or before it', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      expect(await exchangeRateOn(ctx, 'USD', '2026-01-01')).toBe('0.9');
      expect(await exchangeRateOn(ctx, 'usd', '2026-02-28')).toBe('0.9');
      expect(await exchangeRateOn(ctx, 'USD', '2026-03-01')).toBe('0.95');
      expect(await exchangeRateOn(ctx, 'USD', '2030-12-31')).toBe('0.95');
      expect((await listExchangeRates(ctx, 'USD')).map((r) => r.startingDate)).toEqual(['2026-01-01', '2026-03-01']);
    });
  });

  it('the local currency, by its code or blank, has rate 1 without any rate row', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      expect(await exchangeRateOn(ctx, '', '2026-03-02')).toBe('1');
      expect(await exchangeRateOn(ctx, 'EUR', '2026-03-02')).toBe('1');
      await failsWith(
        setExchangeRate(ctx, { currencyCode: 'EUR', startingDate: '2026-01-01', rate: '2' }),
        'exchange-rate-local-currency',
      );
    });
  });

  it('a date before the first rate has no rate, and an unknown currency is refused', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const missing = await failsWith(exchangeRateOn(ctx, 'USD', '2025-12-31'), 'exchange-rate-missing');
      expect(missing.message).toContain('USD');
      await failsWith(exchangeRateOn(ctx, 'GBP', '2026-03-02'), 'currency-unknown');
    });
  });

  it('setting a rate for a starting date that has one replaces it', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      await setExchangeRate(ctx, { currencyCode: 'USD', startingDate: '2026-03-01', rate: '0.97' });
      expect(await listExchangeRates(ctx, 'USD')).toEqual([
        { currencyCode: 'USD', startingDate: '2026-01-01', rate: '0.9' },
        { currencyCode: 'USD', startingDate: '2026-03-01', rate: '0.97' },
      ]);
    });
  });

  it.each([
    [{ rate: '0' }, 'exchange-rate-not-positive', 'rate'],
    [{ rate: '-1' }, 'exchange-rate-not-positive', 'rate'],
    [{ rate: '1,5' }, 'exchange-rate-invalid', 'rate'],
    [{ startingDate: '2026-02-30' }, 'exchange-rate-date-invalid', 'startingDate'],
  ])('an invalid exchange rate %j is refused with %s and not written', async (change, code, field) => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await createCurrency(ctx, { code: 'USD', description: 'US dollar' });
      const error = await failsWith(
        setExchangeRate(ctx, { currencyCode: 'USD', startingDate: '2026-01-01', rate: '1.1', ...change }),
        code,
      );
      expect(error.details.field).toBe(field);
      expect(await listExchangeRates(ctx, 'USD')).toEqual([]);
    });
  });

  it('a currency has 2 decimals unless told otherwise; 0 to 5 are allowed', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      expect(await createCurrency(ctx, { code: 'usd', description: 'US dollar' })).toEqual({
        code: 'USD',
        description: 'US dollar',
        decimals: 2,
      });
      const error = await failsWith(createCurrency(ctx, { code: 'XXX', decimals: 6 }), 'currency-decimals-invalid');
      expect(error.details.field).toBe('decimals');
      await failsWith(createCurrency(ctx, { code: 'USD' }), 'currency-exists');
      expect((await updateCurrency(ctx, 'USD', { decimals: 3 })).after.decimals).toBe(3);
      expect(await listCurrencies(ctx)).toEqual([{ code: 'USD', description: 'US dollar', decimals: 3 }]);
    });
  });

  it('a currency a customer uses cannot be deleted; an unused one goes with its rates', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      await failsWith(deleteCurrency(ctx, 'USD'), 'currency-in-use');
      await deleteCurrency(ctx, 'JPY');
      expect((await listCurrencies(ctx)).map((c) => c.code)).toEqual(['USD']);
      expect(await listExchangeRates(ctx, 'JPY')).toEqual([]);
    });
  });
});

describeEachDialect('customers', (db) => {
  it('a customer is created with upper-cased codes and exact credit limit', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const customer = await createCustomer(ctx, {
        no: 'c3000',
        name: 'Fourth Coffee',
        salespersonCode: 'ann',
        currencyCode: 'usd',
        creditLimitLcy: '12345.678',
      });
      expect(customer).toEqual({
        no: 'C3000',
        name: 'Fourth Coffee',
        salespersonCode: 'ANN',
        currencyCode: 'USD',
        creditLimitLcy: '12345.678',
        blocked: false,
        revision: 1,
      });
      expect(await getCustomer(ctx, 'C3000')).toEqual(customer);
    });
  });

  it('the local currency code is accepted on a customer', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      expect((await createCustomer(ctx, { no: 'C1', name: 'Local', currencyCode: 'EUR' })).currencyCode).toBe('EUR');
    });
  });

  it.each([
    [{ no: '' }, 'customer-no-invalid', 'no'],
    [{ no: 'C 1' }, 'customer-no-invalid', 'no'],
    [{ name: '' }, 'customer-name-required', 'name'],
    [{ salespersonCode: 'NOBODY' }, 'salesperson-unknown', 'salespersonCode'],
    [{ currencyCode: 'GBP' }, 'currency-unknown', 'currencyCode'],
    [{ creditLimitLcy: '-0.01' }, 'customer-credit-limit-negative', 'creditLimitLcy'],
    [{ creditLimitLcy: '1e3' }, 'customer-credit-limit-invalid', 'creditLimitLcy'],
    [{ creditLimitLcy: 0.1 }, 'customer-credit-limit-invalid', 'creditLimitLcy'],
  ])('an invalid customer %j is refused with %s and not written', async (change, code, field) => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const input = { no: 'C9', name: 'New', ...change } as Parameters<typeof createCustomer>[1];
      const error = await failsWith(createCustomer(ctx, input), code);
      expect(error.details.field).toBe(field);
      expect((await listCustomers(ctx)).map((c) => c.no)).toEqual(['C1000', 'C2000']);
    });
  });

  it('a second customer with the same number is a conflict', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const error = await failsWith(createCustomer(ctx, { no: 'c1000', name: 'Again' }), 'customer-exists');
      expect(error.kind).toBe('conflict');
      expect((await getCustomer(ctx, 'C1000')).name).toBe('Adatum');
    });
  });

  it('an update bumps the revision and returns the old and new workflow records', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const update = await updateCustomer(ctx, 'C1000', { creditLimitLcy: '2500.50', blocked: true }, 1);
      expect(update.before.revision).toBe(1);
      expect(update.after).toMatchObject({ creditLimitLcy: '2500.5', blocked: true, revision: 2 });
      expect(update.oldRecord).toEqual({
        table: 'customer',
        key: 'C1000',
        data: {
          no: 'C1000',
          name: 'Adatum',
          salespersonCode: 'ANN',
          currencyCode: '',
          creditLimitLcy: '1000',
          blocked: false,
        },
      });
      expect(update.record.data).toMatchObject({ creditLimitLcy: '2500.5', blocked: true });
      expect(await getCustomer(ctx, 'C1000')).toEqual(update.after);
    });
  });

  it('an update with a stale revision is a conflict and writes nothing', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      await updateCustomer(ctx, 'C1000', { name: 'Adatum Corp.' });
      const error = await failsWith(
        updateCustomer(ctx, 'C1000', { name: 'Lost update' }, 1),
        'customer-revision-stale',
      );
      expect(error.kind).toBe('conflict');
      expect(await getCustomer(ctx, 'C1000')).toMatchObject({ name: 'Adatum Corp.', revision: 2 });
    });
  });

  it('an update with an invalid value writes nothing, not even the valid fields', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const before = await getCustomer(ctx, 'C1000');
      const error = await failsWith(
        updateCustomer(ctx, 'C1000', { name: 'Changed', creditLimitLcy: '-5' }),
        'customer-credit-limit-negative',
      );
      expect(error.details.field).toBe('creditLimitLcy');
      await failsWith(updateCustomer(ctx, 'C1000', { salespersonCode: 'NOBODY' }), 'salesperson-unknown');
      expect(await getCustomer(ctx, 'C1000')).toEqual(before);
    });
  });

  it('a customer with sales documents cannot be deleted; one without can', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      await createDocument(ctx, { area: 'sales', documentType: 'order', partyNo: 'C1000' });
      await failsWith(deleteCustomer(ctx, 'C1000'), 'customer-in-use');
      await deleteCustomer(ctx, 'C2000');
      expect(await findCustomer(ctx, 'C2000')).toBeUndefined();
      expect(await findCustomer(ctx, 'C1000')).toBeDefined();
    });
  });
});

describeEachDialect('vendors', (db) => {
  it('a vendor is created with its purchaser and currency, and updated with a revision check', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      expect(await getVendor(ctx, 'v2000')).toEqual({
        no: 'V2000',
        name: 'Litware',
        purchaserCode: '',
        currencyCode: 'USD',
        blocked: false,
        revision: 1,
      });
      const update = await updateVendor(ctx, 'V2000', { purchaserCode: 'peter' }, 1);
      expect(update.record).toEqual({
        table: 'vendor',
        key: 'V2000',
        data: { no: 'V2000', name: 'Litware', purchaserCode: 'PETER', currencyCode: 'USD', blocked: false },
      });
      expect(update.oldRecord.data.purchaserCode).toBe('');
      await failsWith(updateVendor(ctx, 'V2000', { blocked: true }, 1), 'vendor-revision-stale');
      expect((await getVendor(ctx, 'V2000')).blocked).toBe(false);
    });
  });

  it.each([
    [{ no: 'V'.repeat(21) }, 'vendor-no-invalid', 'no'],
    [{ name: '   ' }, 'vendor-name-required', 'name'],
    [{ name: 'N'.repeat(101) }, 'vendor-name-too-long', 'name'],
    [{ purchaserCode: 'NOBODY' }, 'salesperson-unknown', 'purchaserCode'],
    [{ currencyCode: 'GBP' }, 'currency-unknown', 'currencyCode'],
  ])('an invalid vendor %j is refused with %s and not written', async (change, code, field) => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const error = await failsWith(createVendor(ctx, { no: 'V9', name: 'New', ...change }), code);
      expect(error.details.field).toBe(field);
      expect((await listVendors(ctx)).map((v) => v.no)).toEqual(['V1000', 'V2000']);
    });
  });

  it('a vendor with purchase documents cannot be deleted; one without can', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      await createDocument(ctx, { area: 'purchase', documentType: 'invoice', partyNo: 'V1000' });
      await failsWith(deleteVendor(ctx, 'V1000'), 'vendor-in-use');
      await failsWith(createVendor(ctx, { no: 'V1000', name: 'Again' }), 'vendor-exists');
      await deleteVendor(ctx, 'V2000');
      expect(await findVendor(ctx, 'V2000')).toBeUndefined();
    });
  });
});

describeEachDialect('items', (db) => {
  it('an item keeps its exact unit price and an update returns both records', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      expect(await getItem(ctx, '2000')).toEqual({
        no: '2000',
        description: 'Wheel',
        unitPrice: '25.5',
        blocked: false,
        revision: 1,
      });
      const update = await updateItem(ctx, '2000', { unitPrice: '26.00005' });
      expect(update.oldRecord).toEqual({
        table: 'item',
        key: '2000',
        data: { no: '2000', description: 'Wheel', unitPrice: '25.5', blocked: false },
      });
      expect(update.record.data.unitPrice).toBe('26.00005');
      expect(update.after.revision).toBe(2);
      await failsWith(updateItem(ctx, '2000', { unitPrice: '1' }, 1), 'item-revision-stale');
    });
  });

  it.each([
    [{ no: '' }, 'item-no-invalid', 'no'],
    [{ description: '' }, 'item-description-required', 'description'],
    [{ unitPrice: '-1' }, 'item-unit-price-negative', 'unitPrice'],
    [{ unitPrice: 'ten' }, 'item-unit-price-invalid', 'unitPrice'],
    [{ blocked: 'yes' }, 'item-blocked-invalid', 'blocked'],
  ])('an invalid item %j is refused with %s and not written', async (change, code, field) => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      const input = { no: 'I1', description: 'New', ...change } as Parameters<typeof createItem>[1];
      const error = await failsWith(createItem(ctx, input), code);
      expect(error.details.field).toBe(field);
      expect(await listItems(ctx)).toEqual([]);
    });
  });

  it('an item on a document line cannot be deleted; an unused one can', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      const doc = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1000' });
      await addLine(ctx, doc, { type: 'item', no: '1000', quantity: '1' });
      await failsWith(deleteItem(ctx, '1000'), 'item-in-use');
      await deleteItem(ctx, '2000');
      expect(await findItem(ctx, '2000')).toBeUndefined();
      expect(await findItem(ctx, '1000')).toBeDefined();
    });
  });
});
