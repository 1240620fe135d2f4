import type { WorkflowTemplate } from './catalogue.ts';
import { journalBatchApprovalSteps, journalLineApprovalSteps } from './journal-shapes.ts';

const approverDirect = { approverType: 'approver', limitType: 'direct-approver' } as const;

/** WS-GJBAPW (shape B, balance check first) and WS-GJLAPW (shape R on a journal line). */
export const JOURNAL_TEMPLATES: readonly WorkflowTemplate[] = [
  {
    code: 'WS-GJBAPW',
    description: 'General journal batch approval',
    category: 'FIN',
    steps: journalBatchApprovalSteps(approverDirect),
  },
  {
    code: 'WS-GJLAPW',
    description: 'General journal line approval',
    category: 'FIN',
    steps: journalLineApprovalSteps({
      requestOptions: { ...approverDirect, showConfirmation: false },
      showConfirmation: false,
      removeRestrictionOnCancel: false,
    }),
  },
];
