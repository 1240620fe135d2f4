import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { invalid } from '../../shared/errors.ts';

export const ROLES = ['workflow-admin', 'approval-admin', 'user'] as const;
export type Role = (typeof ROLES)[number];

/** Makes a user a member of a company with the given roles (replacing earlier ones). */
export async function setMembership(
  db: Kysely<Database>,
  companyId: number,
  userId: string,
  roles: readonly Role[],
): Promise<void> {
  for (const role of roles) {
    if (!ROLES.includes(role))
      throw invalid('role-invalid', `"${role}" is not a role; use ${ROLES.join(', ')}.`, { field: 'roles' });
  }
  const value = [...new Set(roles.length === 0 ? ['user'] : roles)].join(',');
  await db
    .insertInto('company_member')
    .values({ company_id: companyId, user_id: userId.toUpperCase(), roles: value })
    .onConflict((oc) => oc.columns(['company_id', 'user_id']).doUpdateSet({ roles: value }))
    .execute();
}

export async function memberRoles(
  db: Kysely<Database>,
  companyId: number,
  userId: string,
): Promise<Role[] | undefined> {
  const row = await db
    .selectFrom('company_member')
    .select('roles')
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? (row.roles.split(',') as Role[]) : undefined;
}

export async function memberCompanies(db: Kysely<Database>, userId: string) {
  const rows = await db
    .selectFrom('company_member as m')
    .innerJoin('company as c', 'c.id', 'm.company_id')
    .select(['c.code', 'c.name', 'm.roles'])
    .where('m.user_id', '=', userId)
    .orderBy('c.code')
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, roles: r.roles.split(',') as Role[] }));
}
