import { type Expression, type SqlBool, sql } from 'kysely';
import type { EngineContext } from '../engine/context.ts';
import type { InstanceState, RecordPointer } from '../engine/execution/instance-state.ts';
import { conflict } from '../shared/errors.ts';
import { areaOfHeaderTable, parseDocumentKey } from './document-types.ts';
import { describeRecord } from './restrictions.ts';

/**
 * What other tables hold about a record by its table and key (spec §5.10, reference §5.12, §8.1):
 * approval entries with their history, approval comments, the record restriction, held field
 * changes, queued notifications, and the workflow instances that act on it. Deleting a record
 * forgets its approval data (not its instances: deletion is refused while a request waits, and
 * finished instances stay in the archive); renaming one moves all of it, instances included, to
 * the new key, so a running approval carries on.
 *
 * This works on the tables directly: the records module does not depend on the approvals module.
 */

/** Tables that name a record by its table and key, and go with it when it is deleted. */
const KEYED_BY_RECORD = ['approval_entry', 'approval_comment', 'restricted_record', 'record_change'] as const;
type KeyedByRecord = (typeof KEYED_BY_RECORD)[number];

/** Approval entry statuses of a request still waiting for a decision. */
const PENDING_STATUSES = ['Created', 'Open'];

/** What `forgetRecordLinks` deleted, per kind. */
export interface ForgottenLinks {
  readonly approvalEntries: number;
  readonly comments: number;
  readonly restrictions: number;
  readonly heldChanges: number;
  readonly notifications: number;
}

/**
 * Refuses (`record-approval-pending`) while the record has approval entries waiting for a
 * decision: deleting it would leave approvers with a request for nothing. Cancel the request
 * first; decided history is no obstacle. `refusal` replaces the error code and message (a module
 * that refuses more than deletion, say).
 */
export async function assertNoPendingApproval(
  ctx: EngineContext,
  table: string,
  key: string,
  refusal?: { readonly code: string; readonly message: string },
): Promise<void> {
  const pending = await ctx.tx
    .selectFrom('approval_entry')
    .select('instance_id')
    .where('company_id', '=', ctx.companyId)
    .where('table_name', '=', table)
    .where('record_key', '=', key)
    .where('status', 'in', PENDING_STATUSES)
    .execute();
  const count = pending.length;
  if (count > 0 && !refusal && (await onlyHeldChanges(ctx, table, key, pending))) {
    // A held field change has no cancel: its approvers decide it (reference §8.2).
    throw conflict(
      'record-change-pending',
      `${describeRecord(ctx, table, key)} has a held field change waiting for its approvers; it can be deleted once they have decided.`,
      { table, key, pendingEntries: count },
    );
  }
  if (count > 0) {
    throw conflict(
      refusal?.code ?? 'record-approval-pending',
      refusal?.message ??
        `${describeRecord(ctx, table, key)} has an approval request waiting for a decision; cancel the request before deleting it.`,
      { table, key, pendingEntries: count },
    );
  }
}

/** Whether every pending entry belongs to an instance that holds field changes of the record. */
async function onlyHeldChanges(
  ctx: EngineContext,
  table: string,
  key: string,
  pending: readonly { readonly instance_id: string }[],
): Promise<boolean> {
  const held = await ctx.tx
    .selectFrom('record_change')
    .select('instance_id')
    .distinct()
    .where('company_id', '=', ctx.companyId)
    .where('table_name', '=', table)
    .where('record_key', '=', key)
    .execute();
  const instances = new Set(held.map((r) => r.instance_id));
  return pending.every((e) => instances.has(e.instance_id));
}

/**
 * Deletes what other tables hold about a deleted record: its approval entries and their history,
 * approval comments, restriction, held field changes and queued notifications. Refused with
 * `record-approval-pending` while an approval request of the record waits for a decision.
 *
 * Left alone: overdue notifications (one speaks of the overdue entries of several records; the
 * dispatcher skips entries that no longer exist), the workflow instance archive (finished runs
 * stay there, spec §5.10) and posted approval entries (they belong to the posted document).
 */
