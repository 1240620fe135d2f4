/**
 * General journals: templates (general or payments), their batches and the batches' lines.
 * Amounts are signed exact decimal text in local currency (debit positive, credit negative).
 */
export interface GenJournalTemplateTable {
  company_id: number;
  name: string;
  description: string;
  /** `general` or `payments`. */
  type: string;
  revision: number;
}

export interface GenJournalBatchTable {
  company_id: number;
  template_name: string;
  name: string;
  description: string;
  /** Blank, or the account type new lines balance against: `gl-account`, `customer`, `vendor`, `bank-account`. */
  bal_account_type: string;
  bal_account_no: string;
  /** The number series document numbers of new lines come from (blank: typed in). */
  no_series: string;
  revision: number;
}

export interface GenJournalLineTable {
  company_id: number;
  template_name: string;
  batch_name: string;
  line_no: number;
  posting_date: string;
  /** Blank, `payment`, `invoice`, `credit-memo` or `refund`. */
  document_type: string;
  document_no: string;
  account_type: string;
  account_no: string;
  description: string;
  amount: string;
  /** Blank (no balancing account) or an account type as above. */
  bal_account_type: string;
  bal_account_no: string;
  /** The document no. of the open customer/vendor entry this line settles. */
  applies_to_doc_no: string;
  /** 1 for lines a workflow created (payment lines); they are not restricted automatically. */
  system_created: number;
  created_by: string;
  created_at: string;
  revision: number;
}

/** Tables of the journals area (see migration and module). */
export interface JournalsTables {
  gen_journal_template: GenJournalTemplateTable;
  gen_journal_batch: GenJournalBatchTable;
  gen_journal_line: GenJournalLineTable;
}
