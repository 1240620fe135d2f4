import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../src/db/connect.ts';
import { LATEST_MIGRATION, migrateToLatest, pendingMigrations } from '../../src/db/migrate.ts';
import { listWorkflows } from '../../src/engine/definition/workflow-store.ts';
import { createWorkflow } from '../../src/engine/definition/workflows.ts';
import { handleEvent } from '../../src/engine/execution/handle-event.ts';
import { listInstances } from '../../src/engine/execution/instance-queries.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { insertExpense } from '../support/expense-module.ts';
import { enabledWorkflow, event, log, newTestCompany } from '../support/harness.ts';

describe('database URLs', () => {
  it('reads SQLite files, in-memory SQLite and PostgreSQL URLs', () => {
    expect(parseDatabaseUrl('sqlite:./data/werkstroom.db')).toEqual({
      dialect: 'sqlite',
      file: './data/werkstroom.db',
    });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ dialect: 'sqlite', file: ':memory:' });
    expect(parseDatabaseUrl('postgres://u@localhost:5432/db')).toMatchObject({ dialect: 'postgres' });
    expect(parseDatabaseUrl('postgresql://u@localhost/db')).toMatchObject({ dialect: 'postgres' });
  });

  it.each(['mysql://x', 'sqlite:', 'werkstroom.db', ''])('refuses %j with database-url-invalid', (url) => {
    expect(() => parseDatabaseUrl(url)).toThrow(expect.objectContaining({ code: 'database-url-invalid' }));
  });
});

describeEachDialect('storage', (db) => {
  it('migrations are applied once; running them again changes nothing', async () => {
    const handle = db();
    expect(await pendingMigrations(handle.db, handle.capabilities.name)).toEqual([]);
    const again = await migrateToLatest(handle.db, handle.capabilities.name);
    expect(again.results).toEqual([]);
    expect(LATEST_MIGRATION).toBe('0009-requisitions');
  });

  it('a company sees only its own workflows and instances', async () => {
    const acme = await newTestCompany(db());
    const other = await newTestCompany(db());
    await acme.run(async (ctx) => {
      await enabledWorkflow(ctx, 'SHARED', [
        event(1, null, 'expense.submitted'),
        log(2, 1, 'acme'),
        event(3, 2, 'expense.approved'),
        log(4, 3, 'x'),
      ]);
      await handleEvent(ctx, 'expense.submitted', await insertExpense(ctx, { no: 'E1', employee: 'Ann', amount: '1' }));
    });
    await other.run(async (ctx) => {
      expect(await listWorkflows(ctx)).toEqual([]);
      expect(await listInstances(ctx)).toEqual([]);
      // The same code is free in another company, and the same event there starts nothing of Acme's.
      await createWorkflow(ctx, { code: 'SHARED', description: 'Other company' });
      const outcome = await handleEvent(
        ctx,
        'expense.submitted',
        await insertExpense(ctx, { no: 'E1', employee: 'Bob', amount: '1' }),
      );
      expect(outcome.handled).toBe(false);
    });
    await acme.run(async (ctx) => expect(await listInstances(ctx)).toHaveLength(1));
  });
});