export async function forgetRecordLinks(ctx: EngineContext, table: string, key: string): Promise<ForgottenLinks> {
  await assertNoPendingApproval(ctx, table, key);
  const { companyId } = ctx;
  const entryIds = ctx.tx
    .selectFrom('approval_entry')
    .select('id')
    .where('company_id', '=', companyId)
    .where('table_name', '=', table)
    .where('record_key', '=', key);

  await ctx.tx
    .deleteFrom('approval_entry_event')
    .where('company_id', '=', companyId)
    .where('entry_id', 'in', entryIds)
    .execute();
  // The overdue log and the used email links of these entries would point at nothing.
  await ctx.tx
    .deleteFrom('overdue_approval_entry')
    .where('company_id', '=', companyId)
    .where('entry_id', 'in', entryIds)
    .execute();
  await ctx.tx
    .deleteFrom('email_link_use')
    .where('company_id', '=', companyId)
    .where('entry_id', 'in', entryIds)
    .execute();
  const notifications = await ctx.tx
    .deleteFrom('notification_entry')
    .where('company_id', '=', companyId)
    .where('type', '<>', 'overdue')
    .where((eb) =>
      eb.or([
        eb.and([eb('table_name', '=', table), eb('record_key', '=', key)]),
        eb('approval_entry_id', 'in', entryIds),
      ]),
    )
    .executeTakeFirst();
  const deleted: Partial<Record<KeyedByRecord, number>> = {};
  for (const name of KEYED_BY_RECORD) {
    const result = await ctx.tx
      .deleteFrom(name)
      .where('company_id', '=', companyId)
      .where('table_name', '=', table)
      .where('record_key', '=', key)
      .executeTakeFirst();
    deleted[name] = Number(result.numDeletedRows);
  }
  return {
    approvalEntries: deleted.approval_entry ?? 0,
    comments: deleted.approval_comment ?? 0,
    restrictions: deleted.restricted_record ?? 0,
    heldChanges: deleted.record_change ?? 0,
    notifications: Number(notifications.numDeletedRows),
  };
}

/**
 * Moves what other tables hold about a record from `oldKey` to `newKey` (the caller has renamed
 * the record itself): its approval data (see `rekeyApprovalData`) and the workflow instances
 * acting on it — live ones with their waiting events and relation values, so a running approval
 * continues on the renamed record, and archived ones, so the history of the record stays complete.
 */
export async function renameRecordLinks(
  ctx: EngineContext,
  table: string,
  oldKey: string,
  newKey: string,
): Promise<void> {
  if (oldKey === newKey) return;
  await rekeyApprovalData(ctx, table, oldKey, newKey);
  await renameInInstances(ctx, table, oldKey, newKey);
}

/** Tables that follow a record to its new key besides its approval entries. */
const REKEYED_WITH_RECORD = ['approval_comment', 'restricted_record', 'record_change', 'notification_entry'] as const;

/**
 * Re-points a record's approval entries (for documents also their document type and no.),
 * comments, restriction, held field changes and queued notifications from `oldKey` to `newKey`
 * of the same table, leaving its workflow instances where they are: a rename moves those too
 * (`renameRecordLinks`); an order made from a quote takes over the quote's history, not its runs.
 */
export async function rekeyApprovalData(
  ctx: EngineContext,
  table: string,
  oldKey: string,
  newKey: string,
): Promise<{ readonly entries: number; readonly comments: number }> {
  const { companyId } = ctx;
  const document = areaOfHeaderTable(table) ? parseDocumentKey(newKey) : undefined;
  const entries = await ctx.tx
    .updateTable('approval_entry')
    .set({
      record_key: newKey,
      ...(document ? { document_type: document.documentType, document_no: document.no } : {}),
    })
    .where('company_id', '=', companyId)
    .where('table_name', '=', table)
    .where('record_key', '=', oldKey)
    .executeTakeFirst();
  // One restriction per record: one left behind under the new key belongs to no record.
  await ctx.tx
    .deleteFrom('restricted_record')
    .where('company_id', '=', companyId)
    .where('table_name', '=', table)
    .where('record_key', '=', newKey)
    .execute();
  let comments = 0;
  for (const name of REKEYED_WITH_RECORD) {
    const result = await ctx.tx
      .updateTable(name)
      .set({ record_key: newKey })
      .where('company_id', '=', companyId)
      .where('table_name', '=', table)
      .where('record_key', '=', oldKey)
      .executeTakeFirst();
    if (name === 'approval_comment') comments = Number(result.numUpdatedRows);
  }
  return { entries: Number(entries.numUpdatedRows), comments };
}

