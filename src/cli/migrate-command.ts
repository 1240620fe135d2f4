import type { Command } from 'commander';
import { migrateToLatest, openDatabase } from '../index.ts';
import { addDatabaseOption, type CliContext, type DatabaseOptions, databaseUrl } from './database-options.ts';
import { action, writeLine } from './output.ts';

export function addMigrateCommand(program: Command, cli: CliContext): void {
  const { io } = cli;
  addDatabaseOption(program.command('migrate').description('apply pending database migrations')).action(
    action(io, async (options: DatabaseOptions) => {
      const handle = await openDatabase(databaseUrl(cli, options), { migrate: false });
      try {
        const { results = [] } = await migrateToLatest(handle.db, handle.capabilities.name);
        const applied = results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
        for (const name of applied) writeLine(io.stdout, `Applied migration ${name}.`);
        if (applied.length === 0) writeLine(io.stdout, 'Database is up to date.');
      } finally {
        await handle.close();
      }
    }),
  );
}
