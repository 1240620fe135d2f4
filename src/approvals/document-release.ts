import type { EngineContext } from '../engine/context.ts';
import { canHandleEvent, handleEvent } from '../engine/execution/handle-event.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import type { ResponseContext } from '../engine/registry-types.ts';
import {
  type DocumentArea,
  documentRecord,
  findDocument,
  getDocument,
  headerToRecord,
  releaseDocument,
  reopenDocument,
} from '../records/index.ts';
import { conflict } from '../shared/errors.ts';
import { publishWebhookEvent } from '../webhooks/publish.ts';
import { DOCUMENT_RELEASED, requestedEvent } from './event-codes.ts';

function refOf(record: WorkflowRecord) {
  const area: DocumentArea = record.table === 'purchase-header' ? 'purchase' : 'sales';
  return { area, documentType: String(record.data.documentType), no: String(record.data.no) };
}

/** The release response: releases, then tells workflows that wait for a released document. */
export async function releaseByWorkflow(ctx: ResponseContext, record: WorkflowRecord): Promise<WorkflowRecord> {
  const ref = refOf(record);
  await releaseDocument(ctx, ref);
  const released = await documentRecord(ctx, ref);
  await publishWebhookEvent(ctx, 'document-released', {
    table: released.table,
    key: released.key,
    document: released.data,
  });
  await ctx.raiseEvent(DOCUMENT_RELEASED[record.table as 'purchase-header' | 'sales-header'], released);
  return released;
}

/**
 * D7: an enabled approval workflow would take this document's approval request now, so only
 * that workflow may release it (and an unreleased one may not be posted or made an order).
 */
export async function coveredByApprovalWorkflow(ctx: EngineContext, document: WorkflowRecord): Promise<boolean> {
  return canHandleEvent(ctx, requestedEvent(document.table as 'purchase-header' | 'sales-header'), document);
}

export interface DocumentActionResult {
  readonly document: WorkflowRecord;
  readonly messages: readonly string[];
}

/**
 * Releasing a document by hand (D7): refused while an enabled approval workflow covers it — such
 * a document is released by its workflow — and while it is pending approval.
 */
export async function releaseDocumentByUser(
  ctx: EngineContext,
  ref: { area: DocumentArea; documentType: string; no: string },
): Promise<DocumentActionResult> {
  const document = await getDocument(ctx, ref.area, ref.documentType, ref.no);
  if (document.status === 'Released') return { document: await documentRecord(ctx, ref), messages: [] };
  if (document.status === 'Pending Approval') {
    throw conflict(
      'document-pending-approval',
      `${document.no} is waiting for approval; it is released when the approval is complete.`,
    );
  }
  const record = await documentRecord(ctx, ref);
  const table = ref.area === 'purchase' ? 'purchase-header' : 'sales-header';
  if (await coveredByApprovalWorkflow(ctx, record)) {
    throw conflict(
      'document-release-needs-approval',
      `${document.no} is covered by an enabled approval workflow; send it for approval instead of releasing it.`,
    );
  }
  await releaseDocument(ctx, ref);
  const released = await documentRecord(ctx, ref);
  await publishWebhookEvent(ctx, 'document-released', {
    table: released.table,
    key: released.key,
    document: released.data,
  });
  const outcome = await handleEvent(ctx, DOCUMENT_RELEASED[table], released);
  // A workflow may have posted the released document at once, and a posted document is gone.
  const after = await findDocument(ctx, ref);
  return { document: after ? headerToRecord(after) : released, messages: outcome.messages };
}

/** Reopening by hand (D7): refused while the document is pending approval. */
export async function reopenDocumentByUser(
  ctx: EngineContext,
  ref: { area: DocumentArea; documentType: string; no: string },
): Promise<WorkflowRecord> {
  const document = await getDocument(ctx, ref.area, ref.documentType, ref.no);
  if (document.status === 'Pending Approval') {
    throw conflict(
      'document-pending-approval',
      `${document.no} is waiting for approval; cancel the approval request before reopening it.`,
    );
  }
  await reopenDocument(ctx, ref);
  return documentRecord(ctx, ref);
}
