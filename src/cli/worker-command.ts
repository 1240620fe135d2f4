import { type Command, InvalidArgumentError } from 'commander';
import { openWerkstroom } from '../index.ts';
import { productJobHandlers, productRecurringJobs } from '../jobs/handlers.ts';
import { createWorker } from '../jobs/worker.ts';
import { configureNotifications } from '../notifications/index.ts';
import { addDatabaseOption, type CliContext, type DatabaseOptions, databaseUrl } from './database-options.ts';
import { action, writeLine } from './output.ts';

interface WorkerFlags extends DatabaseOptions {
  readonly concurrency?: number;
  readonly pollMs?: number;
}

function positiveInteger(name: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1)
      throw new InvalidArgumentError(`${name} must be a whole number above 0.`);
    return number;
  };
}

/** `werkstroom worker`: runs the product's jobs until SIGINT or SIGTERM, then finishes the running ones. */
export function addWorkerCommand(program: Command, cli: CliContext): void {
  const { io } = cli;
  addDatabaseOption(
    program
      .command('worker')
      .description('run background jobs (notifications, webhooks, recurring jobs) until stopped'),
  )
    .option('--concurrency <n>', 'jobs run at the same time (default 2)', positiveInteger('--concurrency'))
    .option(
      '--poll-ms <ms>',
      'how often to look for due jobs when not woken (default 1000)',
      positiveInteger('--poll-ms'),
    )
    .action(
      action(io, async (flags: WorkerFlags) => {
        const app = await openWerkstroom({ databaseUrl: databaseUrl(cli, flags), modules: cli.modules });
        const env = cli.env;
        configureNotifications(app, {
          ...(env.WERKSTROOM_SMTP_URL ? { smtpUrl: env.WERKSTROOM_SMTP_URL } : {}),
          ...(env.WERKSTROOM_MAIL_FROM ? { from: env.WERKSTROOM_MAIL_FROM } : {}),
          ...(env.WERKSTROOM_BASE_URL ? { baseUrl: env.WERKSTROOM_BASE_URL } : {}),
          ...(env.WERKSTROOM_SECRET ? { linkSecret: env.WERKSTROOM_SECRET } : {}),
        });
        try {
          const handlers = productJobHandlers(app);
          const worker = createWorker({
            app,
            handlers,
            recurring: await productRecurringJobs(app),
            concurrency: flags.concurrency ?? 2,
            pollMs: flags.pollMs ?? 1000,
            onError: (error) => writeLine(io.stderr, `worker error: ${(error as Error)?.message ?? String(error)}`),
          });
          await worker.start();
          const stopped = new Promise<NodeJS.Signals>((resolve) => {
            const stop = (signal: NodeJS.Signals) => {
              process.off('SIGINT', stop);
              process.off('SIGTERM', stop);
              resolve(signal);
            };
            process.on('SIGINT', stop);
            process.on('SIGTERM', stop);
          });
          const kinds = Object.keys(handlers).sort().join(', ') || 'none registered';
          writeLine(
            io.stdout,
            `Worker ${worker.workerId} is running (concurrency ${flags.concurrency ?? 2}; job kinds: ${kinds}).`,
          );
          const signal = await stopped;
          writeLine(io.stdout, `${signal}: stopping, waiting for running jobs…`);
          await worker.stop();
          writeLine(io.stdout, 'Worker stopped.');
        } finally {
          await app.close();
        }
      }),
    );
}
