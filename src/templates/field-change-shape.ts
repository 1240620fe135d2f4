import type { CreateRequestOptions } from '../approvals/routing.ts';
import type { FieldChangeOperator, WorkflowStepInput } from '../engine/definition/types.ts';
import { decisionBranches, REJECT_ALL, StepBuilder } from './step-shapes.ts';

export interface FieldChangeApprovalShape {
  readonly table: 'customer' | 'vendor' | 'item';
  /** The watched field: its change is held until approved. */
  readonly field: string;
  readonly operator: FieldChangeOperator;
  readonly requestOptions: Partial<CreateRequestOptions>;
  /** What the person who made the change is told. */
  readonly message: string;
}

/**
 * Field-change approval (reference shape X): when the field changes as the rule says, hold the
 * new value (the record keeps the old one), ask for approval, and say so; on the last approval
 * apply the new value, on rejection discard it. No cancel branch and no restriction: a held
 * change is decided by its approvers.
 */
export function fieldChangeApprovalSteps(shape: FieldChangeApprovalShape): WorkflowStepInput[] {
  const b = new StepBuilder();
  const changed = b.add(null, 'event', `${shape.table}.changed`, {
    rules: [{ field: shape.field, operator: shape.operator }],
  });
  const told = b.chain(
    changed,
    ['record.revert-field', { field: shape.field }],
    ['approval.create-requests', { ...shape.requestOptions, showConfirmation: false }],
    ['approval.send-requests', { notifySender: false }],
    ['show-message', { message: shape.message }],
  );
  decisionBranches(b, told, {
    approved: [['record.apply-new-values', { field: shape.field }]],
    rejected: ['record.discard-new-values', REJECT_ALL],
  });
  return b.steps;
}
