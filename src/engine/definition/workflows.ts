import { conflict, invalid } from '../../shared/errors.ts';
import type { EngineContext } from '../context.ts';
import { checkSteps } from './check-steps.ts';
import type { Workflow, WorkflowStepInput } from './types.ts';
import { normalizeWorkflowCode, TEMPLATE_PREFIX } from './workflow-code.ts';
import {
  ensureCategory,
  findWorkflowRow,
  getWorkflow,
  insertWorkflowRow,
  replaceSteps,
  touchWorkflow,
} from './workflow-store.ts';

export interface CreateWorkflowInput {
  readonly code: string;
  readonly description: string;
  readonly category?: string;
  readonly steps?: readonly WorkflowStepInput[];
  /** Only the template catalogue creates templates. */
  readonly template?: boolean;
}

interface CreateOptions {
  /** Copies of templates keep the template's prefix (D11: `WS-POAPW-01`). */
  readonly copyOfTemplate?: boolean;
}

export interface UpdateWorkflowInput {
  readonly description?: string;
  readonly category?: string;
  /** The whole step tree; replaces the steps the workflow had. */
  readonly steps?: readonly WorkflowStepInput[];
}

function checkDescription(description: string): void {
  if (description.length > 100) {
    throw invalid('workflow-description-too-long', 'A workflow description may have at most 100 characters.', {
      field: 'description',
    });
  }
}

/** Templates and enabled workflows are read-only (reference §1.1, D12). */
export function assertEditable(workflow: Workflow, action = 'edited'): void {
  if (workflow.template) {
    throw invalid(
      'workflow-template-read-only',
      `Workflow ${workflow.code} is a template and cannot be ${action}; copy it first.`,
    );
  }
  if (workflow.enabled) {
    throw conflict(
      'workflow-enabled',
      `Workflow ${workflow.code} is enabled and cannot be ${action}; disable it first.`,
    );
  }
}

async function checkSubWorkflowsExist(ctx: EngineContext, steps: readonly WorkflowStepInput[]): Promise<void> {
  for (const step of steps) {
    if (step.type !== 'sub-workflow' || step.functionCode === '') continue;
    if (!(await findWorkflowRow(ctx, step.functionCode))) {
      throw invalid(
        'sub-workflow-unknown',
        `Step ${step.id} uses workflow ${step.functionCode}, which does not exist.`,
        {
          stepId: step.id,
          field: 'functionCode',
        },
      );
    }
  }
}

export async function createWorkflow(
  ctx: EngineContext,
  input: CreateWorkflowInput,
  options: CreateOptions = {},
): Promise<Workflow> {
  const code = normalizeWorkflowCode(input.code);
  // D16 keeps WS- for the shipped templates; their copies (D11: WS-POAPW-01) may travel between companies.
  const templateCopy = /^WS-[A-Z0-9]+-\d{2}$/.test(code);
  if (!input.template && !options.copyOfTemplate && !templateCopy && code.startsWith(TEMPLATE_PREFIX)) {
    throw invalid(
      'workflow-code-reserved',
      `Codes starting with ${TEMPLATE_PREFIX} are kept for the templates Werkstroom ships.`,
      {
        field: 'code',
      },
    );
  }
  checkDescription(input.description);
  const category = (input.category ?? '').toUpperCase();
  await ensureCategory(ctx, category);
  if (await findWorkflowRow(ctx, code)) {
    throw conflict('workflow-code-taken', `A workflow with code ${code} exists already.`, { field: 'code' });
  }
  const steps = checkSteps(ctx.registry, code, input.steps ?? []);
  await checkSubWorkflowsExist(ctx, steps);
  const id = await insertWorkflowRow(ctx, {
    code,
    description: input.description,
    category,
    template: input.template ?? false,
  });
  await replaceSteps(ctx, id, steps);
  return getWorkflow(ctx, code);
}

