import type { EngineContext } from '../engine/context.ts';
import { invalid, notFound } from '../shared/errors.ts';
import { type CodeRule, lookupCode, normalizeCode, normalizeOptionalCode, normalizeText } from './codes.ts';
import { companyCurrency } from './company.ts';
import { normalizeDate } from './dates.ts';
import { decimalText, parseDecimal } from './decimals.ts';
import { keyedRows } from './keyed-rows.ts';
import type { Change } from './revisions.ts';

/**
 * Currencies and their exchange rates. A blank currency code, or the company's own currency
 * (`company.currency_code`), is the local currency (LCY): its rate is always 1.
 */
export interface Currency {
  readonly code: string;
  readonly description: string;
  /** Decimal places of amounts in this currency (0–5, default 2). */
  readonly decimals: number;
}

export interface ExchangeRate {
  readonly currencyCode: string;
  readonly startingDate: string;
  /** Local currency per one unit of the currency, as an exact decimal string. */
  readonly rate: string;
}

export const DEFAULT_AMOUNT_DECIMALS = 2;

const CODE_RULE: CodeRule = { code: 'currency-code-invalid', field: 'code', label: 'Currency code', maxLength: 10 };

function checkDecimals(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 5) {
    throw invalid('currency-decimals-invalid', `Decimal places must be a whole number from 0 to 5; got ${value}.`, {
      field: 'decimals',
    });
  }
  return value;
}

function checkDescription(value: unknown): string {
  return normalizeText(value, {
    code: 'currency-description',
    field: 'description',
    label: 'Description',
    maxLength: 50,
    optional: true,
  });
}

const currencies = keyedRows({
  table: 'currency',
  key: 'code',
  label: 'Currency',
  errorPrefix: 'currency',
  fromRow: (row): Currency => ({ code: row.code, description: row.description, decimals: Number(row.decimals) }),
});

export async function findCurrency(ctx: EngineContext, code: string): Promise<Currency | undefined> {
  return currencies.find(ctx, code);
}

export async function getCurrency(ctx: EngineContext, code: string): Promise<Currency> {
  return currencies.get(ctx, code);
}

export async function listCurrencies(ctx: EngineContext): Promise<Currency[]> {
  return currencies.list(ctx);
}

export async function createCurrency(
  ctx: EngineContext,
  input: { readonly code: string; readonly description?: string; readonly decimals?: number },
): Promise<Currency> {
  const code = normalizeCode(input.code, CODE_RULE);
  const description = checkDescription(input.description);
  const decimals = checkDecimals(input.decimals ?? DEFAULT_AMOUNT_DECIMALS);
  await currencies.assertNew(ctx, code);
  await currencies.insert(ctx, code, { description, decimals });
  return { code, description, decimals };
}

/**
 * Changes description or decimal places. Documents keep the line amounts they were saved with
 * until a line or the document currency changes.
 */
export async function updateCurrency(
  ctx: EngineContext,
  code: string,
  changes: { readonly description?: string; readonly decimals?: number },
): Promise<Change<Currency>> {
  const before = await currencies.get(ctx, code);
  const after: Currency = {
    code: before.code,
    description: changes.description === undefined ? before.description : checkDescription(changes.description),
    decimals: changes.decimals === undefined ? before.decimals : checkDecimals(changes.decimals),
  };
  await currencies.update(ctx, before.code, { description: after.description, decimals: after.decimals });
  return { before, after };
}

/** Deletes a currency (and its exchange rates) that no customer, vendor or document uses. */
export async function deleteCurrency(ctx: EngineContext, code: string): Promise<void> {
  const { code: key } = await currencies.get(ctx, code);
  await currencies.assertUnused(
    ctx,
    key,
    [
      { table: 'customer', column: 'currency_code' },
      { table: 'vendor', column: 'currency_code' },
      { table: 'document_header', column: 'currency_code' },
    ],
    `Currency ${key} is used by customers, vendors or documents.`,
  );
  await ctx.tx
    .deleteFrom('currency_exchange_rate')
    .where('company_id', '=', ctx.companyId)
    .where('currency_code', '=', key)
    .execute();
  await currencies.remove(ctx, key);
}

/** True for a blank code and for the company's own currency. */
export async function isLocalCurrency(ctx: EngineContext, code: string): Promise<boolean> {
  const normalized = lookupCode(code);
  if (normalized === '') return true;
  return normalized === (await companyCurrency(ctx)).currencyCode;
}

