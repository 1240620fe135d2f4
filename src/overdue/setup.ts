import type { EngineContext } from '../engine/context.ts';
import { enableWorkflow } from '../engine/definition/enable.ts';
import { findWorkflowRow, saveCategory } from '../engine/definition/workflow-store.ts';
import { copyWorkflow, createWorkflow } from '../engine/definition/workflows.ts';
import { TEMPLATE_CATEGORIES } from '../templates/catalogue.ts';
import { OVERDUE_TEMPLATE } from '../templates/overdue-template.ts';

/** Puts the WS-OVERDUE template into the company unless it is there (installTemplates does too once it is in the catalogue). */
export async function installOverdueTemplate(ctx: EngineContext): Promise<void> {
  if (await findWorkflowRow(ctx, OVERDUE_TEMPLATE.code)) return;
  const category = TEMPLATE_CATEGORIES.find((c) => c.code === OVERDUE_TEMPLATE.category);
  if (category) await saveCategory(ctx, category.code, category.description);
  await createWorkflow(ctx, { ...OVERDUE_TEMPLATE, template: true });
}

/** Copies WS-OVERDUE (D11: WS-OVERDUE-01, …) and enables the copy; returns its code. */
export async function enableOverdueWorkflow(ctx: EngineContext): Promise<string> {
  await installOverdueTemplate(ctx);
  const copy = await copyWorkflow(ctx, OVERDUE_TEMPLATE.code);
  await enableWorkflow(ctx, copy.code);
  return copy.code;
}
