import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { businessModules } from '../../src/business-modules.ts';
import { readServeSettings } from '../../src/server/settings.ts';
import { cli, tempDir } from './cli-harness.ts';

describe('werkstroom demo', () => {
  it('runs the purchase-order walkthrough and ends with one line of JSON: the order Released', async () => {
    const result = await cli(['demo'], { modules: businessModules });
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(4);
    const summary = JSON.parse(lines[lines.length - 1] as string);
    expect(summary).toEqual({
      scenario: 'purchase-order-approval',
      document: { no: expect.stringMatching(/^PO-\d{4}$/), status: 'Released' },
      approvalEntries: [
        { sequence: 1, approver: 'ALICIA', status: 'Approved' },
        { sequence: 2, approver: 'SEAN', status: 'Approved' },
      ],
    });
    expect(result.stdout).toContain('Alicia sends it for approval');
  });
});

describe('server settings', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('default to localhost:8080 on the embedded SQLite file, seeding the demo, with a generated secret kept beside the data', () => {
    const url = `sqlite:${dir.file('data/werkstroom.db')}`;
    const first = readServeSettings({}, { WERKSTROOM_DATABASE_URL: url });
    expect(first).toMatchObject({ host: '127.0.0.1', port: 8080, databaseUrl: url, demo: true });
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(readServeSettings({}, { WERKSTROOM_DATABASE_URL: url }).secret).toBe(first.secret);
  });

  it('take flags over environment variables', () => {
    const settings = readServeSettings(
      { port: '9000', secret: 's'.repeat(32) },
      { WERKSTROOM_PORT: '7000', WERKSTROOM_DATABASE_URL: 'sqlite::memory:' },
    );
    expect(settings.port).toBe(9000);
  });

  it.each([
    [{ port: 'eighty' }, {}, 'setting-invalid'],
    [{ port: '70000' }, {}, 'setting-invalid'],
    [{}, { WERKSTROOM_PROT: '80' }, 'setting-unknown'],
    [{ db: 'mysql://x' }, {}, 'database-url-invalid'],
    [{ smtpUrl: 'mail.example.com' }, {}, 'setting-invalid'],
    [{ secret: 'short' }, {}, 'setting-invalid'],
    [{ db: 'postgres://u@127.0.0.1/db' }, {}, 'setting-missing'],
    [{}, { WERKSTROOM_DEMO: 'perhaps' }, 'setting-invalid'],
  ])('refuse %j with %j as %s', (flags, env, code) => {
    expect(() => readServeSettings({ db: `sqlite:${dir.file('x/w.db')}`, ...flags }, env)).toThrow(
      expect.objectContaining({ code }),
    );
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('the start command of the quick start', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGTERM');
  });

  it('serves on SQLite in a data folder, seeds the demo, and /readyz answers 200', async () => {
    const dir = tempDir();
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', String(port)], {
      env: { ...process.env, CI: '', WERKSTROOM_DATABASE_URL: `sqlite:${dir.file('data/werkstroom.db')}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr?.on('data', (chunk) => {
      output += String(chunk);
    });
    const deadline = Date.now() + 30_000;
    // The lines may arrive in separate chunks: wait for the last one the quick start promises.
    while (!output.includes('sign in as ADMIN') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(output).toContain(`http://localhost:${port}`);
    expect(output).toContain('sign in as ADMIN');
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    const signIn = await fetch(`http://127.0.0.1:${port}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'ADMIN', password: 'werkstroom-demo' }),
    });
    expect(signIn.status).toBe(200);
    child.kill('SIGTERM');
    await new Promise((r) => child?.once('exit', r));
    dir.remove();
  }, 60_000);
});