/** `%<text>%` for LIKE … ESCAPE '!', matching `text` literally. */
function containing(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

function stateMentions(pointer: RecordPointer): Expression<SqlBool> {
  return sql<SqlBool>`state like ${containing(JSON.stringify(pointer))} escape '!'`;
}

/** The state with every step that acted on the record pointing to its new key; undefined if none did. */
function renamedState(text: string, table: string, oldKey: string, newKey: string): string | undefined {
  const state = JSON.parse(text) as InstanceState;
  let changed = false;
  const records = state.records.map((pointer): RecordPointer | null => {
    if (pointer && pointer[0] === table && pointer[1] === oldKey) {
      changed = true;
      return [table, newKey];
    }
    return pointer;
  });
  return changed ? JSON.stringify({ ...state, records }) : undefined;
}

async function renameInInstances(ctx: EngineContext, table: string, oldKey: string, newKey: string): Promise<void> {
  const { companyId } = ctx;
  const now = ctx.now.toISOString();
  const mentions = stateMentions([table, oldKey]);

  const live = await ctx.tx
    .selectFrom('workflow_instance')
    .select(['id', 'revision', 'record_table', 'record_key', 'state'])
    .where('company_id', '=', companyId)
    .where((eb) => eb.or([eb.and([eb('record_table', '=', table), eb('record_key', '=', oldKey)]), mentions]))
    .orderBy('id')
    .$if(ctx.capabilities.rowLocks, (q) => q.forUpdate())
    .execute();
  for (const row of live) {
    const ownRecord = row.record_table === table && row.record_key === oldKey;
    const state = renamedState(row.state, table, oldKey, newKey);
    if (!ownRecord && state === undefined) continue;
    // A new revision, so a command that loaded the instance before cannot write its old state back.
    const result = await ctx.tx
      .updateTable('workflow_instance')
      .set({
        ...(ownRecord ? { record_key: newKey } : {}),
        ...(state !== undefined ? { state } : {}),
        revision: row.revision + 1,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .where('revision', '=', row.revision)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw conflict(
        'workflow-instance-changed',
        `Workflow instance ${row.id} was changed by someone else; try again.`,
      );
    }
  }
  await ctx.tx
    .updateTable('workflow_instance_wait')
    .set({ previous_record_key: newKey })
    .where('company_id', '=', companyId)
    .where('previous_record_table', '=', table)
    .where('previous_record_key', '=', oldKey)
    .execute();
  await renameRelationValues(ctx, table, oldKey, newKey);

  const archived = await ctx.tx
    .selectFrom('workflow_instance_archive')
    .select(['id', 'record_table', 'record_key', 'state'])
    .where('company_id', '=', companyId)
    .where((eb) => eb.or([eb.and([eb('record_table', '=', table), eb('record_key', '=', oldKey)]), mentions]))
    .orderBy('id')
    .execute();
  for (const row of archived) {
    const ownRecord = row.record_table === table && row.record_key === oldKey;
    const state = renamedState(row.state, table, oldKey, newKey);
    if (!ownRecord && state === undefined) continue;
    await ctx.tx
      .updateTable('workflow_instance_archive')
      .set({ ...(ownRecord ? { record_key: newKey } : {}), ...(state !== undefined ? { state } : {}) })
      .where('id', '=', row.id)
      .execute();
  }
}

type MatchKey = [from: string, ...pairs: [to: string, value: string][]];

/**
 * Relation values (reference §2.9) hold key values of the record they were noted from, or of the
 * record they wait for. A value is re-keyed where the relation maps the renamed table's key: a
 * relation from the table whose field is its key (`$key`, or its only key field), or a relation
 * to the table whose target field is its key.
 */
async function renameRelationValues(ctx: EngineContext, table: string, oldKey: string, newKey: string) {
  const keyFields = ctx.registry.hasTable(table) ? ctx.registry.table(table).key : [];
  const isKey = (field: string) => field === '$key' || (keyFields.length === 1 && keyFields[0] === field);
  const rows = await ctx.tx
    .selectFrom('workflow_relation_value')
    .select(['instance_id', 'table_name', 'match_key'])
    .where('company_id', '=', ctx.companyId)
    .where(sql<SqlBool>`match_key like ${containing(JSON.stringify(oldKey))} escape '!'`)
    .orderBy('instance_id')
    .execute();
  for (const row of rows) {
    const [from, ...pairs] = JSON.parse(row.match_key) as MatchKey;
    const relation = ctx.registry
      .relationsFrom(from)
      .find(
        (r) =>
          r.to === row.table_name &&
          r.fields.length === pairs.length &&
          r.fields.every(([, to], i) => pairs[i]?.[0] === to),
      );
    if (!relation) continue;
    let changed = false;
    const renamed = pairs.map(([to, value], i): [string, string] => {
      const fromField = relation.fields[i]?.[0] ?? '';
      const keyed = (from === table && isKey(fromField)) || (row.table_name === table && isKey(to));
      if (!keyed || value !== oldKey) return [to, value];
      changed = true;
      return [to, newKey];
    });
    if (!changed) continue;
    await ctx.tx
      .deleteFrom('workflow_relation_value')
      .where('instance_id', '=', row.instance_id)
      .where('table_name', '=', row.table_name)
      .where('match_key', '=', row.match_key)
      .execute();
    await ctx.tx
      .insertInto('workflow_relation_value')
      .values({
        instance_id: row.instance_id,
        company_id: ctx.companyId,
        table_name: row.table_name,
        match_key: JSON.stringify([from, ...renamed]),
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/**
 * Locks the live workflow instances of a record, in id order, before the record itself is
 * locked for a rename or delete: deciding an approval locks its instance first too, so the two
 * take turns instead of deadlocking.
 */
export async function lockRecordInstances(ctx: EngineContext, table: string, key: string): Promise<void> {
  if (!ctx.capabilities.rowLocks) return;
  await ctx.tx
    .selectFrom('workflow_instance')
    .select('id')
    .where('company_id', '=', ctx.companyId)
    .where('record_table', '=', table)
    .where('record_key', '=', key)
    .orderBy('id')
    .forUpdate()
    .execute();
}
