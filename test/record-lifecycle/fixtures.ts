import type { EngineContext } from '../../src/engine/context.ts';
import type { TestCompany } from '../support/harness.ts';

/** How many rows each table holds about one record (by table and key). */
export interface LinkCounts {
  readonly entries: number;
  /** History rows of those entries. */
  readonly entryEvents: number;
  readonly comments: number;
  readonly restrictions: number;
  readonly heldChanges: number;
  readonly notifications: number;
}

async function count(query: { executeTakeFirst(): Promise<{ n: number | string | bigint } | undefined> }) {
  return Number((await query.executeTakeFirst())?.n ?? 0);
}

export async function linkCounts(ctx: EngineContext, table: string, key: string): Promise<LinkCounts> {
  const byRecord = <T extends 'approval_entry' | 'approval_comment' | 'restricted_record' | 'record_change'>(name: T) =>
    count(
      ctx.tx
        .selectFrom(name as 'approval_entry')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('company_id', '=', ctx.companyId)
        .where('table_name', '=', table)
        .where('record_key', '=', key),
    );
  const entryIds = ctx.tx
    .selectFrom('approval_entry')
    .select('id')
    .where('company_id', '=', ctx.companyId)
    .where('table_name', '=', table)
    .where('record_key', '=', key);
  return {
    entries: await byRecord('approval_entry'),
    entryEvents: await count(
      ctx.tx
        .selectFrom('approval_entry_event')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('company_id', '=', ctx.companyId)
        .where('entry_id', 'in', entryIds),
    ),
    comments: await byRecord('approval_comment'),
    restrictions: await byRecord('restricted_record'),
    heldChanges: await byRecord('record_change'),
    notifications: await count(
      ctx.tx
        .selectFrom('notification_entry')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('company_id', '=', ctx.companyId)
        .where('table_name', '=', table)
        .where('record_key', '=', key),
    ),
  };
}

export const NO_LINKS: LinkCounts = {
  entries: 0,
  entryEvents: 0,
  comments: 0,
  restrictions: 0,
  heldChanges: 0,
  notifications: 0,
};

export function links(t: TestCompany, table: string, key: string): Promise<LinkCounts> {
  return t.run((ctx) => linkCounts(ctx, table, key));
}

/** A held field change as the record-changes area writes it, already decided (history only). */
export async function decidedHeldChange(ctx: EngineContext, table: string, key: string, instanceId: string) {
  await ctx.tx
    .insertInto('record_change')
    .values({
      company_id: ctx.companyId,
      table_name: table,
      record_key: key,
      field_name: 'name',
      old_value: 'Before',
      new_value: 'After',
      instance_id: instanceId,
      workflow_code: 'TEST',
      status: 'applied',
      inactive: 1,
      created_at: ctx.now.toISOString(),
      created_by: ctx.userId,
      decided_at: ctx.now.toISOString(),
      decided_by: ctx.userId,
    })
    .execute();
}

/** The relation values of the company's live instances, as stored. */
export async function relationKeys(ctx: EngineContext): Promise<string[]> {
  const rows = await ctx.tx
    .selectFrom('workflow_relation_value')
    .select('match_key')
    .where('company_id', '=', ctx.companyId)
    .orderBy('match_key')
    .execute();
  return rows.map((r) => r.match_key);
}
