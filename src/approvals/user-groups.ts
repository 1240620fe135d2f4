import type { EngineContext } from '../engine/context.ts';
import { conflict, invalid, notFound } from '../shared/errors.ts';
import { PARALLEL_POLICIES, type ParallelPolicy } from './types.ts';
import { findUserSetup } from './user-setup.ts';

export interface WorkflowUserGroupMember {
  readonly userId: string;
  readonly sequence: number;
}

/** Users who approve together; equal sequence numbers are asked at the same time (D1). */
export interface WorkflowUserGroup {
  readonly code: string;
  readonly description: string;
  readonly parallelPolicy: ParallelPolicy;
  /** How many of one sequence must approve under `quorum`. */
  readonly quorum: number | null;
  readonly members: readonly WorkflowUserGroupMember[];
}

export interface WorkflowUserGroupInput {
  readonly code: string;
  readonly description: string;
  readonly parallelPolicy?: ParallelPolicy;
  readonly quorum?: number | null;
  readonly members?: readonly WorkflowUserGroupMember[];
}

export async function findUserGroup(ctx: EngineContext, code: string): Promise<WorkflowUserGroup | undefined> {
  const row = await ctx.tx
    .selectFrom('workflow_user_group')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('code', '=', code.toUpperCase())
    .executeTakeFirst();
  if (!row) return undefined;
  const members = await ctx.tx
    .selectFrom('workflow_user_group_member')
    .select(['user_id', 'sequence'])
    .where('company_id', '=', ctx.companyId)
    .where('group_code', '=', row.code)
    .orderBy('sequence')
    .orderBy('user_id')
    .execute();
  return {
    code: row.code,
    description: row.description,
    parallelPolicy: row.parallel_policy as ParallelPolicy,
    quorum: row.quorum,
    members: members.map((m) => ({ userId: m.user_id, sequence: m.sequence })),
  };
}

export async function getUserGroup(ctx: EngineContext, code: string): Promise<WorkflowUserGroup> {
  const group = await findUserGroup(ctx, code);
  if (!group) throw notFound('workflow-user-group-not-found', `Workflow user group ${code} does not exist.`);
  return group;
}

export async function listUserGroups(ctx: EngineContext): Promise<WorkflowUserGroup[]> {
  const rows = await ctx.tx
    .selectFrom('workflow_user_group')
    .select('code')
    .where('company_id', '=', ctx.companyId)
    .orderBy('code')
    .execute();
  return Promise.all(rows.map((r) => getUserGroup(ctx, r.code)));
}

/** Creates or replaces a group with its members. */
export async function saveUserGroup(ctx: EngineContext, input: WorkflowUserGroupInput): Promise<WorkflowUserGroup> {
  const code = input.code.trim().toUpperCase();
  if (code === '' || code.length > 20) {
    throw invalid('workflow-user-group-code-invalid', 'A workflow user group code has 1 to 20 characters.', {
      field: 'code',
    });
  }
  const policy = input.parallelPolicy ?? 'all';
  if (!PARALLEL_POLICIES.includes(policy)) {
    throw invalid('parallel-policy-invalid', `"${String(policy)}" is not a parallel policy; use all, any or quorum.`, {
      field: 'parallelPolicy',
    });
  }
  const quorum = policy === 'quorum' ? (input.quorum ?? null) : null;
  if (policy === 'quorum' && (quorum === null || !Number.isInteger(quorum) || quorum < 1)) {
    throw invalid('quorum-invalid', 'A quorum policy needs a whole number of approvers of at least 1.', {
      field: 'quorum',
    });
  }
  const members = input.members ?? [];
  const seen = new Set<string>();
  for (const member of members) {
    const userId = member.userId.toUpperCase();
    if (seen.has(userId))
      throw conflict('workflow-user-group-member-duplicate', `${userId} is in the group twice.`, { field: 'members' });
    seen.add(userId);
    if (!Number.isInteger(member.sequence) || member.sequence < 1) {
      throw invalid('member-sequence-invalid', `The sequence of ${userId} must be a whole number from 1.`, {
        field: 'members',
      });
    }
    if (!(await findUserSetup(ctx, userId))) {
      throw invalid('approval-user-not-set-up', `Group member ${userId} is not set up as an approval user.`, {
        field: 'members',
      });
    }
  }
  await ctx.tx
    .insertInto('workflow_user_group')
    .values({ company_id: ctx.companyId, code, description: input.description, parallel_policy: policy, quorum })
    .onConflict((oc) =>
      oc
        .columns(['company_id', 'code'])
        .doUpdateSet({ description: input.description, parallel_policy: policy, quorum }),
    )
    .execute();
  await ctx.tx
    .deleteFrom('workflow_user_group_member')
    .where('company_id', '=', ctx.companyId)
    .where('group_code', '=', code)
    .execute();
  if (members.length > 0) {
    await ctx.tx
      .insertInto('workflow_user_group_member')
      .values(
        members.map((m) => ({
          company_id: ctx.companyId,
          group_code: code,
          user_id: m.userId.toUpperCase(),
          sequence: m.sequence,
        })),
      )
      .execute();
  }
  return getUserGroup(ctx, code);
}

export async function deleteUserGroup(ctx: EngineContext, code: string): Promise<void> {
  const group = await getUserGroup(ctx, code);
  await ctx.tx
    .deleteFrom('workflow_user_group_member')
    .where('company_id', '=', ctx.companyId)
    .where('group_code', '=', group.code)
    .execute();
  await ctx.tx
    .deleteFrom('workflow_user_group')
    .where('company_id', '=', ctx.companyId)
    .where('code', '=', group.code)
    .execute();
}

/** Is a sequence of a group decided, given how many of its entries are approved? */
export function sequenceSatisfied(
  policy: ParallelPolicy,
  quorum: number | null,
  approved: number,
  total: number,
): boolean {
  if (policy === 'any') return approved >= 1;
  if (policy === 'quorum') return approved >= Math.min(quorum ?? total, total);
  return approved >= total;
}
