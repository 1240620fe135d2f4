import { randomUUID } from 'node:crypto';
import { invalid } from '../../shared/errors.ts';
import type { EngineContext } from '../context.ts';
import type { SnapshotStep } from '../definition/snapshot.ts';
import type { WorkflowRecord } from '../record.ts';
import type { ResponseContext, ResponseDefinition } from '../registry-types.ts';
import { evaluateCondition } from './conditions.ts';
import { InstanceRun } from './instance-state.ts';
import { activeWaitsForRecord, entryWorkflows, loadInstance, saveInstance, waitsByRelation } from './instance-store.ts';
import { noteRelationValues, relationMatchKeys } from './relation-values.ts';

export interface EventResult {
  readonly handled: boolean;
  readonly instanceId?: string;
  readonly started: boolean;
}

interface QueuedEvent {
  readonly run: InstanceRun;
  readonly stepId: number;
  readonly record: WorkflowRecord;
  readonly oldRecord: WorkflowRecord | undefined;
}

/** Options as the response's schema reads them (defaults applied); a mismatch stops the event. */
function runtimeOptions(definition: ResponseDefinition, step: SnapshotStep): Record<string, unknown> {
  if (!definition.options) return step.options ?? {};
  const parsed = definition.options.safeParse(step.options ?? {});
  if (!parsed.success) {
    throw invalid(
      'response-options-invalid',
      `Step ${step.id} (${definition.code}) of workflow ${step.originalWorkflowCode} has options that do not fit the response.`,
      { stepId: step.id },
    );
  }
  return parsed.data as Record<string, unknown>;
}

const NOT_HANDLED: EventResult = { handled: false, started: false };
const MAX_DEPTH = 32;

/**
 * One command's worth of event handling: the instances it touched (loaded once, written once),
 * the events queued behind a running response chain, and the messages for the caller.
 */
export class EventSession {
  readonly ctx: EngineContext;
  readonly messages: string[] = [];
  readonly #instances = new Map<string, InstanceRun>();
  readonly #queue: QueuedEvent[] = [];
  #depth = 0;

  constructor(ctx: EngineContext) {
    this.ctx = ctx;
  }

  /** Continue a running instance for the record, else a related one, else start a workflow (§2.4). */
  async handle(code: string, record: WorkflowRecord, oldRecord?: WorkflowRecord): Promise<EventResult> {
    return this.#find(code, record, oldRecord, true);
  }

  /** Would the event do anything now? The same look-up as `handle`, without running or starting anything. */
  async wouldHandle(code: string, record: WorkflowRecord, oldRecord?: WorkflowRecord): Promise<boolean> {
    return (await this.#find(code, record, oldRecord, false)).handled;
  }

  async #find(
    code: string,
    record: WorkflowRecord,
    oldRecord: WorkflowRecord | undefined,
    execute: boolean,
  ): Promise<EventResult> {
    const { registry } = this.ctx;
    const event = registry.event(code);
    registry.table(record.table);
    await this.flush();

    let activeFound = false;
    const own = await activeWaitsForRecord(this.ctx, code, record.table, record.key);
    const candidates: { run: InstanceRun; step: SnapshotStep }[] = [];
    for (const wait of own) {
      const run = await this.#instance(wait.instanceId);
      if (run) candidates.push({ run, step: run.step(wait.stepId) });
    }
    candidates.sort((a, b) => a.step.sequence - b.step.sequence);
    for (const { run, step } of candidates) {
      if (run.status(step.id) !== 'active' || step.previousStepId === null) continue;
      const previous = run.record(step.previousStepId);
      const previousStatus = run.status(step.previousStepId);
      if (!previous || previous[0] !== record.table || previous[1] !== record.key) continue;
      if (previousStatus !== 'completed' && previousStatus !== 'processing') continue;
      activeFound = true;
      if (await evaluateCondition(this.ctx, step, record, oldRecord)) {
        if (execute) await this.#execute(run, step, record, oldRecord);
        return { handled: true, instanceId: run.id, started: false };
      }
    }
    // A running instance waits for this event but not under these conditions: start nothing.
    if (activeFound) return NOT_HANDLED;

    for (const wait of await waitsByRelation(this.ctx, code, record.table, relationMatchKeys(registry, record))) {
      const run = await this.#instance(wait.instanceId);
      if (!run) continue;
      const step = run.step(wait.stepId);
      const status = run.status(step.id);
      if (status !== 'active' && status !== 'processing') continue;
      if (await evaluateCondition(this.ctx, step, record, oldRecord)) {
        if (execute) await this.#execute(run, step, record, oldRecord);
        return { handled: true, instanceId: run.id, started: false };
      }
    }

    if (event.table !== record.table) return NOT_HANDLED;
    for (const entry of await entryWorkflows(this.ctx, code)) {
      const snapshot = await this.ctx.snapshots.get(this.ctx, entry.version_id);
      const root = snapshot.steps[0];
      if (!root || root.functionCode !== code) continue;
      if (!(await evaluateCondition(this.ctx, root, record, oldRecord))) continue;
      if (!execute) return { handled: true, started: true };
      const run = new InstanceRun(
        {
          id: randomUUID(),
          companyId: this.ctx.companyId,
          workflowCode: entry.workflow_code,
          versionId: entry.version_id,
          recordTable: record.table,
          recordKey: record.key,
          createdAt: this.ctx.now.toISOString(),
          createdBy: this.ctx.userId,
        },
        snapshot,
        undefined,
        1,
        true,
      );
      this.#instances.set(run.id, run);
      await this.#execute(run, root, record, oldRecord);
      return { handled: true, instanceId: run.id, started: true };
    }
    return NOT_HANDLED;
  }

