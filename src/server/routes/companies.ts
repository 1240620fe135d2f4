import type { Kysely } from 'kysely';
import { z } from 'zod';
import { createCompany } from '../../app/companies.ts';
import type { Database } from '../../db/schema.ts';
import type { FieldDefinition } from '../../engine/field-types.ts';
import { createUser, findUser } from '../../records/index.ts';
import { conflict, invalid } from '../../shared/errors.ts';
import { ROLES, type Role, setMembership } from '../auth/membership.ts';
import { setPassword } from '../auth/passwords.ts';
import { listPage, listQuerySchema } from '../list-query.ts';
import { companyParams, errorResponses, pageOf } from '../schemas.ts';
import { inCompany, principalOf, requireScope } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';

/** Companies the caller belongs to, their members and roles, and the users of those companies. */

const roleSchema = z.enum(ROLES);

const companySchema = z.object({
  code: z.string(),
  name: z.string(),
  timeZone: z.string(),
  roles: z.array(roleSchema).describe('My roles in the company'),
});
const COMPANY_FIELDS: readonly FieldDefinition[] = [
  { name: 'code', type: 'code', caption: 'Code' },
  { name: 'name', type: 'text', caption: 'Name' },
  { name: 'timeZone', type: 'text', caption: 'Time zone' },
];

const memberSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(roleSchema),
});
const MEMBER_FIELDS: readonly FieldDefinition[] = [
  { name: 'userId', type: 'code', caption: 'User id' },
  { name: 'name', type: 'text', caption: 'Name' },
  { name: 'email', type: 'text', caption: 'E-mail' },
];

const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  language: z.string(),
  createdAt: z.string(),
});
const USER_FIELDS: readonly FieldDefinition[] = [
  { name: 'id', type: 'code', caption: 'User id' },
  { name: 'name', type: 'text', caption: 'Name' },
  { name: 'email', type: 'text', caption: 'E-mail' },
  { name: 'language', type: 'text', caption: 'Language' },
  { name: 'createdAt', type: 'datetime', caption: 'Created at' },
];

const rolesBody = z
  .array(roleSchema)
  .min(1)
  .max(ROLES.length)
  .describe(`Company roles: ${ROLES.join(', ')}`);

function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw invalid('company-time-zone-invalid', `"${timeZone}" is not an IANA time zone such as Europe/Amsterdam.`, {
      field: 'timeZone',
    });
  }
}

const rolesOf = (text: string) => text.split(',').filter((r): r is Role => (ROLES as readonly string[]).includes(r));

async function myCompanies(db: Kysely<Database>, userId: string) {
  const rows = await db
    .selectFrom('company_member as m')
    .innerJoin('company as c', 'c.id', 'm.company_id')
    .select(['c.code', 'c.name', 'c.time_zone', 'm.roles'])
    .where('m.user_id', '=', userId)
    .orderBy('c.code')
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, timeZone: r.time_zone, roles: rolesOf(r.roles) }));
}

async function companyMembers(db: Kysely<Database>, companyId: number) {
  const rows = await db
    .selectFrom('company_member as m')
    .leftJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'm.roles', 'u.name', 'u.email'])
    .where('m.company_id', '=', companyId)
    .orderBy('m.user_id')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, name: r.name ?? '', email: r.email ?? '', roles: rolesOf(r.roles) }));
}

