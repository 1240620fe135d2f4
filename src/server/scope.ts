import type { FastifyRequest } from 'fastify';
import type { Company } from '../app/companies.ts';
import type { EngineContext } from '../engine/context.ts';
import { forbidden, isWerkstroomError, notFound } from '../shared/errors.ts';
import { memberRoles, type Role } from './auth/membership.ts';
import type { Principal, ServerOptions } from './types.ts';

export type Access = 'read' | 'write' | 'admin';

export interface CompanyScope {
  readonly company: Company;
  readonly roles: readonly Role[];
  readonly principal: Principal;
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw forbidden('unauthenticated', 'Sign in first.');
  return request.principal;
}

function allows(scope: Principal['scope'], access: Access): boolean {
  return scope === 'admin' || (scope === 'write' && access !== 'admin') || (scope === 'read' && access === 'read');
}

/** A token may do only what its scope allows; sessions have every scope. */
export function requireScope(principal: Principal, access: Access): void {
  if (!allows(principal.scope, access)) {
    throw forbidden(
      'token-scope-insufficient',
      `This API token has scope ${principal.scope}; the request needs ${access}.`,
    );
  }
}

/**
 * The company a request works in: only companies the caller belongs to exist for them (others
 * answer 404, so nothing leaks), and a token may do only what its scope allows.
 */
export async function companyScope(
  options: ServerOptions,
  request: FastifyRequest,
  code: string,
  access: Access,
): Promise<CompanyScope> {
  const principal = principalOf(request);
  requireScope(principal, access);
  let company: Company;
  try {
    company = await options.app.company(code);
  } catch (error) {
    if (isWerkstroomError(error) && error.code === 'company-not-found')
      throw notFound('company-not-found', `Company ${code} does not exist.`);
    throw error;
  }
  const roles = await memberRoles(options.app.database.db, company.id, principal.userId);
  if (!roles) throw notFound('company-not-found', `Company ${code} does not exist.`);
  return { company, roles, principal };
}

export function requireRole(scope: CompanyScope, role: Role): void {
  if (!scope.roles.includes(role)) {
    throw forbidden('role-required', `This needs the ${role} role in company ${scope.company.code}.`, { role });
  }
}

/** Runs a command in the caller's company, in one transaction. */
export async function inCompany<T>(
  options: ServerOptions,
  request: FastifyRequest,
  code: string,
  access: Access,
  command: (ctx: EngineContext, scope: CompanyScope) => Promise<T>,
  role?: Role,
): Promise<T> {
  const scope = await companyScope(options, request, code, access);
  if (role) requireRole(scope, role);
  return options.app.run({ company: scope.company.id, userId: scope.principal.userId }, (ctx) => command(ctx, scope));
}
