import type { Selectable } from 'kysely';
import type { CustomerTable } from '../db/schema.ts';
import type { EngineContext } from '../engine/context.ts';
import type { FieldDefinition, RecordData } from '../engine/field-types.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import type { RecordTableDefinition } from '../engine/registry-types.ts';
import { normalizeBoolean, normalizeText, type TextRule } from './codes.ts';
import { checkCurrencyCode } from './currencies.ts';
import { decimalText, parseDecimal } from './decimals.ts';
import { masterTable } from './master-table.ts';
import type { RecordUpdate } from './revisions.ts';
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

const NAME_RULE = {
  code: 'customer-name',
  field: 'name',
  label: 'Customer name',
  maxLength: 100,
} as const satisfies TextRule;

const customers = masterTable({
  table: CUSTOMER_TABLE,
  key: 'no',
  label: 'Customer',
  errorPrefix: 'customer',
  fields: CUSTOMER_FIELDS,
  noRule: { code: 'customer-no-invalid', field: 'no', label: 'Customer no.', maxLength: 20 },
  required: NAME_RULE,
  fromRow: (row: Selectable<CustomerTable>): Customer => ({
    no: row.no,
    name: row.name,
    salespersonCode: row.salesperson_code,
    currencyCode: row.currency_code,
    creditLimitLcy: row.credit_limit_lcy,
    blocked: Number(row.blocked) === 1,
    revision: Number(row.revision),
  }),
  toRow: (fields, revision) => ({
    name: fields.name,
    salesperson_code: fields.salespersonCode,
    currency_code: fields.currencyCode,
    credit_limit_lcy: fields.creditLimitLcy,
    blocked: fields.blocked ? 1 : 0,
    revision,
  }),
  defaults: { name: '', salespersonCode: '', currencyCode: '', creditLimitLcy: '0', blocked: false },
  checks: {
    name: (value) => normalizeText(value, NAME_RULE),
    salespersonCode: (value, ctx) => checkSalespersonCode(ctx, value, 'salespersonCode'),
    currencyCode: (value, ctx) => checkCurrencyCode(ctx, value, 'currencyCode'),
    creditLimitLcy: (value) =>
      decimalText(
        parseDecimal(value, {
          code: 'customer-credit-limit',
          field: 'creditLimitLcy',
          label: 'Credit limit (LCY)',
          minimum: 'zero',
        }),
      ),
    blocked: (value) => normalizeBoolean(value, 'customer-blocked-invalid', 'blocked', 'Blocked'),
  },
  // Documents, ledger entries and journals keep a party alive; the rest only follows a rename.
  usedBy: [
    { table: 'document_header', column: 'party_no', where: { area: 'sales' } },
    { table: 'customer_ledger_entry', column: 'party_no' },
    { table: 'gen_journal_line', column: 'account_no', where: { account_type: 'customer' } },
    { table: 'gen_journal_line', column: 'bal_account_no', where: { bal_account_type: 'customer' } },
    { table: 'gen_journal_batch', column: 'bal_account_no', where: { bal_account_type: 'customer' } },
  ],
  inUseMessage: (no) => `Customer ${no} has sales documents, ledger entries or journals; it cannot be deleted.`,
  alsoHeldBy: [
    { table: 'posted_document_header', column: 'party_no', where: { area: 'sales' } },
    { table: 'gl_entry', column: 'source_no', where: { source_type: 'customer' } },
  ],
});

/** The `customer` record table of the records module. */
export const CUSTOMER_RECORD_TABLE: RecordTableDefinition = customers.recordTable;

// The module's API stays declared here, signature by signature; the work is the shared table's.

export function customerData(customer: Customer): RecordData {
  return customers.data(customer);
}

export function customerToRecord(customer: Customer): WorkflowRecord {
  return customers.toRecord(customer);
}

export async function findCustomer(ctx: EngineContext, no: string): Promise<Customer | undefined> {
  return customers.find(ctx, no);
}

export async function getCustomer(ctx: EngineContext, no: string): Promise<Customer> {
  return customers.get(ctx, no);
}

export async function listCustomers(ctx: EngineContext): Promise<Customer[]> {
  return customers.list(ctx);
}

export async function customerRecord(ctx: EngineContext, no: string): Promise<WorkflowRecord> {
  return customers.record(ctx, no);
}

export async function createCustomer(ctx: EngineContext, input: CustomerInput): Promise<Customer> {
  return customers.create(ctx, input);
}

/** Saves the given fields and bumps the revision; `expectedRevision` guards against lost updates. */
export async function updateCustomer(
  ctx: EngineContext,
  no: string,
  changes: CustomerChanges,
  expectedRevision?: number,
): Promise<RecordUpdate<Customer>> {
  return customers.update(ctx, no, changes, expectedRevision);
}

/**
 * Deletes a customer no document uses; its approval entries, comments, restriction and held
 * changes go with it (spec §5.10). Refused while an approval request waits (`record-approval-pending`).
 */
export async function deleteCustomer(ctx: EngineContext, no: string, expectedRevision?: number): Promise<Customer> {
  return customers.remove(ctx, no, expectedRevision);
}

/**
 * Gives a customer a new no.: its documents, posted documents, ledger and journal entries follow,
 * and so do its approval entries, comments, restriction, held changes and running workflows.
 */
export async function renameCustomer(
  ctx: EngineContext,
  no: string,
  newNo: string,
  expectedRevision?: number,
): Promise<Customer> {
  return customers.rename(ctx, no, newNo, expectedRevision);
}
