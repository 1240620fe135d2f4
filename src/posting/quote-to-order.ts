import { coveredByApprovalWorkflow } from '../approvals/document-release.ts';
import type { EngineContext } from '../engine/context.ts';
import {
  type DocumentHeader,
  headerOfRow,
  headerToRecord,
  lineRows,
  requireHeaderRow,
} from '../records/document-rows.ts';
import {
  type DocumentArea,
  type DocumentRef,
  describeDocument,
  documentKey,
  documentRef,
  HEADER_TABLES,
} from '../records/document-types.ts';
import { getDocument, removeDocumentRows } from '../records/documents.ts';
import { documentSeriesCode, nextNumber } from '../records/number-series.ts';
import { rekeyApprovalData } from '../records/record-links.ts';
import { assertNotRestricted } from '../records/restrictions.ts';
import { conflict } from '../shared/errors.ts';

export interface QuoteConversion {
  /** The new Open order. */
  readonly order: DocumentHeader;
  /** How many approval entries and comments moved from the quote to the order. */
  readonly approvalEntries: number;
  readonly comments: number;
}

/**
 * Makes an order of a quote (reference §5.10): a new Open order numbered from the order series,
 * with the quote's header values and lines; the quote's approval entries (now for document type
 * order and the new number) and comments move to the order, and the quote is deleted.
 * Refused while the quote is pending approval, restricted, or waiting for an approval an
 * enabled workflow asks for (D7).
 */
export async function convertQuoteToOrder(
  ctx: EngineContext,
  area: DocumentArea | (string & {}),
  quoteNo: string,
): Promise<QuoteConversion> {
  const quote = documentRef(area, 'quote', quoteNo);
  const row = await requireHeaderRow(ctx, quote, true);
  const table = HEADER_TABLES[quote.area];
  if (row.status === 'Pending Approval') {
    throw conflict(
      'document-pending-approval',
      `${describeDocument(quote)} is waiting for approval; make an order of it once the approval is complete.`,
      { status: row.status },
    );
  }
  await assertNotRestricted(ctx, table, documentKey(quote), 'make an order');
  if (row.status !== 'Released') {
    const record = headerToRecord(await headerOfRow(ctx, row));
    if (await coveredByApprovalWorkflow(ctx, record)) {
      throw conflict(
        'document-not-approved',
        `${describeDocument(quote)} is covered by an enabled approval workflow; make an order of it after it is approved.`,
        { status: row.status },
      );
    }
  }
  const lines = await lineRows(ctx, quote);

  const order: DocumentRef = {
    area: quote.area,
    documentType: 'order',
    no: await nextNumber(ctx, documentSeriesCode(quote.area, 'order')),
  };
  await ctx.tx
    .insertInto('document_header')
    .values({
      company_id: ctx.companyId,
      area: order.area,
      document_type: order.documentType,
      no: order.no,
      party_no: row.party_no,
      party_name: row.party_name,
      salesperson_code: row.salesperson_code,
      currency_code: row.currency_code,
      exchange_rate: row.exchange_rate,
      invoice_discount: row.invoice_discount,
      document_date: row.document_date,
      status: 'Open',
      created_by: ctx.userId,
      revision: 1,
    })
    .execute();
  for (const { company_id: _c, area: _a, document_type: _t, document_no: _n, ...line } of lines) {
    await ctx.tx
      .insertInto('document_line')
      .values({
        ...line,
        company_id: ctx.companyId,
        area: order.area,
        document_type: order.documentType,
        document_no: order.no,
      })
      .execute();
  }
  const moved = await rekeyApprovalData(ctx, table, documentKey(quote), documentKey(order));
  await removeDocumentRows(ctx, quote);
  return {
    order: await getDocument(ctx, order),
    approvalEntries: moved.entries,
    comments: moved.comments,
  };
}
