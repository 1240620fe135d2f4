import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { describeStep } from '../../engine/definition/describe.ts';
import { STEP_TYPES, WORKFLOW_CODE_MAX_LENGTH, type Workflow } from '../../engine/definition/types.ts';
import { FIELD_CHANGE_OPERATORS } from '../../engine/filter/index.ts';
import type { Registry } from '../../engine/registry.ts';
import { conflict } from '../../shared/errors.ts';
import { setEtag } from '../etag.ts';
import { companyParams } from '../schemas.ts';

/** Request and response schemas of the workflow routes; they are also the OpenAPI description. */

export const workflowCode = z
  .string()
  .min(1)
  .max(WORKFLOW_CODE_MAX_LENGTH)
  .describe(`Workflow code, at most ${WORKFLOW_CODE_MAX_LENGTH} characters (folded to upper case)`);

export const workflowParams = companyParams.extend({ code: workflowCode });

const conditionsSchema = z
  .record(z.string(), z.record(z.string(), z.string()))
  .describe('Event conditions: per data item (the event table or a related table) field → filter text');
const rulesSchema = z
  .array(z.object({ field: z.string(), operator: z.enum(FIELD_CHANGE_OPERATORS) }))
  .describe('Field-change rules of a record-change event');
const optionsSchema = z
  .record(z.string(), z.unknown())
  .describe('Response options; see GET …/catalogue/responses for each response');

/** A step as a client sends it; unknown keys (such as `summary` from a GET) are ignored. */
export const stepInputSchema = z.object({
  id: z.number().int().positive().describe('Unique within the workflow'),
  previousStepId: z.number().int().positive().nullable().optional().describe('The step this one follows'),
  nextStepId: z.number().int().positive().nullable().optional().describe('"Go to" link that makes loops'),
  type: z.enum(STEP_TYPES),
  functionCode: z.string().max(100).describe('Event or response code, or the sub-workflow code'),
  sequence: z.number().int().optional().describe('Orders alternatives under the same parent'),
  description: z.string().max(250).optional(),
  conditions: conditionsSchema.optional(),
  rules: rulesSchema.optional(),
  options: optionsSchema.optional(),
});

export const stepSchema = z.object({
  id: z.number().int(),
  previousStepId: z.number().int().nullable(),
  nextStepId: z.number().int().nullable(),
  type: z.enum(STEP_TYPES),
  functionCode: z.string(),
  sequence: z.number().int(),
  entryPoint: z.boolean().describe('Set while the workflow is enabled'),
  description: z.string(),
  conditions: conditionsSchema.optional(),
  rules: rulesSchema.optional(),
  options: optionsSchema.optional(),
  summary: z.string().describe('The step in words: "When …" for events, "Then …" for responses'),
  condition: z.string().optional().describe('Events only: the condition in words, "Always" when there is none'),
});

export const workflowSummarySchema = z.object({
  code: z.string(),
  description: z.string(),
  category: z.string(),
  enabled: z.boolean(),
  template: z.boolean().describe('Templates are read-only; copy them'),
  revision: z.number().int().describe('Bumped by every change; sent as the ETag'),
});

export const workflowSchema = workflowSummarySchema.extend({ steps: z.array(stepSchema) });

export type WorkflowView = z.infer<typeof workflowSchema>;

export function workflowView(registry: Registry, workflow: Workflow): WorkflowView {
  return {
    code: workflow.code,
    description: workflow.description,
    category: workflow.category,
    enabled: workflow.enabled,
    template: workflow.template,
    revision: workflow.revision,
    steps: workflow.steps.map((step) => {
      const described = describeStep(registry, step, workflow.steps);
      return {
        id: step.id,
        previousStepId: step.previousStepId,
        nextStepId: step.nextStepId,
        type: step.type,
        functionCode: step.functionCode,
        sequence: step.sequence,
        entryPoint: step.entryPoint,
        description: step.description,
        ...(step.conditions ? { conditions: step.conditions as Record<string, Record<string, string>> } : {}),
        ...(step.rules ? { rules: step.rules.map((r) => ({ field: r.field, operator: r.operator })) } : {}),
        ...(step.options ? { options: step.options as Record<string, unknown> } : {}),
        summary: described.text,
        ...(described.condition !== undefined ? { condition: described.condition } : {}),
      };
    }),
  };
}

/** Preconditions come first (RFC 9110 §13.2.2): a stale If-Match fails before any other check. */
export function assertRevision(workflow: Workflow, expected: number | undefined): void {
  if (expected !== undefined && expected !== workflow.revision) {
    throw conflict(
      'workflow-revision-stale',
      `Workflow ${workflow.code} has changed since revision ${expected}; it is at revision ${workflow.revision}. Reload it and try again.`,
      { revision: workflow.revision },
    );
  }
}

/** Sends a workflow with its revision as ETag. */
export function sendWorkflow(reply: FastifyReply, view: WorkflowView, status = 200) {
  setEtag(reply, view.revision);
  return reply.code(status).send(view);
}

export function workflowLocation(company: string, code: string): string {
  return `/api/v1/companies/${encodeURIComponent(company)}/workflows/${encodeURIComponent(code)}`;
}
