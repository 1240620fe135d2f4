import { expect } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import type { EngineContext } from '../../src/engine/context.ts';
import {
  createCurrency,
  createCustomer,
  createItem,
  createSalesperson,
  createVendor,
  recordsModule,
  setExchangeRate,
} from '../../src/records/index.ts';
import { isWerkstroomError, type WerkstroomError } from '../../src/shared/errors.ts';
import { newTestCompany, type TestCompany } from '../support/harness.ts';

/** A company of its own with the records module loaded. */
export function recordsCompany(handle: DatabaseHandle): Promise<TestCompany> {
  return newTestCompany(handle, [recordsModule]);
}

/**
 * Master data most tests start from (the company's currency is EUR, today is 2026-03-02):
 * purchaser PETER, salesperson ANN; USD at 0.90 from 2026-01-01 and 0.95 from 2026-03-01;
 * JPY with 0 decimals at 0.0062; vendors V1000 (EUR, PETER) and V2000 (USD); customers C1000
 * (ANN) and C2000 (USD); items 1000 at 0.10, 2000 at 25.50, 9000 blocked.
 */
export async function seedMasterData(ctx: EngineContext): Promise<void> {
  await createSalesperson(ctx, { code: 'PETER', name: 'Peter Saddow' });
  await createSalesperson(ctx, { code: 'ANN', name: 'Ann Beebe' });
  await createCurrency(ctx, { code: 'USD', description: 'US dollar' });
  await setExchangeRate(ctx, { currencyCode: 'USD', startingDate: '2026-01-01', rate: '0.90' });
  await setExchangeRate(ctx, { currencyCode: 'USD', startingDate: '2026-03-01', rate: '0.95' });
  await createCurrency(ctx, { code: 'JPY', description: 'Japanese yen', decimals: 0 });
  await setExchangeRate(ctx, { currencyCode: 'JPY', startingDate: '2026-01-01', rate: '0.0062' });
  await createVendor(ctx, { no: 'V1000', name: 'Fabrikam', purchaserCode: 'PETER' });
  await createVendor(ctx, { no: 'V2000', name: 'Litware', currencyCode: 'USD' });
  await createCustomer(ctx, { no: 'C1000', name: 'Adatum', salespersonCode: 'ANN', creditLimitLcy: '1000' });
  await createCustomer(ctx, { no: 'C2000', name: 'Trey Research', currencyCode: 'USD' });
  await createItem(ctx, { no: '1000', description: 'Bolt', unitPrice: '0.10' });
  await createItem(ctx, { no: '2000', description: 'Wheel', unitPrice: '25.50' });
  await createItem(ctx, { no: '9000', description: 'Old part', unitPrice: '1', blocked: true });
}

/** Awaits a promise that must fail with a Werkstroom error of `code`, and returns the error. */
export async function failsWith(promise: Promise<unknown>, code: string): Promise<WerkstroomError> {
  let outcome: unknown;
  try {
    outcome = await promise;
  } catch (error) {
    if (!isWerkstroomError(error)) throw error;
    expect(error.code).toBe(code);
    return error;
  }
  return expect.fail(`expected error ${code}, but it succeeded with ${JSON.stringify(outcome)}`);
}
