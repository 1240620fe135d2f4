import { entriesOfRequest } from '../approvals/entry-store.ts';
import { cancelApprovalRequest, type RequestResult, sendApprovalRequest } from '../approvals/user-actions.ts';
import type { EngineContext } from '../engine/context.ts';
import { conflict } from '../shared/errors.ts';
import { BATCH_TABLE, batchKey, LINE_TABLE, lineKey } from './codes.ts';
import { getJournalLine, journalLineKey, listJournalLines } from './lines.ts';
import { getJournalBatch } from './setup.ts';

/**
 * Sends a journal batch for approval (the batch workflow checks its balance first). A batch
 * without lines has nothing to approve (`journal-batch-empty`).
 */
export async function sendJournalBatchForApproval(
  ctx: EngineContext,
  templateName: string,
  name: string,
): Promise<RequestResult> {
  const batch = await getJournalBatch(ctx, templateName, name);
  const lines = await listJournalLines(ctx, batch.templateName, batch.name);
  if (lines.length === 0) {
    throw conflict('journal-batch-empty', `Journal batch ${batch.name} has no lines, so there is nothing to approve.`);
  }
  // A line waiting for its own approval is decided first (reference: one request at a time).
  for (const line of lines) {
    const waiting = (await entriesOfRequest(ctx, LINE_TABLE, journalLineKey(line))).some(
      (e) => e.status === 'Created' || e.status === 'Open',
    );
    if (waiting) {
      throw conflict(
        'approval-request-exists',
        `Line ${line.lineNo} of journal batch ${batch.name} is still waiting for approval; cancel that request or wait for it before sending the batch.`,
      );
    }
  }
  return sendApprovalRequest(ctx, BATCH_TABLE, batchKey(batch.templateName, batch.name));
}

export async function cancelJournalBatchApproval(
  ctx: EngineContext,
  templateName: string,
  name: string,
): Promise<RequestResult> {
  const batch = await getJournalBatch(ctx, templateName, name);
  return cancelApprovalRequest(ctx, BATCH_TABLE, batchKey(batch.templateName, batch.name));
}

export async function sendJournalLineForApproval(
  ctx: EngineContext,
  templateName: string,
  batchName: string,
  lineNo: number,
): Promise<RequestResult> {
  const line = await getJournalLine(ctx, templateName, batchName, lineNo);
  return sendApprovalRequest(ctx, LINE_TABLE, lineKey(line.templateName, line.batchName, line.lineNo));
}

export async function cancelJournalLineApproval(
  ctx: EngineContext,
  templateName: string,
  batchName: string,
  lineNo: number,
): Promise<RequestResult> {
  const line = await getJournalLine(ctx, templateName, batchName, lineNo);
  return cancelApprovalRequest(ctx, LINE_TABLE, lineKey(line.templateName, line.batchName, line.lineNo));
}
