import type { EngineContext } from '../engine/context.ts';
import { localDate } from '../shared/local-date.ts';

export interface CompanyCurrency {
  /** The local currency (LCY); a blank currency code on a record means this one. */
  readonly currencyCode: string;
  /** Today in the company's time zone. */
  readonly workDate: string;
}

export async function companyCurrency(ctx: EngineContext): Promise<CompanyCurrency> {
  const row = await ctx.tx
    .selectFrom('company')
    .select(['currency_code', 'time_zone'])
    .where('id', '=', ctx.companyId)
    .executeTakeFirstOrThrow();
  return { currencyCode: (row.currency_code || 'EUR').toUpperCase(), workDate: workDateIn(ctx.now, row.time_zone) };
}

function workDateIn(now: Date, timeZone: string): string {
  try {
    return localDate(now, timeZone);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}
