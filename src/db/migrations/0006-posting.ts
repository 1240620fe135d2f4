import type { Kysely } from 'kysely';
import type { DialectName } from '../capabilities.ts';
import { identity } from './0001-workflow-core.ts';

/** Posted documents and lines, posted approval entries (with their history) and comments. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('posted_document_header')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('no', 'text', (c) => c.notNull())
    .addColumn('pre_assigned_no', 'text', (c) => c.notNull())
    .addColumn('source_document_type', 'text', (c) => c.notNull())
    .addColumn('party_no', 'text', (c) => c.notNull())
    .addColumn('party_name', 'text', (c) => c.notNull())
    .addColumn('salesperson_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('currency_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('exchange_rate', 'text', (c) => c.notNull())
    .addColumn('invoice_discount', 'text', (c) => c.notNull())
    .addColumn('line_total', 'text', (c) => c.notNull())
    .addColumn('amount', 'text', (c) => c.notNull())
    .addColumn('amount_lcy', 'text', (c) => c.notNull())
    .addColumn('document_date', 'text', (c) => c.notNull())
    .addColumn('posting_date', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('posted_by', 'text', (c) => c.notNull())
    .addColumn('posted_at', 'text', (c) => c.notNull())
    .addColumn('register_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('posted_document_header_pk', ['company_id', 'area', 'document_type', 'no'])
    .execute();
  await db.schema
    .createIndex('posted_document_header_by_source')
    .on('posted_document_header')
    .columns(['company_id', 'area', 'pre_assigned_no'])
    .execute();

  await db.schema
    .createTable('posted_document_line')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('document_no', 'text', (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('no', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('quantity', 'text', (c) => c.notNull())
    .addColumn('unit_price', 'text', (c) => c.notNull())
    .addColumn('line_amount', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('posted_document_line_pk', [
      'company_id',
      'area',
      'document_type',
      'document_no',
      'line_no',
    ])
    .execute();

  await db.schema
    .createTable('posted_approval_entry')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('posted_table', 'text', (c) => c.notNull())
    .addColumn('posted_key', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'integer', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('document_type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('document_no', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('approval_code', 'text', (c) => c.notNull())
    .addColumn('sender_id', 'text', (c) => c.notNull())
    .addColumn('salesperson_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('approver_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('modified_at', 'text', (c) => c.notNull())
    .addColumn('modified_by', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('amount', 'text', (c) => c.notNull().defaultTo('0'))
    .addColumn('amount_lcy', 'text', (c) => c.notNull().defaultTo('0'))
    .addColumn('currency_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('approval_type', 'text', (c) => c.notNull())
    .addColumn('limit_type', 'text', (c) => c.notNull())
    .addColumn('available_credit_lcy', 'text')
    .addColumn('delegation_formula', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('group_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('closed_by_peer', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('posted_by', 'text', (c) => c.notNull())
    .addColumn('posted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('posted_approval_entry_by_record')
    .on('posted_approval_entry')
    .columns(['company_id', 'posted_table', 'posted_key'])
    .execute();

  await db.schema
    .createTable('posted_approval_entry_event')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('posted_entry_id', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('to_status', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('from_approver', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('to_approver', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('by_user', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('posted_approval_entry_event_by_entry')
    .on('posted_approval_entry_event')
    .columns(['company_id', 'posted_entry_id'])
    .execute();

  await db.schema
    .createTable('posted_approval_comment')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('posted_table', 'text', (c) => c.notNull())
    .addColumn('posted_key', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('posted_approval_comment_by_record')
    .on('posted_approval_comment')
    .columns(['company_id', 'posted_table', 'posted_key'])
    .execute();
}
