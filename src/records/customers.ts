import type { Selectable } from 'kysely';
import type { CustomerTable } from '../db/schema.ts';
import type { EngineContext } from '../engine/context.ts';
import type { FieldDefinition, FieldValue, RecordData } from '../engine/field-types.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import { conflict, invalid, notFound } from '../shared/errors.ts';
import { type CodeRule, normalizeBoolean, normalizeCode, normalizeText } from './codes.ts';
import { checkCurrencyCode } from './currencies.ts';
import { decimalText, parseDecimal } from './decimals.ts';
import { filterByEquals, textOf } from './find-where.ts';
import { removeRestriction } from './restrictions.ts';
import { assertRevision, type RecordUpdate } from './revisions.ts';
import { checkSalespersonCode } from './salespeople.ts';

export const CUSTOMER_TABLE = 'customer';

export interface Customer {
  readonly no: string;
  readonly name: string;
  readonly salespersonCode: string;
  /** Blank means the local currency. */
  readonly currencyCode: string;
  readonly creditLimitLcy: string;
  readonly blocked: boolean;
  readonly revision: number;
}

export interface CustomerInput {
  readonly no: string;
  readonly name: string;
  readonly salespersonCode?: string;
  readonly currencyCode?: string;
  /** Exact decimal as text, at least 0; default "0" (no limit checked). */
  readonly creditLimitLcy?: string;
  readonly blocked?: boolean;
}

export type CustomerChanges = Partial<Omit<CustomerInput, 'no'>>;

export const CUSTOMER_FIELDS: readonly FieldDefinition[] = [
  { name: 'no', type: 'code', caption: 'No.' },
  { name: 'name', type: 'text', caption: 'Name' },
  { name: 'salespersonCode', type: 'code', caption: 'Salesperson code' },
  { name: 'currencyCode', type: 'code', caption: 'Currency code' },
  { name: 'creditLimitLcy', type: 'decimal', caption: 'Credit limit (LCY)' },
  { name: 'blocked', type: 'boolean', caption: 'Blocked' },
];

const NO_RULE: CodeRule = { code: 'customer-no-invalid', field: 'no', label: 'Customer no.', maxLength: 20 };

function toCustomer(row: Selectable<CustomerTable>): Customer {
  return {
    no: row.no,
    name: row.name,
    salespersonCode: row.salesperson_code,
    currencyCode: row.currency_code,
    creditLimitLcy: row.credit_limit_lcy,
    blocked: Number(row.blocked) === 1,
    revision: Number(row.revision),
  };
}

export function customerData(customer: Customer): RecordData {
  return {
    no: customer.no,
    name: customer.name,
    salespersonCode: customer.salespersonCode,
    currencyCode: customer.currencyCode,
    creditLimitLcy: customer.creditLimitLcy,
    blocked: customer.blocked,
  };
}

export function customerToRecord(customer: Customer): WorkflowRecord {
  return { table: CUSTOMER_TABLE, key: customer.no, data: customerData(customer) };
}

async function findRow(ctx: EngineContext, no: string, lock = false) {
  return ctx.tx
    .selectFrom('customer')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where(
      'no',
      '=',
      String(no ?? '')
        .trim()
        .toUpperCase(),
    )
    .$if(lock && ctx.capabilities.rowLocks, (q) => q.forUpdate())
    .executeTakeFirst();
}

export async function findCustomer(ctx: EngineContext, no: string): Promise<Customer | undefined> {
  const row = await findRow(ctx, no);
  return row && toCustomer(row);
}

export async function getCustomer(ctx: EngineContext, no: string): Promise<Customer> {
  const customer = await findCustomer(ctx, no);
  if (!customer) throw notFound('customer-not-found', `Customer ${no} does not exist.`, { field: 'no' });
  return customer;
}

export async function listCustomers(ctx: EngineContext): Promise<Customer[]> {
  const rows = await ctx.tx
    .selectFrom('customer')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .orderBy('no')
    .execute();
  return rows.map(toCustomer);
}

export async function customerRecord(ctx: EngineContext, no: string): Promise<WorkflowRecord> {
  return customerToRecord(await getCustomer(ctx, no));
}

