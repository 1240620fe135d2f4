import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { EngineContext } from '../../engine/context.ts';
import { companyParams } from '../schemas.ts';
import { type Access, type CompanyScope, requireRole } from '../scope.ts';

/** What the notification route files share. */

export const tags = ['notifications'];
export const ADMIN = 'approval-admin' as const;

export const typeParams = companyParams.extend({
  type: z.string().min(1).max(30).describe('new-record, approval or overdue'),
});

/** Runs a command in the request's company (`inCompany` bound to the server options). */
export type CompanyRunner = <T>(
  request: FastifyRequest<{ Params: { company: string } }>,
  access: Access,
  work: (ctx: EngineContext, scope: CompanyScope) => Promise<T>,
  role?: typeof ADMIN,
) => Promise<T>;

/** Whose data a request means: mine, or (approval admins only) someone else's. */
export function targetUser(scope: CompanyScope, userId: string | undefined): string {
  const user = (userId ?? scope.principal.userId).trim().toUpperCase();
  if (user !== scope.principal.userId) requireRole(scope, ADMIN);
  return user;
}
