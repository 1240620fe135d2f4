import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { runPurchaseOrderWalkthrough } from '../demo/walkthrough.ts';
import { openWerkstroom } from '../index.ts';
import { addDatabaseOption, type CliContext, type DatabaseOptions, databaseUrl } from './database-options.ts';
import { action, writeLine } from './output.ts';

/** `werkstroom demo`: the purchase-order walkthrough on a fresh database, ending with one line of JSON. */
export function addDemoCommand(program: Command, cli: CliContext): void {
  const { io } = cli;
  addDatabaseOption(
    program
      .command('demo')
      .description('run the purchase-order approval walkthrough (on a temporary database unless --db is given)'),
  ).action(
    action(io, async (options: DatabaseOptions) => {
      const scratch = options.db ? undefined : mkdtempSync(join(tmpdir(), 'werkstroom-demo-'));
      const url = scratch ? `sqlite:${join(scratch, 'demo.db')}` : databaseUrl(cli, options);
      const app = await openWerkstroom({ databaseUrl: url, modules: cli.modules });
      try {
        const summary = await runPurchaseOrderWalkthrough(app, (line) => writeLine(io.stdout, line));
        writeLine(io.stdout, JSON.stringify(summary));
      } finally {
        await app.close();
        if (scratch) rmSync(scratch, { recursive: true, force: true });
      }
    }),
  );
}
