import type { CreateRequestOptions } from '../approvals/routing.ts';
import {
  CHECK_CREDIT_LIMIT,
  CREATE_AND_APPROVE,
  CREDIT_LIMIT_EXCEEDED,
  CREDIT_LIMIT_NOT_EXCEEDED,
} from '../credit/credit-module.ts';
import type { WorkflowStepInput } from '../engine/definition/types.ts';
import { CANCEL_ALL, CANCELED_MESSAGE, decisionBranches, REJECT_ALL, StepBuilder } from './step-shapes.ts';

export interface CreditLimitApprovalShape {
  /** The sales document type the workflow takes: `invoice`, `order`. */
  readonly documentType: string;
  readonly requestOptions: Partial<CreateRequestOptions> & { showConfirmation?: boolean };
}

/**
 * Sales document with a credit-limit check (reference shape C). The check decides: a document
 * that takes the customer over its credit limit is restricted and routed to approvers, with the
 * five branches of the document shape (approved, approved with more pending, rejected, canceled,
 * delegated); one within the limit is approved automatically for the requester and released,
 * without a restriction of its own.
 */
export function creditLimitApprovalSteps(shape: CreditLimitApprovalShape): WorkflowStepInput[] {
  const when = (status: string) => ({ 'sales-header': { documentType: shape.documentType, status } });
  const b = new StepBuilder();
  const entry = b.add(null, 'event', 'sales-document.approval-requested', { conditions: when('Open') });
  const check = b.chain(entry, CHECK_CREDIT_LIMIT);

  const send = b.chain(
    b.add(check, 'event', CREDIT_LIMIT_EXCEEDED),
    'record.restrict',
    'document.set-pending-approval',
    ['approval.create-requests', { showConfirmation: true, ...shape.requestOptions }],
    ['approval.send-requests', { notifySender: false }],
  );
  decisionBranches(b, send, {
    approved: ['record.allow', 'document.release'],
    rejected: [REJECT_ALL, 'document.reopen'],
    canceled: {
      event: 'sales-document.approval-request-canceled',
      conditions: when('Pending Approval'),
      responses: [CANCEL_ALL, 'record.allow', 'document.reopen', ['show-message', CANCELED_MESSAGE]],
    },
  });

  // Beyond the reference: "lift the restriction" before the release, so that a restriction kept
  // after an earlier rejection (D8) ends with this approval, as it would after a manual one.
  b.chain(
    b.add(check, 'event', CREDIT_LIMIT_NOT_EXCEEDED),
    'document.set-pending-approval',
    CREATE_AND_APPROVE,
    'record.allow',
    'document.release',
  );
  return b.steps;
}
