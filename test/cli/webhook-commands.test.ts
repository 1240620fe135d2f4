import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWerkstroom } from '../../src/app/werkstroom.ts';
import { businessModules } from '../../src/business-modules.ts';
import { publishWebhookEvent } from '../../src/webhooks/index.ts';
import { cli, FIXED_NOW, seedDatabase, tempDir } from './cli-harness.ts';

const dir = tempDir();
const db = `sqlite:${dir.file('webhooks.db')}`;
const acme = ['--db', db, '--company', 'ACME'];
const run = (args: readonly string[]) => cli(args, { modules: businessModules });

beforeAll(async () => {
  await seedDatabase(db, ['ACME', 'OTHER']);
});
afterAll(() => dir.remove());

/** Publishes `event` in ACME as a business action would (a delivery row per interested subscription). */
async function publish(event: 'approval-requested' | 'entry-decided'): Promise<number[]> {
  const app = await openWerkstroom({ databaseUrl: db, modules: businessModules, clock: () => FIXED_NOW });
  try {
    return await app.run({ company: 'ACME', userId: 'ADMIN' }, (ctx) => publishWebhookEvent(ctx, event, { n: 1 }));
  } finally {
    await app.close();
  }
}

describe('werkstroom webhooks', () => {
  let id = 0;

  it('says so when a company has no webhooks', async () => {
    const result = await run(['webhooks', 'list', ...acme]);
    expect(result).toMatchObject({ exitCode: 0, stdout: 'No webhooks.\n', stderr: '' });
  });

  it('adds a subscription with repeated --event and prints its secret once', async () => {
    const result = await run([
      'webhooks',
      'add',
      'https://hooks.example.com/werkstroom',
      '--event',
      'approval-requested',
      '--event',
      'entry-decided',
      ...acme,
    ]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    const match =
      /^Webhook (\d+) delivers approval-requested, entry-decided to https:\/\/hooks\.example\.com\/werkstroom\.\nSigning secret \(shown only now, keep it safe\): (whsec_[\w-]{43})\n$/.exec(
        result.stdout,
      );
    expect(match, result.stdout).not.toBeNull();
    id = Number(match?.[1]);
    const secret = match?.[2] ?? '';

    const list = await run(['webhooks', 'list', ...acme]);
    expect(list.exitCode).toBe(0);
    expect(list.stdout.split('\n')).toEqual([
      'ID  URL                                   EVENTS                            ENABLED',
      `${id}   https://hooks.example.com/werkstroom  approval-requested,entry-decided  yes`,
      '',
    ]);
    expect(list.stdout).not.toContain(secret);
    const json = await run(['webhooks', 'list', ...acme, '--json']);
    expect(JSON.parse(json.stdout)).toEqual([
      {
        id,
        url: 'https://hooks.example.com/werkstroom',
        events: ['approval-requested', 'entry-decided'],
        enabled: true,
        createdAt: expect.any(String),
      },
    ]);
    expect(json.stdout).not.toContain(secret);
    // Another company does not see it.
    expect((await run(['webhooks', 'list', '--db', db, '--company', 'OTHER'])).stdout).toBe('No webhooks.\n');
  });

  it('prints the created subscription with its secret as JSON with --json', async () => {
    const result = await run([
      'webhooks',
      'add',
      'http://127.0.0.1:9/x',
      '--event',
      'entries-overdue,instance-completed',
      '--json',
      ...acme,
    ]);
    expect(result.exitCode).toBe(0);
    const created = JSON.parse(result.stdout) as { id: number; events: string[]; secret: string };
    expect(created.events).toEqual(['entries-overdue', 'instance-completed']);
    expect(created.secret).toMatch(/^whsec_/);
    expect((await run(['webhooks', 'remove', String(created.id), ...acme])).exitCode).toBe(0);
  });

  it('refuses a bad URL, an unknown event and a missing --event', async () => {
    const badUrl = await run(['webhooks', 'add', 'ftp://example.com/', '--event', 'entry-decided', ...acme]);
    expect(badUrl.exitCode).toBe(1);
    expect(badUrl.stderr).toBe('error [webhook-url-invalid]: The webhook URL must start with http:// or https://.\n');
    const badEvent = await run(['webhooks', 'add', 'https://example.com/', '--event', 'record-sung', ...acme]);
    expect(badEvent.exitCode).toBe(1);
    expect(badEvent.stderr).toMatch(
      /^error \[webhook-event-unknown\]: Unknown webhook event record-sung; choose from /,
    );
    const noEvent = await run(['webhooks', 'add', 'https://example.com/', ...acme]);
    expect(noEvent.exitCode).toBe(2);
    expect(noEvent.stderr).toContain("required option '--event <event>' not specified");
    // Nothing was created by the refused commands.
    expect(JSON.parse((await run(['webhooks', 'list', ...acme, '--json'])).stdout)).toHaveLength(1);
  });

  it("shows a subscription's deliveries, newest first", async () => {
    expect((await run(['webhooks', 'deliveries', String(id), ...acme])).stdout).toBe(
      `No deliveries for webhook ${id}.\n`,
    );
    const [first] = await publish('approval-requested');
    const [second] = await publish('entry-decided');
    const result = await run(['webhooks', 'deliveries', String(id), ...acme]);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^ID\s+EVENT\s+STATUS\s+ATTEMPTS\s+RESPONSE\s+CREATED\s+DELIVERED\s+ERROR$/);
    expect(lines[1]).toMatch(new RegExp(`^${second}\\s+entry-decided\\s+pending\\s+0\\s+${FIXED_NOW.toISOString()}$`));
    expect(lines[2]).toMatch(
      new RegExp(`^${first}\\s+approval-requested\\s+pending\\s+0\\s+${FIXED_NOW.toISOString()}$`),
    );
    expect(lines.slice(3)).toEqual(['']);
    const json = JSON.parse((await run(['webhooks', 'deliveries', String(id), ...acme, '--json'])).stdout);
    expect(json).toEqual([
      expect.objectContaining({ id: second, subscriptionId: id, event: 'entry-decided', status: 'pending' }),
      expect.objectContaining({ id: first, subscriptionId: id, event: 'approval-requested', status: 'pending' }),
    ]);
  });

  it('removes a subscription; its delivery log stays readable; a second remove fails', async () => {
    const removed = await run(['webhooks', 'remove', String(id), ...acme]);
    expect(removed).toMatchObject({ exitCode: 0, stdout: `Webhook ${id} is removed.\n`, stderr: '' });
    expect((await run(['webhooks', 'list', ...acme])).stdout).toBe('No webhooks.\n');
    const again = await run(['webhooks', 'remove', String(id), ...acme]);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toBe(`error [webhook-not-found]: Webhook subscription ${id} does not exist.\n`);
    const log = await run(['webhooks', 'deliveries', String(id), ...acme, '--json']);
    expect(JSON.parse(log.stdout)).toHaveLength(2);
  });

  it('rejects an id that is not a positive whole number as a usage error', async () => {
    for (const bad of ['abc', '0', '-1', '1.5']) {
      const result = await run(['webhooks', 'remove', bad, ...acme]);
      expect(result.exitCode, bad).toBe(2);
      expect(result.stderr, bad).toContain('The webhook id must be a positive whole number.');
    }
  });
});
