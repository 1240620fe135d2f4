import type { Selectable } from 'kysely';
import type { ItemTable } from '../db/schema.ts';
import type { EngineContext } from '../engine/context.ts';
import type { FieldDefinition, RecordData } from '../engine/field-types.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import type { RecordTableDefinition } from '../engine/registry-types.ts';
import { normalizeBoolean, normalizeText, type TextRule } from './codes.ts';
import { decimalText, parseDecimal } from './decimals.ts';
import { masterTable } from './master-table.ts';
import type { RecordUpdate } from './revisions.ts';

export const ITEM_TABLE = 'item';

export interface Item {
  readonly no: string;
  readonly description: string;
  /** Exact decimal text, at least 0; the default price of new document lines. */
  readonly unitPrice: string;
  readonly blocked: boolean;
  readonly revision: number;
}

export interface ItemInput {
  readonly no: string;
  readonly description: string;
  readonly unitPrice?: string;
  readonly blocked?: boolean;
}

export type ItemChanges = Partial<Omit<ItemInput, 'no'>>;

export const ITEM_FIELDS: readonly FieldDefinition[] = [
  { name: 'no', type: 'code', caption: 'No.' },
  { name: 'description', type: 'text', caption: 'Description' },
  { name: 'unitPrice', type: 'decimal', caption: 'Unit price' },
  { name: 'blocked', type: 'boolean', caption: 'Blocked' },
];

const DESCRIPTION_RULE = {
  code: 'item-description',
  field: 'description',
  label: 'Item description',
  maxLength: 100,
} as const satisfies TextRule;

const items = masterTable({
  table: ITEM_TABLE,
  key: 'no',
  label: 'Item',
  errorPrefix: 'item',
  fields: ITEM_FIELDS,
  noRule: { code: 'item-no-invalid', field: 'no', label: 'Item no.', maxLength: 20 },
  required: DESCRIPTION_RULE,
  fromRow: (row: Selectable<ItemTable>): Item => ({
    no: row.no,
    description: row.description,
    unitPrice: row.unit_price,
    blocked: Number(row.blocked) === 1,
    revision: Number(row.revision),
  }),
  toRow: (fields, revision) => ({
    description: fields.description,
    unit_price: fields.unitPrice,
    blocked: fields.blocked ? 1 : 0,
    revision,
  }),
  defaults: { description: '', unitPrice: '0', blocked: false },
  checks: {
    description: (value) => normalizeText(value, DESCRIPTION_RULE),
    unitPrice: (value) =>
      decimalText(
        parseDecimal(value, { code: 'item-unit-price', field: 'unitPrice', label: 'Unit price', minimum: 'zero' }),
      ),
    blocked: (value) => normalizeBoolean(value, 'item-blocked-invalid', 'blocked', 'Blocked'),
  },
  usedBy: [
    { table: 'document_line', column: 'no', where: { type: 'item' } },
    { table: 'requisition_line', column: 'no', where: { type: 'item' } },
  ],
  inUseMessage: (no) => `Item ${no} is on document or requisition lines; it cannot be deleted.`,
  alsoHeldBy: [{ table: 'posted_document_line', column: 'no', where: { type: 'item' } }],
});

/** The `item` record table of the records module. */
export const ITEM_RECORD_TABLE: RecordTableDefinition = items.recordTable;

// The module's API stays declared here, signature by signature; the work is the shared table's.

export function itemData(item: Item): RecordData {
  return items.data(item);
}

export function itemToRecord(item: Item): WorkflowRecord {
  return items.toRecord(item);
}

export async function findItem(ctx: EngineContext, no: string): Promise<Item | undefined> {
  return items.find(ctx, no);
}

export async function getItem(ctx: EngineContext, no: string): Promise<Item> {
  return items.get(ctx, no);
}

export async function listItems(ctx: EngineContext): Promise<Item[]> {
  return items.list(ctx);
}

export async function itemRecord(ctx: EngineContext, no: string): Promise<WorkflowRecord> {
  return items.record(ctx, no);
}

export async function createItem(ctx: EngineContext, input: ItemInput): Promise<Item> {
  return items.create(ctx, input);
}

/** Saves the given fields and bumps the revision; `expectedRevision` guards against lost updates. */
export async function updateItem(
  ctx: EngineContext,
  no: string,
  changes: ItemChanges,
  expectedRevision?: number,
): Promise<RecordUpdate<Item>> {
  return items.update(ctx, no, changes, expectedRevision);
}

/**
 * Deletes an item no document line uses; its approval entries, comments, restriction and held
 * changes go with it (spec §5.10). Refused while an approval request waits (`record-approval-pending`).
 */
export async function deleteItem(ctx: EngineContext, no: string, expectedRevision?: number): Promise<Item> {
  return items.remove(ctx, no, expectedRevision);
}

/**
 * Gives an item a new no.: document lines and posted lines follow, and so do its approval
 * entries, comments, restriction, held changes and running workflows.
 */
export async function renameItem(
  ctx: EngineContext,
  no: string,
  newNo: string,
  expectedRevision?: number,
): Promise<Item> {
  return items.rename(ctx, no, newNo, expectedRevision);
}
