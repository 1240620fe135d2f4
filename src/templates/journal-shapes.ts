import type { CreateRequestOptions } from '../approvals/routing.ts';
import type { WorkflowStepInput } from '../engine/definition/types.ts';
import {
  BATCH_APPROVAL_CANCELED,
  BATCH_APPROVAL_REQUESTED,
  BATCH_BALANCED,
  BATCH_NOT_BALANCED,
  CHECK_BALANCE,
  LINE_APPROVAL_CANCELED,
  LINE_APPROVAL_REQUESTED,
} from '../journals/codes.ts';
import {
  CANCEL_ALL,
  CANCELED_MESSAGE,
  cancelResponses,
  decisionBranches,
  REJECT_ALL,
  StepBuilder,
} from './step-shapes.ts';

/** What the not-balanced branch of the batch workflow tells the requester. */
export const NOT_BALANCED_MESSAGE = {
  message: 'The journal batch does not balance, so it was not sent for approval. Make its amounts add up to 0 first.',
};

type RequestOptions = Partial<CreateRequestOptions> & { showConfirmation?: boolean };

/**
 * General journal batch approval (reference shape B): the balance check decides. A balanced
 * batch is restricted and routed; the five decision branches follow (cancel lifts nothing, as
 * in the reference: lines stay restricted until the batch is approved). A batch that does not
 * balance is only told so.
 */
export function journalBatchApprovalSteps(requestOptions: RequestOptions): WorkflowStepInput[] {
  const b = new StepBuilder();
  const entry = b.add(null, 'event', BATCH_APPROVAL_REQUESTED);
  const check = b.chain(entry, CHECK_BALANCE);
  const send = b.chain(
    b.add(check, 'event', BATCH_BALANCED),
    'record.restrict',
    ['approval.create-requests', { showConfirmation: true, ...requestOptions }],
    ['approval.send-requests', { notifySender: false }],
  );
  decisionBranches(b, send, {
    approved: ['record.allow'],
    rejected: [REJECT_ALL],
    canceled: { event: BATCH_APPROVAL_CANCELED, responses: [CANCEL_ALL, ['show-message', CANCELED_MESSAGE]] },
  });
  b.chain(b.add(check, 'event', BATCH_NOT_BALANCED), ['show-message', NOT_BALANCED_MESSAGE]);
  return b.steps;
}

/**
 * General journal line approval (reference shape R on a line, without confirmation): cancelling
 * neither lifts the restriction nor says anything, unless the options ask for it.
 */
export function journalLineApprovalSteps(shape: {
  readonly requestOptions: RequestOptions;
  readonly showConfirmation: boolean;
  readonly removeRestrictionOnCancel: boolean;
}): WorkflowStepInput[] {
  const b = new StepBuilder();
  const entry = b.add(null, 'event', LINE_APPROVAL_REQUESTED);
  const send = b.chain(
    entry,
    'record.restrict',
    ['approval.create-requests', { showConfirmation: shape.showConfirmation, ...shape.requestOptions }],
    ['approval.send-requests', { notifySender: false }],
  );
  decisionBranches(b, send, {
    approved: ['record.allow'],
    rejected: [REJECT_ALL],
    canceled: { event: LINE_APPROVAL_CANCELED, responses: cancelResponses(shape) },
  });
  return b.steps;
}
