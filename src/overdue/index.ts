export {
  CREATE_OVERDUE_NOTIFICATIONS,
  createOverdueNotifications,
  OVERDUE_RUN_EVENT,
  type OverdueNotice,
  type OverdueRunResult,
  overdueEntriesOfNotification,
} from '../approvals/overdue-responses.ts';
export {
  type AutoDelegation,
  type AutoDelegationResult,
  type AutoDelegationSkip,
  delegationDate,
  runAutoDelegation,
} from '../delegation/auto-delegate.ts';
export { OVERDUE_TEMPLATE } from '../templates/overdue-template.ts';
export { JOB_USER_ID } from './job-user.ts';
export {
  allApprovalRecurringJobs,
  approvalJobHandlers,
  approvalRecurringJobs,
  DELEGATE_JOB,
  OVERDUE_JOB,
} from './jobs.ts';
export { type OverdueRunOptions, type OverdueRunOutcome, runOverdue } from './run.ts';
export { enableOverdueWorkflow, installOverdueTemplate } from './setup.ts';
