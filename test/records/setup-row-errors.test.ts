import { expect, it } from 'vitest';
import {
  createCurrency,
  createSalesperson,
  deleteCurrency,
  deleteSalesperson,
  findNumberSeries,
  getCurrency,
  getSalesperson,
  listNumberSeries,
  nextNumber,
  updateCurrency,
  updateSalesperson,
} from '../../src/records/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { failsWith, recordsCompany, seedMasterData } from './fixtures.ts';

// Currencies, salespeople and number series share one implementation of rows keyed by a code
// (keyed-rows.ts); the exact wording and details of its errors are pinned here.

describeEachDialect('errors of currencies, salespeople and number series', (db) => {
  it('not found, exists and in use say so in the same words', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      for (const [attempt, code, message] of [
        [() => getCurrency(ctx, 'gbp'), 'currency-not-found', 'Currency gbp does not exist.'],
        [() => updateCurrency(ctx, 'gbp', { decimals: 1 }), 'currency-not-found', 'Currency gbp does not exist.'],
        [() => deleteCurrency(ctx, 'gbp'), 'currency-not-found', 'Currency gbp does not exist.'],
        [() => createCurrency(ctx, { code: 'usd' }), 'currency-exists', 'Currency USD exists already.'],
        [
          () => deleteCurrency(ctx, 'usd'),
          'currency-in-use',
          'Currency USD is used by customers, vendors or documents.',
        ],
        [() => getSalesperson(ctx, 'bob'), 'salesperson-not-found', 'Salesperson/purchaser bob does not exist.'],
        [() => updateSalesperson(ctx, 'bob', {}), 'salesperson-not-found', 'Salesperson/purchaser bob does not exist.'],
        [() => deleteSalesperson(ctx, 'bob'), 'salesperson-not-found', 'Salesperson/purchaser bob does not exist.'],
        [
          () => createSalesperson(ctx, { code: 'ann', name: 'A' }),
          'salesperson-exists',
          'Salesperson/purchaser ANN exists already.',
        ],
        [
          () => deleteSalesperson(ctx, 'peter'),
          'salesperson-in-use',
          'Salesperson/purchaser PETER is used by customers, vendors, documents or approval users; it cannot be deleted.',
        ],
      ] as const) {
        const error = await failsWith(attempt(), code);
        expect(error.message).toBe(message);
        expect(error.details).toEqual({ field: 'code' });
      }
    });
  });

  it('an update changes only what is given and is returned before and after', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await seedMasterData(ctx);
      expect(await updateCurrency(ctx, ' jpy ', { description: 'Yen' })).toEqual({
        before: { code: 'JPY', description: 'Japanese yen', decimals: 0 },
        after: { code: 'JPY', description: 'Yen', decimals: 0 },
      });
      expect(await updateSalesperson(ctx, 'peter', {})).toEqual({
        before: { code: 'PETER', name: 'Peter Saddow' },
        after: { code: 'PETER', name: 'Peter Saddow' },
      });
    });
  });

  it('number series are found in any case and listed by code', async () => {
    const t = await recordsCompany(db());
    await t.run(async (ctx) => {
      await nextNumber(ctx, 'SALES-ORDER');
      await nextNumber(ctx, 'PURCHASE-ORDER');
      expect(await findNumberSeries(ctx, ' purchase-order ')).toEqual({
        code: 'PURCHASE-ORDER',
        prefix: 'PO-',
        lastNumber: 1,
        width: 4,
      });
      expect(await findNumberSeries(ctx, 'NONE')).toBeUndefined();
      expect((await listNumberSeries(ctx)).map((s) => s.code)).toEqual(['PURCHASE-ORDER', 'SALES-ORDER']);
    });
  });
});