/** The values of every given field, checked; absent fields keep `base`. Writes nothing. */
async function checkedFields(ctx: EngineContext, changes: CustomerChanges, base: Omit<Customer, 'no' | 'revision'>) {
  return {
    name:
      changes.name === undefined
        ? base.name
        : normalizeText(changes.name, { code: 'customer-name', field: 'name', label: 'Customer name', maxLength: 100 }),
    salespersonCode:
      changes.salespersonCode === undefined
        ? base.salespersonCode
        : await checkSalespersonCode(ctx, changes.salespersonCode, 'salespersonCode'),
    currencyCode:
      changes.currencyCode === undefined
        ? base.currencyCode
        : await checkCurrencyCode(ctx, changes.currencyCode, 'currencyCode'),
    creditLimitLcy:
      changes.creditLimitLcy === undefined
        ? base.creditLimitLcy
        : decimalText(
            parseDecimal(changes.creditLimitLcy, {
              code: 'customer-credit-limit',
              field: 'creditLimitLcy',
              label: 'Credit limit (LCY)',
              minimum: 'zero',
            }),
          ),
    blocked:
      changes.blocked === undefined
        ? base.blocked
        : normalizeBoolean(changes.blocked, 'customer-blocked-invalid', 'blocked', 'Blocked'),
  };
}

export async function createCustomer(ctx: EngineContext, input: CustomerInput): Promise<Customer> {
  const no = normalizeCode(input.no, NO_RULE);
  if (input.name === undefined) {
    throw invalid('customer-name-required', 'Customer name must not be blank.', { field: 'name' });
  }
  const fields = await checkedFields(ctx, input, {
    name: '',
    salespersonCode: '',
    currencyCode: '',
    creditLimitLcy: '0',
    blocked: false,
  });
  if (await findRow(ctx, no)) throw conflict('customer-exists', `Customer ${no} exists already.`, { field: 'no' });
  await ctx.tx
    .insertInto('customer')
    .values({
      company_id: ctx.companyId,
      no,
      name: fields.name,
      salesperson_code: fields.salespersonCode,
      currency_code: fields.currencyCode,
      credit_limit_lcy: fields.creditLimitLcy,
      blocked: fields.blocked ? 1 : 0,
      revision: 1,
    })
    .execute();
  return { no, ...fields, revision: 1 };
}

/** Saves the given fields and bumps the revision; `expectedRevision` guards against lost updates. */
export async function updateCustomer(
  ctx: EngineContext,
  no: string,
  changes: CustomerChanges,
  expectedRevision?: number,
): Promise<RecordUpdate<Customer>> {
  const row = await findRow(ctx, no, true);
  if (!row) throw notFound('customer-not-found', `Customer ${no} does not exist.`, { field: 'no' });
  const before = toCustomer(row);
  assertRevision('customer-revision-stale', `Customer ${before.no}`, before.revision, expectedRevision);
  const fields = await checkedFields(ctx, changes, before);
  const after: Customer = { no: before.no, ...fields, revision: before.revision + 1 };
  await ctx.tx
    .updateTable('customer')
    .set({
      name: after.name,
      salesperson_code: after.salespersonCode,
      currency_code: after.currencyCode,
      credit_limit_lcy: after.creditLimitLcy,
      blocked: after.blocked ? 1 : 0,
      revision: after.revision,
    })
    .where('company_id', '=', ctx.companyId)
    .where('no', '=', before.no)
    .execute();
  return { before, after, oldRecord: customerToRecord(before), record: customerToRecord(after) };
}

/** Deletes a customer no document uses; its record restriction goes with it (reference §5.7). */
export async function deleteCustomer(ctx: EngineContext, no: string, expectedRevision?: number): Promise<Customer> {
  const row = await findRow(ctx, no, true);
  if (!row) throw notFound('customer-not-found', `Customer ${no} does not exist.`, { field: 'no' });
  const customer = toCustomer(row);
  assertRevision('customer-revision-stale', `Customer ${customer.no}`, customer.revision, expectedRevision);
  const used = await ctx.tx
    .selectFrom('document_header')
    .select('no')
    .where('company_id', '=', ctx.companyId)
    .where('area', '=', 'sales')
    .where('party_no', '=', customer.no)
    .executeTakeFirst();
  if (used) {
    throw conflict('customer-in-use', `Customer ${customer.no} has sales documents; it cannot be deleted.`, {
      field: 'no',
    });
  }
  await ctx.tx.deleteFrom('customer').where('company_id', '=', ctx.companyId).where('no', '=', customer.no).execute();
  await removeRestriction(ctx, CUSTOMER_TABLE, customer.no);
  return customer;
}

/** `findWhere` of the registered table. */
export async function findCustomersWhere(
  ctx: EngineContext,
  equals: Readonly<Record<string, FieldValue>>,
): Promise<RecordData[]> {
  const no = textOf(equals, 'no');
  const rows = await ctx.tx
    .selectFrom('customer')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .$if(no !== undefined, (q) => q.where('no', '=', (no ?? '').toUpperCase()))
    .orderBy('no')
    .execute();
  return filterByEquals(
    CUSTOMER_FIELDS,
    rows.map((r) => customerData(toCustomer(r))),
    equals,
  );
}
