import type { WorkflowTemplate } from './catalogue.ts';
import { creditLimitApprovalSteps } from './credit-limit-shape.ts';

/** WS-SICLAPW and WS-SOCLAPW (reference shape C): sales documents checked against the customer's credit limit. */
export const CREDIT_LIMIT_TEMPLATES: readonly WorkflowTemplate[] = [
  {
    code: 'WS-SICLAPW',
    description: 'Sales invoice credit limit approval',
    category: 'SALESDOC',
    steps: creditLimitApprovalSteps({
      documentType: 'invoice',
      requestOptions: { approverType: 'salesperson-purchaser', limitType: 'direct-approver' },
    }),
  },
  {
    code: 'WS-SOCLAPW',
    description: 'Sales order credit limit approval',
    category: 'SALESDOC',
    steps: creditLimitApprovalSteps({
      documentType: 'order',
      requestOptions: { approverType: 'salesperson-purchaser', limitType: 'approver-chain' },
    }),
  },
];
