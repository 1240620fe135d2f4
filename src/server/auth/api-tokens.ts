import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { invalid, notFound } from '../../shared/errors.ts';
import { TOKEN_SCOPES, type TokenScope } from '../types.ts';
import { newToken, sha256 } from './secrets.ts';

export interface ApiTokenView {
  readonly id: number;
  readonly name: string;
  readonly scope: TokenScope;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** A personal API token; the secret is shown once and stored only as a hash. */
export async function createApiToken(
  db: Kysely<Database>,
  userId: string,
  input: { name: string; scope: TokenScope },
  now: Date,
): Promise<{ token: string; view: ApiTokenView }> {
  if (!TOKEN_SCOPES.includes(input.scope))
    throw invalid('token-scope-invalid', 'A token scope is read, write or admin.', { field: 'scope' });
  const name = input.name.trim();
  if (name === '' || name.length > 100)
    throw invalid('token-name-invalid', 'A token needs a name of 1 to 100 characters.', { field: 'name' });
  const token = newToken('wst_');
  const row = await db
    .insertInto('api_token')
    .values({
      user_id: userId,
      name,
      token_hash: sha256(token),
      scope: input.scope,
      created_at: now.toISOString(),
      last_used_at: null,
      revoked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    token,
    view: { id: row.id, name, scope: input.scope, createdAt: now.toISOString(), lastUsedAt: null, revokedAt: null },
  };
}

export async function findApiToken(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<{ userId: string; scope: TokenScope } | undefined> {
  const row = await db
    .selectFrom('api_token')
    .select(['id', 'user_id', 'scope', 'revoked_at'])
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return undefined;
  await db.updateTable('api_token').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  return { userId: row.user_id, scope: row.scope as TokenScope };
}

export async function listApiTokens(db: Kysely<Database>, userId: string): Promise<ApiTokenView[]> {
  const rows = await db.selectFrom('api_token').selectAll().where('user_id', '=', userId).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scope: r.scope as TokenScope,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

export async function revokeApiToken(db: Kysely<Database>, userId: string, id: number, now: Date): Promise<void> {
  const result = await db
    .updateTable('api_token')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw notFound('api-token-not-found', `You have no active API token ${id}.`);
}
