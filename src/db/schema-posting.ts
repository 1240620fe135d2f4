import type { Generated } from 'kysely';

/**
 * Posted purchase and sales documents (invoices and credit memos) with their lines, and the
 * approval history that moved to them when they were posted. Amounts are exact decimal text.
 */
export interface PostedDocumentHeaderTable {
  company_id: number;
  /** `purchase` or `sales`. */
  area: string;
  /** `invoice` or `credit-memo`. */
  document_type: string;
  /** Numbered from the posted series (`PPI-0001`). */
  no: string;
  /** The number of the document that was posted (the order no. for an order). */
  pre_assigned_no: string;
  /** The type of the document that was posted: order, invoice, credit-memo, return-order. */
  source_document_type: string;
  party_no: string;
  party_name: string;
  salesperson_code: string;
  currency_code: string;
  exchange_rate: string;
  invoice_discount: string;
  line_total: string;
  amount: string;
  amount_lcy: string;
  document_date: string;
  posting_date: string;
  /** Who created the document that was posted. */
  created_by: string;
  posted_by: string;
  posted_at: string;
  /** The G/L register of the posting. */
  register_id: number;
}

export interface PostedDocumentLineTable {
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

/** An approval entry of a posted record: the live entry as it was, linked to the posted record. */
export interface PostedApprovalEntryTable {
  id: Generated<number>;
  company_id: number;
  /** The posted record: `posted-purchase-document` and its key (`["invoice","PPI-0001"]`). */
  posted_table: string;
  posted_key: string;
  /** The id the entry had while live. */
  entry_id: number;
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
  posted_by: string;
  posted_at: string;
}

/** The history of a posted approval entry (copied from `approval_entry_event`). */
export interface PostedApprovalEntryEventTable {
  id: Generated<number>;
  company_id: number;
  posted_entry_id: number;
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

export interface PostedApprovalCommentTable {
  id: Generated<number>;
  company_id: number;
  posted_table: string;
  posted_key: string;
  /** Where the comment was made. */
  table_name: string;
  record_key: string;
  instance_id: string;
  user_id: string;
  created_at: string;
  comment: string;
}

/** Tables of the posting area (see migration and module). */
export interface PostingTables {
  posted_document_header: PostedDocumentHeaderTable;
  posted_document_line: PostedDocumentLineTable;
  posted_approval_entry: PostedApprovalEntryTable;
  posted_approval_entry_event: PostedApprovalEntryEventTable;
  posted_approval_comment: PostedApprovalCommentTable;
}
