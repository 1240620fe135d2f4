import type { Command } from 'commander';
import { DEMO_COMPANY, DEMO_USERS, DEMO_WORKFLOWS } from '../demo/demo-data.ts';
import { seedDemoCompany } from '../demo/seed.ts';
import { addDatabaseOption, type CliContext, type DatabaseOptions, databaseUrl, withApp } from './database-options.ts';
import { action, writeLine } from './output.ts';

/** `werkstroom start`: prepares the embedded database with the demo company and says what is there. */
export function addStartCommand(program: Command, cli: CliContext): void {
  const { io } = cli;
  addDatabaseOption(
    program.command('start').description('prepare the database and the demo company, and show how to use them'),
  ).action(
    action(io, async (options: DatabaseOptions) => {
      const url = databaseUrl(cli, options);
      const seeded = await withApp(cli, options, (app) => seedDemoCompany(app));
      writeLine(io.stdout, `Werkstroom is ready on ${url}.`);
      writeLine(
        io.stdout,
        `Demo company ${DEMO_COMPANY.code} ${seeded.created ? 'created' : 'found'}: users ${DEMO_USERS.map((u) => u.id).join(', ')}; enabled workflows ${DEMO_WORKFLOWS.map((w) => `${w}-01`).join(', ')}.`,
      );
      writeLine(io.stdout, 'Try: npm run werkstroom -- demo            (the purchase-order approval walkthrough)');
      writeLine(io.stdout, '     npm run werkstroom -- workflows list');
    }),
  );
}
