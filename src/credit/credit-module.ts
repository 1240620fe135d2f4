import { targetRecord, unsupported } from '../approvals/entry-record.ts';
import {
  canceledEvent,
  ENTRY_APPROVED,
  ENTRY_DELEGATED,
  ENTRY_REJECTED,
  requestedEvent,
} from '../approvals/event-codes.ts';
import { defineModule, defineResponse } from '../engine/registry-types.ts';
import { describeRecord, getDocument, parseDocumentKey } from '../records/index.ts';
import { createApprovedRequest } from './auto-approve.ts';
import { customerCreditInfo } from './credit-info.ts';

export const CREDIT_LIMIT_EXCEEDED = 'sales-document.credit-limit-exceeded';
export const CREDIT_LIMIT_NOT_EXCEEDED = 'sales-document.credit-limit-not-exceeded';
export const CHECK_CREDIT_LIMIT = 'customer.check-credit-limit';
export const CREATE_AND_APPROVE = 'approval.create-and-approve';

const SALES_REQUESTED = requestedEvent('sales-header');

/** Customer credit limits: the check response, its events, automatic approval. */
export const creditModule = defineModule({
  name: 'credit',
  events: [
    {
      code: CREDIT_LIMIT_EXCEEDED,
      table: 'sales-header',
      description: 'A sales document takes its customer over the credit limit.',
      predecessors: [SALES_REQUESTED],
    },
    {
      code: CREDIT_LIMIT_NOT_EXCEEDED,
      table: 'sales-header',
      description: 'A sales document keeps its customer within the credit limit.',
      predecessors: [SALES_REQUESTED],
    },
  ],
  responses: [
    defineResponse({
      code: CHECK_CREDIT_LIMIT,
      description: "Check the sales document against the customer's credit limit.",
      table: 'sales-header',
      predecessors: [SALES_REQUESTED],
      execute: async (ctx, { record }) => {
        const document = await targetRecord(ctx, record);
        if (document.table !== 'sales-header') unsupported(CHECK_CREDIT_LIMIT, document);
        // The document's customer as stored now; the document is not posted, so it counts as outstanding.
        const header = await getDocument(ctx, { area: 'sales', ...parseDocumentKey(document.key) });
        const credit = await customerCreditInfo(ctx, header.partyNo);
        // The event waits until this chain is done, then continues this instance.
        await ctx.raiseEventOnInstance(
          credit.exceeded ? CREDIT_LIMIT_EXCEEDED : CREDIT_LIMIT_NOT_EXCEEDED,
          document,
          ctx.instance.id,
        );
        return undefined;
      },
    }),
    defineResponse({
      code: CREATE_AND_APPROVE,
      description: 'Create an approval request that is approved at once, without an approver.',
      predecessors: [CREDIT_LIMIT_NOT_EXCEEDED],
      execute: async (ctx, { record }) => {
        const target = await targetRecord(ctx, record);
        if (target.table !== 'sales-header' && target.table !== 'customer') unsupported(CREATE_AND_APPROVE, target);
        await createApprovedRequest(ctx, target);
        ctx.showMessage(`${describeRecord(ctx, target.table, target.key)} was approved automatically.`);
        return undefined;
      },
    }),
  ],
  // Shape C: the approval responses and events of the approvals module follow the credit events.
  combinations: [
    { code: 'record.restrict', after: [CREDIT_LIMIT_EXCEEDED] },
    { code: 'document.set-pending-approval', after: [CREDIT_LIMIT_EXCEEDED, CREDIT_LIMIT_NOT_EXCEEDED] },
    { code: 'approval.create-requests', after: [CREDIT_LIMIT_EXCEEDED, CREDIT_LIMIT_NOT_EXCEEDED] },
    { code: 'approval.send-requests', after: [CREDIT_LIMIT_EXCEEDED, CREDIT_LIMIT_NOT_EXCEEDED] },
    { code: 'document.release', after: [CREDIT_LIMIT_NOT_EXCEEDED] },
    { code: ENTRY_APPROVED, after: [CREDIT_LIMIT_EXCEEDED] },
    { code: ENTRY_REJECTED, after: [CREDIT_LIMIT_EXCEEDED] },
    { code: ENTRY_DELEGATED, after: [CREDIT_LIMIT_EXCEEDED] },
    { code: canceledEvent('sales-header'), after: [CREDIT_LIMIT_EXCEEDED] },
  ],
});
