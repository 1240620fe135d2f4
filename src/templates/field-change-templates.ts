import type { WorkflowTemplate } from './catalogue.ts';
import { fieldChangeApprovalSteps } from './field-change-shape.ts';

// The group is left blank on purpose: a copy cannot be enabled until someone chooses it.
const groupDirect = { approverType: 'workflow-user-group', limitType: 'direct-approver' } as const;

/** WS-CCLCAPW and WS-IUPCAPW (reference shape X): a raised value is held until approved. */
export const FIELD_CHANGE_TEMPLATES: readonly WorkflowTemplate[] = [
  {
    code: 'WS-CCLCAPW',
    description: 'Customer credit limit change approval',
    category: 'SALES',
    steps: fieldChangeApprovalSteps({
      table: 'customer',
      field: 'creditLimitLcy',
      operator: 'increased',
      requestOptions: groupDirect,
      message: 'The new credit limit was sent for approval; the customer keeps the current limit until it is approved.',
    }),
  },
  {
    code: 'WS-IUPCAPW',
    description: 'Item unit price change approval',
    category: 'SALES',
    steps: fieldChangeApprovalSteps({
      table: 'item',
      field: 'unitPrice',
      operator: 'increased',
      requestOptions: groupDirect,
      message: 'The new unit price was sent for approval; the item keeps the current price until it is approved.',
    }),
  },
];
