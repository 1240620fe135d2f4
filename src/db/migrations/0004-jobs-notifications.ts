import type { Kysely } from 'kysely';
import type { DialectName } from '../capabilities.ts';
import { identity } from './0001-workflow-core.ts';

/** Durable jobs, notification setup and delivery, signed email links, webhooks. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('job')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('kind', 'text', (c) => c.notNull())
    /** Scheduling the same key twice while one is waiting is a no-op. */
    .addColumn('job_key', 'text')
    .addColumn('company_id', 'integer')
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('last_error', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('job_due').on('job').columns(['status', 'run_at']).execute();
  await db.schema.createIndex('job_key_unique').on('job').column('job_key').unique().execute();

  await db.schema
    .createTable('recurring_job')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('cron', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('next_run_at', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('notification_setup')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    /** '' is the company default. */
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('recurrence', 'text', (c) => c.notNull().defaultTo('instantly'))
    /** JSON: time, weekdays, monthly rule … */
    .addColumn('schedule', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('next_run_at', 'text')
    .addPrimaryKeyConstraint('notification_setup_pk', ['company_id', 'user_id', 'type'])
    .execute();

  await db.schema.alterTable('notification_entry').addColumn('available_at', 'text').execute();
  await db.schema.alterTable('notification_entry').addColumn('next_attempt_at', 'text').execute();

  await db.schema
    .createTable('sent_notification')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    /** JSON list of the notification entries combined into this message. */
    .addColumn('entries', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('sent_notification_by_recipient')
    .on('sent_notification')
    .columns(['company_id', 'recipient_id', 'method'])
    .execute();

  await db.schema
    .createTable('message_template')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_template_pk', ['company_id', 'type', 'language'])
    .execute();

  /** Used email-link tokens (one row per token id): a second use finds its row. */
  await db.schema
    .createTable('email_link_use')
    .addColumn('jti', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('entry_id', 'integer', (c) => c.notNull())
    .addColumn('used_by', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('overdue_approval_entry')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('entry_id', 'integer', (c) => c.notNull())
    .addColumn('sent_to', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('run_date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('webhook_subscription')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('url', 'text', (c) => c.notNull())
    /** JSON list of event names. */
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('webhook_delivery')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('subscription_id', 'integer', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('response_status', 'integer')
    .addColumn('last_error', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
}
