import type { ApprovalEntry } from '../approvals/types.ts';

/** An approval entry as webhook receivers see it: stable names, no internal revision counters. */
export function entryWebhookPayload(entry: ApprovalEntry) {
  return {
    entryId: entry.id,
    table: entry.table,
    recordKey: entry.recordKey,
    documentType: entry.documentType,
    documentNo: entry.documentNo,
    sequence: entry.sequence,
    workflowCode: entry.approvalCode,
    instanceId: entry.instanceId,
    senderId: entry.senderId,
    approverId: entry.approverId,
    status: entry.status,
    dueDate: entry.dueDate,
    amount: entry.amount,
    amountLcy: entry.amountLcy,
    currencyCode: entry.currencyCode,
  };
}
