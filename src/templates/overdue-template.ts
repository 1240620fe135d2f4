import { CREATE_OVERDUE_NOTIFICATIONS, OVERDUE_RUN_EVENT } from '../approvals/overdue-responses.ts';
import type { WorkflowTemplate } from './catalogue.ts';

/**
 * WS-OVERDUE (reference MS-OVERDUE, pattern F): when the overdue run starts, create the overdue
 * notifications. No entry condition, no options to fill: a copy enables as it is.
 */
export const OVERDUE_TEMPLATE: WorkflowTemplate = {
  code: 'WS-OVERDUE',
  description: 'Overdue approval requests',
  category: 'ADMIN',
  steps: [
    { id: 1, previousStepId: null, type: 'event', functionCode: OVERDUE_RUN_EVENT, sequence: 0 },
    { id: 2, previousStepId: 1, type: 'response', functionCode: CREATE_OVERDUE_NOTIFICATIONS, sequence: 0 },
  ],
};
