import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from '../db/connect.ts';
import { invalid } from '../shared/errors.ts';

/** Every setting the server reads; anything else spelled WERKSTROOM_* is a mistake and refused. */
export const SETTINGS = {
  WERKSTROOM_HOST: 'address to listen on',
  WERKSTROOM_PORT: 'port to listen on',
  WERKSTROOM_DATABASE_URL: 'database URL',
  WERKSTROOM_SMTP_URL: 'SMTP server for email, smtp://user:pass@host:port',
  WERKSTROOM_SECRET: 'secret for CSRF tokens and signed links (32+ characters)',
  WERKSTROOM_DEMO: 'seed the demo company on start (true/false)',
  WERKSTROOM_COMPANY: 'default company for CLI commands',
  WERKSTROOM_USER: 'default user for CLI commands',
  WERKSTROOM_LOG: 'log requests as JSON (true/false)',
  WERKSTROOM_MAIL_FROM: 'From address of emails',
  WERKSTROOM_BASE_URL: 'public address of this server, used in links in emails',
  WERKSTROOM_WORKERS: 'run background jobs inside the server process (true/false)',
} as const;

export interface ServeSettings {
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string;
  readonly smtpUrl?: string;
  readonly secret: string;
  readonly demo: boolean;
  readonly log: boolean;
  readonly mailFrom?: string;
  readonly baseUrl: string;
  readonly workers: boolean;
}

export interface ServeFlags {
  readonly host?: string;
  readonly port?: string;
  readonly db?: string;
  readonly smtpUrl?: string;
  readonly secret?: string;
  readonly demo?: boolean;
  readonly log?: boolean;
  readonly mailFrom?: string;
  readonly baseUrl?: string;
  readonly workers?: boolean;
}

function flag(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  throw invalid('setting-invalid', `"${value}" is not true or false.`);
}

/** Flags win over environment variables, which win over defaults; every value is checked before anything starts. */
export function readServeSettings(flags: ServeFlags, env: Readonly<Record<string, string | undefined>>): ServeSettings {
  const unknown = Object.keys(env).filter(
    (k) =>
      k.startsWith('WERKSTROOM_') &&
      !(k in SETTINGS) &&
      !k.startsWith('WERKSTROOM_TEST_') &&
      !k.startsWith('WERKSTROOM_BENCH_'),
  );
  if (unknown.length > 0) {
    throw invalid(
      'setting-unknown',
      `Unknown setting ${unknown.join(', ')}; known settings are ${Object.keys(SETTINGS).join(', ')}.`,
    );
  }
  const host = flags.host ?? env.WERKSTROOM_HOST ?? '127.0.0.1';
  const portText = flags.port ?? env.WERKSTROOM_PORT ?? '8080';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    throw invalid('setting-invalid', `Port "${portText}" is not a number from 1 to 65535.`, { field: 'port' });
  }
  const databaseUrl = flags.db ?? env.WERKSTROOM_DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const parsed = parseDatabaseUrl(databaseUrl);
  const smtpUrl = flags.smtpUrl ?? env.WERKSTROOM_SMTP_URL;
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^\s]+$/.test(smtpUrl)) {
    throw invalid('setting-invalid', `SMTP URL "${smtpUrl}" must look like smtp://user:password@host:port.`, {
      field: 'smtpUrl',
    });
  }
  let secret = flags.secret ?? env.WERKSTROOM_SECRET;
  if (secret === undefined) {
    if (parsed.dialect !== 'sqlite' || parsed.file === ':memory:') {
      throw invalid(
        'setting-missing',
        'Set WERKSTROOM_SECRET (32+ characters): every server process sharing this database needs the same one.',
      );
    }
    secret = embeddedSecret(join(dirname(parsed.file), 'secret'));
  }
  if (secret.length < 32)
    throw invalid('setting-invalid', 'The secret must have at least 32 characters.', { field: 'secret' });
  const baseUrl = (flags.baseUrl ?? env.WERKSTROOM_BASE_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  if (!/^https?:\/\/[^\s]+$/.test(baseUrl)) {
    throw invalid('setting-invalid', `Base URL "${baseUrl}" must start with http:// or https://.`, {
      field: 'baseUrl',
    });
  }
  const mailFrom = flags.mailFrom ?? env.WERKSTROOM_MAIL_FROM;
  return {
    host,
    port,
    baseUrl,
    ...(mailFrom ? { mailFrom } : {}),
    workers: flags.workers ?? flag(env.WERKSTROOM_WORKERS) ?? true,
    databaseUrl,
    ...(smtpUrl ? { smtpUrl } : {}),
    secret,
    demo: flags.demo ?? flag(env.WERKSTROOM_DEMO) ?? parsed.dialect === 'sqlite',
    log: flags.log ?? flag(env.WERKSTROOM_LOG) ?? false,
  };
}

/** The embedded setup keeps a generated secret next to its database, readable by its owner only. */
function embeddedSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
