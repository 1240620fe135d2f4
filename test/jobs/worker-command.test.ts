import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connect.ts';
import { enqueueJob } from '../../src/jobs/enqueue.ts';
import { getJob } from '../../src/jobs/queries.ts';
import { cli, tempDir } from '../cli/cli-harness.ts';

describe('werkstroom worker', () => {
  it('refuses a concurrency that is not a whole number above 0', async () => {
    const result = await cli(['worker', '--db', 'sqlite::memory:', '--concurrency', 'two']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--concurrency must be a whole number above 0');
  });

  it('runs until SIGTERM, then stops cleanly with exit code 0 (a job of no registered kind dies)', async () => {
    const dir = tempDir();
    const url = `sqlite:${dir.file('data/werkstroom.db')}`;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'worker', '--db', url, '--poll-ms', '50'],
      {
        env: { ...process.env, CI: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr?.on('data', (chunk) => {
      output += String(chunk);
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const deadline = Date.now() + 30_000;
      while (!output.includes('is running') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(output).toMatch(/Worker \S+ is running \(concurrency 2; job kinds: /);

      const database = await openDatabase(url);
      try {
        const id = await enqueueJob(database.db, { kind: 'no.such.kind' }, new Date());
        await expect
          .poll(async () => (await getJob(database.db, id as number))?.status, { timeout: 10_000 })
          .toBe('dead');
      } finally {
        await database.close();
      }

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('SIGTERM: stopping');
      expect(output).toContain('Worker stopped.');
    } finally {
      child.kill('SIGKILL');
      dir.remove();
    }
  }, 60_000);
});
