import type { Kysely } from 'kysely';
import type { DialectName } from '../capabilities.ts';

/** General journal templates, batches and lines. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was then
export async function up(_db: Kysely<any>, _dialect: DialectName): Promise<void> {}
