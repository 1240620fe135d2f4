import type { Command } from 'commander';
import {
  type Company,
  DEFAULT_DATABASE_URL,
  type EngineContext,
  openWerkstroom,
  parseDatabaseUrl,
  type Werkstroom,
  WerkstroomError,
  type WorkflowModule,
} from '../index.ts';
import type { CliIo } from './output.ts';

/** Used when neither `--company` nor `WERKSTROOM_COMPANY` names a company and several exist. */
export const DEFAULT_COMPANY = 'DEMO';
export const DEFAULT_USER = 'ADMIN';

/** What every command needs besides its arguments. */
export interface CliContext {
  readonly io: CliIo;
  readonly modules: readonly WorkflowModule[];
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface DatabaseOptions {
  readonly db?: string;
}

export interface ScopeOptions extends DatabaseOptions {
  readonly company?: string;
  readonly user?: string;
}

export function addDatabaseOption(command: Command): Command {
  return command.option(
    '--db <url>',
    `database URL: sqlite:<file>, sqlite::memory: or postgres://… (default: $WERKSTROOM_DATABASE_URL or ${DEFAULT_DATABASE_URL})`,
  );
}

export function addScopeOptions(command: Command): Command {
  return addDatabaseOption(command)
    .option(
      '--company <code>',
      `company to work in (default: $WERKSTROOM_COMPANY, else the only company, else ${DEFAULT_COMPANY})`,
    )
    .option('--user <id>', `acting user (default: $WERKSTROOM_USER or ${DEFAULT_USER})`);
}

function setting(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** The URL from `--db`, the environment or the default, checked before anything is opened. */
export function databaseUrl(cli: CliContext, options: DatabaseOptions): string {
  const url = setting(options.db) ?? setting(cli.env.WERKSTROOM_DATABASE_URL) ?? DEFAULT_DATABASE_URL;
  parseDatabaseUrl(url);
  return url;
}

/** Opens the application (applying pending migrations), runs `use`, and always closes it. */
export async function withApp<T>(
  cli: CliContext,
  options: DatabaseOptions,
  use: (app: Werkstroom) => Promise<T>,
): Promise<T> {
  const app = await openWerkstroom({ databaseUrl: databaseUrl(cli, options), modules: cli.modules });
  try {
    return await use(app);
  } finally {
    await app.close();
  }
}

async function companyCodes(app: Werkstroom): Promise<string[]> {
  const rows = await app.database.db.selectFrom('company').select('code').orderBy('code').execute();
  return rows.map((r) => r.code);
}

/** `--company`, else `WERKSTROOM_COMPANY`, else the only company there is, else `DEMO`. */
export async function resolveCompany(app: Werkstroom, cli: CliContext, options: ScopeOptions): Promise<Company> {
  const chosen = setting(options.company) ?? setting(cli.env.WERKSTROOM_COMPANY);
  const codes = chosen === undefined ? await companyCodes(app) : undefined;
  const code = chosen ?? (codes?.length === 1 ? (codes[0] as string) : DEFAULT_COMPANY);
  try {
    return await app.company(code);
  } catch (error) {
    if (!(error instanceof WerkstroomError) || error.code !== 'company-not-found') throw error;
    const known = codes ?? (await companyCodes(app));
    const hint =
      known.length === 0
        ? 'No company exists yet; create one with "werkstroom companies create CODE NAME".'
        : `Use --company with one of: ${known.join(', ')}.`;
    throw new WerkstroomError(error.code, `${error.message} ${hint}`, error.details, error.kind);
  }
}

/** Runs one command in one transaction of the chosen company, as the chosen user. */
export async function inCompany<T>(
  cli: CliContext,
  options: ScopeOptions,
  command: (ctx: EngineContext, company: Company) => Promise<T>,
): Promise<T> {
  return withApp(cli, options, async (app) => {
    const company = await resolveCompany(app, cli, options);
    const userId = setting(options.user) ?? setting(cli.env.WERKSTROOM_USER) ?? DEFAULT_USER;
    return app.run({ company: company.code, userId }, (ctx) => command(ctx, company));
  });
}
