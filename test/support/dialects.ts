import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { DialectName } from '../../src/db/capabilities.ts';
import { type DatabaseHandle, openDatabase } from '../../src/db/connect.ts';

export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

/** A fresh database of the dialect, migrated; PostgreSQL ones are created here and dropped after. */
export async function createTestDatabase(dialect: DialectName): Promise<DatabaseHandle> {
  if (dialect === 'sqlite') return openDatabase('sqlite::memory:');
  const { url } = inject('postgres');
  const name = `werkstroom_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = await openDatabase(target.toString(), { poolSize: 4 });
  return {
    ...handle,
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/**
 * Runs the same suite on SQLite and on PostgreSQL, with the dialect in every title. Without a
 * reachable PostgreSQL (outside CI) its half is reported as skipped, with the reason.
 */
export function describeEachDialect(title: string, suite: (db: () => DatabaseHandle, dialect: DialectName) => void) {
  for (const dialect of DIALECTS) {
    const pgState = inject('postgres');
    const skip = dialect === 'postgres' && !pgState.available;
    const fullTitle = skip ? `${dialect}: ${title} (skipped: ${pgState.reason})` : `${dialect}: ${title}`;
    (skip ? describe.skip : describe)(fullTitle, () => {
      let handle: DatabaseHandle | undefined;
      beforeAll(async () => {
        handle = await createTestDatabase(dialect);
      });
      afterAll(async () => {
        await handle?.close();
      });
      suite(() => {
        if (!handle) throw new Error('test database not ready');
        return handle;
      }, dialect);
    });
  }
}
