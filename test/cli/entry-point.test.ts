import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.ts';
import { seedDatabase, tempDir } from './cli-harness.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = tempDir();
afterAll(() => dir.remove());

it('the real entry point runs as its own process and exits with 0', async () => {
  const db = `sqlite:${dir.file('entry.db')}`;
  await seedDatabase(db, ['ACME']);
  const env = { ...process.env };
  for (const name of ['WERKSTROOM_DATABASE_URL', 'WERKSTROOM_COMPANY', 'WERKSTROOM_USER']) delete env[name];
  const child = run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'workflows', 'list', '--db', db], {
    cwd: root,
    env,
  });
  const { stdout, stderr } = await child;
  expect(child.child.exitCode).toBe(0);
  expect(stdout).toBe('No workflows.\n');
  expect(stderr).toBe('');
});

it('runCli returns the exit code main.ts hands to the process', async () => {
  const db = `sqlite:${dir.file('exit-codes.db')}`;
  let stderr = '';
  const io = { stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) } };
  expect(await runCli(['node', 'werkstroom', 'migrate', '--db', db], io, { env: {} })).toBe(0);
  expect(await runCli(['node', 'werkstroom', 'migrate', '--db', 'nope:'], io, { env: {} })).toBe(1);
  expect(stderr).toMatch(/^error \[database-url-invalid\]: /);
  expect(await runCli(['node', 'werkstroom', 'migrate', '--bogus'], io, { env: {} })).toBe(2);
  expect(await runCli(['node', 'werkstroom', '--help'], io, { env: {} })).toBe(0);
});
