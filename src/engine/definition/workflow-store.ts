import type { Selectable } from 'kysely';
import type { WorkflowStepTable, WorkflowTable } from '../../db/schema.ts';
import { conflict, invalid, notFound } from '../../shared/errors.ts';
import type { EngineContext } from '../context.ts';
import type { Workflow, WorkflowStep } from './types.ts';

/** Reading and writing workflow rows; rules about what may change live in `workflows.ts`. */

export function rowToStep(row: Selectable<WorkflowStepTable>): WorkflowStep {
  const argument = row.argument ? (JSON.parse(row.argument) as { conditions?: unknown; options?: unknown }) : {};
  return {
    id: row.step_id,
    previousStepId: row.previous_step_id,
    nextStepId: row.next_step_id,
    type: row.type as WorkflowStep['type'],
    functionCode: row.function_code,
    sequence: row.sequence,
    entryPoint: row.entry_point === 1,
    description: row.description,
    ...(argument.conditions ? { conditions: argument.conditions as WorkflowStep['conditions'] } : {}),
    ...(row.rules ? { rules: JSON.parse(row.rules) as WorkflowStep['rules'] } : {}),
    ...(argument.options ? { options: argument.options as WorkflowStep['options'] } : {}),
  };
}

function stepToRow(workflowId: number, step: WorkflowStep) {
  const argument = step.conditions
    ? { conditions: step.conditions }
    : step.options
      ? { options: step.options }
      : undefined;
  return {
    workflow_id: workflowId,
    step_id: step.id,
    previous_step_id: step.previousStepId,
    next_step_id: step.nextStepId,
    type: step.type,
    function_code: step.functionCode,
    sequence: step.sequence,
    entry_point: step.entryPoint ? 1 : 0,
    description: step.description,
    argument: argument ? JSON.stringify(argument) : null,
    rules: step.rules ? JSON.stringify(step.rules) : null,
  };
}

function rowToWorkflow(row: Selectable<WorkflowTable>, steps: readonly WorkflowStep[]): Workflow {
  return {
    id: row.id,
    code: row.code,
    description: row.description,
    category: row.category,
    enabled: row.enabled === 1,
    template: row.template === 1,
    revision: row.revision,
    steps,
  };
}

export async function findWorkflowRow(ctx: EngineContext, code: string) {
  return ctx.tx
    .selectFrom('workflow')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('code', '=', code.trim().toUpperCase())
    .executeTakeFirst();
}

export async function loadSteps(ctx: EngineContext, workflowId: number): Promise<WorkflowStep[]> {
  const rows = await ctx.tx
    .selectFrom('workflow_step')
    .selectAll()
    .where('workflow_id', '=', workflowId)
    .orderBy('step_id')
    .execute();
  return rows.map(rowToStep);
}

export async function findWorkflow(ctx: EngineContext, code: string): Promise<Workflow | undefined> {
  const row = await findWorkflowRow(ctx, code);
  return row ? rowToWorkflow(row, await loadSteps(ctx, row.id)) : undefined;
}

export async function getWorkflow(ctx: EngineContext, code: string): Promise<Workflow> {
  const workflow = await findWorkflow(ctx, code);
  if (!workflow) throw notFound('workflow-not-found', `Workflow ${code} does not exist.`, { workflow: code });
  return workflow;
}

export interface WorkflowSummary {
  readonly code: string;
  readonly description: string;
  readonly category: string;
  readonly enabled: boolean;
  readonly template: boolean;
  readonly revision: number;
}

export async function listWorkflows(
  ctx: EngineContext,
  filter: { readonly category?: string; readonly template?: boolean } = {},
): Promise<WorkflowSummary[]> {
  let query = ctx.tx.selectFrom('workflow').selectAll().where('company_id', '=', ctx.companyId);
  if (filter.category !== undefined) query = query.where('category', '=', filter.category);
  if (filter.template !== undefined) query = query.where('template', '=', filter.template ? 1 : 0);
  const rows = await query.orderBy('category').orderBy('code').execute();
  return rows.map((r) => {
    const { steps: _steps, id: _id, ...summary } = rowToWorkflow(r, []);
    return summary;
  });
}

export async function insertWorkflowRow(
  ctx: EngineContext,
  values: { code: string; description: string; category: string; template: boolean },
): Promise<number> {
  const now = ctx.now.toISOString();
  const row = await ctx.tx
    .insertInto('workflow')
    .values({
      company_id: ctx.companyId,
      code: values.code,
      description: values.description,
      category: values.category,
      enabled: 0,
      template: values.template ? 1 : 0,
      revision: 1,
      current_version_id: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Bumps the revision; refuses when the caller saw an older one (optimistic concurrency). */
export async function touchWorkflow(
  ctx: EngineContext,
  workflow: Workflow,
  changes: { description?: string; category?: string; enabled?: boolean; currentVersionId?: number | null },
  expectedRevision?: number,
): Promise<number> {
  if (expectedRevision !== undefined && expectedRevision !== workflow.revision) {
    throw conflict(
      'workflow-revision-stale',
      `Workflow ${workflow.code} has changed since revision ${expectedRevision}; it is at revision ${workflow.revision}.`,
    );
  }
  const result = await ctx.tx
    .updateTable('workflow')
    .set({
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.category !== undefined ? { category: changes.category } : {}),
      ...(changes.enabled !== undefined ? { enabled: changes.enabled ? 1 : 0 } : {}),
      ...(changes.currentVersionId !== undefined ? { current_version_id: changes.currentVersionId } : {}),
      revision: workflow.revision + 1,
      updated_at: ctx.now.toISOString(),
    })
    .where('id', '=', workflow.id)
    .where('revision', '=', workflow.revision)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw conflict(
      'workflow-revision-stale',
      `Workflow ${workflow.code} was changed by someone else; reload it and try again.`,
    );
  }
  return workflow.revision + 1;
}

export async function replaceSteps(
  ctx: EngineContext,
  workflowId: number,
  steps: readonly WorkflowStep[],
): Promise<void> {
  await ctx.tx.deleteFrom('workflow_step').where('workflow_id', '=', workflowId).execute();
  if (steps.length > 0) {
    await ctx.tx
      .insertInto('workflow_step')
      .values(steps.map((s) => stepToRow(workflowId, s)))
      .execute();
  }
}

export async function ensureCategory(ctx: EngineContext, code: string): Promise<void> {
  if (code === '') return;
  const found = await ctx.tx
    .selectFrom('workflow_category')
    .select('code')
    .where('company_id', '=', ctx.companyId)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!found) {
    throw invalid('workflow-category-unknown', `Workflow category "${code}" does not exist.`, { field: 'category' });
  }
}

export async function saveCategory(ctx: EngineContext, code: string, description: string): Promise<void> {
  const normalized = code.trim().toUpperCase();
  if (normalized === '' || normalized.length > 20) {
    throw invalid('workflow-category-code-invalid', `Category code "${code}" must have 1 to 20 characters.`, {
      field: 'code',
    });
  }
  await ctx.tx
    .insertInto('workflow_category')
    .values({ company_id: ctx.companyId, code: normalized, description })
    .onConflict((oc) => oc.columns(['company_id', 'code']).doUpdateSet({ description }))
    .execute();
}

export async function listCategories(ctx: EngineContext) {
  return ctx.tx
    .selectFrom('workflow_category')
    .select(['code', 'description'])
    .where('company_id', '=', ctx.companyId)
    .orderBy('code')
    .execute();
}
