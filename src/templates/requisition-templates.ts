import type { CreateRequestOptions } from '../approvals/routing.ts';
import type { WorkflowStepInput } from '../engine/definition/types.ts';
import { WORKSHEET_APPROVAL_CANCELED, WORKSHEET_APPROVAL_REQUESTED } from '../requisitions/codes.ts';
import type { WorkflowTemplate } from './catalogue.ts';
import { CANCEL_ALL, CANCELED_MESSAGE, decisionBranches, REJECT_ALL, StepBuilder } from './step-shapes.ts';

type RequestOptions = Partial<CreateRequestOptions> & { showConfirmation?: boolean };

/**
 * Requisition worksheet approval (reference shape W): the journal batch shape without the balance
 * check. The worksheet is restricted and routed; approval lifts the restriction from the worksheet
 * and its lines; rejection and cancellation leave it (lines stay restricted until approved).
 */
export function requisitionWorksheetApprovalSteps(requestOptions: RequestOptions): WorkflowStepInput[] {
  const b = new StepBuilder();
  const entry = b.add(null, 'event', WORKSHEET_APPROVAL_REQUESTED);
  const send = b.chain(
    entry,
    'record.restrict',
    ['approval.create-requests', { showConfirmation: true, ...requestOptions }],
    ['approval.send-requests', { notifySender: false }],
  );
  decisionBranches(b, send, {
    approved: ['record.allow'],
    rejected: [REJECT_ALL],
    canceled: { event: WORKSHEET_APPROVAL_CANCELED, responses: [CANCEL_ALL, ['show-message', CANCELED_MESSAGE]] },
  });
  return b.steps;
}

/** WS-RWBAPW (shape W on a requisition worksheet, the requester's direct approver). */
export const REQUISITION_TEMPLATES: readonly WorkflowTemplate[] = [
  {
    code: 'WS-RWBAPW',
    description: 'Requisition worksheet approval',
    category: 'PURCH',
    steps: requisitionWorksheetApprovalSteps({ approverType: 'approver', limitType: 'direct-approver' }),
  },
];
