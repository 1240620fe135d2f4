import type { EngineContext } from '../engine/context.ts';
import type { RecordData } from '../engine/field-types.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import { checkBatchBalance } from './balance.ts';
import { BATCH_TABLE, batchKey } from './codes.ts';
import { getJournalBatch, type JournalBatch } from './setup.ts';

/** The fields of the `gen-journal-batch` record table, with its line count and balance computed. */
export async function journalBatchData(ctx: EngineContext, batch: JournalBatch): Promise<RecordData> {
  const balance = await checkBatchBalance(ctx, batch.templateName, batch.name);
  return {
    templateName: batch.templateName,
    name: batch.name,
    description: batch.description,
    templateType: batch.templateType,
    balAccountType: batch.balAccountType,
    balAccountNo: batch.balAccountNo,
    lineCount: balance.lineCount,
    balanced: balance.balanced,
    difference: balance.difference,
  };
}

export async function journalBatchToRecord(ctx: EngineContext, batch: JournalBatch): Promise<WorkflowRecord> {
  return {
    table: BATCH_TABLE,
    key: batchKey(batch.templateName, batch.name),
    data: await journalBatchData(ctx, batch),
  };
}

export async function journalBatchRecord(
  ctx: EngineContext,
  templateName: string,
  name: string,
): Promise<WorkflowRecord> {
  return journalBatchToRecord(ctx, await getJournalBatch(ctx, templateName, name));
}
