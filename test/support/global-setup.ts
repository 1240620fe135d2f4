import pg from 'pg';
import type { TestProject } from 'vitest/node';

export interface PostgresAvailability {
  readonly url: string;
  readonly available: boolean;
  readonly reason: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresAvailability;
  }
}

/** Finds out once per run whether PostgreSQL tests can run; under CI they must. */
export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.WERKSTROOM_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  let available = false;
  let reason = '';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    available = true;
  } catch (error) {
    reason = `no PostgreSQL reachable at ${url.replace(/\/\/[^@]*@/, '//')}: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
  if (!available && process.env.CI === 'true') {
    throw new Error(`PostgreSQL tests must run under CI, but ${reason}`);
  }
  project.provide('postgres', { url, available, reason });
}
