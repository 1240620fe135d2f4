import type { EngineContext } from '../engine/context.ts';
import { conflict, invalid, notFound } from '../shared/errors.ts';
import { type CodeRule, normalizeCode, normalizeOptionalCode, normalizeText } from './codes.ts';
import type { Change } from './revisions.ts';

/** Salespeople and purchasers share one table, as in Business Central. */
export interface SalespersonPurchaser {
  readonly code: string;
  readonly name: string;
}

const CODE_RULE: CodeRule = {
  code: 'salesperson-code-invalid',
  field: 'code',
  label: 'Salesperson/purchaser code',
  maxLength: 20,
};

function checkName(name: unknown): string {
  return normalizeText(name, { code: 'salesperson-name', field: 'name', label: 'Name', maxLength: 50 });
}

export async function findSalesperson(ctx: EngineContext, code: string): Promise<SalespersonPurchaser | undefined> {
  const row = await ctx.tx
    .selectFrom('salesperson_purchaser')
    .select(['code', 'name'])
    .where('company_id', '=', ctx.companyId)
    .where(
      'code',
      '=',
      String(code ?? '')
        .trim()
        .toUpperCase(),
    )
    .executeTakeFirst();
  return row && { code: row.code, name: row.name };
}

export async function getSalesperson(ctx: EngineContext, code: string): Promise<SalespersonPurchaser> {
  const found = await findSalesperson(ctx, code);
  if (!found) {
    throw notFound('salesperson-not-found', `Salesperson/purchaser ${code} does not exist.`, { field: 'code' });
  }
  return found;
}

export async function listSalespeople(ctx: EngineContext): Promise<SalespersonPurchaser[]> {
  return ctx.tx
    .selectFrom('salesperson_purchaser')
    .select(['code', 'name'])
    .where('company_id', '=', ctx.companyId)
    .orderBy('code')
    .execute();
}

export async function createSalesperson(
  ctx: EngineContext,
  input: { readonly code: string; readonly name: string },
): Promise<SalespersonPurchaser> {
  const code = normalizeCode(input.code, CODE_RULE);
  const name = checkName(input.name);
  if (await findSalesperson(ctx, code)) {
    throw conflict('salesperson-exists', `Salesperson/purchaser ${code} exists already.`, { field: 'code' });
  }
  await ctx.tx.insertInto('salesperson_purchaser').values({ company_id: ctx.companyId, code, name }).execute();
  return { code, name };
}

export async function updateSalesperson(
  ctx: EngineContext,
  code: string,
  changes: { readonly name?: string },
): Promise<Change<SalespersonPurchaser>> {
  const before = await getSalesperson(ctx, code);
  const name = changes.name === undefined ? before.name : checkName(changes.name);
  await ctx.tx
    .updateTable('salesperson_purchaser')
    .set({ name })
    .where('company_id', '=', ctx.companyId)
    .where('code', '=', before.code)
    .execute();
  return { before, after: { ...before, name } };
}

/** Deletes a salesperson/purchaser no customer, vendor, document or approval user refers to. */
export async function deleteSalesperson(ctx: EngineContext, code: string): Promise<void> {
  const { code: key } = await getSalesperson(ctx, code);
  const uses = [
    () =>
      ctx.tx
        .selectFrom('customer')
        .select('no')
        .where('company_id', '=', ctx.companyId)
        .where('salesperson_code', '=', key)
        .executeTakeFirst(),
    () =>
      ctx.tx
        .selectFrom('vendor')
        .select('no')
        .where('company_id', '=', ctx.companyId)
        .where('purchaser_code', '=', key)
        .executeTakeFirst(),
    () =>
      ctx.tx
        .selectFrom('document_header')
        .select('no')
        .where('company_id', '=', ctx.companyId)
        .where('salesperson_code', '=', key)
        .executeTakeFirst(),
    () =>
      ctx.tx
        .selectFrom('approval_user_setup')
        .select('user_id')
        .where('company_id', '=', ctx.companyId)
        .where('salesperson_code', '=', key)
        .executeTakeFirst(),
  ];
  let used = false;
  for (const use of uses) used ||= (await use()) !== undefined;
  if (used) {
    throw conflict(
      'salesperson-in-use',
      `Salesperson/purchaser ${key} is used by customers, vendors, documents or approval users; it cannot be deleted.`,
      { field: 'code' },
    );
  }
  await ctx.tx
    .deleteFrom('salesperson_purchaser')
    .where('company_id', '=', ctx.companyId)
    .where('code', '=', key)
    .execute();
}

/**
 * A salesperson/purchaser code given on another record: blank stays blank, anything else must
 * exist (`salesperson-unknown`, with `field` naming the caller's field).
 */
export async function checkSalespersonCode(ctx: EngineContext, value: unknown, field: string): Promise<string> {
  const code = normalizeOptionalCode(value, { ...CODE_RULE, field });
  if (code !== '' && !(await findSalesperson(ctx, code))) {
    throw invalid('salesperson-unknown', `Salesperson/purchaser ${code} does not exist.`, { field });
  }
  return code;
}
