import type { EngineContext } from '../engine/context.ts';
import { invalid } from '../shared/errors.ts';

export interface ApprovalComment {
  readonly id: number;
  readonly table: string;
  readonly recordKey: string;
  readonly instanceId: string;
  readonly userId: string;
  readonly createdAt: string;
  readonly comment: string;
}

/** A comment on a record under approval, kept with the request (record and workflow instance). */
export async function addComment(
  ctx: EngineContext,
  table: string,
  key: string,
  comment: string,
  instanceId?: string,
): Promise<ApprovalComment> {
  const text = comment.trim();
  if (text === '') throw invalid('comment-empty', 'A comment needs some text.', { field: 'comment' });
  if (text.length > 250)
    throw invalid('comment-too-long', 'A comment may have at most 250 characters.', { field: 'comment' });
  const instance =
    instanceId ??
    (
      await ctx.tx
        .selectFrom('approval_entry')
        .select('instance_id')
        .where('company_id', '=', ctx.companyId)
        .where('table_name', '=', table)
        .where('record_key', '=', key)
        .orderBy('id', 'desc')
        .executeTakeFirst()
    )?.instance_id ??
    '';
  const row = await ctx.tx
    .insertInto('approval_comment')
    .values({
      company_id: ctx.companyId,
      table_name: table,
      record_key: key,
      instance_id: instance,
      user_id: ctx.userId,
      created_at: ctx.now.toISOString(),
      comment: text,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    table,
    recordKey: key,
    instanceId: instance,
    userId: ctx.userId,
    createdAt: ctx.now.toISOString(),
    comment: text,
  };
}

export async function listComments(ctx: EngineContext, table: string, key: string): Promise<ApprovalComment[]> {
  const rows = await ctx.tx
    .selectFrom('approval_comment')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('table_name', '=', table)
    .where('record_key', '=', key)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    table: r.table_name,
    recordKey: r.record_key,
    instanceId: r.instance_id,
    userId: r.user_id,
    createdAt: r.created_at,
    comment: r.comment,
  }));
}
