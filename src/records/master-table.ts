import type { Kysely } from 'kysely';
import type { EngineContext } from '../engine/context.ts';
import type { FieldDefinition, FieldValue, RecordData } from '../engine/field-types.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import type { RecordTableDefinition } from '../engine/registry-types.ts';
import { type CodeRule, lookupCode, normalizeCode, requiredTextError, type TextRule } from './codes.ts';
import { checkedChanges, type FieldChecks, type FieldInput } from './field-changes.ts';
import { filterByEquals, textOf } from './find-where.ts';
import { type KeyedRowsSpec, type KeyReference, keyedRows, type RowValues } from './keyed-rows.ts';
import { forgetRecordLinks, lockRecordInstances, renameRecordLinks } from './record-links.ts';
import { assertRevision, type RecordUpdate } from './revisions.ts';

/**
 * Master records workflows react to (customers, vendors, items): keyed by `no`, registered as
 * record tables of the same name, guarded by a revision, and restrictable.
 */
export type MasterTableName = 'customer' | 'vendor' | 'item';

export interface MasterRecord {
  readonly no: string;
  readonly revision: number;
}

/** The values a caller gives and changes: all but the key and the revision. */
export type MasterFields<T extends MasterRecord> = Omit<T, 'no' | 'revision'>;

export interface MasterTableSpec<N extends MasterTableName, T extends MasterRecord> extends KeyedRowsSpec<N, T> {
  /** The registered fields; a record's data is exactly these, in this order. */
  readonly fields: readonly FieldDefinition[];
  readonly noRule: CodeRule;
  /** The text field a new record must be given (its name or description). */
  readonly required: TextRule & { readonly field: keyof MasterFields<T> };
  /** The fields of a new record where the input leaves them out. */
  readonly defaults: MasterFields<T>;
  readonly checks: FieldChecks<MasterFields<T>>;
  readonly toRow: (fields: MasterFields<T>, revision: number) => RowValues<N>;
  /** Where other records hold the no.; any use refuses deletion with `inUseMessage`. */
  readonly usedBy: readonly KeyReference[];
  readonly inUseMessage: (no: string) => string;
  /** Where else the no. is held without preventing deletion (ledger entries, posted documents); a rename updates these and `usedBy`. */
  readonly alsoHeldBy?: readonly KeyReference[];
}

