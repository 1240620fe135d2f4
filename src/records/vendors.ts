import type { Selectable } from 'kysely';
import type { VendorTable } from '../db/schema.ts';
import type { EngineContext } from '../engine/context.ts';
import type { FieldDefinition, FieldValue, RecordData } from '../engine/field-types.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import { conflict, invalid, notFound } from '../shared/errors.ts';
import { type CodeRule, normalizeBoolean, normalizeCode, normalizeText } from './codes.ts';
import { checkCurrencyCode } from './currencies.ts';
import { filterByEquals, textOf } from './find-where.ts';
import { removeRestriction } from './restrictions.ts';
import { assertRevision, type RecordUpdate } from './revisions.ts';
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

const NO_RULE: CodeRule = { code: 'vendor-no-invalid', field: 'no', label: 'Vendor no.', maxLength: 20 };

function toVendor(row: Selectable<VendorTable>): Vendor {
  return {
    no: row.no,
    name: row.name,
    purchaserCode: row.purchaser_code,
    currencyCode: row.currency_code,
    blocked: Number(row.blocked) === 1,
    revision: Number(row.revision),
  };
}

export function vendorData(vendor: Vendor): RecordData {
  return {
    no: vendor.no,
    name: vendor.name,
    purchaserCode: vendor.purchaserCode,
    currencyCode: vendor.currencyCode,
    blocked: vendor.blocked,
  };
}

export function vendorToRecord(vendor: Vendor): WorkflowRecord {
  return { table: VENDOR_TABLE, key: vendor.no, data: vendorData(vendor) };
}

async function findRow(ctx: EngineContext, no: string, lock = false) {
  return ctx.tx
    .selectFrom('vendor')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where(
      'no',
      '=',
      String(no ?? '')
        .trim()
        .toUpperCase(),
    )
    .$if(lock && ctx.capabilities.rowLocks, (q) => q.forUpdate())
    .executeTakeFirst();
}

export async function findVendor(ctx: EngineContext, no: string): Promise<Vendor | undefined> {
  const row = await findRow(ctx, no);
  return row && toVendor(row);
}

export async function getVendor(ctx: EngineContext, no: string): Promise<Vendor> {
  const vendor = await findVendor(ctx, no);
  if (!vendor) throw notFound('vendor-not-found', `Vendor ${no} does not exist.`, { field: 'no' });
  return vendor;
}

export async function listVendors(ctx: EngineContext): Promise<Vendor[]> {
  const rows = await ctx.tx
    .selectFrom('vendor')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .orderBy('no')
    .execute();
  return rows.map(toVendor);
}

export async function vendorRecord(ctx: EngineContext, no: string): Promise<WorkflowRecord> {
  return vendorToRecord(await getVendor(ctx, no));
}

/** The values of every given field, checked; absent fields keep `base`. Writes nothing. */
async function checkedFields(ctx: EngineContext, changes: VendorChanges, base: Omit<Vendor, 'no' | 'revision'>) {
  return {
    name:
      changes.name === undefined
        ? base.name
        : normalizeText(changes.name, { code: 'vendor-name', field: 'name', label: 'Vendor name', maxLength: 100 }),
    purchaserCode:
      changes.purchaserCode === undefined
        ? base.purchaserCode
        : await checkSalespersonCode(ctx, changes.purchaserCode, 'purchaserCode'),
    currencyCode:
      changes.currencyCode === undefined
        ? base.currencyCode
        : await checkCurrencyCode(ctx, changes.currencyCode, 'currencyCode'),
    blocked:
      changes.blocked === undefined
        ? base.blocked
        : normalizeBoolean(changes.blocked, 'vendor-blocked-invalid', 'blocked', 'Blocked'),
  };
}

export async function createVendor(ctx: EngineContext, input: VendorInput): Promise<Vendor> {
  const no = normalizeCode(input.no, NO_RULE);
  if (input.name === undefined) {
    throw invalid('vendor-name-required', 'Vendor name must not be blank.', { field: 'name' });
  }
  const fields = await checkedFields(ctx, input, { name: '', purchaserCode: '', currencyCode: '', blocked: false });
  if (await findRow(ctx, no)) throw conflict('vendor-exists', `Vendor ${no} exists already.`, { field: 'no' });
  await ctx.tx
    .insertInto('vendor')
    .values({
      company_id: ctx.companyId,
      no,
      name: fields.name,
      purchaser_code: fields.purchaserCode,
      currency_code: fields.currencyCode,
      blocked: fields.blocked ? 1 : 0,
      revision: 1,
    })
    .execute();
  return { no, ...fields, revision: 1 };
}

/** Saves the given fields and bumps the revision; `expectedRevision` guards against lost updates. */
export async function updateVendor(
  ctx: EngineContext,
  no: string,
  changes: VendorChanges,
  expectedRevision?: number,
): Promise<RecordUpdate<Vendor>> {
  const row = await findRow(ctx, no, true);
  if (!row) throw notFound('vendor-not-found', `Vendor ${no} does not exist.`, { field: 'no' });
  const before = toVendor(row);
  assertRevision('vendor-revision-stale', `Vendor ${before.no}`, before.revision, expectedRevision);
  const fields = await checkedFields(ctx, changes, before);
  const after: Vendor = { no: before.no, ...fields, revision: before.revision + 1 };
  await ctx.tx
    .updateTable('vendor')
    .set({
      name: after.name,
      purchaser_code: after.purchaserCode,
      currency_code: after.currencyCode,
      blocked: after.blocked ? 1 : 0,
      revision: after.revision,
    })
    .where('company_id', '=', ctx.companyId)
    .where('no', '=', before.no)
    .execute();
  return { before, after, oldRecord: vendorToRecord(before), record: vendorToRecord(after) };
}

/** Deletes a vendor no document uses; its record restriction goes with it (reference §5.7). */
export async function deleteVendor(ctx: EngineContext, no: string, expectedRevision?: number): Promise<Vendor> {
  const row = await findRow(ctx, no, true);
  if (!row) throw notFound('vendor-not-found', `Vendor ${no} does not exist.`, { field: 'no' });
  const vendor = toVendor(row);
  assertRevision('vendor-revision-stale', `Vendor ${vendor.no}`, vendor.revision, expectedRevision);
  const used = await ctx.tx
    .selectFrom('document_header')
    .select('no')
    .where('company_id', '=', ctx.companyId)
    .where('area', '=', 'purchase')
    .where('party_no', '=', vendor.no)
    .executeTakeFirst();
  if (used) {
    throw conflict('vendor-in-use', `Vendor ${vendor.no} has purchase documents; it cannot be deleted.`, {
      field: 'no',
    });
  }
  await ctx.tx.deleteFrom('vendor').where('company_id', '=', ctx.companyId).where('no', '=', vendor.no).execute();
  await removeRestriction(ctx, VENDOR_TABLE, vendor.no);
  return vendor;
}

/** `findWhere` of the registered table. */
export async function findVendorsWhere(
  ctx: EngineContext,
  equals: Readonly<Record<string, FieldValue>>,
): Promise<RecordData[]> {
  const no = textOf(equals, 'no');
  const rows = await ctx.tx
    .selectFrom('vendor')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .$if(no !== undefined, (q) => q.where('no', '=', (no ?? '').toUpperCase()))
    .orderBy('no')
    .execute();
  return filterByEquals(
    VENDOR_FIELDS,
    rows.map((r) => vendorData(toVendor(r))),
    equals,
  );
}
