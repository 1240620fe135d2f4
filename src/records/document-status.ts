import type { EngineContext } from '../engine/context.ts';
import { conflict } from '../shared/errors.ts';
import {
  type DocumentHeader,
  type HeaderRow,
  headerOfRow,
  headerToRecord,
  lineRows,
  requireHeaderRow,
} from './document-rows.ts';
import {
  type DocumentRefInput,
  type DocumentStatus,
  describeDocument,
  documentKey,
  HEADER_TABLES,
  normalizeDocumentRef,
  PARTY_TABLES,
  parseDocumentStatus,
} from './document-types.ts';
import { assertNotRestricted } from './restrictions.ts';
import type { RecordUpdate } from './revisions.ts';

/** A status change; `changed` is false when the document had the status already (nothing written). */
export interface StatusChange extends RecordUpdate<DocumentHeader> {
  readonly changed: boolean;
}

async function writeStatus(ctx: EngineContext, row: HeaderRow, status: DocumentStatus): Promise<StatusChange> {
  const before = await headerOfRow(ctx, row);
  if (row.status === status) {
    const record = headerToRecord(before);
    return { before, after: before, oldRecord: record, record, changed: false };
  }
  const revision = Number(row.revision) + 1;
  await ctx.tx
    .updateTable('document_header')
    .set({ status, revision })
    .where('company_id', '=', ctx.companyId)
    .where('area', '=', row.area)
    .where('document_type', '=', row.document_type)
    .where('no', '=', row.no)
    .execute();
  const after: DocumentHeader = { ...before, status, revision };
  return { before, after, oldRecord: headerToRecord(before), record: headerToRecord(after), changed: true };
}

/**
 * Sets the status without any check: the primitive workflow responses use (send for approval →
 * Pending Approval, approved → Released, rejected or cancelled → Open).
 */
export async function setDocumentStatus(
  ctx: EngineContext,
  ref: DocumentRefInput,
  status: string,
): Promise<StatusChange> {
  const target = normalizeDocumentRef(ref);
  const wanted = parseDocumentStatus(status);
  return writeStatus(ctx, await requireHeaderRow(ctx, target, true), wanted);
}

/**
 * The basic Release action: refused while the document or its vendor/customer is restricted
 * (`record-restricted`) and for a document without lines (`document-has-no-lines`); a Released
 * document stays as it is. The approval layer adds its own rules on top.
 */
export async function releaseDocument(ctx: EngineContext, ref: DocumentRefInput): Promise<StatusChange> {
  const target = normalizeDocumentRef(ref);
  const row = await requireHeaderRow(ctx, target, true);
  if (row.status === 'Released') return writeStatus(ctx, row, 'Released');
  await assertNotRestricted(ctx, HEADER_TABLES[target.area], documentKey(target), 'release');
  await assertNotRestricted(ctx, PARTY_TABLES[target.area], row.party_no, 'release');
  if ((await lineRows(ctx, target)).length === 0) {
    throw conflict(
      'document-has-no-lines',
      `There is nothing to release for ${describeDocument(target)}: it has no lines.`,
      {
        field: 'lines',
      },
    );
  }
  return writeStatus(ctx, row, 'Released');
}

/**
 * The basic Reopen action: Released → Open; an Open document stays as it is; a document
 * Pending Approval is refused (`document-pending-approval`): cancel or complete the approval first.
 */
export async function reopenDocument(ctx: EngineContext, ref: DocumentRefInput): Promise<StatusChange> {
  const target = normalizeDocumentRef(ref);
  const row = await requireHeaderRow(ctx, target, true);
  if (row.status === 'Pending Approval') {
    throw conflict(
      'document-pending-approval',
      `${describeDocument(target)} is Pending Approval; the approval process must be canceled or completed before it can be reopened.`,
      { status: row.status },
    );
  }
  return writeStatus(ctx, row, 'Open');
}
