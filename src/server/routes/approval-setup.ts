import { z } from 'zod';
import {
  deleteUserGroup,
  deleteUserSetup,
  getUserGroup,
  getUserSetup,
  listUserGroups,
  listUserSetups,
  saveUserGroup,
  saveUserSetup,
  type WorkflowUserGroup,
} from '../../approvals/index.ts';
import { PARALLEL_POLICIES } from '../../approvals/types.ts';
import { findUserGroup } from '../../approvals/user-groups.ts';
import { findUserSetup } from '../../approvals/user-setup.ts';
import { conflict } from '../../shared/errors.ts';
import { expectedRevision, ifMatchHeaders, refuseIfMatch, setEtag } from '../etag.ts';
import { companyParams, errorResponses, okSchema } from '../schemas.ts';
import { inCompany } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';
import { COMPANY_PATH } from './approval-schemas.ts';

/** Approval user setup and workflow user groups: anyone in the company reads, approval admins write. */

const userSetupSchema = z.object({
  userId: z.string(),
  salespersonCode: z.string(),
  approverId: z.string().describe('Who approves this user’s requests'),
  salesLimit: z.string(),
  unlimitedSales: z.boolean(),
  purchaseLimit: z.string(),
  unlimitedPurchase: z.boolean(),
  requestLimit: z.string(),
  unlimitedRequest: z.boolean(),
  substitute: z.string().describe('Takes over delegated requests'),
  email: z.string(),
  phone: z.string(),
  approvalAdministrator: z.boolean().describe('A company has one approval administrator'),
  revision: z.number().int(),
});

const limitText = z.string().max(30).describe('Exact decimal text, at least 0; 0 without "unlimited" approves nothing');
const userCode = z.string().max(50);

const userSetupInput = z.object({
  salespersonCode: z.string().max(20).optional(),
  approverId: userCode.optional(),
  salesLimit: limitText.optional(),
  unlimitedSales: z.boolean().optional(),
  purchaseLimit: limitText.optional(),
  unlimitedPurchase: z.boolean().optional(),
  requestLimit: limitText.optional(),
  unlimitedRequest: z.boolean().optional(),
  substitute: userCode.optional(),
  email: z.string().max(250).optional(),
  phone: z.string().max(30).optional(),
  approvalAdministrator: z.boolean().optional(),
});

const userParams = companyParams.extend({ userId: z.string().min(1).max(50).describe('User id') });

const memberSchema = z.object({
  userId: z.string().min(1).max(50),
  sequence: z.number().int().min(1).describe('Members of one sequence are asked at the same time'),
});

const userGroupSchema = z.object({
  code: z.string(),
  description: z.string(),
  parallelPolicy: z.enum(PARALLEL_POLICIES),
  quorum: z.number().int().nullable(),
  members: z.array(memberSchema),
});

const userGroupInput = z.object({
  description: z.string().max(100),
  parallelPolicy: z
    .enum(PARALLEL_POLICIES)
    .optional()
    .describe('Of one sequence: all must approve (default), any one, or a quorum'),
  quorum: z.number().int().min(1).nullable().optional().describe('How many must approve under "quorum"'),
  members: z.array(memberSchema).max(500).optional().describe('The complete member list; left out means none'),
});

type UserGroupView = z.infer<typeof userGroupSchema>;

function groupView(group: WorkflowUserGroup): UserGroupView {
  return { ...group, members: group.members.map((m) => ({ userId: m.userId, sequence: m.sequence })) };
}

const groupParams = companyParams.extend({ code: z.string().min(1).max(20).describe('Workflow user group code') });

