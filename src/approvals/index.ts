export { approvalsModule } from './approvals-module.ts';
export { type ApprovalComment, addComment, listComments } from './comments.ts';
export { companySettings, setForbidSelfApproval } from './company-settings.ts';
export { releaseDocumentByUser, reopenDocumentByUser } from './document-release.ts';
export { entryRecord } from './entry-record.ts';
export { entriesOfRequest, entryHistory, findEntry, getEntry, pendingApprovals } from './entry-store.ts';
export * from './event-codes.ts';
export { listNotificationEntries } from './notify.ts';
export { type EntryView, isOverdue, listEntries } from './queries.ts';
export { type CreateRequestOptions, isQualified, type PlannedEntry, planApprovalRequests } from './routing.ts';
export { approvalSubject } from './subject.ts';
export * from './types.ts';
export {
  approveEntries,
  cancelApprovalRequest,
  delegateEntries,
  delegationTarget,
  rejectEntries,
  sendApprovalRequest,
} from './user-actions.ts';
export { deleteUserGroup, getUserGroup, listUserGroups, saveUserGroup, type WorkflowUserGroup } from './user-groups.ts';
export { type ApprovalUserSetup, deleteUserSetup, getUserSetup, listUserSetups, saveUserSetup } from './user-setup.ts';
