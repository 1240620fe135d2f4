import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { invalid } from '../../shared/errors.ts';

// argon2id with the parameters recommended for interactive sign-in.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export async function setPassword(db: Kysely<Database>, userId: string, password: string, now: Date): Promise<void> {
  if (password.length < 8)
    throw invalid('password-too-short', 'A password needs at least 8 characters.', { field: 'password' });
  if (password.length > 256)
    throw invalid('password-too-long', 'A password may have at most 256 characters.', { field: 'password' });
  const digest = await hash(password, OPTIONS);
  await db
    .insertInto('user_password')
    .values({ user_id: userId.toUpperCase(), hash: digest, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ hash: digest, updated_at: now.toISOString() }))
    .execute();
}

/** True when the password is right; unknown users take as long as known ones. */
export async function checkPassword(db: Kysely<Database>, userId: string, password: string): Promise<boolean> {
  const row = await db
    .selectFrom('user_password')
    .select('hash')
    .where('user_id', '=', userId.toUpperCase())
    .executeTakeFirst();
  if (!row) {
    await hash(password, OPTIONS);
    return false;
  }
  return verify(row.hash, password);
}
