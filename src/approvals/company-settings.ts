import type { EngineContext } from '../engine/context.ts';
import { localDate } from '../shared/local-date.ts';

export interface CompanySettings {
  readonly timeZone: string;
  readonly currencyCode: string;
  readonly forbidSelfApproval: boolean;
  /** Today in the company's time zone. */
  readonly today: string;
}

export async function companySettings(ctx: EngineContext): Promise<CompanySettings> {
  const row = await ctx.tx
    .selectFrom('company')
    .select(['time_zone', 'currency_code', 'forbid_self_approval'])
    .where('id', '=', ctx.companyId)
    .executeTakeFirstOrThrow();
  return {
    timeZone: row.time_zone,
    currencyCode: row.currency_code,
    forbidSelfApproval: row.forbid_self_approval === 1,
    today: localDate(ctx.now, row.time_zone),
  };
}

export async function setForbidSelfApproval(ctx: EngineContext, forbid: boolean): Promise<void> {
  await ctx.tx
    .updateTable('company')
    .set({ forbid_self_approval: forbid ? 1 : 0 })
    .where('id', '=', ctx.companyId)
    .execute();
}
