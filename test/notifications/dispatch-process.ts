/**
 * A notification worker in a process of its own, for the two-process dispatch test:
 * `node --import tsx test/notifications/dispatch-process.ts <database-url> <smtp-url>` with
 * WORKER_ID in the environment. It runs the product's job handlers (so `notifications.dispatch`
 * jobs) with the SMTP URL configured, and sends From `<worker id>@werkstroom.test` so the test can
 * tell which process delivered a message. Prints `ready <worker id>` once it runs; stops cleanly
 * on SIGTERM.
 */
import { openWerkstroom } from '../../src/app/werkstroom.ts';
import { businessModules } from '../../src/business-modules.ts';
import { openDatabase } from '../../src/db/connect.ts';
import { productJobHandlers } from '../../src/jobs/handlers.ts';
import { createWorker } from '../../src/jobs/worker.ts';
import { configureNotifications } from '../../src/notifications/index.ts';

const [url, smtpUrl] = process.argv.slice(2);
if (!url || !smtpUrl) throw new Error('usage: dispatch-process.ts <database-url> <smtp-url>');
const workerId = process.env.WORKER_ID ?? `dispatch-${process.pid}`;

const database = await openDatabase(url, { migrate: false, poolSize: 6 });
const app = await openWerkstroom({ database, modules: businessModules });
configureNotifications(app, { smtpUrl, from: `${workerId}@werkstroom.test` });

const worker = createWorker({
  app,
  handlers: productJobHandlers(app),
  concurrency: 2,
  pollMs: 250,
  leaseMs: 60_000,
  workerId,
  onError: (error) => process.stderr.write(`worker error: ${String(error)}\n`),
});
await worker.start();
process.stdout.write(`ready ${worker.workerId}\n`);

const stop = async () => {
  await worker.stop();
  await database.close();
  process.stdout.write('stopped\n');
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