export async function updateWorkflow(
  ctx: EngineContext,
  code: string,
  changes: UpdateWorkflowInput,
  expectedRevision?: number,
): Promise<Workflow> {
  const workflow = await getWorkflow(ctx, code);
  assertEditable(workflow);
  // Refuse a stale edit before anything is written, not only when the row is touched at the end.
  if (expectedRevision !== undefined && expectedRevision !== workflow.revision) {
    throw conflict(
      'workflow-revision-stale',
      `Workflow ${workflow.code} has changed since revision ${expectedRevision}; it is at revision ${workflow.revision}.`,
    );
  }
  if (changes.description !== undefined) checkDescription(changes.description);
  const category = changes.category?.toUpperCase();
  if (category !== undefined) await ensureCategory(ctx, category);
  if (changes.steps) {
    const steps = checkSteps(ctx.registry, workflow.code, changes.steps);
    await checkSubWorkflowsExist(ctx, steps);
    await replaceSteps(ctx, workflow.id, steps);
  }
  await touchWorkflow(
    ctx,
    workflow,
    {
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(category !== undefined ? { category } : {}),
    },
    expectedRevision,
  );
  return getWorkflow(ctx, workflow.code);
}

export async function deleteWorkflow(ctx: EngineContext, code: string, expectedRevision?: number): Promise<void> {
  const workflow = await getWorkflow(ctx, code);
  assertEditable(workflow, 'deleted');
  if (expectedRevision !== undefined && expectedRevision !== workflow.revision) {
    throw conflict(
      'workflow-revision-stale',
      `Workflow ${workflow.code} has changed since revision ${expectedRevision}.`,
    );
  }
  const running = await ctx.tx
    .selectFrom('workflow_instance')
    .select(({ fn }) => fn.countAll<number>().as('count'))
    .where('company_id', '=', ctx.companyId)
    .where('workflow_code', '=', workflow.code)
    .executeTakeFirstOrThrow();
  if (Number(running.count) > 0) {
    throw conflict(
      'workflow-has-active-instances',
      `Workflow ${workflow.code} still has running instances and cannot be deleted.`,
    );
  }
  const usedBy = await ctx.tx
    .selectFrom('workflow_step as s')
    .innerJoin('workflow as w', 'w.id', 's.workflow_id')
    .select('w.code')
    .where('w.company_id', '=', ctx.companyId)
    .where('s.type', '=', 'sub-workflow')
    .where('s.function_code', '=', workflow.code)
    .executeTakeFirst();
  if (usedBy) {
    throw conflict(
      'workflow-used-as-sub-workflow',
      `Workflow ${workflow.code} is used as a sub-workflow by ${usedBy.code}.`,
    );
  }
  await ctx.tx.deleteFrom('workflow_step').where('workflow_id', '=', workflow.id).execute();
  await ctx.tx.deleteFrom('workflow').where('id', '=', workflow.id).execute();
}

/** The first free code `<base>-01`, `-02`, … (D11), shortened so it fits 20 characters. */
export async function nextCopyCode(ctx: EngineContext, base: string): Promise<string> {
  for (let n = 1; n < 100; n++) {
    const suffix = `-${String(n).padStart(2, '0')}`;
    const candidate = `${base.slice(0, 20 - suffix.length)}${suffix}`;
    if (!(await findWorkflowRow(ctx, candidate))) return candidate;
  }
  throw conflict('workflow-copy-code-exhausted', `No free copy code is left for ${base}.`);
}

/** Copies a workflow or template into a new, disabled, editable workflow. */
export async function copyWorkflow(
  ctx: EngineContext,
  fromCode: string,
  options: { readonly code?: string; readonly description?: string } = {},
): Promise<Workflow> {
  const source = await getWorkflow(ctx, fromCode);
  const code = options.code ?? (await nextCopyCode(ctx, source.code));
  return createWorkflow(
    ctx,
    { code, description: options.description ?? source.description, category: source.category, steps: source.steps },
    { copyOfTemplate: source.code.startsWith(TEMPLATE_PREFIX) && options.code === undefined },
  );
}
