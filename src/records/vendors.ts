import type { Selectable } from 'kysely';
import type { VendorTable } from '../db/schema.ts';
import type { EngineContext } from '../engine/context.ts';
import type { FieldDefinition, RecordData } from '../engine/field-types.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import type { RecordTableDefinition } from '../engine/registry-types.ts';
import { normalizeBoolean, normalizeText, type TextRule } from './codes.ts';
import { checkCurrencyCode } from './currencies.ts';
import { masterTable } from './master-table.ts';
import type { RecordUpdate } from './revisions.ts';
import { checkSalespersonCode } from './salespeople.ts';

export const VENDOR_TABLE = 'vendor';

export interface Vendor {
  readonly no: string;
  readonly name: string;
  readonly purchaserCode: string;
  /** Blank means the local currency. */
  readonly currencyCode: string;
  readonly blocked: boolean;
  readonly revision: number;
}

export interface VendorInput {
  readonly no: string;
  readonly name: string;
  readonly purchaserCode?: string;
  readonly currencyCode?: string;
  readonly blocked?: boolean;
}

export type VendorChanges = Partial<Omit<VendorInput, 'no'>>;

export const VENDOR_FIELDS: readonly FieldDefinition[] = [
  { name: 'no', type: 'code', caption: 'No.' },
  { name: 'name', type: 'text', caption: 'Name' },
  { name: 'purchaserCode', type: 'code', caption: 'Purchaser code' },
  { name: 'currencyCode', type: 'code', caption: 'Currency code' },
  { name: 'blocked', type: 'boolean', caption: 'Blocked' },
];

const NAME_RULE = {
  code: 'vendor-name',
  field: 'name',
  label: 'Vendor name',
  maxLength: 100,
} as const satisfies TextRule;

const vendors = masterTable({
  table: VENDOR_TABLE,
  key: 'no',
  label: 'Vendor',
  errorPrefix: 'vendor',
  fields: VENDOR_FIELDS,
  noRule: { code: 'vendor-no-invalid', field: 'no', label: 'Vendor no.', maxLength: 20 },
  required: NAME_RULE,
  fromRow: (row: Selectable<VendorTable>): Vendor => ({
    no: row.no,
    name: row.name,
    purchaserCode: row.purchaser_code,
    currencyCode: row.currency_code,
    blocked: Number(row.blocked) === 1,
    revision: Number(row.revision),
  }),
  toRow: (fields, revision) => ({
    name: fields.name,
    purchaser_code: fields.purchaserCode,
    currency_code: fields.currencyCode,
    blocked: fields.blocked ? 1 : 0,
    revision,
  }),
  defaults: { name: '', purchaserCode: '', currencyCode: '', blocked: false },
  checks: {
    name: (value) => normalizeText(value, NAME_RULE),
    // Purchasers are salespeople: one table serves both (see salespeople.ts).
    purchaserCode: (value, ctx) => checkSalespersonCode(ctx, value, 'purchaserCode'),
    currencyCode: (value, ctx) => checkCurrencyCode(ctx, value, 'currencyCode'),
    blocked: (value) => normalizeBoolean(value, 'vendor-blocked-invalid', 'blocked', 'Blocked'),
  },
  // Documents, ledger entries and journals keep a party alive; the rest only follows a rename.
  usedBy: [
    { table: 'document_header', column: 'party_no', where: { area: 'purchase' } },
    { table: 'vendor_ledger_entry', column: 'party_no' },
    { table: 'gen_journal_line', column: 'account_no', where: { account_type: 'vendor' } },
    { table: 'gen_journal_line', column: 'bal_account_no', where: { bal_account_type: 'vendor' } },
    { table: 'gen_journal_batch', column: 'bal_account_no', where: { bal_account_type: 'vendor' } },
    { table: 'requisition_line', column: 'vendor_no' },
  ],
  inUseMessage: (no) =>
    `Vendor ${no} has purchase documents, ledger entries, journals or requisition lines; it cannot be deleted.`,
  alsoHeldBy: [
    { table: 'posted_document_header', column: 'party_no', where: { area: 'purchase' } },
    { table: 'gl_entry', column: 'source_no', where: { source_type: 'vendor' } },
  ],
});

/** The `vendor` record table of the records module. */
export const VENDOR_RECORD_TABLE: RecordTableDefinition = vendors.recordTable;

// The module's API stays declared here, signature by signature; the work is the shared table's.

export function vendorData(vendor: Vendor): RecordData {
  return vendors.data(vendor);
}

export function vendorToRecord(vendor: Vendor): WorkflowRecord {
  return vendors.toRecord(vendor);
}

export async function findVendor(ctx: EngineContext, no: string): Promise<Vendor | undefined> {
  return vendors.find(ctx, no);
}

export async function getVendor(ctx: EngineContext, no: string): Promise<Vendor> {
  return vendors.get(ctx, no);
}

export async function listVendors(ctx: EngineContext): Promise<Vendor[]> {
  return vendors.list(ctx);
}

export async function vendorRecord(ctx: EngineContext, no: string): Promise<WorkflowRecord> {
  return vendors.record(ctx, no);
}

export async function createVendor(ctx: EngineContext, input: VendorInput): Promise<Vendor> {
  return vendors.create(ctx, input);
}

/** Saves the given fields and bumps the revision; `expectedRevision` guards against lost updates. */
export async function updateVendor(
  ctx: EngineContext,
  no: string,
  changes: VendorChanges,
  expectedRevision?: number,
): Promise<RecordUpdate<Vendor>> {
  return vendors.update(ctx, no, changes, expectedRevision);
}

/**
 * Deletes a vendor no document uses; its approval entries, comments, restriction and held
 * changes go with it (spec §5.10). Refused while an approval request waits (`record-approval-pending`).
 */
export async function deleteVendor(ctx: EngineContext, no: string, expectedRevision?: number): Promise<Vendor> {
  return vendors.remove(ctx, no, expectedRevision);
}

/**
 * Gives a vendor a new no.: its documents, posted documents, ledger and journal entries follow,
 * and so do its approval entries, comments, restriction, held changes and running workflows.
 */
export async function renameVendor(
  ctx: EngineContext,
  no: string,
  newNo: string,
  expectedRevision?: number,
): Promise<Vendor> {
  return vendors.rename(ctx, no, newNo, expectedRevision);
}
