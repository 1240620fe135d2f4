import type { Selectable } from 'kysely';
import type { GlEntryTable, PartyLedgerEntryTable } from '../db/schema-ledger.ts';

export type LedgerParty = 'customer' | 'vendor' | 'bank-account';

export const PARTY_LEDGER_TABLES = {
  customer: 'customer_ledger_entry',
  vendor: 'vendor_ledger_entry',
  'bank-account': 'bank_account_ledger_entry',
} as const satisfies Record<LedgerParty, string>;

export interface GlEntry {
  readonly id: number;
  readonly registerId: number;
  readonly postingDate: string;
  readonly documentType: string;
  readonly documentNo: string;
  readonly accountNo: string;
  readonly description: string;
  readonly amount: string;
  readonly sourceType: string;
  readonly sourceNo: string;
  readonly createdBy: string;
}

export interface PartyLedgerEntry {
  readonly id: number;
  readonly party: LedgerParty;
  readonly registerId: number;
  readonly partyNo: string;
  readonly postingDate: string;
  readonly documentType: string;
  readonly documentNo: string;
  readonly description: string;
  readonly currencyCode: string;
  readonly amount: string;
  readonly amountLcy: string;
  readonly remainingAmountLcy: string;
  readonly open: boolean;
}

export function toGlEntry(row: Selectable<GlEntryTable>): GlEntry {
  return {
    id: Number(row.id),
    registerId: Number(row.register_id),
    postingDate: row.posting_date,
    documentType: row.document_type,
    documentNo: row.document_no,
    accountNo: row.account_no,
    description: row.description,
    amount: row.amount,
    sourceType: row.source_type,
    sourceNo: row.source_no,
    createdBy: row.created_by,
  };
}

export function toPartyEntry(party: LedgerParty, row: Selectable<PartyLedgerEntryTable>): PartyLedgerEntry {
  return {
    id: Number(row.id),
    party,
    registerId: Number(row.register_id),
    partyNo: row.party_no,
    postingDate: row.posting_date,
    documentType: row.document_type,
    documentNo: row.document_no,
    description: row.description,
    currencyCode: row.currency_code,
    amount: row.amount,
    amountLcy: row.amount_lcy,
    remainingAmountLcy: row.remaining_amount_lcy,
    open: Number(row.open) === 1,
  };
}
