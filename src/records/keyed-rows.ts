import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { EngineContext } from '../engine/context.ts';
import { conflict, notFound } from '../shared/errors.ts';
import { lookupCode } from './codes.ts';

/**
 * Rows of a company keyed by one code column (customer no., currency code, …): finding,
 * listing, inserting, changing and deleting them, with the errors every such table raises.
 */
export type KeyedTableName = 'customer' | 'vendor' | 'item' | 'currency' | 'salesperson_purchaser' | 'number_series';

type KeyColumn<N extends KeyedTableName> = Extract<keyof Database[N], 'no' | 'code'>;

/** The columns of a table other than the company and the key, as written. */
export type RowValues<N extends KeyedTableName> = Omit<Database[N], 'company_id' | KeyColumn<N>>;

export interface KeyedRowsSpec<N extends KeyedTableName, T> {
  readonly table: N;
  readonly key: KeyColumn<N>;
  /** How messages name one row: "Customer", "Salesperson/purchaser". */
  readonly label: string;
  /** Error codes are `<prefix>-not-found`, `<prefix>-exists`, `<prefix>-in-use`. */
  readonly errorPrefix: string;
  readonly fromRow: (row: Selectable<Database[N]>) => T;
}

/** A column of another table that holds keys of this one; `where` narrows its rows further. */
export type KeyReference = {
  [R in keyof Database]: {
    readonly table: R;
    readonly column: keyof Database[R] & string;
    readonly where?: { readonly [C in keyof Database[R] & string]?: string };
  };
}[keyof Database];

// Kysely cannot type a query on a table named by a type parameter, so the queries here see every
// table as this one shape; what goes in and out is typed per table by the spec.
interface AnyRow {
  company_id: number;
  [column: string]: string | number | null;
}
type AnyCompanyDb = Record<string, AnyRow>;

function anyTable(ctx: EngineContext): Kysely<AnyCompanyDb> {
  return ctx.tx as unknown as Kysely<AnyCompanyDb>;
}

export function keyedRows<N extends KeyedTableName, T>(spec: KeyedRowsSpec<N, T>) {
  const { label, errorPrefix } = spec;
  const table: string = spec.table;
  const key: string = spec.key;
  const fromRow = (row: object) => spec.fromRow(row as Selectable<Database[N]>);

  /** The row of `value`; `lock` holds it for the rest of the transaction where the database can. */
  async function find(ctx: EngineContext, value: string, lock = false): Promise<T | undefined> {
    const row = await anyTable(ctx)
      .selectFrom(table)
      .selectAll()
      .where('company_id', '=', ctx.companyId)
      .where(key, '=', lookupCode(value))
      .$if(lock && ctx.capabilities.rowLocks, (q) => q.forUpdate())
      .executeTakeFirst();
    return row && fromRow(row);
  }

  async function get(ctx: EngineContext, value: string, lock = false): Promise<T> {
    const found = await find(ctx, value, lock);
    if (!found) throw notFound(`${errorPrefix}-not-found`, `${label} ${value} does not exist.`, { field: key });
    return found;
  }

  /** Every row by key; `only` (already normalized by the caller) narrows to that key. */
  async function list(ctx: EngineContext, only?: string): Promise<T[]> {
    const rows = await anyTable(ctx)
      .selectFrom(table)
      .selectAll()
      .where('company_id', '=', ctx.companyId)
      .$if(only !== undefined, (q) => q.where(key, '=', only ?? ''))
      .orderBy(key)
      .execute();
    return rows.map(fromRow);
  }

  /** Refuses a key that exists already (`<prefix>-exists`). */
  async function assertNew(ctx: EngineContext, value: string): Promise<void> {
    if (await find(ctx, value)) {
      throw conflict(`${errorPrefix}-exists`, `${label} ${value} exists already.`, { field: key });
    }
  }

  async function insert(ctx: EngineContext, value: string, values: RowValues<N>): Promise<void> {
    await anyTable(ctx)
      .insertInto(table)
      .values({ company_id: ctx.companyId, [key]: value, ...values })
      .execute();
  }

  async function update(ctx: EngineContext, value: string, values: RowValues<N>): Promise<void> {
    await anyTable(ctx)
      .updateTable(table)
      .set(values as Partial<AnyRow>)
      .where('company_id', '=', ctx.companyId)
      .where(key, '=', value)
      .execute();
  }

  /** Refuses (`<prefix>-in-use`, with `message`) a key that any of `references` holds. */
  async function assertUnused(
    ctx: EngineContext,
    value: string,
    references: readonly KeyReference[],
    message: string,
  ): Promise<void> {
    // One at a time, in order, stopping at the first use found.
    for (const reference of references) {
      if (await isReferenced(ctx, reference, value)) {
        throw conflict(`${errorPrefix}-in-use`, message, { field: key });
      }
    }
  }

  async function remove(ctx: EngineContext, value: string): Promise<void> {
    await anyTable(ctx).deleteFrom(table).where('company_id', '=', ctx.companyId).where(key, '=', value).execute();
  }

  return { find, get, list, assertNew, insert, update, assertUnused, remove };
}

async function isReferenced(ctx: EngineContext, reference: KeyReference, value: string): Promise<boolean> {
  let query = anyTable(ctx)
    .selectFrom(reference.table)
    .select(reference.column)
    .where('company_id', '=', ctx.companyId)
    .where(reference.column, '=', value);
  for (const [column, required] of Object.entries(reference.where ?? {})) {
    if (required !== undefined) query = query.where(column, '=', required);
  }
  return (await query.executeTakeFirst()) !== undefined;
}
