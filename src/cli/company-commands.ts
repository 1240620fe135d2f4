import type { Command } from 'commander';
import { createCompany, WerkstroomError } from '../index.ts';
import { addDatabaseOption, type CliContext, type DatabaseOptions, withApp } from './database-options.ts';
import { action, formatTable, writeJson, writeLine } from './output.ts';

function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new WerkstroomError(
      'company-time-zone-invalid',
      `"${timeZone}" is not an IANA time zone such as Europe/Amsterdam.`,
      { field: 'timeZone' },
      'invalid',
    );
  }
}

export function addCompanyCommands(program: Command, cli: CliContext): void {
  const { io } = cli;
  const companies = program.command('companies').description('list and create companies');

  addDatabaseOption(companies.command('list').description('list the companies in the database'))
    .option('--json', 'print JSON instead of a table')
    .action(
      action(io, async (options: DatabaseOptions & { json?: boolean }) => {
        const rows = await withApp(cli, options, (app) =>
          app.database.db.selectFrom('company').select(['code', 'name', 'time_zone']).orderBy('code').execute(),
        );
        const list = rows.map((r) => ({ code: r.code, name: r.name, timeZone: r.time_zone }));
        if (options.json) return writeJson(io.stdout, list);
        if (list.length === 0) return writeLine(io.stdout, 'No companies.');
        io.stdout.write(
          formatTable(
            ['CODE', 'NAME', 'TIME ZONE'],
            list.map((c) => [c.code, c.name, c.timeZone]),
          ),
        );
      }),
    );

  addDatabaseOption(companies.command('create').description('create a company'))
    .argument('<code>', 'company code: up to 30 letters, digits, "-" or "_" (stored in upper case)')
    .argument('<name>', 'company name')
    .option('--time-zone <zone>', 'IANA time zone of the company', 'UTC')
    .action(
      action(io, async (code: string, name: string, options: DatabaseOptions & { timeZone: string }) => {
        checkTimeZone(options.timeZone);
        const company = await withApp(cli, options, (app) =>
          createCompany(app.database.db, { code, name, timeZone: options.timeZone }, app.clock()),
        );
        writeLine(io.stdout, `Created company ${company.code} (${company.name}).`);
      }),
    );
}