export function masterTable<N extends MasterTableName, T extends MasterRecord>(spec: MasterTableSpec<N, T>) {
  const rows = keyedRows(spec);
  const { table, label, errorPrefix } = spec;

  function data(record: T): RecordData {
    const values = record as unknown as Readonly<Record<string, FieldValue>>;
    return Object.fromEntries(spec.fields.map((field) => [field.name, values[field.name]]));
  }

  function toRecord(record: T): WorkflowRecord {
    return { table, key: record.no, data: data(record) };
  }

  async function record(ctx: EngineContext, no: string): Promise<WorkflowRecord> {
    return toRecord(await rows.get(ctx, no));
  }

  async function create(ctx: EngineContext, input: FieldInput<MasterFields<T>> & { readonly no: string }): Promise<T> {
    const no = normalizeCode(input.no, spec.noRule);
    // Absent is refused here; the checks below keep the (blank) default for an absent field.
    if (input[spec.required.field] === undefined) throw requiredTextError(spec.required);
    const fields = await checkedChanges(ctx, input, spec.defaults, spec.checks);
    await rows.assertNew(ctx, no);
    await rows.insert(ctx, no, spec.toRow(fields, 1));
    return { no, ...fields, revision: 1 } as T;
  }

  /** Saves the given fields and bumps the revision; `expectedRevision` guards against lost updates. */
  async function update(
    ctx: EngineContext,
    no: string,
    changes: FieldInput<MasterFields<T>>,
    expectedRevision?: number,
  ): Promise<RecordUpdate<T>> {
    const before = await rows.get(ctx, no, true);
    assertRevision(`${errorPrefix}-revision-stale`, `${label} ${before.no}`, before.revision, expectedRevision);
    const fields = await checkedChanges(ctx, changes, before, spec.checks);
    const after = { no: before.no, ...fields, revision: before.revision + 1 } as T;
    await rows.update(ctx, before.no, spec.toRow(fields, after.revision));
    return { before, after, oldRecord: toRecord(before), record: toRecord(after) };
  }

  /**
   * Deletes a record nothing uses; its approval entries, comments, restriction and held changes
   * go with it (spec §5.10). Refused (`record-approval-pending`) while an approval request waits.
   */
  async function remove(ctx: EngineContext, no: string, expectedRevision?: number): Promise<T> {
    await lockRecordInstances(ctx, table, lookupCode(no));
    const found = await rows.get(ctx, no, true);
    assertRevision(`${errorPrefix}-revision-stale`, `${label} ${found.no}`, found.revision, expectedRevision);
    await rows.assertUnused(ctx, found.no, spec.usedBy, spec.inUseMessage(found.no));
    await forgetRecordLinks(ctx, table, found.no);
    await rows.remove(ctx, found.no);
    return found;
  }

  /**
   * Gives a record a new no. (`<prefix>-exists` if taken, `noRule` for an invalid one): the
   * records holding the no. follow, and so do its approval entries, comments, restriction,
   * held changes and running workflows (spec §5.10). The revision is bumped.
   */
  async function rename(ctx: EngineContext, no: string, newNo: string, expectedRevision?: number): Promise<T> {
    await lockRecordInstances(ctx, table, lookupCode(no));
    const found = await rows.get(ctx, no, true);
    assertRevision(`${errorPrefix}-revision-stale`, `${label} ${found.no}`, found.revision, expectedRevision);
    const target = normalizeCode(newNo, { ...spec.noRule, field: 'newNo' });
    if (target === found.no) return found;
    await rows.assertNew(ctx, target);
    const { no: _no, revision, ...fields } = found;
    const renamed = { no: target, ...fields, revision: revision + 1 } as T;
    await rows.insert(ctx, target, spec.toRow(fields as MasterFields<T>, renamed.revision));
    await rows.remove(ctx, found.no);
    for (const reference of [...spec.usedBy, ...(spec.alsoHeldBy ?? [])]) {
      await replaceKey(ctx, reference, found.no, target);
    }
    await renameRecordLinks(ctx, table, found.no, target);
    return renamed;
  }

  /** `findWhere` of the registered table; a given no. narrows the query, the rest is compared by field type. */
  async function findWhere(ctx: EngineContext, equals: Readonly<Record<string, FieldValue>>): Promise<RecordData[]> {
    const no = textOf(equals, 'no');
    const found = await rows.list(ctx, no?.toUpperCase());
    return filterByEquals(spec.fields, found.map(data), equals);
  }

  /** The record table workflows see; its caption is the label. */
  const recordTable: RecordTableDefinition = {
    name: table,
    caption: label,
    key: ['no'],
    fields: spec.fields,
    load: async (ctx, no) => {
      const found = await rows.find(ctx, no);
      return found && data(found);
    },
    findWhere,
  };

  const { find, get, list } = rows;
  return { find, get, list, data, toRecord, record, create, update, remove, rename, recordTable };
}

// As in keyed-rows: Kysely cannot type a query on a table named by a variable.
type AnyCompanyDb = Record<string, { company_id: number; [column: string]: string | number | null }>;

/** Points the rows of `reference` that hold `from` to `to`. */
async function replaceKey(ctx: EngineContext, reference: KeyReference, from: string, to: string): Promise<void> {
  let query = (ctx.tx as unknown as Kysely<AnyCompanyDb>)
    .updateTable(reference.table)
    .set({ [reference.column]: to })
    .where('company_id', '=', ctx.companyId)
    .where(reference.column, '=', from);
  for (const [column, required] of Object.entries(reference.where ?? {})) {
    if (required !== undefined) query = query.where(column, '=', required);
  }
  await query.execute();
}
