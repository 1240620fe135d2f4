import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { DialectName } from '../capabilities.ts';

/** An integer primary key the database fills in: the one column type the dialects spell differently. */
export function identity(dialect: DialectName) {
  return (col: ColumnDefinitionBuilder) =>
    dialect === 'sqlite' ? col.primaryKey().autoIncrement() : col.primaryKey().generatedByDefaultAsIdentity();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('company')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('workflow_category')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('workflow_category_pk', ['company_id', 'code'])
    .execute();

  await db.schema
    .createTable('workflow')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('template', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('current_version_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('workflow_company_code', ['company_id', 'code'])
    .execute();

  await db.schema
    .createTable('workflow_step')
    .addColumn('workflow_id', 'integer', (c) => c.notNull().references('workflow.id').onDelete('cascade'))
    .addColumn('step_id', 'integer', (c) => c.notNull())
    .addColumn('previous_step_id', 'integer')
    .addColumn('next_step_id', 'integer')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('function_code', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('entry_point', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('argument', 'text')
    .addColumn('rules', 'text')
    .addPrimaryKeyConstraint('workflow_step_pk', ['workflow_id', 'step_id'])
    .execute();

  await db.schema
    .createTable('workflow_version')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('workflow_id', 'integer', (c) => c.notNull())
    .addColumn('workflow_code', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('workflow_entry_event')
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('event_code', 'text', (c) => c.notNull())
    .addColumn('workflow_code', 'text', (c) => c.notNull())
    .addColumn('workflow_id', 'integer', (c) => c.notNull())
    .addColumn('version_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('workflow_entry_event_pk', ['company_id', 'event_code', 'workflow_code'])
    .execute();

  await db.schema
    .createTable('workflow_instance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('workflow_code', 'text', (c) => c.notNull())
    .addColumn('version_id', 'integer', (c) => c.notNull())
    .addColumn('record_table', 'text', (c) => c.notNull())
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('workflow_instance_by_workflow')
    .on('workflow_instance')
    .columns(['company_id', 'workflow_code'])
    .execute();
  await db.schema
    .createIndex('workflow_instance_by_record')
    .on('workflow_instance')
    .columns(['company_id', 'record_table', 'record_key'])
    .execute();

  await db.schema
    .createTable('workflow_instance_wait')
    .addColumn('instance_id', 'text', (c) => c.notNull().references('workflow_instance.id').onDelete('cascade'))
    .addColumn('step_id', 'integer', (c) => c.notNull())
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('event_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('previous_record_table', 'text')
    .addColumn('previous_record_key', 'text')
    .addPrimaryKeyConstraint('workflow_instance_wait_pk', ['instance_id', 'step_id'])
    .execute();
  await db.schema
    .createIndex('workflow_instance_wait_by_event')
    .on('workflow_instance_wait')
    .columns(['company_id', 'event_code', 'status'])
    .execute();

  await db.schema
    .createTable('workflow_relation_value')
    .addColumn('instance_id', 'text', (c) => c.notNull().references('workflow_instance.id').onDelete('cascade'))
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('match_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('workflow_relation_value_pk', ['instance_id', 'table_name', 'match_key'])
    .execute();
  await db.schema
    .createIndex('workflow_relation_value_by_match')
    .on('workflow_relation_value')
    .columns(['company_id', 'table_name', 'match_key'])
    .execute();

  await db.schema
    .createTable('workflow_instance_archive')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('workflow_code', 'text', (c) => c.notNull())
    .addColumn('version_id', 'integer', (c) => c.notNull())
    .addColumn('record_table', 'text', (c) => c.notNull())
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('workflow_instance_archive_by_record')
    .on('workflow_instance_archive')
    .columns(['company_id', 'record_table', 'record_key'])
    .execute();
}
