import type { Kysely } from 'kysely';
import type { DialectName } from '../capabilities.ts';
import { identity } from './0001-workflow-core.ts';

/** Sign-in, sessions, API tokens and who may work in which company. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('user_password')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  /** Sessions are stored by the SHA-256 of their token, so a stolen table holds no usable token. */
  await db.schema
    .createTable('session')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('session_by_user').on('session').column('user_id').execute();

  await db.schema
    .createTable('api_token')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('company_member')
    .addColumn('company_id', 'integer', (c) => c.notNull().references('company.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    /** Comma-separated: workflow-admin, approval-admin, user. */
    .addColumn('roles', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('company_member_pk', ['company_id', 'user_id'])
    .execute();
}
