import { conflict, notFound } from '../../shared/errors.ts';
import type { EngineContext } from '../context.ts';
import type { WorkflowSnapshot } from '../definition/snapshot.ts';
import { type InstanceHeader, InstanceRun, type InstanceState } from './instance-state.ts';

/** Where the engine gets instance-ready definitions by version id. */
export interface SnapshotSource {
  get(ctx: EngineContext, versionId: number): Promise<WorkflowSnapshot>;
}

async function readSnapshot(ctx: EngineContext, versionId: number): Promise<WorkflowSnapshot> {
  const row = await ctx.tx
    .selectFrom('workflow_version')
    .select('definition')
    .where('id', '=', versionId)
    .executeTakeFirst();
  if (!row) throw notFound('workflow-version-missing', `Workflow version ${versionId} does not exist.`);
  return JSON.parse(row.definition) as WorkflowSnapshot;
}

/**
 * Snapshots never change once committed, so one cache per database serves every transaction.
 * What a transaction reads joins the shared cache only after it commits: a version written by a
 * rolled-back transaction must not be remembered under an id the database may hand out again.
 */
export class SnapshotCache {
  readonly #committed = new Map<number, WorkflowSnapshot>();

  /** A view for one transaction; call `commit()` after the transaction committed. */
  scope(): SnapshotSource & { commit(): void } {
    const pending = new Map<number, WorkflowSnapshot>();
    return {
      get: async (ctx, versionId) => {
        const known = this.#committed.get(versionId) ?? pending.get(versionId);
        if (known) return known;
        const snapshot = await readSnapshot(ctx, versionId);
        pending.set(versionId, snapshot);
        return snapshot;
      },
      commit: () => {
        for (const [id, snapshot] of pending) this.#committed.set(id, snapshot);
      },
    };
  }
}

export interface WaitCandidate {
  readonly instanceId: string;
  readonly stepId: number;
}

export async function activeWaitsForRecord(
  ctx: EngineContext,
  eventCode: string,
  table: string,
  key: string,
): Promise<WaitCandidate[]> {
  const rows = await ctx.tx
    .selectFrom('workflow_instance_wait')
    .select(['instance_id', 'step_id'])
    .where('company_id', '=', ctx.companyId)
    .where('event_code', '=', eventCode)
    .where('status', '=', 'active')
    .where('previous_record_table', '=', table)
    .where('previous_record_key', '=', key)
    .orderBy('instance_id')
    .orderBy('step_id')
    .execute();
  return rows.map((r) => ({ instanceId: r.instance_id, stepId: r.step_id }));
}

export async function waitsByRelation(
  ctx: EngineContext,
  eventCode: string,
  table: string,
  matchKeys: readonly string[],
): Promise<WaitCandidate[]> {
  if (matchKeys.length === 0) return [];
  const rows = await ctx.tx
    .selectFrom('workflow_instance_wait as w')
    .innerJoin('workflow_relation_value as v', 'v.instance_id', 'w.instance_id')
    .select(['w.instance_id', 'w.step_id'])
    .distinct()
    .where('v.company_id', '=', ctx.companyId)
    .where('v.table_name', '=', table)
    .where('v.match_key', 'in', matchKeys)
    .where('w.event_code', '=', eventCode)
    .where('w.status', 'in', ['active', 'processing'])
    .orderBy('w.instance_id')
    .orderBy('w.step_id')
    .execute();
  return rows.map((r) => ({ instanceId: r.instance_id, stepId: r.step_id }));
}

export async function waitsOfInstance(ctx: EngineContext, instanceId: string, eventCode: string): Promise<number[]> {
  const rows = await ctx.tx
    .selectFrom('workflow_instance_wait')
    .select('step_id')
    .where('company_id', '=', ctx.companyId)
    .where('instance_id', '=', instanceId)
    .where('event_code', '=', eventCode)
    .where('status', '=', 'active')
    .orderBy('step_id')
    .execute();
  return rows.map((r) => r.step_id);
}

export async function entryWorkflows(ctx: EngineContext, eventCode: string) {
  return ctx.tx
    .selectFrom('workflow_entry_event')
    .select(['workflow_code', 'workflow_id', 'version_id'])
    .where('company_id', '=', ctx.companyId)
    .where('event_code', '=', eventCode)
    .orderBy('workflow_code')
    .execute();
}

