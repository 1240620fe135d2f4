import type { Kysely } from 'kysely';
import type { DialectName } from '../capabilities.ts';
import { identity } from './0001-workflow-core.ts';

/** Held field changes (old and new value until approved). */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('record_change')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('field_name', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text', (c) => c.notNull())
    .addColumn('new_value', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('workflow_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('held'))
    .addColumn('inactive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('record_change_record_idx')
    .on('record_change')
    .columns(['company_id', 'table_name', 'record_key'])
    .execute();
  await db.schema
    .createIndex('record_change_instance_idx')
    .on('record_change')
    .columns(['company_id', 'instance_id'])
    .execute();
}