export function registerApprovalSetupRoutes(server: Server, options: ServerOptions): void {
  const setupPath = `${COMPANY_PATH}/approval-user-setup`;
  const groupPath = `${COMPANY_PATH}/workflow-user-groups`;
  const tags = ['approval setup'];

  server.get(
    setupPath,
    {
      schema: {
        tags,
        summary: 'Approval users: approvers, limits, substitutes',
        params: companyParams,
        response: { 200: z.array(userSetupSchema), ...errorResponses },
      },
    },
    async (request) => inCompany(options, request, request.params.company, 'read', (ctx) => listUserSetups(ctx)),
  );

  server.get(
    `${setupPath}/:userId`,
    {
      schema: {
        tags,
        summary: 'One approval user (ETag: its revision)',
        params: userParams,
        response: { 200: userSetupSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const setup = await inCompany(options, request, request.params.company, 'read', (ctx) =>
        getUserSetup(ctx, request.params.userId),
      );
      setEtag(reply, setup.revision);
      return setup;
    },
  );

  server.put(
    `${setupPath}/:userId`,
    {
      schema: {
        tags,
        summary:
          'Set up an approval user, or change one (fields left out keep their value; If-Match: the ETag you read); approval-admin role',
        params: userParams,
        headers: ifMatchHeaders,
        body: userSetupInput,
        response: { 200: userSetupSchema, 201: userSetupSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const revision = expectedRevision(request);
      const { created, setup } = await inCompany(
        options,
        request,
        request.params.company,
        'admin',
        async (ctx) => {
          const existed = (await findUserSetup(ctx, request.params.userId)) !== undefined;
          const saved = await saveUserSetup(ctx, { ...request.body, userId: request.params.userId }, revision);
          return { created: !existed, setup: saved };
        },
        'approval-admin',
      );
      setEtag(reply, setup.revision);
      return reply.code(created ? 201 : 200).send(setup);
    },
  );

  server.delete(
    `${setupPath}/:userId`,
    {
      schema: {
        tags,
        summary:
          'Remove an approval user (refused while they approve for someone; If-Match: the ETag you read); approval-admin role',
        params: userParams,
        headers: ifMatchHeaders,
        response: { 200: okSchema, ...errorResponses },
      },
    },
    async (request) => {
      const revision = expectedRevision(request);
      await inCompany(
        options,
        request,
        request.params.company,
        'admin',
        async (ctx) => {
          const setup = await getUserSetup(ctx, request.params.userId);
          if (revision !== undefined && setup.revision !== revision) {
            throw conflict(
              'approval-user-setup-revision-stale',
              `The setup of ${setup.userId} has changed since you read it.`,
            );
          }
          await deleteUserSetup(ctx, setup.userId);
        },
        'approval-admin',
      );
      return { ok: true as const };
    },
  );

  server.get(
    groupPath,
    {
      schema: {
        tags,
        summary: 'Workflow user groups with their members',
        params: companyParams,
        response: { 200: z.array(userGroupSchema), ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'read', async (ctx) =>
        (await listUserGroups(ctx)).map(groupView),
      ),
  );

  server.get(
    `${groupPath}/:code`,
    {
      schema: {
        tags,
        summary: 'One workflow user group',
        params: groupParams,
        response: { 200: userGroupSchema, ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'read', async (ctx) =>
        groupView(await getUserGroup(ctx, request.params.code)),
      ),
  );

  server.put(
    `${groupPath}/:code`,
    {
      schema: {
        tags,
        summary: 'Create or replace a workflow user group with its members; approval-admin role',
        params: groupParams,
        body: userGroupInput,
        response: { 200: userGroupSchema, 201: userGroupSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      refuseIfMatch(request, 'Workflow user groups');
      const { created, group } = await inCompany(
        options,
        request,
        request.params.company,
        'admin',
        async (ctx) => {
          const existed = (await findUserGroup(ctx, request.params.code)) !== undefined;
          const saved = await saveUserGroup(ctx, { ...request.body, code: request.params.code });
          return { created: !existed, group: groupView(saved) };
        },
        'approval-admin',
      );
      return reply.code(created ? 201 : 200).send(group);
    },
  );

  server.delete(
    `${groupPath}/:code`,
    {
      schema: {
        tags,
        summary: 'Delete a workflow user group; approval-admin role',
        params: groupParams,
        response: { 200: okSchema, ...errorResponses },
      },
    },
    async (request) => {
      refuseIfMatch(request, 'Workflow user groups');
      await inCompany(
        options,
        request,
        request.params.company,
        'admin',
        (ctx) => deleteUserGroup(ctx, request.params.code),
        'approval-admin',
      );
      return { ok: true as const };
    },
  );
}
