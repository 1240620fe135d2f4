import type { EngineContext } from '../engine/context.ts';
import { invalid } from '../shared/errors.ts';
import { type CodeRule, normalizeCode, normalizeOptionalCode, normalizeText } from './codes.ts';
import { keyedRows } from './keyed-rows.ts';
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

const salespeople = keyedRows({
  table: 'salesperson_purchaser',
  key: 'code',
  label: 'Salesperson/purchaser',
  errorPrefix: 'salesperson',
  fromRow: (row): SalespersonPurchaser => ({ code: row.code, name: row.name }),
});

export async function findSalesperson(ctx: EngineContext, code: string): Promise<SalespersonPurchaser | undefined> {
  return salespeople.find(ctx, code);
}

export async function getSalesperson(ctx: EngineContext, code: string): Promise<SalespersonPurchaser> {
  return salespeople.get(ctx, code);
}

export async function listSalespeople(ctx: EngineContext): Promise<SalespersonPurchaser[]> {
  return salespeople.list(ctx);
}

export async function createSalesperson(
  ctx: EngineContext,
  input: { readonly code: string; readonly name: string },
): Promise<SalespersonPurchaser> {
  const code = normalizeCode(input.code, CODE_RULE);
  const name = checkName(input.name);
  await salespeople.assertNew(ctx, code);
  await salespeople.insert(ctx, code, { name });
  return { code, name };
}

export async function updateSalesperson(
  ctx: EngineContext,
  code: string,
  changes: { readonly name?: string },
): Promise<Change<SalespersonPurchaser>> {
  const before = await salespeople.get(ctx, code);
  const name = changes.name === undefined ? before.name : checkName(changes.name);
  await salespeople.update(ctx, before.code, { name });
  return { before, after: { ...before, name } };
}

/** Deletes a salesperson/purchaser no customer, vendor, document or approval user refers to. */
export async function deleteSalesperson(ctx: EngineContext, code: string): Promise<void> {
  const { code: key } = await salespeople.get(ctx, code);
  await salespeople.assertUnused(
    ctx,
    key,
    [
      { table: 'customer', column: 'salesperson_code' },
      { table: 'vendor', column: 'purchaser_code' },
      { table: 'document_header', column: 'salesperson_code' },
      { table: 'approval_user_setup', column: 'salesperson_code' },
    ],
    `Salesperson/purchaser ${key} is used by customers, vendors, documents or approval users; it cannot be deleted.`,
  );
  await salespeople.remove(ctx, key);
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
