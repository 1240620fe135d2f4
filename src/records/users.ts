import type { Kysely, Selectable } from 'kysely';
import type { AppUserTable, Database } from '../db/schema.ts';
import type { EngineContext } from '../engine/context.ts';
import { conflict, invalid, notFound } from '../shared/errors.ts';
import { normalizeText } from './codes.ts';

/**
 * Users of the installation. They are global (not per company): the same person can act in
 * several companies; approval setup per company refers to them by id.
 */
export interface AppUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly language: string;
  readonly createdAt: string;
}

export interface UserInput {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  /** Language tag such as `en` or `nl-BE`; default `en`. */
  readonly language?: string;
}

/** Either a command's engine context or the database itself (for setup outside a company). */
export type UserStore = EngineContext | Kysely<Database>;

const USER_ID = /^[A-Z0-9._@-]{1,50}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const LANGUAGE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

function dbOf(store: UserStore): Kysely<Database> {
  return 'companyId' in store ? store.tx : store;
}

function nowOf(store: UserStore, now: Date | undefined): Date {
  return now ?? ('companyId' in store ? store.now : new Date());
}

/** A user id as stored: trimmed, upper-cased, 1 to 50 of A–Z, 0–9, ".", "_", "@", "-". */
export function normalizeUserId(value: unknown, field = 'id'): string {
  const id = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!USER_ID.test(id)) {
    throw invalid(
      'user-id-invalid',
      `User id "${String(value ?? '')}" must be 1 to 50 letters, digits, ".", "_", "@" or "-".`,
      { field },
    );
  }
  return id;
}

function toUser(row: Selectable<AppUserTable>): AppUser {
  return { id: row.id, name: row.name, email: row.email, language: row.language, createdAt: row.created_at };
}

function checkedValues(input: UserInput, now: Date): Selectable<AppUserTable> {
  const id = normalizeUserId(input.id);
  const name = normalizeText(input.name, { code: 'user-name', field: 'name', label: 'User name', maxLength: 100 });
  const email = normalizeText(input.email, {
    code: 'user-email',
    field: 'email',
    label: 'E-mail',
    maxLength: 250,
    optional: true,
  });
  if (email !== '' && !EMAIL.test(email)) {
    throw invalid('user-email-invalid', `E-mail "${email}" is not an e-mail address.`, { field: 'email' });
  }
  const language = (input.language ?? 'en').trim();
  if (!LANGUAGE.test(language)) {
    throw invalid('user-language-invalid', `Language "${language}" is not a language tag such as "en" or "nl-BE".`, {
      field: 'language',
    });
  }
  return { id, name, email, language, created_at: now.toISOString() };
}

export async function findUser(store: UserStore, id: string): Promise<AppUser | undefined> {
  const key = typeof id === 'string' ? id.trim().toUpperCase() : '';
  const row = await dbOf(store).selectFrom('app_user').selectAll().where('id', '=', key).executeTakeFirst();
  return row && toUser(row);
}

export async function getUser(store: UserStore, id: string): Promise<AppUser> {
  const user = await findUser(store, id);
  if (!user) throw notFound('user-not-found', `User ${id} does not exist.`, { field: 'id' });
  return user;
}

export async function listUsers(store: UserStore): Promise<AppUser[]> {
  const rows = await dbOf(store).selectFrom('app_user').selectAll().orderBy('id').execute();
  return rows.map(toUser);
}

/** Creates a user; an existing id is a conflict (`user-exists`). */
export async function createUser(store: UserStore, input: UserInput, now?: Date): Promise<AppUser> {
  const values = checkedValues(input, nowOf(store, now));
  const db = dbOf(store);
  const inserted = await db
    .insertInto('app_user')
    .values(values)
    .onConflict((oc) => oc.column('id').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!inserted) throw conflict('user-exists', `User ${values.id} exists already.`, { field: 'id' });
  return toUser(inserted);
}

/** Creates the user unless the id exists; an existing user is returned unchanged. Safe to repeat. */
export async function ensureUser(store: UserStore, input: UserInput, now?: Date): Promise<AppUser> {
  const values = checkedValues(input, nowOf(store, now));
  const db = dbOf(store);
  await db
    .insertInto('app_user')
    .values(values)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return getUser(store, values.id);
}
