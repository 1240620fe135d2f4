import type { SnapshotStep, WorkflowSnapshot } from '../definition/snapshot.ts';
import type { WorkflowRecord } from '../record.ts';

export const STEP_STATUSES = ['inactive', 'active', 'processing', 'completed', 'ignored'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export type RecordPointer = readonly [table: string, key: string];

/** The stored state of one run: a status and the record it acted on, per snapshot step. */
export interface InstanceState {
  readonly statuses: readonly StepStatus[];
  readonly records: readonly (RecordPointer | null)[];
  /** Tables for which relation values were written (reference §2.9: written once per table). */
  readonly relationTables: readonly string[];
}

export interface InstanceHeader {
  readonly id: string;
  readonly companyId: number;
  readonly workflowCode: string;
  readonly versionId: number;
  readonly recordTable: string;
  readonly recordKey: string;
  readonly createdAt: string;
  readonly createdBy: string;
}

/**
 * A workflow instance held in memory for the length of one command. Status changes happen
 * here; the store writes the result once, when the command is done or before the next look-up.
 */
export class InstanceRun {
  readonly header: InstanceHeader;
  readonly snapshot: WorkflowSnapshot;
  readonly statuses: StepStatus[];
  readonly records: (RecordPointer | null)[];
  readonly relationTables: Set<string>;
  readonly newRelationValues: { table: string; matchKey: string }[] = [];
  revision: number;
  isNew: boolean;
  dirty = false;
  archived = false;

  constructor(
    header: InstanceHeader,
    snapshot: WorkflowSnapshot,
    state: InstanceState | undefined,
    revision: number,
    isNew: boolean,
  ) {
    this.header = header;
    this.snapshot = snapshot;
    this.statuses = state ? [...state.statuses] : snapshot.steps.map(() => 'inactive');
    this.records = state ? [...state.records] : snapshot.steps.map(() => null);
    this.relationTables = new Set(state?.relationTables ?? []);
    this.revision = revision;
    this.isNew = isNew;
  }

  get id(): string {
    return this.header.id;
  }

  step(id: number): SnapshotStep {
    const step = this.snapshot.steps[id - 1];
    if (!step) throw new Error(`instance ${this.id} has no step ${id}`);
    return step;
  }

  status(id: number): StepStatus {
    return this.statuses[id - 1] ?? 'inactive';
  }

  setStatus(id: number, status: StepStatus): void {
    if (this.statuses[id - 1] !== status) {
      this.statuses[id - 1] = status;
      this.dirty = true;
    }
  }

  setRecord(id: number, record: WorkflowRecord): void {
    const current = this.records[id - 1];
    if (!current || current[0] !== record.table || current[1] !== record.key) {
      this.records[id - 1] = [record.table, record.key];
      this.dirty = true;
    }
  }

  record(id: number): RecordPointer | null {
    return this.records[id - 1] ?? null;
  }

  children(id: number): SnapshotStep[] {
    return this.snapshot.steps.filter((s) => s.previousStepId === id);
  }

  siblings(step: SnapshotStep): SnapshotStep[] {
    return this.snapshot.steps.filter((s) => s.previousStepId === step.previousStepId && s.id !== step.id);
  }

  /** Sets a step and, as the reference does, its children and siblings that are not processing. */
  updateStatus(step: SnapshotStep, status: StepStatus, children: StepStatus, siblings: StepStatus): void {
    this.setStatus(step.id, status);
    for (const child of this.children(step.id))
      if (this.status(child.id) !== 'processing') this.setStatus(child.id, children);
    for (const sibling of this.siblings(step))
      if (this.status(sibling.id) !== 'processing') this.setStatus(sibling.id, siblings);
  }

  hasActiveStep(): boolean {
    return this.statuses.includes('active');
  }

  isProcessingOtherThan(id: number): boolean {
    return this.statuses.some((s, index) => s === 'processing' && index + 1 !== id);
  }

  state(): InstanceState {
    return { statuses: this.statuses, records: this.records, relationTables: [...this.relationTables] };
  }

  /** Event steps that can fire now, with the record of the step before them (for look-ups). */
  waitingEvents(): { step: SnapshotStep; status: StepStatus; previous: RecordPointer | null }[] {
    return this.snapshot.steps
      .filter((s) => s.type === 'event' && (this.status(s.id) === 'active' || this.status(s.id) === 'processing'))
      .map((s) => ({
        step: s,
        status: this.status(s.id),
        previous: s.previousStepId === null ? null : this.record(s.previousStepId),
      }));
  }
}
