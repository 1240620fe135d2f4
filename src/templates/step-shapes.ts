import type { CreateRequestOptions } from '../approvals/routing.ts';
import type { EventConditions, WorkflowStepInput } from '../engine/definition/types.ts';

/** Builds steps with ids in insertion order; siblings get sequence 0, 1, 2 … as the reference's templates do. */
export class StepBuilder {
  readonly steps: WorkflowStepInput[] = [];

  add(
    previous: number | null,
    type: 'event' | 'response',
    functionCode: string,
    extra: { conditions?: EventConditions; options?: Record<string, unknown>; nextStepId?: number } = {},
  ): number {
    const id = this.steps.length + 1;
    const sequence = previous === null ? 0 : this.steps.filter((s) => s.previousStepId === previous).length;
    this.steps.push({ id, previousStepId: previous, type, functionCode, sequence, ...extra });
    return id;
  }

  chain(previous: number, ...responses: (string | [string, Record<string, unknown>])[]): number {
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
  b.chain(
    b.add(send, 'event', 'approval-entry.approved', { conditions: NO_PENDING }),
    'record.allow',
    'document.release',
  );
  b.add(
    b.add(send, 'event', 'approval-entry.approved', { conditions: PENDING }),
    'response',
    'approval.send-requests',
    {
      options: { notifySender: false },
      nextStepId: send,
    },
  );
  b.chain(
    b.add(send, 'event', 'approval-entry.rejected'),
    ['approval.reject-all', { notifySender: true }],
    'document.reopen',
  );
  b.chain(
    b.add(send, 'event', `${prefix}.approval-request-canceled`, { conditions: when('Pending Approval') }),
    ['approval.cancel-all', { notifySender: false }],
    'record.allow',
    'document.reopen',
    ['show-message', CANCELED_MESSAGE],
  );
  b.add(b.add(send, 'event', 'approval-entry.delegated'), 'response', 'approval.send-requests', {
    options: { notifySender: false },
    nextStepId: send,
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
  b.chain(b.add(send, 'event', 'approval-entry.approved', { conditions: NO_PENDING }), 'record.allow');
  b.add(
    b.add(send, 'event', 'approval-entry.approved', { conditions: PENDING }),
    'response',
    'approval.send-requests',
    {
      options: { notifySender: false },
      nextStepId: send,
    },
  );
  b.chain(b.add(send, 'event', 'approval-entry.rejected'), ['approval.reject-all', { notifySender: true }]);
  const cancel = b.chain(b.add(send, 'event', `${shape.table}.approval-request-canceled`), [
    'approval.cancel-all',
    { notifySender: false },
  ]);
  const afterAllow = shape.removeRestrictionOnCancel ? b.chain(cancel, 'record.allow') : cancel;
  if (shape.showConfirmation) b.chain(afterAllow, ['show-message', CANCELED_MESSAGE]);
  b.add(b.add(send, 'event', 'approval-entry.delegated'), 'response', 'approval.send-requests', {
    options: { notifySender: false },
    nextStepId: send,
  });
  return b.steps;
}
