import { invalid } from '../../shared/errors.ts';
import type { EventConditions, FieldChangeRule, ResponseOptions, WorkflowStep } from './types.ts';

/** One step of the expanded definition an instance runs on (sub-workflows inlined). */
export interface SnapshotStep {
  readonly id: number;
  readonly originalWorkflowCode: string;
  readonly originalStepId: number;
  readonly previousStepId: number | null;
  readonly nextStepId: number | null;
  readonly type: 'event' | 'response';
  readonly functionCode: string;
  readonly sequence: number;
  readonly entryPoint: boolean;
  readonly description: string;
  readonly conditions?: EventConditions;
  readonly rules?: readonly FieldChangeRule[];
  readonly options?: ResponseOptions;
}

export interface WorkflowSnapshot {
  readonly workflowCode: string;
  readonly description: string;
  readonly steps: readonly SnapshotStep[];
}

export type StepsLoader = (workflowCode: string) => readonly WorkflowStep[];

type MutableStep = { -readonly [K in keyof SnapshotStep]: SnapshotStep[K] };

/** The entry step: the first step (by id) that follows nothing. */
export function entryStep<T extends { id: number; previousStepId: number | null }>(steps: readonly T[]): T | undefined {
  return [...steps].sort((a, b) => a.id - b.id).find((s) => s.previousStepId === null);
}

/**
 * Expands a workflow into the step list its instances run on: copied breadth-first from the
 * entry point, sub-workflows attached in place, "go to" links remapped (reference §2.6). Built
 * once when the workflow is enabled, so starting an instance copies nothing.
 */
export function buildSnapshot(workflowCode: string, description: string, loadSteps: StepsLoader): WorkflowSnapshot {
  const out: MutableStep[] = [];
  const root = entryStep(loadSteps(workflowCode));
  if (!root) throw invalid('workflow-entry-point-missing', `Workflow ${workflowCode} has no entry step.`);
  copyTree(workflowCode, root, null, loadSteps, out, [workflowCode]);
  for (const step of out) {
    if (step.nextStepId !== null) step.nextStepId = lastResponseOfChain(out, step.nextStepId);
  }
  const first = out[0];
  if (first) first.entryPoint = true;
  return { workflowCode, description, steps: out };
}

interface CopyResult {
  readonly rootId: number;
  readonly leaves: readonly MutableStep[];
}

function copyTree(
  code: string,
  root: WorkflowStep,
  parentId: number | null,
  loadSteps: StepsLoader,
  out: MutableStep[],
  path: readonly string[],
): CopyResult {
  const steps = loadSteps(code);
  const idMap = new Map<number, number>();
  const copied: MutableStep[] = [];
  const queue: Array<readonly [WorkflowStep, number | null]> = [[root, parentId]];
  let rootId = -1;
  while (queue.length > 0) {
    const [step, parent] = queue.shift() as readonly [WorkflowStep, number | null];
    let attachTo: number;
    if (step.type === 'sub-workflow') {
      if (path.includes(step.functionCode)) {
        throw invalid('sub-workflow-cycle', `Workflow ${step.functionCode} uses itself through its sub-workflows.`, {
          stepId: step.id,
        });
      }
      const subRoot = entryStep(loadSteps(step.functionCode));
      if (!subRoot)
        throw invalid('sub-workflow-empty', `Sub-workflow ${step.functionCode} has no entry step.`, {
          stepId: step.id,
        });
      const sub = copyTree(step.functionCode, subRoot, parent, loadSteps, out, [...path, step.functionCode]);
      // Only steps that follow the sub-workflow need its open ends (reference §2.6 step 3).
      const followed = steps.some((s) => s.previousStepId === step.id);
      attachTo = followed ? attachPoint(code, step.functionCode, sub.leaves, step.id) : sub.rootId;
      idMap.set(step.id, sub.rootId);
    } else {
      const copy: MutableStep = {
        id: out.length + 1,
        originalWorkflowCode: code,
        originalStepId: step.id,
        previousStepId: parent,
        nextStepId: step.nextStepId,
        type: step.type,
        functionCode: step.functionCode,
        sequence: step.sequence,
        entryPoint: false,
        description: step.description,
        ...(step.conditions ? { conditions: step.conditions } : {}),
        ...(step.rules ? { rules: step.rules } : {}),
        ...(step.options ? { options: step.options } : {}),
      };
      out.push(copy);
      copied.push(copy);
      idMap.set(step.id, copy.id);
      attachTo = copy.id;
    }
    if (rootId === -1) rootId = idMap.get(step.id) as number;
    const children = steps.filter((s) => s.previousStepId === step.id).sort((a, b) => a.id - b.id);
    for (const child of children) queue.push([child, attachTo]);
  }
  // "Go to" links point inside the copy they were defined in.
  for (const step of copied) {
    if (step.nextStepId !== null) step.nextStepId = idMap.get(step.nextStepId) ?? null;
  }
  const leaves = out.filter((s) => !out.some((c) => c.previousStepId === s.id) && isWithin(out, s, rootId));
  return { rootId, leaves };
}

function isWithin(out: readonly MutableStep[], step: MutableStep, rootId: number): boolean {
  let current: MutableStep | undefined = step;
  while (current) {
    if (current.id === rootId) return true;
    const parent: number | null = current.previousStepId;
    current = parent === null ? undefined : out[parent - 1];
  }
  return false;
}

/** Steps after a sub-workflow continue from its first open end; its other open ends go there. */
function attachPoint(code: string, subCode: string, leaves: readonly MutableStep[], stepId: number): number {
  const open = leaves.filter((l) => l.nextStepId === null);
  const first = open[0];
  if (!first) {
    throw invalid(
      'sub-workflow-no-open-end',
      `Workflow ${code} cannot use ${subCode} as a sub-workflow: every last step of ${subCode} goes to another step, so nothing can follow it.`,
      { stepId },
    );
  }
  for (const other of open.slice(1)) other.nextStepId = first.id;
  return first.id;
}

/** A link to a response lands on the last response of the chain it starts (reference §2.6 step 4). */
function lastResponseOfChain(out: readonly MutableStep[], targetId: number): number {
  const target = out[targetId - 1];
  if (target?.type !== 'response') return targetId;
  let current = target;
  for (;;) {
    const child = out.filter((s) => s.previousStepId === current.id).sort((a, b) => a.id - b.id)[0];
    if (!child || child.type === 'event') return current.id;
    current = child;
  }
}
