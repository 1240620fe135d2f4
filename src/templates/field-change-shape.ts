import type { CreateRequestOptions } from '../approvals/routing.ts';
import type { FieldChangeOperator, WorkflowStepInput } from '../engine/definition/types.ts';

export interface FieldChangeApprovalShape {
  readonly table: 'customer' | 'vendor' | 'item';
  /** The watched field: its change is held until approved. */
  readonly field: string;
  readonly operator: FieldChangeOperator;
  readonly requestOptions: Partial<CreateRequestOptions>;
  /** What the person who made the change is told. */
  readonly message: string;
}

const NO_PENDING = { 'approval-entry': { pendingApprovals: '0' } };
const PENDING = { 'approval-entry': { pendingApprovals: '>0' } };

/**
 * Field-change approval (reference shape X): when the field changes as the rule says, hold the
 * new value (the record keeps the old one), ask for approval, and say so; on the last approval
 * apply the new value, on rejection discard it. No cancel branch and no restriction: a held
 * change is decided by its approvers.
 */
export function fieldChangeApprovalSteps(shape: FieldChangeApprovalShape): WorkflowStepInput[] {
  const steps: WorkflowStepInput[] = [];
  const add = (
    previous: number | null,
    type: 'event' | 'response',
    functionCode: string,
    extra: Partial<WorkflowStepInput> = {},
  ): number => {
    const id = steps.length + 1;
    const sequence = previous === null ? 0 : steps.filter((s) => s.previousStepId === previous).length;
    steps.push({ id, previousStepId: previous, type, functionCode, sequence, ...extra });
    return id;
  };
  const send = { notifySender: false };

  const changed = add(null, 'event', `${shape.table}.changed`, {
    rules: [{ field: shape.field, operator: shape.operator }],
  });
  const revert = add(changed, 'response', 'record.revert-field', { options: { field: shape.field } });
  const create = add(revert, 'response', 'approval.create-requests', {
    options: { ...shape.requestOptions, showConfirmation: false },
  });
  const sent = add(create, 'response', 'approval.send-requests', { options: send });
  const told = add(sent, 'response', 'show-message', { options: { message: shape.message } });

  add(
    add(told, 'event', 'approval-entry.approved', { conditions: NO_PENDING }),
    'response',
    'record.apply-new-values',
    {
      options: { field: shape.field },
    },
  );
  add(add(told, 'event', 'approval-entry.approved', { conditions: PENDING }), 'response', 'approval.send-requests', {
    options: send,
    nextStepId: told,
  });
  add(
    add(add(told, 'event', 'approval-entry.rejected'), 'response', 'record.discard-new-values'),
    'response',
    'approval.reject-all',
    { options: { notifySender: true } },
  );
  add(add(told, 'event', 'approval-entry.delegated'), 'response', 'approval.send-requests', {
    options: send,
    nextStepId: told,
  });
  return steps;
}
