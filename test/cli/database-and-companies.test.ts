import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, seedDatabase, tempDir } from './cli-harness.ts';

const dir = tempDir();
afterAll(() => dir.remove());
let counter = 0;
/** A database file of its own for one test. */
const freshDb = () => `sqlite:${dir.file(`db-${++counter}.db`)}`;

describe('werkstroom migrate', () => {
  it('applies the migrations of a new database once, then finds it up to date', async () => {
    const db = freshDb();
    const first = await cli(['migrate', '--db', db]);
    expect(first).toEqual({
      exitCode: 0,
      stdout:
        'Applied migration 0001-workflow-core.\nApplied migration 0002-business.\nApplied migration 0003-server.\nApplied migration 0004-jobs-notifications.\nApplied migration 0005-ledger.\nApplied migration 0006-posting.\nApplied migration 0007-journals.\nApplied migration 0008-record-changes.\nApplied migration 0009-requisitions.\n',
      stderr: '',
    });
    const second = await cli(['migrate', '--db', db]);
    expect(second).toEqual({ exitCode: 0, stdout: 'Database is up to date.\n', stderr: '' });
  });

  it('takes the database from WERKSTROOM_DATABASE_URL when --db is not given', async () => {
    const db = freshDb();
    const result = await cli(['migrate'], { env: { WERKSTROOM_DATABASE_URL: db } });
    expect(result.exitCode).toBe(0);
    expect(existsSync(db.slice('sqlite:'.length))).toBe(true);
  });

  it('refuses a database URL it cannot read, with the error code, and exit code 1', async () => {
    const result = await cli(['migrate', '--db', 'mysql://localhost/werkstroom']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error \[database-url-invalid\]: Database URL "mysql:\/\/localhost\/werkstroom"/);
  });

  it('refuses a bad --db on commands that work in a company too', async () => {
    const result = await cli(['workflows', 'list', '--db', 'sqlite:']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^error \[database-url-invalid\]: /);
  });
});

describe('werkstroom companies', () => {
  it('creates companies and lists them as a table and as JSON', async () => {
    const db = freshDb();
    expect(await cli(['companies', 'list', '--db', db])).toMatchObject({ exitCode: 0, stdout: 'No companies.\n' });
    const created = await cli(['companies', 'create', 'acme', 'Acme Ltd', '--db', db]);
    expect(created).toEqual({ exitCode: 0, stdout: 'Created company ACME (Acme Ltd).\n', stderr: '' });
    await cli(['companies', 'create', 'NL-01', 'Acme Nederland', '--time-zone', 'Europe/Amsterdam', '--db', db]);

    const table = await cli(['companies', 'list', '--db', db]);
    expect(table.stdout.split('\n')).toEqual([
      'CODE   NAME            TIME ZONE',
      'ACME   Acme Ltd        UTC',
      'NL-01  Acme Nederland  Europe/Amsterdam',
      '',
    ]);
    const json = await cli(['companies', 'list', '--json', '--db', db]);
    expect(JSON.parse(json.stdout)).toEqual([
      { code: 'ACME', name: 'Acme Ltd', timeZone: 'UTC' },
      { code: 'NL-01', name: 'Acme Nederland', timeZone: 'Europe/Amsterdam' },
    ]);
  });

  it('refuses a company code that is taken, an invalid code and an unknown time zone', async () => {
    const db = freshDb();
    await cli(['companies', 'create', 'ACME', 'Acme', '--db', db]);
    const taken = await cli(['companies', 'create', 'acme', 'Again', '--db', db]);
    expect(taken.exitCode).toBe(1);
    expect(taken.stderr).toMatch(/^error \[company-code-taken\]: /);
    const badCode = await cli(['companies', 'create', 'a b', 'Spaces', '--db', db]);
    expect(badCode.stderr).toMatch(/^error \[company-code-invalid\]: /);
    const badZone = await cli(['companies', 'create', 'MARS', 'Mars', '--time-zone', 'Mars/Olympus', '--db', db]);
    expect(badZone.exitCode).toBe(1);
    expect(badZone.stderr).toMatch(/^error \[company-time-zone-invalid\]: /);
  });
});

describe('choosing the company', () => {
  it('uses the only company when none is named', async () => {
    const db = freshDb();
    await seedDatabase(db, ['ONLY']);
    expect(await cli(['workflows', 'list', '--db', db])).toEqual({
      exitCode: 0,
      stdout: 'No workflows.\n',
      stderr: '',
    });
  });

  it('reports an unknown company with company-not-found and the companies there are', async () => {
    const db = freshDb();
    await seedDatabase(db, ['ACME', 'BETA']);
    const named = await cli(['workflows', 'list', '--db', db, '--company', 'NOPE']);
    expect(named.exitCode).toBe(1);
    expect(named.stdout).toBe('');
    expect(named.stderr).toBe(
      'error [company-not-found]: Company NOPE does not exist. Use --company with one of: ACME, BETA.\n',
    );
    // Two companies and none named: the default DEMO is looked for.
    const unnamed = await cli(['workflows', 'list', '--db', db]);
    expect(unnamed.stderr).toMatch(/^error \[company-not-found\]: Company DEMO does not exist\./);
  });

  it('takes the company from WERKSTROOM_COMPANY, and --company before it', async () => {
    const db = freshDb();
    await seedDatabase(db, ['ACME', 'BETA']);
    const fromEnv = await cli(['workflows', 'list', '--db', db], { env: { WERKSTROOM_COMPANY: 'beta' } });
    expect(fromEnv.exitCode).toBe(0);
    const flagWins = await cli(['workflows', 'list', '--db', db, '--company', 'GAMMA'], {
      env: { WERKSTROOM_COMPANY: 'BETA' },
    });
    expect(flagWins.stderr).toMatch(/^error \[company-not-found\]: Company GAMMA/);
  });

  it('tells how to create a company when the database has none', async () => {
    const db = freshDb();
    const result = await cli(['workflows', 'list', '--db', db]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('No company exists yet; create one with "werkstroom companies create CODE NAME".');
  });
});

describe('usage errors', () => {
  it('exit with code 2 and say what was wrong', async () => {
    const unknownOption = await cli(['workflows', 'list', '--colour']);
    expect(unknownOption.exitCode).toBe(2);
    expect(unknownOption.stderr).toContain("error: unknown option '--colour'");
    const missingArgument = await cli(['workflows', 'validate']);
    expect(missingArgument.exitCode).toBe(2);
    expect(missingArgument.stderr).toContain("error: missing required argument 'code'");
    const unknownCommand = await cli(['workflow', 'list']);
    expect(unknownCommand.exitCode).toBe(2);
    expect(unknownCommand.stderr).toContain("error: unknown command 'workflow'");
    const noCommand = await cli([]);
    expect(noCommand.exitCode).toBe(2);
    expect(noCommand.stderr).toContain('Usage: werkstroom');
  });

  it('help is not an error', async () => {
    const help = await cli(['workflows', 'export', '--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('Usage: werkstroom workflows export [options] <codes...>');
    expect(help.stdout).toContain('--db <url>');
    expect(help.stdout).toContain('--company <code>');
    expect(help.stdout).toContain('--user <id>');
  });
});
