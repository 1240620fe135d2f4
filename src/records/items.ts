import type { Selectable } from 'kysely';
import type { ItemTable } from '../db/schema.ts';
import type { EngineContext } from '../engine/context.ts';
import type { FieldDefinition, FieldValue, RecordData } from '../engine/field-types.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import { conflict, invalid, notFound } from '../shared/errors.ts';
import { type CodeRule, normalizeBoolean, normalizeCode, normalizeText } from './codes.ts';
import { decimalText, parseDecimal } from './decimals.ts';
import { filterByEquals, textOf } from './find-where.ts';
import { removeRestriction } from './restrictions.ts';
import { assertRevision, type RecordUpdate } from './revisions.ts';

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

const NO_RULE: CodeRule = { code: 'item-no-invalid', field: 'no', label: 'Item no.', maxLength: 20 };

function toItem(row: Selectable<ItemTable>): Item {
  return {
    no: row.no,
    description: row.description,
    unitPrice: row.unit_price,
    blocked: Number(row.blocked) === 1,
    revision: Number(row.revision),
  };
}

export function itemData(item: Item): RecordData {
  return { no: item.no, description: item.description, unitPrice: item.unitPrice, blocked: item.blocked };
}

export function itemToRecord(item: Item): WorkflowRecord {
  return { table: ITEM_TABLE, key: item.no, data: itemData(item) };
}

async function findRow(ctx: EngineContext, no: string, lock = false) {
  return ctx.tx
    .selectFrom('item')
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

export async function findItem(ctx: EngineContext, no: string): Promise<Item | undefined> {
  const row = await findRow(ctx, no);
  return row && toItem(row);
}

export async function getItem(ctx: EngineContext, no: string): Promise<Item> {
  const item = await findItem(ctx, no);
  if (!item) throw notFound('item-not-found', `Item ${no} does not exist.`, { field: 'no' });
  return item;
}

export async function listItems(ctx: EngineContext): Promise<Item[]> {
  const rows = await ctx.tx
    .selectFrom('item')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .orderBy('no')
    .execute();
  return rows.map(toItem);
}

export async function itemRecord(ctx: EngineContext, no: string): Promise<WorkflowRecord> {
  return itemToRecord(await getItem(ctx, no));
}

/** The values of every given field, checked; absent fields keep `base`. Writes nothing. */
function checkedFields(changes: ItemChanges, base: Omit<Item, 'no' | 'revision'>) {
  return {
    description:
      changes.description === undefined
        ? base.description
        : normalizeText(changes.description, {
            code: 'item-description',
            field: 'description',
            label: 'Item description',
            maxLength: 100,
          }),
    unitPrice:
      changes.unitPrice === undefined
        ? base.unitPrice
        : decimalText(
            parseDecimal(changes.unitPrice, {
              code: 'item-unit-price',
              field: 'unitPrice',
              label: 'Unit price',
              minimum: 'zero',
            }),
          ),
    blocked:
      changes.blocked === undefined
        ? base.blocked
        : normalizeBoolean(changes.blocked, 'item-blocked-invalid', 'blocked', 'Blocked'),
  };
}

export async function createItem(ctx: EngineContext, input: ItemInput): Promise<Item> {
  const no = normalizeCode(input.no, NO_RULE);
  if (input.description === undefined) {
    throw invalid('item-description-required', 'Item description must not be blank.', { field: 'description' });
  }
  const fields = checkedFields(input, { description: '', unitPrice: '0', blocked: false });
  if (await findRow(ctx, no)) throw conflict('item-exists', `Item ${no} exists already.`, { field: 'no' });
  await ctx.tx
    .insertInto('item')
    .values({
      company_id: ctx.companyId,
      no,
      description: fields.description,
      unit_price: fields.unitPrice,
      blocked: fields.blocked ? 1 : 0,
      revision: 1,
    })
    .execute();
  return { no, ...fields, revision: 1 };
}

/** Saves the given fields and bumps the revision; `expectedRevision` guards against lost updates. */
export async function updateItem(
  ctx: EngineContext,
  no: string,
  changes: ItemChanges,
  expectedRevision?: number,
): Promise<RecordUpdate<Item>> {
  const row = await findRow(ctx, no, true);
  if (!row) throw notFound('item-not-found', `Item ${no} does not exist.`, { field: 'no' });
  const before = toItem(row);
  assertRevision('item-revision-stale', `Item ${before.no}`, before.revision, expectedRevision);
  const after: Item = { no: before.no, ...checkedFields(changes, before), revision: before.revision + 1 };
  await ctx.tx
    .updateTable('item')
    .set({
      description: after.description,
      unit_price: after.unitPrice,
      blocked: after.blocked ? 1 : 0,
      revision: after.revision,
    })
    .where('company_id', '=', ctx.companyId)
    .where('no', '=', before.no)
    .execute();
  return { before, after, oldRecord: itemToRecord(before), record: itemToRecord(after) };
}

/** Deletes an item no document line uses; its record restriction goes with it. */
export async function deleteItem(ctx: EngineContext, no: string, expectedRevision?: number): Promise<Item> {
  const row = await findRow(ctx, no, true);
  if (!row) throw notFound('item-not-found', `Item ${no} does not exist.`, { field: 'no' });
  const item = toItem(row);
  assertRevision('item-revision-stale', `Item ${item.no}`, item.revision, expectedRevision);
  const used = await ctx.tx
    .selectFrom('document_line')
    .select('document_no')
    .where('company_id', '=', ctx.companyId)
    .where('type', '=', 'item')
    .where('no', '=', item.no)
    .executeTakeFirst();
  if (used) {
    throw conflict('item-in-use', `Item ${item.no} is on document lines; it cannot be deleted.`, { field: 'no' });
  }
  await ctx.tx.deleteFrom('item').where('company_id', '=', ctx.companyId).where('no', '=', item.no).execute();
  await removeRestriction(ctx, ITEM_TABLE, item.no);
  return item;
}

/** `findWhere` of the registered table. */
export async function findItemsWhere(
  ctx: EngineContext,
  equals: Readonly<Record<string, FieldValue>>,
): Promise<RecordData[]> {
  const no = textOf(equals, 'no');
  const rows = await ctx.tx
    .selectFrom('item')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .$if(no !== undefined, (q) => q.where('no', '=', (no ?? '').toUpperCase()))
    .orderBy('no')
    .execute();
  return filterByEquals(
    ITEM_FIELDS,
    rows.map((r) => itemData(toItem(r))),
    equals,
  );
}
