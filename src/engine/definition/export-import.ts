import { z } from 'zod';
import { invalid } from '../../shared/errors.ts';
import type { EngineContext } from '../context.ts';
import { STEP_TYPES, type Workflow, type WorkflowStepInput } from './types.ts';
import { findWorkflow, getWorkflow, listCategories, saveCategory } from './workflow-store.ts';
import { assertEditable, createWorkflow, updateWorkflow } from './workflows.ts';

export const EXPORT_FORMAT = 'werkstroom.workflows';
export const EXPORT_VERSION = 1;

const filterText = z.record(z.string(), z.string());
const stepSchema = z.strictObject({
  id: z.number().int().positive(),
  previousStepId: z.number().int().positive().nullable(),
  nextStepId: z.number().int().positive().nullable(),
  type: z.enum(STEP_TYPES),
  functionCode: z.string(),
  sequence: z.number().int(),
  description: z.string(),
  conditions: z.record(z.string(), filterText).optional(),
  rules: z
    .array(z.strictObject({ field: z.string(), operator: z.enum(['increased', 'decreased', 'changed']) }))
    .optional(),
  options: z.record(z.string(), z.unknown()).optional(),
});

const workflowSchema = z.strictObject({
  code: z.string(),
  description: z.string(),
  category: z.string(),
  steps: z.array(stepSchema),
});

/** The file format of exported workflows; `version` changes only with a migration path. */
export const exportFileSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  categories: z.array(z.strictObject({ code: z.string(), description: z.string() })),
  workflows: z.array(workflowSchema),
});

export type ExportFile = z.infer<typeof exportFileSchema>;

/** Objects with sorted keys, so the same content always serialises to the same bytes. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

function exportedWorkflow(workflow: Workflow): ExportFile['workflows'][number] {
  return {
    code: workflow.code,
    description: workflow.description,
    category: workflow.category,
    steps: workflow.steps.map((s) => ({
      id: s.id,
      previousStepId: s.previousStepId,
      nextStepId: s.nextStepId,
      type: s.type,
      functionCode: s.functionCode,
      sequence: s.sequence,
      description: s.description,
      ...(s.conditions ? { conditions: canonical(s.conditions) as Record<string, Record<string, string>> } : {}),
      ...(s.rules ? { rules: s.rules.map((r) => ({ field: r.field, operator: r.operator })) } : {}),
      ...(s.options ? { options: canonical(s.options) as Record<string, unknown> } : {}),
    })),
  };
}

/** Exports workflows (and the categories they use) as stable, pretty-printed JSON. */
export async function exportWorkflows(ctx: EngineContext, codes: readonly string[]): Promise<string> {
  const workflows: Workflow[] = [];
  for (const code of codes) workflows.push(await getWorkflow(ctx, code.toUpperCase()));
  const used = new Set(workflows.map((w) => w.category));
  const categories = (await listCategories(ctx)).filter((c) => used.has(c.code));
  const file: ExportFile = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    categories: categories.map((c) => ({ code: c.code, description: c.description })),
    workflows: workflows.map(exportedWorkflow),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Reads an export file; malformed JSON and schema violations are refused with the place named. */
export function parseExportFile(text: string): ExportFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalid('import-json-malformed', `The file is not valid JSON: ${(error as Error).message}`);
  }
  if (
    data &&
    typeof data === 'object' &&
    'version' in data &&
    (data as { version: unknown }).version !== EXPORT_VERSION
  ) {
    throw invalid(
      'import-version-unsupported',
      `The file has format version ${String((data as { version: unknown }).version)}; this Werkstroom reads version ${EXPORT_VERSION}.`,
      { field: 'version' },
    );
  }
  const parsed = exportFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue ? issue.path.join('.') : '';
    throw invalid(
      'import-schema-invalid',
      `The file does not match the workflow export format at "${field}": ${issue?.message}.`,
      {
        field,
      },
    );
  }
  return parsed.data;
}

/**
 * Imports workflows: new codes are created, existing ones get the file's description, category
 * and steps (only while disabled). Runs in the caller's transaction: all or nothing.
 */
export async function importWorkflows(ctx: EngineContext, text: string): Promise<string[]> {
  const file = parseExportFile(text);
  for (const category of file.categories) await saveCategory(ctx, category.code, category.description);
  // First every workflow exists, then steps are set: sub-workflow steps may name a later one.
  const imported: string[] = [];
  for (const workflow of file.workflows) {
    const existing = await findWorkflow(ctx, workflow.code.toUpperCase());
    if (existing) assertEditable(existing, 'replaced by an import');
    const code =
      existing?.code ??
      (
        await createWorkflow(ctx, {
          code: workflow.code,
          description: workflow.description,
          category: workflow.category,
        })
      ).code;
    imported.push(code);
  }
  for (const [index, workflow] of file.workflows.entries()) {
    await updateWorkflow(ctx, imported[index] as string, {
      description: workflow.description,
      category: workflow.category,
      steps: workflow.steps as readonly WorkflowStepInput[],
    });
  }
  return imported;
}
