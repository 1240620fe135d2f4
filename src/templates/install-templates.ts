import type { EngineContext } from '../engine/context.ts';
import type { Workflow } from '../engine/definition/types.ts';
import { findWorkflowRow, saveCategory } from '../engine/definition/workflow-store.ts';
import { copyWorkflow, createWorkflow } from '../engine/definition/workflows.ts';
import { notFound } from '../shared/errors.ts';
import { TEMPLATE_CATEGORIES, WORKFLOW_TEMPLATES } from './catalogue.ts';

/** Puts the template catalogue into a company; templates already there are left as they are. */
export async function installTemplates(ctx: EngineContext): Promise<string[]> {
  for (const category of TEMPLATE_CATEGORIES) await saveCategory(ctx, category.code, category.description);
  const installed: string[] = [];
  for (const template of WORKFLOW_TEMPLATES) {
    if (await findWorkflowRow(ctx, template.code)) continue;
    await createWorkflow(ctx, { ...template, template: true });
    installed.push(template.code);
  }
  return installed;
}

/** A new, disabled, editable workflow from a template: `WS-POAPW` becomes `WS-POAPW-01` (D11). */
export async function workflowFromTemplate(ctx: EngineContext, templateCode: string, code?: string): Promise<Workflow> {
  const template = WORKFLOW_TEMPLATES.find((t) => t.code === templateCode.toUpperCase());
  if (!template) throw notFound('template-not-found', `There is no template ${templateCode}.`);
  if (!(await findWorkflowRow(ctx, template.code))) await installTemplates(ctx);
  return copyWorkflow(ctx, template.code, code === undefined ? {} : { code });
}