/**
 * A currency code given on another record: blank or the local currency are fine, anything else
 * must be a currency of the company (`currency-unknown`, with `field` naming the caller's field).
 */
export async function checkCurrencyCode(ctx: EngineContext, value: unknown, field: string): Promise<string> {
  const code = normalizeOptionalCode(value, { ...CODE_RULE, field });
  if (code === '' || (await isLocalCurrency(ctx, code))) return code;
  if (!(await findCurrency(ctx, code))) {
    throw invalid('currency-unknown', `Currency ${code} does not exist.`, { field });
  }
  return code;
}

/** Decimal places of amounts in the currency: its setting, else 2 (also for the local currency). */
export async function amountDecimals(ctx: EngineContext, currencyCode: string): Promise<number> {
  const code = currencyCode === '' ? (await companyCurrency(ctx)).currencyCode : currencyCode;
  return (await findCurrency(ctx, code))?.decimals ?? DEFAULT_AMOUNT_DECIMALS;
}

/** Sets the rate of a currency from a starting date on; the same date again replaces the rate. */
export async function setExchangeRate(
  ctx: EngineContext,
  input: { readonly currencyCode: string; readonly startingDate: string; readonly rate: string },
): Promise<ExchangeRate> {
  const code = normalizeCode(input.currencyCode, { ...CODE_RULE, field: 'currencyCode' });
  const startingDate = normalizeDate(input.startingDate, 'exchange-rate-date-invalid', 'startingDate', 'Starting date');
  const rate = decimalText(
    parseDecimal(input.rate, { code: 'exchange-rate', field: 'rate', label: 'Exchange rate', minimum: 'positive' }),
  );
  if (await isLocalCurrency(ctx, code)) {
    throw invalid('exchange-rate-local-currency', `${code} is the local currency; its rate is always 1.`, {
      field: 'currencyCode',
    });
  }
  await getCurrency(ctx, code);
  await ctx.tx
    .insertInto('currency_exchange_rate')
    .values({ company_id: ctx.companyId, currency_code: code, starting_date: startingDate, rate })
    .onConflict((oc) => oc.columns(['company_id', 'currency_code', 'starting_date']).doUpdateSet({ rate }))
    .execute();
  return { currencyCode: code, startingDate, rate };
}

export async function listExchangeRates(ctx: EngineContext, currencyCode: string): Promise<ExchangeRate[]> {
  const rows = await ctx.tx
    .selectFrom('currency_exchange_rate')
    .select(['currency_code', 'starting_date', 'rate'])
    .where('company_id', '=', ctx.companyId)
    .where('currency_code', '=', lookupCode(currencyCode))
    .orderBy('starting_date')
    .execute();
  return rows.map((r) => ({ currencyCode: r.currency_code, startingDate: r.starting_date, rate: r.rate }));
}

export async function deleteExchangeRate(
  ctx: EngineContext,
  currencyCode: string,
  startingDate: string,
): Promise<void> {
  const result = await ctx.tx
    .deleteFrom('currency_exchange_rate')
    .where('company_id', '=', ctx.companyId)
    .where('currency_code', '=', lookupCode(currencyCode))
    .where('starting_date', '=', startingDate)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) {
    throw notFound(
      'exchange-rate-not-found',
      `Currency ${currencyCode} has no exchange rate starting ${startingDate}.`,
    );
  }
}

/**
 * The rate of the currency on a date: the one with the latest starting date on or before it.
 * The local currency (blank or the company's own) is 1. A foreign currency without a rate by
 * then is an error (`exchange-rate-missing`).
 */
export async function exchangeRateOn(ctx: EngineContext, currencyCode: string, date: string): Promise<string> {
  const code = lookupCode(currencyCode);
  if (await isLocalCurrency(ctx, code)) return '1';
  const day = normalizeDate(date, 'exchange-rate-date-invalid', 'date', 'Date');
  await checkCurrencyCode(ctx, code, 'currencyCode');
  const row = await ctx.tx
    .selectFrom('currency_exchange_rate')
    .select('rate')
    .where('company_id', '=', ctx.companyId)
    .where('currency_code', '=', code)
    .where('starting_date', '<=', day)
    .orderBy('starting_date', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) {
    throw invalid('exchange-rate-missing', `Currency ${code} has no exchange rate on or before ${day}.`, {
      field: 'currencyCode',
      currencyCode: code,
      date: day,
    });
  }
  return row.rate;
}
