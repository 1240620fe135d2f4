import type { Generated } from 'kysely';
import type { JournalsTables } from './schema-journals.ts';
import type { LedgerTables } from './schema-ledger.ts';
import type { PostingTables } from './schema-posting.ts';
import type { RecordChangesTables } from './schema-record-changes.ts';
import type { RequisitionsTables } from './schema-requisitions.ts';

/**
 * The Kysely database type. Portable column choices keep one code path for both databases:
 * booleans are 0/1 integers, timestamps ISO-8601 text in UTC, JSON documents text, ids integers
 * (instance ids are UUID text).
 */
export interface CompanyTable {
  id: Generated<number>;
  code: string;
  name: string;
  time_zone: string;
  created_at: string;
  /** D13: route past the requester instead of auto-approving their own entry. */
  forbid_self_approval: Generated<number>;
  /** The local currency (LCY) approval limits are expressed in. */
  currency_code: Generated<string>;
}

export interface WorkflowCategoryTable {
  company_id: number;
  code: string;
  description: string;
}

export interface WorkflowTable {
  id: Generated<number>;
  company_id: number;
  code: string;
  description: string;
  category: string;
  enabled: number;
  template: number;
  /** Bumped on every change of the definition or its steps; used for optimistic concurrency. */
  revision: number;
  /** The immutable snapshot new instances run on; set while enabled. */
  current_version_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface WorkflowStepTable {
  workflow_id: number;
  step_id: number;
  previous_step_id: number | null;
  next_step_id: number | null;
  type: string;
  function_code: string;
  sequence: number;
  entry_point: number;
  description: string;
  /** JSON: event conditions (per data item) or response options. */
  argument: string | null;
  /** JSON: field-change rules of an event step. */
  rules: string | null;
}

export interface WorkflowVersionTable {
  id: Generated<number>;
  company_id: number;
  workflow_id: number;
  workflow_code: string;
  number: number;
  /** JSON: the expanded, instance-ready step list (sub-workflows inlined). */
  definition: string;
  created_at: string;
}

export interface WorkflowEntryEventTable {
  company_id: number;
  event_code: string;
  workflow_code: string;
  workflow_id: number;
  version_id: number;
}

export interface WorkflowInstanceTable {
  id: string;
  company_id: number;
  workflow_code: string;
  version_id: number;
  record_table: string;
  record_key: string;
  revision: number;
  /** JSON: per-step status and record of this run. */
  state: string;
  created_at: string;
  created_by: string;
  updated_at: string;
}

/** One row per event step of a live instance that can fire now (Active or Processing). */
export interface WorkflowInstanceWaitTable {
  instance_id: string;
  step_id: number;
  company_id: number;
  event_code: string;
  status: string;
  previous_record_table: string | null;
  previous_record_key: string | null;
}

/** Values that let an event on a related record find the instance (reference §2.9). */
export interface WorkflowRelationValueTable {
  instance_id: string;
  company_id: number;
  table_name: string;
  match_key: string;
}

export interface WorkflowInstanceArchiveTable {
  id: string;
  company_id: number;
  workflow_code: string;
  version_id: number;
  record_table: string;
  record_key: string;
  state: string;
  created_at: string;
  created_by: string;
  archived_at: string;
}

export interface AppUserTable {
  id: string;
  name: string;
  email: string;
  language: string;
  created_at: string;
}

export interface NumberSeriesTable {
  company_id: number;
  code: string;
  prefix: string;
  last_number: number;
  width: number;
}

export interface SalespersonPurchaserTable {
  company_id: number;
  code: string;
  name: string;
}

export interface CurrencyTable {
  company_id: number;
  code: string;
  description: string;
  decimals: number;
}

export interface CurrencyExchangeRateTable {
  company_id: number;
  currency_code: string;
  starting_date: string;
  rate: string;
}

export interface CustomerTable {
  company_id: number;
  no: string;
  name: string;
  salesperson_code: string;
  currency_code: string;
  credit_limit_lcy: string;
  blocked: number;
  revision: number;
}

export interface VendorTable {
  company_id: number;
  no: string;
  name: string;
  purchaser_code: string;
  currency_code: string;
  blocked: number;
  revision: number;
}

export interface ItemTable {
  company_id: number;
  no: string;
  description: string;
  unit_price: string;
  blocked: number;
  revision: number;
}

export interface DocumentHeaderTable {
  company_id: number;
  area: string;
  document_type: string;
  no: string;
  party_no: string;
  party_name: string;
  salesperson_code: string;
  currency_code: string;
  exchange_rate: string;
  invoice_discount: string;
  document_date: string;
  status: string;
  created_by: string;
  revision: number;
}

export interface DocumentLineTable {
  company_id: number;
  area: string;
  document_type: string;
  document_no: string;
  line_no: number;
  type: string;
  no: string;
  description: string;
  quantity: string;
  unit_price: string;
  line_amount: string;
}

export interface ApprovalUserSetupTable {
  company_id: number;
  user_id: string;
  salesperson_code: string;
  approver_id: string;
  sales_limit: string;
  unlimited_sales: number;
  purchase_limit: string;
  unlimited_purchase: number;
  request_limit: string;
  unlimited_request: number;
  substitute: string;
  email: string;
  phone: string;
  approval_administrator: number;
  revision: number;
}

export interface WorkflowUserGroupTable {
  company_id: number;
  code: string;
  description: string;
  parallel_policy: string;
  quorum: number | null;
}

export interface WorkflowUserGroupMemberTable {
  company_id: number;
  group_code: string;
  user_id: string;
  sequence: number;
}

export interface ApprovalEntryTable {
  id: Generated<number>;
  company_id: number;
  table_name: string;
  record_key: string;
  document_type: string;
  document_no: string;
  sequence: number;
  approval_code: string;
  sender_id: string;
  salesperson_code: string;
  approver_id: string;
  status: string;
  sent_at: string;
  modified_at: string;
  modified_by: string;
  due_date: string;
  amount: string;
  amount_lcy: string;
  currency_code: string;
  approval_type: string;
  limit_type: string;
  available_credit_lcy: string | null;
  delegation_formula: string;
  group_code: string;
  instance_id: string;
  reason: string;
  closed_by_peer: number;
  revision: number;
}

export interface ApprovalEntryEventTable {
  id: Generated<number>;
  company_id: number;
  entry_id: number;
  action: string;
  from_status: string;
  to_status: string;
  from_approver: string;
  to_approver: string;
  by_user: string;
  at: string;
  channel: string;
  reason: string;
}

export interface ApprovalCommentTable {
  id: Generated<number>;
  company_id: number;
  table_name: string;
  record_key: string;
  instance_id: string;
  user_id: string;
  created_at: string;
  comment: string;
}

export interface RestrictedRecordTable {
  company_id: number;
  table_name: string;
  record_key: string;
  workflow_code: string;
  details: string;
  created_at: string;
}

export interface NotificationEntryTable {
  id: Generated<number>;
  company_id: number;
  type: string;
  recipient_id: string;
  sender_id: string;
  table_name: string;
  record_key: string;
  approval_entry_id: number | null;
  custom_link: string;
  created_at: string;
  attempts: Generated<number>;
  error: Generated<string>;
  /** When the recipient's schedule lets it go out (null: as soon as possible). */
  available_at: string | null;
  /** After a failed delivery: not before this time. */
  next_attempt_at: string | null;
}

export interface UserPasswordTable {
  user_id: string;
  hash: string;
  updated_at: string;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: string;
  name: string;
  token_hash: string;
  scope: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CompanyMemberTable {
  company_id: number;
  user_id: string;
  roles: string;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  job_key: string | null;
  company_id: number | null;
  payload: string;
  status: string;
  run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  attempts: Generated<number>;
  max_attempts: number;
  last_error: Generated<string>;
  created_at: string;
  finished_at: string | null;
}

export interface RecurringJobTable {
  name: string;
  kind: string;
  cron: string;
  payload: string;
  next_run_at: string;
  enabled: number;
}

export interface NotificationSetupTable {
  company_id: number;
  user_id: string;
  type: string;
  method: string;
  recurrence: string;
  schedule: string;
  next_run_at: string | null;
}

export interface SentNotificationTable {
  id: Generated<number>;
  company_id: number;
  type: string;
  recipient_id: string;
  method: string;
  subject: string;
  body_text: string;
  body_html: string;
  entries: string;
  sent_at: string;
  read_at: string | null;
}

export interface MessageTemplateTable {
  company_id: number;
  type: string;
  language: string;
  subject: string;
  body_text: string;
  body_html: string;
}

export interface EmailLinkUseTable {
  jti: string;
  company_id: number;
  entry_id: number;
  used_by: string;
  used_at: string;
  outcome: string;
}

export interface OverdueApprovalEntryTable {
  id: Generated<number>;
  company_id: number;
  entry_id: number;
  sent_to: string;
  due_date: string;
  run_date: string;
  created_at: string;
}

export interface WebhookSubscriptionTable {
  id: Generated<number>;
  company_id: number;
  url: string;
  events: string;
  secret: string;
  enabled: number;
  created_at: string;
}

export interface WebhookDeliveryTable {
  id: Generated<number>;
  company_id: number;
  subscription_id: number;
  event: string;
  payload: string;
  status: string;
  attempts: number;
  response_status: number | null;
  last_error: string;
  created_at: string;
  delivered_at: string | null;
}

/** The core tables here; each later area declares its own in schema-<area>.ts. */
export interface Database extends LedgerTables, PostingTables, JournalsTables, RecordChangesTables, RequisitionsTables {
  company: CompanyTable;
  workflow_category: WorkflowCategoryTable;
  workflow: WorkflowTable;
  workflow_step: WorkflowStepTable;
  workflow_version: WorkflowVersionTable;
  workflow_entry_event: WorkflowEntryEventTable;
  workflow_instance: WorkflowInstanceTable;
  workflow_instance_wait: WorkflowInstanceWaitTable;
  workflow_relation_value: WorkflowRelationValueTable;
  workflow_instance_archive: WorkflowInstanceArchiveTable;
  app_user: AppUserTable;
  number_series: NumberSeriesTable;
  salesperson_purchaser: SalespersonPurchaserTable;
  currency: CurrencyTable;
  currency_exchange_rate: CurrencyExchangeRateTable;
  customer: CustomerTable;
  vendor: VendorTable;
  item: ItemTable;
  document_header: DocumentHeaderTable;
  document_line: DocumentLineTable;
  approval_user_setup: ApprovalUserSetupTable;
  workflow_user_group: WorkflowUserGroupTable;
  workflow_user_group_member: WorkflowUserGroupMemberTable;
  approval_entry: ApprovalEntryTable;
  approval_entry_event: ApprovalEntryEventTable;
  approval_comment: ApprovalCommentTable;
  restricted_record: RestrictedRecordTable;
  notification_entry: NotificationEntryTable;
  user_password: UserPasswordTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  company_member: CompanyMemberTable;
  job: JobTable;
  recurring_job: RecurringJobTable;
  notification_setup: NotificationSetupTable;
  sent_notification: SentNotificationTable;
  message_template: MessageTemplateTable;
  email_link_use: EmailLinkUseTable;
  overdue_approval_entry: OverdueApprovalEntryTable;
  webhook_subscription: WebhookSubscriptionTable;
  webhook_delivery: WebhookDeliveryTable;
}
