import { notFound } from '../../shared/errors.ts';
import type { EngineContext } from '../context.ts';
import type { InstanceState, StepStatus } from './instance-state.ts';

export interface InstanceStepView {
  readonly id: number;
  readonly type: 'event' | 'response';
  readonly functionCode: string;
  readonly status: StepStatus;
  readonly record: string | null;
  readonly originalWorkflowCode: string;
  readonly originalStepId: number;
  readonly previousStepId: number | null;
}

export interface InstanceView {
  readonly id: string;
  readonly workflowCode: string;
  readonly versionId: number;
  readonly record: { readonly table: string; readonly key: string };
  readonly createdAt: string;
  readonly createdBy: string;
  /** Set for archived instances. */
  readonly archivedAt?: string;
  readonly steps: readonly InstanceStepView[];
}

async function view(
  ctx: EngineContext,
  row: {
    id: string;
    workflow_code: string;
    version_id: number;
    record_table: string;
    record_key: string;
    state: string;
    created_at: string;
    created_by: string;
    archived_at?: string;
  },
): Promise<InstanceView> {
  const snapshot = await ctx.snapshots.get(ctx, row.version_id);
  const state = JSON.parse(row.state) as InstanceState;
  return {
    id: row.id,
    workflowCode: row.workflow_code,
    versionId: row.version_id,
    record: { table: row.record_table, key: row.record_key },
    createdAt: row.created_at,
    createdBy: row.created_by,
    ...(row.archived_at ? { archivedAt: row.archived_at } : {}),
    steps: snapshot.steps.map((s, i) => {
      const record = state.records[i];
      return {
        id: s.id,
        type: s.type,
        functionCode: s.functionCode,
        status: state.statuses[i] ?? 'inactive',
        record: record ? `${record[0]}:${record[1]}` : null,
        originalWorkflowCode: s.originalWorkflowCode,
        originalStepId: s.originalStepId,
        previousStepId: s.previousStepId,
      };
    }),
  };
}

export interface InstanceFilter {
  readonly workflowCode?: string;
  readonly recordTable?: string;
  readonly recordKey?: string;
}

export async function listInstances(ctx: EngineContext, filter: InstanceFilter = {}): Promise<InstanceView[]> {
  let query = ctx.tx.selectFrom('workflow_instance').selectAll().where('company_id', '=', ctx.companyId);
  if (filter.workflowCode) query = query.where('workflow_code', '=', filter.workflowCode);
  if (filter.recordTable) query = query.where('record_table', '=', filter.recordTable);
  if (filter.recordKey) query = query.where('record_key', '=', filter.recordKey);
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return Promise.all(rows.map((r) => view(ctx, r)));
}

export async function listArchivedInstances(ctx: EngineContext, filter: InstanceFilter = {}): Promise<InstanceView[]> {
  let query = ctx.tx.selectFrom('workflow_instance_archive').selectAll().where('company_id', '=', ctx.companyId);
  if (filter.workflowCode) query = query.where('workflow_code', '=', filter.workflowCode);
  if (filter.recordTable) query = query.where('record_table', '=', filter.recordTable);
  if (filter.recordKey) query = query.where('record_key', '=', filter.recordKey);
  const rows = await query.orderBy('archived_at').orderBy('id').execute();
  return Promise.all(rows.map((r) => view(ctx, r)));
}

/** A live or archived instance by id. */
export async function getInstance(ctx: EngineContext, id: string): Promise<InstanceView> {
  const live = await ctx.tx
    .selectFrom('workflow_instance')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (live) return view(ctx, live);
  const archived = await ctx.tx
    .selectFrom('workflow_instance_archive')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (archived) return view(ctx, archived);
  throw notFound('workflow-instance-not-found', `Workflow instance ${id} does not exist.`);
}
