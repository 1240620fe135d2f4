import type { Kysely } from 'kysely';
import type { DialectName } from '../capabilities.ts';

/** Requisition worksheets and their lines (quantities as exact decimal text). */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('requisition_worksheet')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('requisition_worksheet_pk', ['company_id', 'name'])
    .execute();

  await db.schema
    .createTable('requisition_line')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('worksheet_name', 'text', (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().defaultTo('item'))
    .addColumn('no', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('quantity', 'text', (c) => c.notNull())
    .addColumn('vendor_no', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('requisition_line_pk', ['company_id', 'worksheet_name', 'line_no'])
    .execute();
}
