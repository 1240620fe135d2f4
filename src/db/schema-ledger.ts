import type { Generated } from 'kysely';

/**
 * The ledger: G/L accounts, bank accounts, the company's posting accounts, and the entries a
 * posting writes. G/L amounts are signed (debit positive, credit negative) exact decimals.
 */
export interface GlAccountTable {
  company_id: number;
  no: string;
  name: string;
  blocked: number;
  revision: number;
}

export interface BankAccountTable {
  company_id: number;
  no: string;
  name: string;
  /** The G/L account its entries post to. */
  gl_account_no: string;
  blocked: number;
  revision: number;
}

/** One row per company: which G/L accounts documents post to. */
export interface PostingSetupTable {
  company_id: number;
  receivables_account: string;
  payables_account: string;
  sales_account: string;
  purchase_account: string;
  revision: number;
}

/** One posting: every entry it wrote carries its id (the transaction no.). */
export interface GlRegisterTable {
  id: Generated<number>;
  company_id: number;
  /** `sales-posting`, `purchase-posting`, `journal`. */
  source: string;
  document_no: string;
  posting_date: string;
  created_by: string;
  created_at: string;
}

export interface GlEntryTable {
  id: Generated<number>;
  company_id: number;
  register_id: number;
  posting_date: string;
  document_type: string;
  document_no: string;
  account_no: string;
  description: string;
  amount: string;
  /** `customer`, `vendor`, `bank-account` or blank. */
  source_type: string;
  source_no: string;
  created_by: string;
}

/** Customer, vendor and bank account entries share this shape; `party_no` is the account. */
export interface PartyLedgerEntryTable {
  id: Generated<number>;
  company_id: number;
  register_id: number;
  party_no: string;
  posting_date: string;
  document_type: string;
  document_no: string;
  description: string;
  currency_code: string;
  amount: string;
  amount_lcy: string;
  /** What is still open of amount_lcy (invoices until paid). */
  remaining_amount_lcy: string;
  open: number;
}

export interface LedgerTables {
  gl_account: GlAccountTable;
  bank_account: BankAccountTable;
  posting_setup: PostingSetupTable;
  gl_register: GlRegisterTable;
  gl_entry: GlEntryTable;
  customer_ledger_entry: PartyLedgerEntryTable;
  vendor_ledger_entry: PartyLedgerEntryTable;
  bank_account_ledger_entry: PartyLedgerEntryTable;
}
