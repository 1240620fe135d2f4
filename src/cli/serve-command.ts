import type { Command } from 'commander';
import { DEMO_PASSWORD } from '../demo/demo-data.ts';
import { seedDemoCompany } from '../demo/seed.ts';
import { openWerkstroom } from '../index.ts';
import { productJobHandlers, productRecurringJobs } from '../jobs/handlers.ts';
import { createWorker } from '../jobs/worker.ts';
import { configureNotifications } from '../notifications/index.ts';
import { buildServer } from '../server/build-server.ts';
import { readServeSettings, type ServeFlags } from '../server/settings.ts';
import type { CliContext } from './database-options.ts';
import { action, writeLine } from './output.ts';

/** `werkstroom serve`: the HTTP API (and, in time, the web UI) until stopped. */
export function addServeCommand(program: Command, cli: CliContext): void {
  const { io } = cli;
  program
    .command('serve')
    .description('run the server (settings from flags or WERKSTROOM_* variables)')
    .option('--host <address>', 'address to listen on (default 127.0.0.1)')
    .option('--port <port>', 'port (default 8080)')
    .option('--db <url>', 'database URL (default sqlite:./data/werkstroom.db)')
    .option('--smtp-url <url>', 'SMTP server for email')
    .option('--secret <text>', 'secret for CSRF tokens and signed links (32+ characters)')
    .option('--demo', 'seed the demo company on start (default on SQLite)')
    .option('--no-demo', 'do not seed the demo company')
    .option('--log', 'log requests as JSON lines')
    .option('--mail-from <address>', 'From address of emails')
    .option('--base-url <url>', 'public address used in links in emails (default http://localhost:<port>)')
    .option('--no-workers', 'do not run background jobs in this process (run `werkstroom worker` instead)')
    .action(
      action(io, async (flags: ServeFlags) => {
        const settings = readServeSettings(flags, cli.env);
        const app = await openWerkstroom({ databaseUrl: settings.databaseUrl, modules: cli.modules });
        const seeded = settings.demo ? await seedDemoCompany(app) : undefined;
        configureNotifications(app, {
          baseUrl: settings.baseUrl,
          linkSecret: settings.secret,
          ...(settings.smtpUrl ? { smtpUrl: settings.smtpUrl } : {}),
          ...(settings.mailFrom ? { from: settings.mailFrom } : {}),
        });
        const server = await buildServer({ app, secret: settings.secret, logger: settings.log });
        // Background jobs (notifications, overdue run, delegation, webhooks) run here unless
        // separate `werkstroom worker` processes are used.
        const worker = settings.workers
          ? createWorker({
              app,
              handlers: productJobHandlers(app),
              recurring: await productRecurringJobs(app),
              onError: (error) => writeLine(io.stderr, `worker error: ${(error as Error)?.message ?? String(error)}`),
            })
          : undefined;
        await worker?.start();
        const address = await server.listen({ host: settings.host, port: settings.port });
        writeLine(io.stdout, `Werkstroom is running at ${address.replace('127.0.0.1', 'localhost')}`);
        writeLine(io.stdout, `API reference: ${address}/api/docs`);
        if (seeded)
          writeLine(
            io.stdout,
            `Demo company ${seeded.company}: sign in as ADMIN, SEAN or ALICIA with password "${DEMO_PASSWORD}".`,
          );
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        writeLine(io.stdout, 'Stopping…');
        await server.close();
        await worker?.stop();
        await app.close();
      }),
    );
}
