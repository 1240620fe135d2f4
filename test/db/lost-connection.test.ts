import { sql } from 'kysely';
import pg from 'pg';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../support/dialects.ts';

describeEachDialect('a lost database connection', (db, dialect) => {
  it('an idle connection the server ends is dropped quietly, and the next query opens a new one', async () => {
    const handle = db();
    const pidOf = async () =>
      dialect === 'postgres'
        ? Number((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db)).rows[0]?.pid)
        : 0;
    const first = await pidOf();
    if (dialect === 'postgres') {
      // The administrator ends the (now idle) pooled connection; without a pool error listener
      // this would surface as an uncaught exception and stop the process.
      const admin = new pg.Client({ connectionString: handle.url });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [first]);
      await admin.end();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const rows = await handle.db.selectFrom('company').select('id').execute();
    expect(Array.isArray(rows)).toBe(true);
  });
});
