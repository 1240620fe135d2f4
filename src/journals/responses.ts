import { z } from 'zod';
import type { WorkflowRecord } from '../engine/record.ts';
import { defineResponse } from '../engine/registry-types.ts';
import { POSTED_EVENTS } from '../posting/event-codes.ts';
import { invalid } from '../shared/errors.ts';
import { checkBatchBalance } from './balance.ts';
import { journalBatchRecord } from './batch-record.ts';
import {
  BATCH_APPROVAL_REQUESTED,
  BATCH_BALANCED,
  BATCH_NOT_BALANCED,
  BATCH_TABLE,
  CHECK_BALANCE,
  CREATE_PAYMENT_LINE,
  CREATE_PAYMENT_LINE_IN_BACKGROUND,
  LINE_CREATED,
  POSTED_PURCHASE_TABLE,
  requireBatchKey,
} from './codes.ts';
import { journalLineToRecord } from './lines.ts';
import { createPaymentLine, enqueuePaymentLine, postedPurchaseRef } from './payment-lines.ts';

const paymentLineOptions = z.object({
  templateName: z.string().max(10).optional(),
  batchName: z.string().max(10).optional(),
});

type PaymentLineOptions = z.infer<typeof paymentLineOptions>;

const missingTarget = (o: PaymentLineOptions) => [
  ...(o.templateName?.trim() ? [] : ['templateName']),
  ...(o.batchName?.trim() ? [] : ['batchName']),
];

/** Options are not parsed again at run time (they were checked when the workflow was enabled). */
function target(options: PaymentLineOptions) {
  const [missing] = missingTarget(options);
  if (missing) {
    throw invalid('response-options-missing', `The payment line response needs the option ${missing}.`, {
      field: missing,
    });
  }
  return { templateName: options.templateName ?? '', batchName: options.batchName ?? '' };
}

function postedInvoice(record: WorkflowRecord) {
  if (record.table !== POSTED_PURCHASE_TABLE) {
    throw invalid(
      'response-record-unsupported',
      `A payment line is made for a posted purchase invoice, not a ${record.table} record.`,
      {
        table: record.table,
      },
    );
  }
  return postedPurchaseRef(record);
}

export const journalResponses = [
  defineResponse({
    code: CHECK_BALANCE,
    description: 'Check whether the general journal batch balances.',
    table: BATCH_TABLE,
    predecessors: [BATCH_APPROVAL_REQUESTED],
    execute: async (ctx, { record }) => {
      if (record.table !== BATCH_TABLE) {
        throw invalid(
          'response-record-unsupported',
          `The balance check works on a journal batch, not a ${record.table} record.`,
          {
            table: record.table,
          },
        );
      }
      const { templateName, name } = requireBatchKey(record.key);
      const balance = await checkBatchBalance(ctx, templateName, name);
      const current = await journalBatchRecord(ctx, templateName, name);
      await ctx.raiseEventOnInstance(balance.balanced ? BATCH_BALANCED : BATCH_NOT_BALANCED, current, ctx.instance.id);
      return undefined;
    },
  }),
  defineResponse({
    code: CREATE_PAYMENT_LINE,
    description: 'Create a payment journal line in template {templateName}, batch {batchName}.',
    table: POSTED_PURCHASE_TABLE,
    options: paymentLineOptions,
    missingOptions: missingTarget,
    predecessors: [POSTED_EVENTS.purchase],
    execute: async (ctx, { record, options }) => {
      const result = await createPaymentLine(ctx, target(options), postedInvoice(record));
      if (result.created) await ctx.raiseEvent(LINE_CREATED, journalLineToRecord(result.line));
      return undefined;
    },
  }),
  defineResponse({
    code: CREATE_PAYMENT_LINE_IN_BACKGROUND,
    description: 'Create a payment journal line in template {templateName}, batch {batchName}, in the background.',
    table: POSTED_PURCHASE_TABLE,
    options: paymentLineOptions,
    missingOptions: missingTarget,
    predecessors: [POSTED_EVENTS.purchase],
    execute: async (ctx, { record, options }) => {
      await enqueuePaymentLine(ctx, target(options), postedInvoice(record));
      return undefined;
    },
  }),
];
