import { type Command, InvalidArgumentError } from 'commander';
import {
  createWebhookSubscription,
  deleteWebhookSubscription,
  listWebhookDeliveries,
  listWebhookSubscriptions,
  validateWebhookUrl,
  WEBHOOK_EVENTS,
} from '../webhooks/index.ts';
import { addScopeOptions, type CliContext, inCompany, type ScopeOptions } from './database-options.ts';
import { action, formatTable, writeJson, writeLine } from './output.ts';

/** A subscription id on the command line: a positive whole number, else a usage error (exit 2). */
function webhookId(text: string): number {
  const id = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(id) || id < 1)
    throw new InvalidArgumentError('The webhook id must be a positive whole number.');
  return id;
}

/** `--event` may be given several times, and each may list events separated by commas. */
function collectEvents(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e !== ''),
  ];
}

export function addWebhookCommands(program: Command, cli: CliContext): void {
  const { io } = cli;
  const webhooks = program.command('webhooks').description('list, add and remove webhook subscriptions');

  addScopeOptions(webhooks.command('list').description("list the company's webhook subscriptions"))
    .option('--json', 'print JSON instead of a table')
    .action(
      action(io, async (options: ScopeOptions & { json?: boolean }) => {
        const list = await inCompany(cli, options, (ctx) => listWebhookSubscriptions(ctx));
        if (options.json) return writeJson(io.stdout, list);
        if (list.length === 0) return writeLine(io.stdout, 'No webhooks.');
        const rows = list.map((s) => [String(s.id), s.url, s.events.join(','), s.enabled ? 'yes' : 'no']);
        io.stdout.write(formatTable(['ID', 'URL', 'EVENTS', 'ENABLED'], rows));
      }),
    );

  addScopeOptions(webhooks.command('add').description('subscribe a URL to events; prints the signing secret once'))
    .argument('<url>', 'http:// or https:// URL that receives the deliveries')
    .requiredOption('--event <event>', `event to deliver, repeatable (${WEBHOOK_EVENTS.join(', ')})`, collectEvents)
    .option('--json', 'print JSON (with the secret) instead of text')
    .action(
      action(io, async (url: string, options: ScopeOptions & { event: string[]; json?: boolean }) => {
        validateWebhookUrl(url); // before the database is opened
        const created = await inCompany(cli, options, (ctx) =>
          createWebhookSubscription(ctx, { url, events: options.event }),
        );
        if (options.json) return writeJson(io.stdout, created);
        writeLine(io.stdout, `Webhook ${created.id} delivers ${created.events.join(', ')} to ${created.url}.`);
        writeLine(io.stdout, `Signing secret (shown only now, keep it safe): ${created.secret}`);
      }),
    );

  addScopeOptions(webhooks.command('remove').description('delete a webhook subscription; its delivery log stays'))
    .argument('<id>', 'webhook id (see "webhooks list")', webhookId)
    .action(
      action(io, async (id: number, options: ScopeOptions) => {
        await inCompany(cli, options, (ctx) => deleteWebhookSubscription(ctx, id));
        writeLine(io.stdout, `Webhook ${id} is removed.`);
      }),
    );

  addScopeOptions(webhooks.command('deliveries').description("a webhook's delivery log, newest first"))
    .argument('<id>', 'webhook id (see "webhooks list")', webhookId)
    .option('--json', 'print JSON instead of a table')
    .action(
      action(io, async (id: number, options: ScopeOptions & { json?: boolean }) => {
        const list = await inCompany(cli, options, (ctx) => listWebhookDeliveries(ctx, id));
        if (options.json) return writeJson(io.stdout, list);
        if (list.length === 0) return writeLine(io.stdout, `No deliveries for webhook ${id}.`);
        const rows = list.map((d) => [
          String(d.id),
          d.event,
          d.status,
          String(d.attempts),
          d.responseStatus === null ? '' : String(d.responseStatus),
          d.createdAt,
          d.deliveredAt ?? '',
          d.lastError,
        ]);
        io.stdout.write(
          formatTable(['ID', 'EVENT', 'STATUS', 'ATTEMPTS', 'RESPONSE', 'CREATED', 'DELIVERED', 'ERROR'], rows),
        );
      }),
    );
}