/** Loads a live instance, locking its row where the database can, so two commands take turns. */
export async function loadInstance(
  ctx: EngineContext,
  cache: SnapshotSource,
  id: string,
): Promise<InstanceRun | undefined> {
  let query = ctx.tx
    .selectFrom('workflow_instance')
    .selectAll()
    .where('id', '=', id)
    .where('company_id', '=', ctx.companyId);
  if (ctx.capabilities.rowLocks) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const snapshot = await cache.get(ctx, row.version_id);
  const header: InstanceHeader = {
    id: row.id,
    companyId: row.company_id,
    workflowCode: row.workflow_code,
    versionId: row.version_id,
    recordTable: row.record_table,
    recordKey: row.record_key,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
  return new InstanceRun(header, snapshot, JSON.parse(row.state) as InstanceState, row.revision, false);
}

/** Writes an instance's changes: its state, the index of waiting events, new relation values. */
export async function saveInstance(ctx: EngineContext, run: InstanceRun): Promise<void> {
  const now = ctx.now.toISOString();
  if (run.archived) {
    if (!run.isNew) await deleteLive(ctx, run);
    await ctx.tx
      .insertInto('workflow_instance_archive')
      .values({
        id: run.id,
        company_id: run.header.companyId,
        workflow_code: run.header.workflowCode,
        version_id: run.header.versionId,
        record_table: run.header.recordTable,
        record_key: run.header.recordKey,
        state: JSON.stringify(run.state()),
        created_at: run.header.createdAt,
        created_by: run.header.createdBy,
        archived_at: now,
      })
      .execute();
    for (const hook of ctx.registry.instanceArchivedHooks) {
      await hook(ctx, {
        id: run.id,
        workflowCode: run.header.workflowCode,
        recordTable: run.header.recordTable,
        recordKey: run.header.recordKey,
      });
    }
    run.dirty = false;
    return;
  }
  if (run.isNew) {
    await ctx.tx
      .insertInto('workflow_instance')
      .values({
        id: run.id,
        company_id: run.header.companyId,
        workflow_code: run.header.workflowCode,
        version_id: run.header.versionId,
        record_table: run.header.recordTable,
        record_key: run.header.recordKey,
        revision: run.revision,
        state: JSON.stringify(run.state()),
        created_at: run.header.createdAt,
        created_by: run.header.createdBy,
        updated_at: now,
      })
      .execute();
    run.isNew = false;
  } else {
    const result = await ctx.tx
      .updateTable('workflow_instance')
      .set({ state: JSON.stringify(run.state()), revision: run.revision + 1, updated_at: now })
      .where('id', '=', run.id)
      .where('revision', '=', run.revision)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw conflict(
        'workflow-instance-changed',
        `Workflow instance ${run.id} was changed by someone else; try again.`,
      );
    }
    run.revision += 1;
    await ctx.tx.deleteFrom('workflow_instance_wait').where('instance_id', '=', run.id).execute();
  }
  const waits = run.waitingEvents();
  if (waits.length > 0) {
    await ctx.tx
      .insertInto('workflow_instance_wait')
      .values(
        waits.map((w) => ({
          instance_id: run.id,
          step_id: w.step.id,
          company_id: run.header.companyId,
          event_code: w.step.functionCode,
          status: w.status,
          previous_record_table: w.previous?.[0] ?? null,
          previous_record_key: w.previous?.[1] ?? null,
        })),
      )
      .execute();
  }
  if (run.newRelationValues.length > 0) {
    await ctx.tx
      .insertInto('workflow_relation_value')
      .values(
        run.newRelationValues.map((v) => ({
          instance_id: run.id,
          company_id: run.header.companyId,
          table_name: v.table,
          match_key: v.matchKey,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    run.newRelationValues.length = 0;
  }
  run.dirty = false;
}

async function deleteLive(ctx: EngineContext, run: InstanceRun): Promise<void> {
  await ctx.tx.deleteFrom('workflow_instance_wait').where('instance_id', '=', run.id).execute();
  await ctx.tx.deleteFrom('workflow_relation_value').where('instance_id', '=', run.id).execute();
  const result = await ctx.tx
    .deleteFrom('workflow_instance')
    .where('id', '=', run.id)
    .where('revision', '=', run.revision)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1) {
    throw conflict('workflow-instance-changed', `Workflow instance ${run.id} was changed by someone else; try again.`);
  }
}
