import { conflict, invalid } from '../../shared/errors.ts';
import type { EngineContext } from '../context.ts';
import { buildSnapshot, entryStep } from './snapshot.ts';
import type { Workflow, WorkflowStep } from './types.ts';
import { type EnableEnvironment, type OtherEntryPoint, type ValidationProblem, validateForEnable } from './validate.ts';
import { findWorkflow, getWorkflow, touchWorkflow } from './workflow-store.ts';

async function environment(ctx: EngineContext, workflow: Workflow): Promise<EnableEnvironment> {
  const known = new Map<string, { enabled: boolean; steps: readonly WorkflowStep[] } | undefined>();
  const pending = workflow.steps.filter((s) => s.type === 'sub-workflow').map((s) => s.functionCode);
  while (pending.length > 0) {
    const code = pending.pop() as string;
    if (known.has(code) || code === workflow.code || code === '') continue;
    const sub = await findWorkflow(ctx, code);
    known.set(code, sub && { enabled: sub.enabled, steps: sub.steps });
    for (const step of sub?.steps ?? []) if (step.type === 'sub-workflow') pending.push(step.functionCode);
  }
  const root = entryStep(workflow.steps);
  const otherEntryPoints: OtherEntryPoint[] = [];
  if (root) {
    const others = await ctx.tx
      .selectFrom('workflow_entry_event')
      .select(['workflow_code', 'version_id'])
      .where('company_id', '=', ctx.companyId)
      .where('event_code', '=', root.functionCode)
      .where('workflow_code', '<>', workflow.code)
      .execute();
    for (const other of others) {
      const first = (await ctx.snapshots.get(ctx, other.version_id)).steps[0];
      if (!first) continue;
      otherEntryPoints.push({
        workflowCode: other.workflow_code,
        eventCode: first.functionCode,
        ...(first.conditions ? { conditions: first.conditions } : {}),
        ...(first.rules ? { rules: first.rules } : {}),
      });
    }
  }
  return { workflow: (code) => known.get(code), otherEntryPoints };
}

/** The problems that would stop the workflow from being enabled; empty when it can be. */
export async function validateWorkflow(ctx: EngineContext, code: string): Promise<ValidationProblem[]> {
  const workflow = await getWorkflow(ctx, code);
  return validateForEnable(ctx.registry, workflow, await environment(ctx, workflow));
}

/**
 * Enables a workflow: validates it, then freezes the expanded definition as a new version that
 * every instance started from now on runs on.
 */
export async function enableWorkflow(ctx: EngineContext, code: string, expectedRevision?: number): Promise<Workflow> {
  const workflow = await getWorkflow(ctx, code);
  if (workflow.enabled) return workflow;
  const env = await environment(ctx, workflow);
  const problems = validateForEnable(ctx.registry, workflow, env);
  if (problems.length > 0) {
    throw invalid(
      'workflow-not-valid',
      `Workflow ${workflow.code} cannot be enabled:\n${problems.map((p) => `- ${p.message}`).join('\n')}`,
      { problems },
    );
  }
  const snapshot = buildSnapshot(workflow.code, workflow.description, (c) =>
    c === workflow.code ? workflow.steps : (env.workflow(c)?.steps ?? []),
  );
  const previous = await ctx.tx
    .selectFrom('workflow_version')
    .select(({ fn }) => fn.max<number>('number').as('last'))
    .where('workflow_id', '=', workflow.id)
    .executeTakeFirst();
  const version = await ctx.tx
    .insertInto('workflow_version')
    .values({
      company_id: ctx.companyId,
      workflow_id: workflow.id,
      workflow_code: workflow.code,
      number: Number(previous?.last ?? 0) + 1,
      definition: JSON.stringify(snapshot),
      created_at: ctx.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const root = entryStep(workflow.steps) as WorkflowStep;
  await ctx.tx.updateTable('workflow_step').set({ entry_point: 0 }).where('workflow_id', '=', workflow.id).execute();
  await ctx.tx
    .updateTable('workflow_step')
    .set({ entry_point: 1 })
    .where('workflow_id', '=', workflow.id)
    .where('step_id', '=', root.id)
    .execute();
  await ctx.tx
    .insertInto('workflow_entry_event')
    .values({
      company_id: ctx.companyId,
      event_code: root.functionCode,
      workflow_code: workflow.code,
      workflow_id: workflow.id,
      version_id: version.id,
    })
    .execute();
  await touchWorkflow(ctx, workflow, { enabled: true, currentVersionId: version.id }, expectedRevision);
  return getWorkflow(ctx, workflow.code);
}

/**
 * Disables a workflow. Running instances carry on with their own snapshot. A workflow used as a
 * sub-workflow by enabled workflows is disabled only when the caller agrees to disable those too.
 */
export async function disableWorkflow(
  ctx: EngineContext,
  code: string,
  options: { readonly disableParents?: boolean; readonly expectedRevision?: number } = {},
): Promise<Workflow> {
  const workflow = await getWorkflow(ctx, code);
  if (!workflow.enabled) return workflow;
  const parents = await ctx.tx
    .selectFrom('workflow_step as s')
    .innerJoin('workflow as w', 'w.id', 's.workflow_id')
    .select('w.code')
    .distinct()
    .where('w.company_id', '=', ctx.companyId)
    .where('w.enabled', '=', 1)
    .where('s.type', '=', 'sub-workflow')
    .where('s.function_code', '=', workflow.code)
    .execute();
  if (parents.length > 0 && !options.disableParents) {
    throw conflict(
      'workflow-used-as-sub-workflow',
      `Workflow ${workflow.code} is used as a sub-workflow by enabled workflows (${parents.map((p) => p.code).join(', ')}); disable those as well.`,
      { parents: parents.map((p) => p.code) },
    );
  }
  for (const parent of parents) await disableWorkflow(ctx, parent.code, { disableParents: true });
  await ctx.tx
    .deleteFrom('workflow_entry_event')
    .where('company_id', '=', ctx.companyId)
    .where('workflow_code', '=', workflow.code)
    .execute();
  await ctx.tx.updateTable('workflow_step').set({ entry_point: 0 }).where('workflow_id', '=', workflow.id).execute();
  await touchWorkflow(ctx, workflow, { enabled: false, currentVersionId: null }, options.expectedRevision);
  return getWorkflow(ctx, workflow.code);
}
