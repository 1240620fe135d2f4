import type { Kysely } from 'kysely';
import type { DialectName } from '../capabilities.ts';
import { identity } from './0001-workflow-core.ts';

/**
 * Business records, approval setup and approval entries. Amounts are exact decimal strings
 * (TEXT): they are compared in code with decimal arithmetic, never as floating point.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('company')
    .addColumn('forbid_self_approval', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('company')
    .addColumn('currency_code', 'text', (c) => c.notNull().defaultTo('EUR'))
    .execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('number_series')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('width', 'integer', (c) => c.notNull().defaultTo(4))
    .addPrimaryKeyConstraint('number_series_pk', ['company_id', 'code'])
    .execute();

  await db.schema
    .createTable('salesperson_purchaser')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('salesperson_purchaser_pk', ['company_id', 'code'])
    .execute();

  await db.schema
    .createTable('currency')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('decimals', 'integer', (c) => c.notNull().defaultTo(2))
    .addPrimaryKeyConstraint('currency_pk', ['company_id', 'code'])
    .execute();

  await db.schema
    .createTable('currency_exchange_rate')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('currency_code', 'text', (c) => c.notNull())
    .addColumn('starting_date', 'text', (c) => c.notNull())
    /** Local currency (LCY) per one unit of the currency. */
    .addColumn('rate', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('currency_exchange_rate_pk', ['company_id', 'currency_code', 'starting_date'])
    .execute();

  await db.schema
    .createTable('customer')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('no', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('salesperson_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('currency_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('credit_limit_lcy', 'text', (c) => c.notNull().defaultTo('0'))
    .addColumn('blocked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('customer_pk', ['company_id', 'no'])
    .execute();

  await db.schema
    .createTable('vendor')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('no', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('purchaser_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('currency_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('blocked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('vendor_pk', ['company_id', 'no'])
    .execute();

  await db.schema
    .createTable('item')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('no', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('unit_price', 'text', (c) => c.notNull().defaultTo('0'))
    .addColumn('blocked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('item_pk', ['company_id', 'no'])
    .execute();

  // Purchase and sales documents share one shape; `area` tells them apart.
  await db.schema
    .createTable('document_header')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('no', 'text', (c) => c.notNull())
    .addColumn('party_no', 'text', (c) => c.notNull())
    .addColumn('party_name', 'text', (c) => c.notNull())
    .addColumn('salesperson_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('currency_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('exchange_rate', 'text', (c) => c.notNull().defaultTo('1'))
    .addColumn('invoice_discount', 'text', (c) => c.notNull().defaultTo('0'))
    .addColumn('document_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('document_header_pk', ['company_id', 'area', 'document_type', 'no'])
    .execute();

  await db.schema
    .createTable('document_line')
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
    .addPrimaryKeyConstraint('document_line_pk', ['company_id', 'area', 'document_type', 'document_no', 'line_no'])
    .execute();

  await db.schema
    .createTable('approval_user_setup')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('salesperson_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('approver_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sales_limit', 'text', (c) => c.notNull().defaultTo('0'))
    .addColumn('unlimited_sales', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('purchase_limit', 'text', (c) => c.notNull().defaultTo('0'))
    .addColumn('unlimited_purchase', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('request_limit', 'text', (c) => c.notNull().defaultTo('0'))
    .addColumn('unlimited_request', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('substitute', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('approval_administrator', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('approval_user_setup_pk', ['company_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('workflow_user_group')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('parallel_policy', 'text', (c) => c.notNull().defaultTo('all'))
    .addColumn('quorum', 'integer')
    .addPrimaryKeyConstraint('workflow_user_group_pk', ['company_id', 'code'])
    .execute();

  await db.schema
    .createTable('workflow_user_group_member')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('workflow_user_group_member_pk', ['company_id', 'group_code', 'user_id'])
    .execute();

  await db.schema
    .createTable('approval_entry')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
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
    /** Why this approver: the limit, chain step or group sequence that put them here. */
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('closed_by_peer', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('approval_entry_by_record')
    .on('approval_entry')
    .columns(['company_id', 'table_name', 'record_key', 'instance_id'])
    .execute();
  await db.schema
    .createIndex('approval_entry_by_approver')
    .on('approval_entry')
    .columns(['company_id', 'approver_id', 'status'])
    .execute();

  /** Every change of an approval entry: who, when, from which channel, and why. */
  await db.schema
    .createTable('approval_entry_event')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('entry_id', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('to_status', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('from_approver', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('to_approver', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('by_user', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('api'))
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('approval_entry_event_by_entry')
    .on('approval_entry_event')
    .columns(['company_id', 'entry_id'])
    .execute();

  await db.schema
    .createTable('approval_comment')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('approval_comment_by_record')
    .on('approval_comment')
    .columns(['company_id', 'table_name', 'record_key'])
    .execute();

  await db.schema
    .createTable('restricted_record')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('workflow_code', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('restricted_record_pk', ['company_id', 'table_name', 'record_key'])
    .execute();

  /** Notifications waiting for delivery (delivery itself belongs to the dispatcher). */
  await db.schema
    .createTable('notification_entry')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('sender_id', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('approval_entry_id', 'integer')
    .addColumn('custom_link', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('notification_entry_by_recipient')
    .on('notification_entry')
    .columns(['company_id', 'recipient_id', 'type'])
    .execute();
}
