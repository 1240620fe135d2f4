import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { conflict, invalid, notFound } from '../shared/errors.ts';

export interface Company {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly timeZone: string;
}

const CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{0,29}$/;

export async function findCompany(db: Kysely<Database>, code: string): Promise<Company | undefined> {
  const row = await db.selectFrom('company').selectAll().where('code', '=', code.toUpperCase()).executeTakeFirst();
  return row && { id: row.id, code: row.code, name: row.name, timeZone: row.time_zone };
}

export async function getCompany(db: Kysely<Database>, code: string): Promise<Company> {
  const company = await findCompany(db, code);
  if (!company) throw notFound('company-not-found', `Company ${code} does not exist.`, { field: 'company' });
  return company;
}

export async function createCompany(
  db: Kysely<Database>,
  input: { code: string; name: string; timeZone?: string },
  now: Date,
): Promise<Company> {
  const code = input.code.trim().toUpperCase();
  if (!CODE_PATTERN.test(code)) {
    throw invalid('company-code-invalid', `Company code "${input.code}" must be 1 to 30 letters, digits, "-" or "_".`, {
      field: 'code',
    });
  }
  if (await findCompany(db, code))
    throw conflict('company-code-taken', `Company ${code} exists already.`, { field: 'code' });
  const row = await db
    .insertInto('company')
    .values({ code, name: input.name, time_zone: input.timeZone ?? 'UTC', created_at: now.toISOString() })
    .returning(['id', 'code', 'name', 'time_zone'])
    .executeTakeFirstOrThrow();
  return { id: row.id, code: row.code, name: row.name, timeZone: row.time_zone };
}

/** Creates the company unless it exists; safe to run at every start. */
export async function ensureCompany(
  db: Kysely<Database>,
  input: { code: string; name: string; timeZone?: string },
  now: Date,
): Promise<Company> {
  return (await findCompany(db, input.code)) ?? createCompany(db, input, now);
}
