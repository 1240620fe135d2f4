import type { CreateRequestOptions } from '../approvals/routing.ts';
import type { EventConditions, FieldChangeRule, WorkflowStepInput } from '../engine/definition/types.ts';

/** A response step: its code, or its code and options. */
export type StepResponse = string | readonly [string, Record<string, unknown>];

/** Builds steps with ids in insertion order; siblings get sequence 0, 1, 2 … as the reference's templates do. */
export class StepBuilder {
  readonly steps: WorkflowStepInput[] = [];

  add(
    previous: number | null,
    type: 'event' | 'response',
    functionCode: string,
    extra: {
      conditions?: EventConditions;
      rules?: readonly FieldChangeRule[];
      options?: Record<string, unknown>;
      nextStepId?: number;
    } = {},
  ): number {
    const id = this.steps.length + 1;
    const sequence = previous === null ? 0 : this.steps.filter((s) => s.previousStepId === previous).length;
    this.steps.push({ id, previousStepId: previous, type, functionCode, sequence, ...extra });
    return id;
  }

  chain(previous: number, ...responses: readonly StepResponse[]): number {
    let last = previous;
    for (const response of responses) {
      last =
        typeof response === 'string'
          ? this.add(last, 'response', response)
          : this.add(last, 'response', response[0], { options: response[1] });
    }
    return last;
  }
}

export const NO_PENDING = { 'approval-entry': { pendingApprovals: '0' } };
export const PENDING = { 'approval-entry': { pendingApprovals: '>0' } };
export const CANCELED_MESSAGE = { message: 'The approval request was canceled.' };

export const REJECT_ALL: StepResponse = ['approval.reject-all', { notifySender: true }];
export const CANCEL_ALL: StepResponse = ['approval.cancel-all', { notifySender: false }];

export interface DecisionBranches {
  /** What runs after the last approval. */
  readonly approved: readonly StepResponse[];
  /** What runs after a rejection. */
  readonly rejected: readonly StepResponse[];
  /** The cancel event and what follows it; absent where a shape cannot be canceled. */
  readonly canceled?: {
    readonly event: string;
    readonly conditions?: EventConditions;
    readonly responses: readonly StepResponse[];
  };
}

/**
 * The events under "send" that every approval shape waits for, in the reference's order:
 * approved with nothing pending, approved with more pending (send the next, back to `send`),
 * rejected, canceled, delegated (send to the delegate, back to `send`).
 */
export function decisionBranches(b: StepBuilder, send: number, branches: DecisionBranches): void {
  const sendAgain = { options: { notifySender: false }, nextStepId: send };
  b.chain(b.add(send, 'event', 'approval-entry.approved', { conditions: NO_PENDING }), ...branches.approved);
  b.add(
    b.add(send, 'event', 'approval-entry.approved', { conditions: PENDING }),
    'response',
    'approval.send-requests',
    sendAgain,
  );
  b.chain(b.add(send, 'event', 'approval-entry.rejected'), ...branches.rejected);
  if (branches.canceled) {
    const { event, conditions, responses } = branches.canceled;
    b.chain(b.add(send, 'event', event, conditions ? { conditions } : {}), ...responses);
  }
  b.add(b.add(send, 'event', 'approval-entry.delegated'), 'response', 'approval.send-requests', sendAgain);
}

export interface DocumentApprovalShape {
  readonly table: 'purchase-header' | 'sales-header';
  readonly documentType: string;
  readonly requestOptions: Partial<CreateRequestOptions> & { showConfirmation?: boolean };
}

/** Document approval (reference shape D): restrict, pending approval, route, send; then approve / reject / cancel / delegate. */
export function documentApprovalSteps(shape: DocumentApprovalShape): WorkflowStepInput[] {
  const prefix = shape.table === 'purchase-header' ? 'purchase-document' : 'sales-document';
  const when = (status: string) => ({ [shape.table]: { documentType: shape.documentType, status } });
  const b = new StepBuilder();
  const entry = b.add(null, 'event', `${prefix}.approval-requested`, { conditions: when('Open') });
  const send = b.chain(
    entry,
    'record.restrict',
    'document.set-pending-approval',
    ['approval.create-requests', { showConfirmation: true, ...shape.requestOptions }],
    ['approval.send-requests', { notifySender: false }],
  );
  decisionBranches(b, send, {
    approved: ['record.allow', 'document.release'],
    rejected: [REJECT_ALL, 'document.reopen'],
    canceled: {
      event: `${prefix}.approval-request-canceled`,
      conditions: when('Pending Approval'),
      responses: [CANCEL_ALL, 'record.allow', 'document.reopen', ['show-message', CANCELED_MESSAGE]],
    },
  });
  return b.steps;
}

export interface RecordApprovalShape {
  readonly table: 'customer' | 'vendor' | 'item';
  readonly requestOptions: Partial<CreateRequestOptions>;
  readonly showConfirmation: boolean;
  readonly removeRestrictionOnCancel: boolean;
}

/** Master-data approval (reference shape R): no status, no release; the restriction is the lock. */
export function recordApprovalSteps(shape: RecordApprovalShape): WorkflowStepInput[] {
  const b = new StepBuilder();
  const entry = b.add(null, 'event', `${shape.table}.approval-requested`);
  const send = b.chain(
    entry,
    'record.restrict',
    ['approval.create-requests', { showConfirmation: shape.showConfirmation, ...shape.requestOptions }],
    ['approval.send-requests', { notifySender: false }],
  );
  decisionBranches(b, send, {
    approved: ['record.allow'],
    rejected: [REJECT_ALL],
    canceled: { event: `${shape.table}.approval-request-canceled`, responses: cancelResponses(shape) },
  });
  return b.steps;
}

/** After cancel-all: lift the restriction and say so, where the shape asks for it. */
export function cancelResponses(shape: {
  readonly showConfirmation: boolean;
  readonly removeRestrictionOnCancel: boolean;
}): StepResponse[] {
  return [
    CANCEL_ALL,
    ...(shape.removeRestrictionOnCancel ? ['record.allow'] : []),
    ...(shape.showConfirmation ? [['show-message', CANCELED_MESSAGE] as const] : []),
  ];
}