export function registerCompanyRoutes(server: Server, options: ServerOptions): void {
  const { app } = options;
  const db = app.database.db;

  server.get(
    '/api/v1/companies',
    {
      schema: {
        tags: ['companies'],
        summary: 'The companies I belong to, with my roles',
        querystring: listQuerySchema(COMPANY_FIELDS),
        response: { 200: pageOf(companySchema), ...errorResponses },
      },
    },
    async (request) =>
      listPage(await myCompanies(db, principalOf(request).userId), request.query, {
        table: 'company',
        fields: COMPANY_FIELDS,
      }),
  );

  server.post(
    '/api/v1/companies',
    {
      schema: {
        tags: ['companies'],
        summary: 'Create a company; I become its member with every role',
        body: z.strictObject({
          code: z.string().describe('Up to 30 letters, digits, "-" or "_" (stored in upper case)'),
          name: z.string().trim().min(1).max(100),
          timeZone: z.string().max(100).optional().describe('IANA time zone, default UTC'),
        }),
        response: { 201: companySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      requireScope(principal, 'write');
      const timeZone = request.body.timeZone ?? 'UTC';
      checkTimeZone(timeZone);
      const company = await db.transaction().execute(async (tx) => {
        const created = await createCompany(tx, { ...request.body, timeZone }, app.clock());
        await setMembership(tx, created.id, principal.userId, ROLES);
        return created;
      });
      reply.header('location', `/api/v1/companies/${company.code}`);
      return reply
        .code(201)
        .send({ code: company.code, name: company.name, timeZone: company.timeZone, roles: [...ROLES] });
    },
  );

  server.get(
    '/api/v1/companies/:company/members',
    {
      schema: {
        tags: ['companies'],
        summary: 'The members of a company and their roles',
        params: companyParams,
        querystring: listQuerySchema(MEMBER_FIELDS),
        response: { 200: pageOf(memberSchema), ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'read', async (ctx, scope) =>
        listPage(await companyMembers(ctx.tx, scope.company.id), request.query, {
          table: 'member',
          fields: MEMBER_FIELDS,
        }),
      ),
  );

  server.put(
    '/api/v1/companies/:company/members',
    {
      schema: {
        tags: ['companies'],
        summary: 'Add a user to a company or replace their roles (needs workflow-admin and an admin-scope caller)',
        params: companyParams,
        body: z.strictObject({ userId: z.string().min(1).max(50), roles: rolesBody }),
        response: { 200: memberSchema, ...errorResponses },
      },
    },
    async (request) =>
      inCompany(
        options,
        request,
        request.params.company,
        'admin',
        async (ctx, scope) => {
          const user = await findUser(ctx, request.body.userId);
          if (!user) {
            throw invalid('user-unknown', `User ${request.body.userId.trim().toUpperCase()} does not exist.`, {
              field: 'userId',
            });
          }
          await setMembership(ctx.tx, scope.company.id, user.id, request.body.roles);
          const members = await companyMembers(ctx.tx, scope.company.id);
          // A company keeps at least one workflow administrator, or nobody could manage it.
          if (!members.some((m) => m.roles.includes('workflow-admin'))) {
            throw conflict(
              'workflow-admin-required',
              `Company ${scope.company.code} needs at least one workflow-admin; give the role to someone else first.`,
              { field: 'roles' },
            );
          }
          return members.find((m) => m.userId === user.id) as z.infer<typeof memberSchema>;
        },
        'workflow-admin',
      ),
  );

  server.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'The users I share a company with (and myself)',
        querystring: listQuerySchema(USER_FIELDS),
        response: { 200: pageOf(userSchema), ...errorResponses },
      },
    },
    async (request) => {
      const me = principalOf(request).userId;
      const mine = db.selectFrom('company_member').select('company_id').where('user_id', '=', me);
      const rows = await db
        .selectFrom('app_user as u')
        .selectAll('u')
        .where((eb) =>
          eb.or([
            eb('u.id', '=', me),
            eb(
              'u.id',
              'in',
              eb.selectFrom('company_member as m').select('m.user_id').where('m.company_id', 'in', mine),
            ),
          ]),
        )
        .orderBy('u.id')
        .execute();
      const users = rows.map((r) => ({
        id: r.id,
        name: r.name,
        email: r.email,
        language: r.language,
        createdAt: r.created_at,
      }));
      return listPage(users, request.query, { table: 'user', fields: USER_FIELDS });
    },
  );

  server.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary:
          'Create a user with a password as a member of a company (needs workflow-admin there and an admin-scope caller)',
        body: z.strictObject({
          id: z.string().describe('1 to 50 of A–Z, 0–9, ".", "_", "@", "-" (stored in upper case)'),
          name: z.string(),
          email: z.string().optional(),
          language: z.string().optional().describe('Language tag such as en or nl-BE; default en'),
          password: z.string().describe('At least 8 characters'),
          company: z.string().min(1).max(30).describe('The company the new user joins'),
          roles: rolesBody.optional().describe('Roles in that company; default user'),
        }),
        response: { 201: userSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { company, roles, password, ...input } = request.body;
      const user = await inCompany(
        options,
        request,
        company,
        'admin',
        async (ctx, scope) => {
          const created = await createUser(ctx, input, ctx.now);
          await setPassword(ctx.tx, created.id, password, ctx.now);
          await setMembership(ctx.tx, scope.company.id, created.id, roles ?? ['user']);
          return created;
        },
        'workflow-admin',
      );
      return reply.code(201).send(user);
    },
  );
}
