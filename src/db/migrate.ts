import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import type { DialectName } from './capabilities.ts';
import * as m0001 from './migrations/0001-workflow-core.ts';
import * as m0002 from './migrations/0002-business.ts';
import * as m0003 from './migrations/0003-server.ts';
import * as m0004 from './migrations/0004-jobs-notifications.ts';
import * as m0005 from './migrations/0005-ledger.ts';
import * as m0006 from './migrations/0006-posting.ts';
import * as m0007 from './migrations/0007-journals.ts';
import * as m0008 from './migrations/0008-record-changes.ts';
import * as m0009 from './migrations/0009-requisitions.ts';
import type { Database } from './schema.ts';

interface MigrationModule {
  // biome-ignore lint/suspicious/noExplicitAny: see 0001
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
}

/** Forward-only, numbered; a name is never reused or edited once released. */
const MIGRATIONS: ReadonlyArray<readonly [string, MigrationModule]> = [
  ['0001-workflow-core', m0001],
  ['0002-business', m0002],
  ['0003-server', m0003],
  ['0004-jobs-notifications', m0004],
  ['0005-ledger', m0005],
  ['0006-posting', m0006],
  ['0007-journals', m0007],
  ['0008-record-changes', m0008],
  ['0009-requisitions', m0009],
];

export function migrator(db: Kysely<Database>, dialect: DialectName): Migrator {
  return new Migrator({
    db,
    migrationTableName: 'werkstroom_migration',
    migrationLockTableName: 'werkstroom_migration_lock',
    provider: {
      async getMigrations() {
        const all: Record<string, Migration> = {};
        for (const [name, module] of MIGRATIONS) all[name] = { up: (tx) => module.up(tx, dialect) };
        return all;
      },
    },
  });
}

/** Applies every pending migration; the result lists each step so callers can say which one failed. */
export async function migrateToLatest(db: Kysely<Database>, dialect: DialectName): Promise<MigrationResultSet> {
  const result = await migrator(db, dialect).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed} failed: ${cause}`, { cause: result.error });
  }
  return result;
}

/** Names of migrations not yet applied (for readiness checks). */
export async function pendingMigrations(db: Kysely<Database>, dialect: DialectName): Promise<string[]> {
  const all = await migrator(db, dialect).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

export const LATEST_MIGRATION = MIGRATIONS[MIGRATIONS.length - 1]?.[0];