  /** An event addressed to a known instance (decisions on approval entries): no record matching (§2.3). */
  async handleOnInstance(code: string, record: WorkflowRecord, instanceId: string): Promise<EventResult> {
    this.ctx.registry.event(code);
    await this.flush();
    const run = await this.#instance(instanceId);
    if (!run) return NOT_HANDLED;
    const steps = run.snapshot.steps.filter(
      (s) => s.type === 'event' && s.functionCode === code && run.status(s.id) === 'active',
    );
    for (const step of steps) {
      if (await evaluateCondition(this.ctx, step, record, record)) {
        await this.#execute(run, step, record, record);
        return { handled: true, instanceId: run.id, started: false };
      }
    }
    return NOT_HANDLED;
  }

  /** Writes every changed instance; called before look-ups and when the command ends. */
  async flush(): Promise<void> {
    for (const run of this.#instances.values()) {
      if (run.dirty || run.isNew || run.newRelationValues.length > 0) await saveInstance(this.ctx, run);
      if (run.archived) this.#instances.delete(run.id);
    }
  }

  async #instance(id: string): Promise<InstanceRun | undefined> {
    const known = this.#instances.get(id);
    if (known) return known.archived ? undefined : known;
    const run = await loadInstance(this.ctx, this.ctx.snapshots, id);
    if (run) this.#instances.set(id, run);
    return run;
  }

  /** Runs an event step and its chain of responses (reference §2.7). */
  async #execute(run: InstanceRun, event: SnapshotStep, record: WorkflowRecord, oldRecord: WorkflowRecord | undefined) {
    if (run.isProcessingOtherThan(event.id)) {
      // A response of this instance is still running: the event waits for the chain to finish.
      this.#queue.push({ run, stepId: event.id, record, oldRecord });
      if (run.status(event.id) !== 'completed') run.setStatus(event.id, 'processing');
      return;
    }
    if (++this.#depth > MAX_DEPTH) {
      throw invalid(
        'event-recursion-limit',
        `Events raised each other more than ${MAX_DEPTH} levels deep; a workflow loops.`,
      );
    }
    try {
      run.updateStatus(event, 'completed', 'active', 'ignored');
      run.setRecord(event.id, record);
      noteRelationValues(this.ctx.registry, run, record);
      this.#prearm(run, event);

      let current = event;
      let variant = record;
      for (;;) {
        const response = run
          .children(current.id)
          .filter((s) => s.type === 'response')
          .sort((a, b) => a.id - b.id)[0];
        if (!response) break;
        run.setRecord(response.id, record);
        noteRelationValues(this.ctx.registry, run, record);
        const definition = this.ctx.registry.response(response.functionCode);
        const result = await definition.execute(this.#responseContext(run, response), {
          record: variant,
          oldRecord,
          options: runtimeOptions(definition, response),
        });
        if (result?.record) variant = result.record;
        if (response.nextStepId !== null) {
          const target = run.step(response.nextStepId);
          if (target.type === 'event') run.updateStatus(target, 'active', 'inactive', 'ignored');
          else run.updateStatus(target, 'completed', 'active', 'ignored');
        }
        run.updateStatus(response, 'completed', 'active', 'ignored');
        current = response;
      }
      await this.#executeQueued();
      if (!run.hasActiveStep() && !run.archived) {
        run.archived = true;
        run.dirty = true;
      }
    } finally {
      this.#depth--;
    }
  }

  /** Before any response runs: its chain is Processing and the events after it Active. */
  #prearm(run: InstanceRun, step: SnapshotStep): void {
    for (const child of run.children(step.id)) {
      if (child.type === 'response') {
        run.setStatus(child.id, 'processing');
        this.#prearm(run, child);
      } else if (!this.#queue.some((q) => q.run === run && q.stepId === child.id)) {
        run.setStatus(child.id, 'active');
      }
    }
  }

  async #executeQueued(): Promise<void> {
    for (const item of [...this.#queue]) {
      const index = this.#queue.indexOf(item);
      if (index === -1) continue;
      if (item.run.archived || item.run.status(item.stepId) !== 'processing') {
        this.#queue.splice(index, 1);
        continue;
      }
      const step = item.run.step(item.stepId);
      if (await evaluateCondition(this.ctx, step, item.record, item.oldRecord)) {
        this.#queue.splice(this.#queue.indexOf(item), 1);
        await this.#execute(item.run, step, item.record, item.oldRecord);
      }
    }
  }

  #responseContext(run: InstanceRun, step: SnapshotStep): ResponseContext {
    return {
      ...this.ctx,
      instance: { id: run.id, workflowCode: run.header.workflowCode, workflowDescription: run.snapshot.description },
      step: { id: step.id, description: step.description },
      raiseEvent: async (code, record, oldRecord) => {
        await this.handle(code, record, oldRecord);
      },
      raiseEventOnInstance: async (code, record, instanceId) => {
        await this.handleOnInstance(code, record, instanceId);
      },
      showMessage: (text) => {
        this.messages.push(text);
      },
    };
  }
}
