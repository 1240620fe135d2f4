export const APPROVAL_STATUSES = ['Created', 'Open', 'Approved', 'Rejected', 'Canceled'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const APPROVER_TYPES = ['salesperson-purchaser', 'approver', 'workflow-user-group'] as const;
export type ApproverType = (typeof APPROVER_TYPES)[number];

export const LIMIT_TYPES = [
  'approver-chain',
  'direct-approver',
  'first-qualified-approver',
  'specific-approver',
] as const;
export type LimitType = (typeof LIMIT_TYPES)[number];

export const DELEGATE_AFTER = ['never', '1-day', '2-days', '5-days'] as const;
export type DelegateAfter = (typeof DELEGATE_AFTER)[number];

export const PARALLEL_POLICIES = ['all', 'any', 'quorum'] as const;
export type ParallelPolicy = (typeof PARALLEL_POLICIES)[number];

/** Which approval limit of a user applies to a record (spec §3.2). */
export type LimitKind = 'sales' | 'purchase' | 'request' | 'none';

/** What approval routing needs to know about the record to approve. */
export interface ApprovalSubject {
  readonly table: string;
  readonly key: string;
  readonly documentType: string;
  readonly documentNo: string;
  readonly salespersonCode: string;
  readonly amount: string;
  /** Amount in local currency at the document's exchange rate (D14). */
  readonly amountLcy: string;
  readonly currencyCode: string;
  readonly limitKind: LimitKind;
  readonly availableCreditLcy?: string;
}

export interface ApprovalEntry {
  readonly id: number;
  readonly table: string;
  readonly recordKey: string;
  readonly documentType: string;
  readonly documentNo: string;
  readonly sequence: number;
  readonly approvalCode: string;
  readonly senderId: string;
  readonly salespersonCode: string;
  readonly approverId: string;
  readonly status: ApprovalStatus;
  readonly sentAt: string;
  readonly modifiedAt: string;
  readonly modifiedBy: string;
  readonly dueDate: string;
  readonly amount: string;
  readonly amountLcy: string;
  readonly currencyCode: string;
  readonly approvalType: ApproverType;
  readonly limitType: 'approval-limits' | 'no-limits' | 'credit-limits' | 'request-limits';
  readonly availableCreditLcy: string | null;
  readonly delegationFormula: string;
  readonly groupCode: string;
  readonly instanceId: string;
  readonly reason: string;
  readonly closedByPeer: boolean;
  readonly revision: number;
}

/** Where a decision came from, for the audit trail. */
export type DecisionChannel = 'api' | 'web' | 'email' | 'cli' | 'workflow' | 'job';
