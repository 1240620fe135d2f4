import type { WorkflowStepInput } from '../engine/definition/types.ts';
import { CREDIT_LIMIT_TEMPLATES } from './credit-limit-templates.ts';
import { FIELD_CHANGE_TEMPLATES } from './field-change-templates.ts';
import { JOURNAL_TEMPLATES } from './journal-templates.ts';
import { OVERDUE_TEMPLATE } from './overdue-template.ts';
import { PURCHASE_INVOICE_TEMPLATES } from './purchase-invoice-template.ts';
import { REQUISITION_TEMPLATES } from './requisition-templates.ts';
import { documentApprovalSteps, recordApprovalSteps } from './step-shapes.ts';

export interface TemplateCategory {
  readonly code: string;
  readonly description: string;
}

export const TEMPLATE_CATEGORIES: readonly TemplateCategory[] = [
  { code: 'PURCHDOC', description: 'Purchase documents' },
  { code: 'SALESDOC', description: 'Sales documents' },
  { code: 'PURCH', description: 'Purchasing and payables' },
  { code: 'SALES', description: 'Sales and customers' },
  { code: 'FIN', description: 'Finance' },
  { code: 'ADMIN', description: 'Administration' },
];

export interface WorkflowTemplate {
  readonly code: string;
  readonly description: string;
  readonly category: string;
  readonly steps: readonly WorkflowStepInput[];
}

const approverChain = { approverType: 'approver', limitType: 'approver-chain' } as const;
const salespersonDirect = { approverType: 'salesperson-purchaser', limitType: 'direct-approver' } as const;
const salespersonChain = { approverType: 'salesperson-purchaser', limitType: 'approver-chain' } as const;
// The group is left blank on purpose: a copy cannot be enabled until someone chooses it.
const groupDirect = { approverType: 'workflow-user-group', limitType: 'direct-approver' } as const;
const approverDirect = { approverType: 'approver', limitType: 'direct-approver' } as const;

const documents: [
  code: string,
  description: string,
  table: 'purchase-header' | 'sales-header',
  type: string,
  options: object,
][] = [
  ['WS-PQAPW', 'Purchase quote approval', 'purchase-header', 'quote', approverChain],
  ['WS-POAPW', 'Purchase order approval', 'purchase-header', 'order', approverChain],
  ['WS-PIAPW', 'Purchase invoice approval', 'purchase-header', 'invoice', salespersonDirect],
  ['WS-PCMAPW', 'Purchase credit memo approval', 'purchase-header', 'credit-memo', salespersonDirect],
  ['WS-BPOAPW', 'Blanket purchase order approval', 'purchase-header', 'blanket-order', groupDirect],
  ['WS-PROAPW', 'Purchase return order approval', 'purchase-header', 'return-order', salespersonDirect],
  ['WS-SQAPW', 'Sales quote approval', 'sales-header', 'quote', salespersonDirect],
  ['WS-SOAPW', 'Sales order approval', 'sales-header', 'order', salespersonChain],
  ['WS-SIAPW', 'Sales invoice approval', 'sales-header', 'invoice', salespersonDirect],
  ['WS-SCMAPW', 'Sales credit memo approval', 'sales-header', 'credit-memo', salespersonDirect],
  ['WS-BSOAPW', 'Blanket sales order approval', 'sales-header', 'blanket-order', groupDirect],
  ['WS-SROAPW', 'Sales return order approval', 'sales-header', 'return-order', salespersonDirect],
];

const records: [code: string, description: string, table: 'customer' | 'vendor' | 'item', category: string][] = [
  ['WS-CUSTAPW', 'Customer approval', 'customer', 'SALES'],
  ['WS-VENDAPW', 'Vendor approval', 'vendor', 'PURCH'],
  ['WS-ITEMAPW', 'Item approval', 'item', 'SALES'],
];

/** The standard templates (D16 codes), as data: read-only, copied into editable workflows. */
export const WORKFLOW_TEMPLATES: readonly WorkflowTemplate[] = [
  ...documents.map(([code, description, table, documentType, requestOptions]) => ({
    code,
    description,
    category: table === 'purchase-header' ? 'PURCHDOC' : 'SALESDOC',
    steps: documentApprovalSteps({ table, documentType, requestOptions }),
  })),
  ...records.map(([code, description, table, category]) => ({
    code,
    description,
    category,
    steps: recordApprovalSteps({
      table,
      requestOptions: approverDirect,
      showConfirmation: true,
      removeRestrictionOnCancel: true,
    }),
  })),
  OVERDUE_TEMPLATE,
  ...PURCHASE_INVOICE_TEMPLATES,
  ...CREDIT_LIMIT_TEMPLATES,
  ...FIELD_CHANGE_TEMPLATES,
  ...JOURNAL_TEMPLATES,
  ...REQUISITION_TEMPLATES,
];
