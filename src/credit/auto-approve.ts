import { companySettings } from '../approvals/company-settings.ts';
import { entriesOfRequest, insertEntry } from '../approvals/entry-store.ts';
import { approvalSubject } from '../approvals/subject.ts';
import type { ApprovalEntry } from '../approvals/types.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import type { ResponseContext } from '../engine/registry-types.ts';

/**
 * One approval entry for the user who sent the request, created Approved (reference
 * CREATEANDAPPROVEAPPROVALREQUESTAUTOMATICALLY): the workflow decided no person needs to look,
 * and the entry keeps the approval history complete. Its creation is written to the entry's
 * history like any other entry's.
 */
export async function createApprovedRequest(ctx: ResponseContext, record: WorkflowRecord): Promise<ApprovalEntry> {
  const subject = await approvalSubject(ctx, record);
  const existing = await entriesOfRequest(ctx, subject.table, subject.key, ctx.instance.id);
  const sequence = existing.reduce((max, e) => Math.max(max, e.sequence), 0) + 1;
  const { today } = await companySettings(ctx);
  const now = ctx.now.toISOString();
  return insertEntry(
    ctx,
    {
      table_name: subject.table,
      record_key: subject.key,
      document_type: subject.documentType,
      document_no: subject.documentNo,
      sequence,
      approval_code: ctx.instance.workflowCode,
      sender_id: ctx.userId,
      salesperson_code: subject.salespersonCode,
      approver_id: ctx.userId,
      status: 'Approved',
      sent_at: now,
      due_date: today,
      amount: subject.amount,
      amount_lcy: subject.amountLcy,
      currency_code: subject.currencyCode,
      approval_type: 'approver',
      limit_type: 'no-limits',
      available_credit_lcy: subject.availableCreditLcy ?? null,
      delegation_formula: '',
      group_code: '',
      instance_id: ctx.instance.id,
      closed_by_peer: 0,
    },
    `approved automatically by workflow ${ctx.instance.workflowCode}; no approver had to decide`,
  );
}
