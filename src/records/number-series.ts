import type { EngineContext } from '../engine/context.ts';
import { invalid } from '../shared/errors.ts';
import { type CodeRule, normalizeCode } from './codes.ts';
import type { DocumentArea, DocumentType } from './document-types.ts';
import { keyedRows } from './keyed-rows.ts';

/**
 * Number series hand out document numbers: prefix + zero-padded counter (`PO-0001`). A series
 * is created on first use with the defaults below; `nextNumber` increments the counter with one
 * UPDATE … RETURNING, so concurrent transactions never receive the same number.
 */
export interface NumberSeries {
  readonly code: string;
  readonly prefix: string;
  readonly lastNumber: number;
  readonly width: number;
}

export const DEFAULT_SERIES_WIDTH = 4;

const TYPE_PREFIXES: Readonly<Record<DocumentType, string>> = {
  quote: 'Q',
  order: 'O',
  invoice: 'I',
  'credit-memo': 'CM',
  'blanket-order': 'BO',
  'return-order': 'RO',
};

/** The series code of a document type: `PURCHASE-ORDER`, `SALES-CREDIT-MEMO`, … */
export function documentSeriesCode(area: DocumentArea, documentType: DocumentType): string {
  return `${area}-${documentType}`.toUpperCase();
}

/**
 * Default prefixes: PQ-, PO-, PI-, PCM-, PBO-, PRO- for purchases; SQ-, SO-, … for sales; posted
 * invoices and credit memos PPI-, PPCM-, SPI-, SPCM-.
 */
export const DEFAULT_SERIES_PREFIXES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    (['purchase', 'sales'] as const).flatMap((area) =>
      (Object.entries(TYPE_PREFIXES) as [DocumentType, string][]).map(([type, letters]) => [
        documentSeriesCode(area, type),
        `${area === 'purchase' ? 'P' : 'S'}${letters}-`,
      ]),
    ),
  ),
  'PURCHASE-POSTED-INVOICE': 'PPI-',
  'PURCHASE-POSTED-CREDIT-MEMO': 'PPCM-',
  'SALES-POSTED-INVOICE': 'SPI-',
  'SALES-POSTED-CREDIT-MEMO': 'SPCM-',
};

const CODE_RULE: CodeRule = {
  code: 'number-series-code-invalid',
  field: 'code',
  label: 'Number series code',
  maxLength: 30,
};
const PREFIX = /^[A-Z0-9._/-]{0,20}$/;

/** Any other series starts as its own code followed by "-". */
function defaultPrefix(code: string): string {
  return DEFAULT_SERIES_PREFIXES[code] ?? `${code}-`;
}

export function formatNumber(prefix: string, number: number, width: number): string {
  return `${prefix}${String(number).padStart(width, '0')}`;
}

async function increment(ctx: EngineContext, code: string) {
  return ctx.tx
    .updateTable('number_series')
    .set((eb) => ({ last_number: eb('last_number', '+', 1) }))
    .where('company_id', '=', ctx.companyId)
    .where('code', '=', code)
    .returning(['prefix', 'last_number', 'width'])
    .executeTakeFirst();
}

/** The next number of the series, created with its defaults on first use. */
export async function nextNumber(ctx: EngineContext, seriesCode: string): Promise<string> {
  const code = normalizeCode(seriesCode, CODE_RULE);
  let row = await increment(ctx, code);
  if (!row) {
    // Two first uses at once: one insert wins, the other does nothing and both increment.
    await ctx.tx
      .insertInto('number_series')
      .values({
        company_id: ctx.companyId,
        code,
        prefix: defaultPrefix(code),
        last_number: 0,
        width: DEFAULT_SERIES_WIDTH,
      })
      .onConflict((oc) => oc.columns(['company_id', 'code']).doNothing())
      .execute();
    row = await increment(ctx, code);
  }
  if (!row) throw new Error(`number series ${code} could not be created`);
  return formatNumber(row.prefix, Number(row.last_number), Number(row.width));
}

const series = keyedRows({
  table: 'number_series',
  key: 'code',
  label: 'Number series',
  errorPrefix: 'number-series',
  fromRow: (row): NumberSeries => ({
    code: row.code,
    prefix: row.prefix,
    lastNumber: Number(row.last_number),
    width: Number(row.width),
  }),
});

export async function findNumberSeries(ctx: EngineContext, code: string): Promise<NumberSeries | undefined> {
  return series.find(ctx, code);
}

export async function listNumberSeries(ctx: EngineContext): Promise<NumberSeries[]> {
  return series.list(ctx);
}

/** Creates or changes a series; the counter keeps its value unless `lastNumber` is given. */
export async function setNumberSeries(
  ctx: EngineContext,
  input: { readonly code: string; readonly prefix?: string; readonly width?: number; readonly lastNumber?: number },
): Promise<NumberSeries> {
  const code = normalizeCode(input.code, CODE_RULE);
  const existing = await findNumberSeries(ctx, code);
  const prefix = (input.prefix ?? existing?.prefix ?? defaultPrefix(code)).trim().toUpperCase();
  if (!PREFIX.test(prefix)) {
    throw invalid(
      'number-series-prefix-invalid',
      `Prefix "${input.prefix}" must be at most 20 letters, digits or ".", "_", "-", "/".`,
      {
        field: 'prefix',
      },
    );
  }
  const width = input.width ?? existing?.width ?? DEFAULT_SERIES_WIDTH;
  if (!Number.isInteger(width) || width < 1 || width > 10) {
    throw invalid('number-series-width-invalid', `Width must be a whole number from 1 to 10; got ${width}.`, {
      field: 'width',
    });
  }
  const lastNumber = input.lastNumber ?? existing?.lastNumber ?? 0;
  if (!Number.isSafeInteger(lastNumber) || lastNumber < 0) {
    throw invalid('number-series-last-number-invalid', `Last number must be a whole number of 0 or more.`, {
      field: 'lastNumber',
    });
  }
  // Without a new counter the stored one is left alone, so numbers taken meanwhile stay taken.
  const changes = input.lastNumber === undefined ? { prefix, width } : { prefix, width, last_number: lastNumber };
  await ctx.tx
    .insertInto('number_series')
    .values({ company_id: ctx.companyId, code, prefix, width, last_number: lastNumber })
    .onConflict((oc) => oc.columns(['company_id', 'code']).doUpdateSet(changes))
    .execute();
  const saved = await findNumberSeries(ctx, code);
  if (!saved) throw new Error(`number series ${code} was not saved`);
  return saved;
}
