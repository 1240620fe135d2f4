import type { Kysely } from 'kysely';
import type { DialectName } from '../capabilities.ts';
import { identity } from './0001-workflow-core.ts';

/** G/L and bank accounts, the posting setup, registers and ledger entries (amounts as exact decimal text). */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('gl_account')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('no', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('blocked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('gl_account_pk', ['company_id', 'no'])
    .execute();

  await db.schema
    .createTable('bank_account')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('no', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gl_account_no', 'text', (c) => c.notNull())
    .addColumn('blocked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('bank_account_pk', ['company_id', 'no'])
    .execute();

  await db.schema
    .createTable('posting_setup')
    .addColumn('company_id', 'integer', (c) => c.primaryKey().references('company.id'))
    .addColumn('receivables_account', 'text', (c) => c.notNull())
    .addColumn('payables_account', 'text', (c) => c.notNull())
    .addColumn('sales_account', 'text', (c) => c.notNull())
    .addColumn('purchase_account', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('gl_register')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('document_no', 'text', (c) => c.notNull())
    .addColumn('posting_date', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('gl_entry')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('register_id', 'integer', (c) => c.notNull())
    .addColumn('posting_date', 'text', (c) => c.notNull())
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('document_no', 'text', (c) => c.notNull())
    .addColumn('account_no', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('amount', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source_no', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('gl_entry_by_register').on('gl_entry').columns(['company_id', 'register_id']).execute();
  await db.schema.createIndex('gl_entry_by_document').on('gl_entry').columns(['company_id', 'document_no']).execute();

  for (const table of ['customer_ledger_entry', 'vendor_ledger_entry', 'bank_account_ledger_entry']) {
    await db.schema
      .createTable(table)
      .addColumn('id', 'integer', identity(dialect))
      .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
      .addColumn('register_id', 'integer', (c) => c.notNull())
      .addColumn('party_no', 'text', (c) => c.notNull())
      .addColumn('posting_date', 'text', (c) => c.notNull())
      .addColumn('document_type', 'text', (c) => c.notNull())
      .addColumn('document_no', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('currency_code', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('amount', 'text', (c) => c.notNull())
      .addColumn('amount_lcy', 'text', (c) => c.notNull())
      .addColumn('remaining_amount_lcy', 'text', (c) => c.notNull())
      .addColumn('open', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex(`${table}_by_party`).on(table).columns(['company_id', 'party_no', 'open']).execute();
  }
}
