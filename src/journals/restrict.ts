import type { EngineContext } from '../engine/context.ts';
import { coveringWorkflow } from '../engine/execution/covering-workflow.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import { addRestriction, type Restriction } from '../records/restrictions.ts';
import { journalBatchRecord } from './batch-record.ts';
import { BATCH_APPROVAL_REQUESTED, LINE_APPROVAL_REQUESTED, LINE_TABLE } from './codes.ts';
import type { JournalLine } from './lines.ts';

/**
 * Automatic restriction (reference §8.1): while an enabled approval workflow would take a
 * request for the line, or for its batch, a new or changed line is restricted, so it cannot be
 * posted before the approval. Lines a workflow created (payment lines) are exempt.
 */
export async function restrictIfApprovalRequired(
  ctx: EngineContext,
  line: JournalLine,
  record: WorkflowRecord,
): Promise<Restriction | undefined> {
  if (line.systemCreated) return undefined;
  const key = record.key;
  const byLine = await coveringWorkflow(ctx, LINE_APPROVAL_REQUESTED, record);
  if (byLine) {
    return addRestriction(ctx, LINE_TABLE, key, {
      workflowCode: byLine,
      details: `Line ${line.lineNo} needs approval before it can be posted (workflow ${byLine}).`,
    });
  }
  const byBatch = await coveringWorkflow(
    ctx,
    BATCH_APPROVAL_REQUESTED,
    await journalBatchRecord(ctx, line.templateName, line.batchName),
  );
  if (byBatch) {
    return addRestriction(ctx, LINE_TABLE, key, {
      workflowCode: byBatch,
      details: `Journal batch ${line.batchName} needs approval before its lines can be posted (workflow ${byBatch}).`,
    });
  }
  return undefined;
}
