import type { Kysely } from 'kysely';
import type { DialectName } from '../capabilities.ts';

/** General journal templates, batches and lines (amounts as exact decimal text). */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('gen_journal_template')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('gen_journal_template_pk', ['company_id', 'name'])
    .execute();

  await db.schema
    .createTable('gen_journal_batch')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('template_name', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('bal_account_type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('bal_account_no', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('no_series', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('gen_journal_batch_pk', ['company_id', 'template_name', 'name'])
    .execute();

  await db.schema
    .createTable('gen_journal_line')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('template_name', 'text', (c) => c.notNull())
    .addColumn('batch_name', 'text', (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('posting_date', 'text', (c) => c.notNull())
    .addColumn('document_type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('document_no', 'text', (c) => c.notNull())
    .addColumn('account_type', 'text', (c) => c.notNull())
    .addColumn('account_no', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('amount', 'text', (c) => c.notNull())
    .addColumn('bal_account_type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('bal_account_no', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('applies_to_doc_no', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('system_created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('gen_journal_line_pk', ['company_id', 'template_name', 'batch_name', 'line_no'])
    .execute();
  await db.schema
    .createIndex('gen_journal_line_by_applies_to')
    .on('gen_journal_line')
    .columns(['company_id', 'applies_to_doc_no'])
    .execute();
}
