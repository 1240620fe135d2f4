import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { newToken, sha256 } from './secrets.ts';

export const SESSION_COOKIE = 'werkstroom_session';

/** Starts a session; only the token's hash is stored, so sessions work across processes and can be revoked. */
export async function createSession(
  db: Kysely<Database>,
  userId: string,
  now: Date,
  hours: number,
): Promise<{ token: string; hash: string; expiresAt: string }> {
  const token = newToken();
  const hash = sha256(token);
  const expiresAt = new Date(now.getTime() + hours * 3_600_000).toISOString();
  await db
    .insertInto('session')
    .values({
      token_hash: hash,
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
    })
    .execute();
  return { token, hash, expiresAt };
}

export async function findSession(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<{ userId: string; hash: string } | undefined> {
  const hash = sha256(token);
  const row = await db
    .selectFrom('session')
    .select(['user_id', 'expires_at', 'revoked_at'])
    .where('token_hash', '=', hash)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.expires_at <= now.toISOString()) return undefined;
  return { userId: row.user_id, hash };
}

export async function revokeSession(db: Kysely<Database>, hash: string, now: Date): Promise<void> {
  await db.updateTable('session').set({ revoked_at: now.toISOString() }).where('token_hash', '=', hash).execute();
}
