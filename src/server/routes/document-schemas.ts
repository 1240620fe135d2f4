import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { EngineContext } from '../../engine/context.ts';
import { requireHeaderRow } from '../../records/document-rows.ts';
import {
  DOCUMENT_AREAS,
  DOCUMENT_STATUSES,
  DOCUMENT_TYPES,
  type DocumentArea,
  type DocumentHeader,
  type DocumentLine,
  type DocumentRef,
  describeDocument,
  documentRef,
  getDocument,
  headerData,
  headerFields,
  LINE_FIELDS,
  LINE_TYPES,
  listLines,
} from '../../records/index.ts';
import { assertRevision } from '../../records/revisions.ts';
import { isWerkstroomError, WerkstroomError } from '../../shared/errors.ts';
import type { ListSpec } from '../list-query.ts';
import { companyParams } from '../schemas.ts';
import { type Access, type CompanyScope, inCompany } from '../scope.ts';
import type { ServerOptions } from '../types.ts';

/** Schemas and small helpers shared by the document and document line routes. */

export const DOCUMENT_PATHS = { purchase: 'purchase-documents', sales: 'sales-documents' } as const satisfies Record<
  DocumentArea,
  string
>;

export const documentBase = (area: DocumentArea) => `/api/v1/companies/:company/${DOCUMENT_PATHS[area]}`;

export const documentParams = companyParams.extend({
  type: z.enum(DOCUMENT_TYPES).describe('Document type'),
  no: z.string().min(1).max(20).describe('Document no., e.g. PO-0001'),
});

export const lineParams = documentParams.extend({
  lineNo: z.coerce.number().int().positive().describe('Line no., e.g. 10000'),
});

const decimal = z.string();

export const lineSchema = z.object({
  area: z.enum(DOCUMENT_AREAS),
  documentType: z.enum(DOCUMENT_TYPES),
  documentNo: z.string(),
  lineNo: z.number().int(),
  type: z.enum(LINE_TYPES),
  no: z.string(),
  description: z.string(),
  quantity: decimal,
  unitPrice: decimal,
  lineAmount: decimal.describe('Quantity × unit price, rounded to the currency'),
});

export const headerSchema = z.object({
  area: z.enum(DOCUMENT_AREAS),
  documentType: z.enum(DOCUMENT_TYPES),
  no: z.string(),
  partyNo: z.string().describe('The vendor (purchase) or customer (sales)'),
  partyName: z.string(),
  salespersonCode: z.string().describe('Purchaser (purchase) or salesperson (sales) code'),
  currencyCode: z.string().describe('Blank means the local currency'),
  exchangeRate: decimal.describe('LCY per unit of the currency, frozen on the document date'),
  invoiceDiscount: decimal,
  documentDate: z.string(),
  status: z.enum(DOCUMENT_STATUSES),
  createdBy: z.string(),
  revision: z.number().int().describe('Revision; the ETag of the document'),
  lineCount: z.number().int(),
  lineTotal: decimal,
  amount: decimal.describe('Line total less invoice discount'),
  amountLcy: decimal,
});

export const documentSchema = headerSchema.extend({ lines: z.array(lineSchema) });
export type DocumentView = z.infer<typeof documentSchema>;

export const lineInputSchema = z.strictObject({
  type: z.enum(LINE_TYPES).describe('item or gl-account'),
  no: z.string().describe('Item no. or G/L account no.'),
  quantity: decimal.describe('Exact decimal text, greater than 0'),
  unitPrice: decimal.optional().describe("Exact decimal text; default the item's unit price"),
  description: z.string().optional().describe("Default the item's description"),
});

/**
 * A document list filters and sorts on the fields of the registered header table — the names
 * workflow conditions use, aliases such as `buyFromVendorNo` included — and on a few the API
 * adds (`createdBy`, `revision`, `lineTotal`).
 */
export function documentListSpec(area: DocumentArea): ListSpec<DocumentHeader> {
  return {
    table: `${area} document`,
    fields: [
      ...headerFields(area),
      { name: 'createdBy', type: 'code', caption: 'Created by' },
      { name: 'revision', type: 'integer', caption: 'Revision' },
      { name: 'lineTotal', type: 'decimal', caption: 'Line total' },
    ],
    data: (header) => ({
      ...headerData(header),
      createdBy: header.createdBy,
      revision: header.revision,
      lineTotal: header.lineTotal,
    }),
  };
}

/** Lines filter and sort on the fields of the registered line table. */
export function lineListSpec(area: DocumentArea): ListSpec<DocumentLine> {
  return { table: `${area} document line`, fields: LINE_FIELDS };
}

/** The document named by the URL, checked and normalised (`po-0001` → `PO-0001`). */
export function refOf(area: DocumentArea, params: { type: string; no: string }): DocumentRef {
  return documentRef(area, params.type, params.no);
}

/** Header and lines, as the document routes answer. */
export async function documentView(ctx: EngineContext, ref: DocumentRef): Promise<DocumentView> {
  const header = await getDocument(ctx, ref);
  return { ...header, lines: (await listLines(ctx, ref)).map((line) => ({ ...line })) };
}

/**
 * Checks `If-Match` for changes the record layer takes no revision for (lines, release,
 * reopen): the header is locked first (a row lock on PostgreSQL), so the check and the change
 * see the same revision.
 */
export async function assertDocumentRevision(
  ctx: EngineContext,
  ref: DocumentRef,
  expected: number | undefined,
): Promise<void> {
  if (expected === undefined) return;
  const row = await requireHeaderRow(ctx, ref, true);
  assertRevision('document-revision-stale', describeDocument(ref), Number(row.revision), expected);
}

/**
 * `inCompany` for document routes. Document errors carry the document's status as a detail
 * (`document-not-open`, `document-pending-approval`); problem+json spreads details over its own
 * members, where `status` is the HTTP status, so the detail is passed on as `documentStatus`.
 */
export async function inDocumentCompany<T>(
  options: ServerOptions,
  request: FastifyRequest,
  company: string,
  access: Access,
  command: (ctx: EngineContext, scope: CompanyScope) => Promise<T>,
): Promise<T> {
  try {
    return await inCompany(options, request, company, access, command);
  } catch (error) {
    if (isWerkstroomError(error) && Object.hasOwn(error.details, 'status')) {
      const { status, ...details } = error.details;
      throw new WerkstroomError(error.code, error.message, { ...details, documentStatus: status }, error.kind);
    }
    throw error;
  }
}
