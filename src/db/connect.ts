import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { invalid } from '../shared/errors.ts';
import { CAPABILITIES, type DialectCapabilities, type DialectName } from './capabilities.ts';
import { migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';

export const DEFAULT_DATABASE_URL = 'sqlite:./data/werkstroom.db';

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly capabilities: DialectCapabilities;
  readonly url: string;
  close(): Promise<void>;
}

export type ParsedDatabaseUrl =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | { readonly dialect: 'postgres'; readonly connectionString: string };

/** Reads `sqlite:<file>`, `sqlite::memory:` or `postgres://…` / `postgresql://…`. */
export function parseDatabaseUrl(url: string): ParsedDatabaseUrl {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file === '') throw invalid('database-url-invalid', `Database URL "${url}" names no SQLite file.`);
    return { dialect: 'sqlite', file };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      throw invalid('database-url-invalid', `Database URL "${url}" is not a valid PostgreSQL URL.`);
    }
    return { dialect: 'postgres', connectionString: url };
  }
  throw invalid(
    'database-url-invalid',
    `Database URL "${url}" is not supported: use sqlite:<file>, sqlite::memory: or postgres://…`,
  );
}

// int8 (counts, sums of integers) as JS numbers; numeric stays a string so decimals stay exact.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

function sqliteDialect(file: string): SqliteDialect {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const database = new SQLite(file);
  // One writer at a time is SQLite's model; WAL lets readers continue while it writes.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  cacheStatements(database);
  return new SqliteDialect({ database });
}

/**
 * The query builder prepares every statement anew; with one connection used by one command at a
 * time, a prepared statement can be reused for the same SQL, which saves most of that work.
 */
function cacheStatements(database: SQLite.Database): void {
  const prepare = database.prepare.bind(database);
  const cache = new Map<string, SQLite.Statement>();
  database.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      if (cache.size >= 1000) cache.clear();
      statement = prepare(source);
      cache.set(source, statement);
    }
    return statement;
  }) as typeof database.prepare;
}

export interface OpenOptions {
  /** Apply pending migrations (default true). */
  readonly migrate?: boolean;
  /** PostgreSQL pool size (default 10). */
  readonly poolSize?: number;
}

/**
 * A connection pool that survives losing an idle connection (server restart, administrator
 * termination): the pool discards that client and the next query opens a new one. Without a
 * listener, Node would treat the idle client's error as an uncaught exception and stop.
 */
function postgresPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max });
  pool.on('error', () => {});
  return pool;
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<DatabaseHandle> {
  const parsed = parseDatabaseUrl(url);
  const dialectName: DialectName = parsed.dialect;
  const dialect =
    parsed.dialect === 'sqlite'
      ? sqliteDialect(parsed.file)
      : new PostgresDialect({ pool: postgresPool(parsed.connectionString, options.poolSize ?? 10) });
  const db = new Kysely<Database>({ dialect });
  try {
    if (options.migrate ?? true) await migrateToLatest(db, dialectName);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, capabilities: CAPABILITIES[dialectName], url, close: () => db.destroy() };
}
