import { defineModule } from '../engine/registry-types.ts';
import {
  BATCH_APPROVAL_CANCELED,
  BATCH_APPROVAL_REQUESTED,
  BATCH_BALANCED,
  BATCH_NOT_BALANCED,
  BATCH_TABLE,
  LINE_APPROVAL_CANCELED,
  LINE_APPROVAL_REQUESTED,
  LINE_CREATED,
  LINE_TABLE,
  POSTED_PURCHASE_TABLE,
} from './codes.ts';
import { BATCH_RECORD_TABLE, LINE_RECORD_TABLE } from './record-tables.ts';
import { journalResponses } from './responses.ts';

/** Events after which an approval request of a batch or line is created, sent and decided. */
const REQUEST_EVENTS = [BATCH_APPROVAL_REQUESTED, BATCH_BALANCED, LINE_APPROVAL_REQUESTED];
const CANCEL_EVENTS = [BATCH_APPROVAL_CANCELED, LINE_APPROVAL_CANCELED];

/** General journals: templates, batches, lines, balance check, posting, payment lines. */
export const journalsModule = defineModule({
  name: 'journals',
  tables: [BATCH_RECORD_TABLE, LINE_RECORD_TABLE],
  events: [
    {
      code: BATCH_APPROVAL_REQUESTED,
      table: BATCH_TABLE,
      description: 'Approval of a general journal batch is requested.',
    },
    {
      code: BATCH_APPROVAL_CANCELED,
      table: BATCH_TABLE,
      description: 'The approval request for a general journal batch is canceled.',
      // Under the balanced branch of the batch template as well as directly under the request.
      predecessors: [BATCH_APPROVAL_REQUESTED, BATCH_BALANCED],
    },
    {
      code: BATCH_BALANCED,
      table: BATCH_TABLE,
      description: 'A general journal batch balances.',
      predecessors: [BATCH_APPROVAL_REQUESTED],
    },
    {
      code: BATCH_NOT_BALANCED,
      table: BATCH_TABLE,
      description: 'A general journal batch does not balance.',
      predecessors: [BATCH_APPROVAL_REQUESTED],
    },
    {
      code: LINE_APPROVAL_REQUESTED,
      table: LINE_TABLE,
      description: 'Approval of a general journal line is requested.',
    },
    {
      code: LINE_APPROVAL_CANCELED,
      table: LINE_TABLE,
      description: 'The approval request for a general journal line is canceled.',
      predecessors: [LINE_APPROVAL_REQUESTED],
    },
    { code: LINE_CREATED, table: LINE_TABLE, description: 'A general journal line is created.' },
  ],
  responses: journalResponses,
  combinations: [
    { code: 'approval-entry.approved', after: REQUEST_EVENTS },
    { code: 'approval-entry.rejected', after: REQUEST_EVENTS },
    { code: 'approval-entry.delegated', after: REQUEST_EVENTS },
    { code: 'approval.create-requests', after: REQUEST_EVENTS },
    { code: 'approval.send-requests', after: REQUEST_EVENTS },
    { code: 'approval.cancel-all', after: CANCEL_EVENTS },
  ],
  tableRelations: [
    // Batches and lines relate to their approval entries by table and key, like every approvable record.
    ...[BATCH_TABLE, LINE_TABLE].map((table) => ({
      from: table,
      to: 'approval-entry',
      fields: [
        ['$table', 'tableName'],
        ['$key', 'recordKey'],
      ] as const,
    })),
    // The purchase invoice workflow goes on with the payment line made for the posted invoice.
    { from: POSTED_PURCHASE_TABLE, to: LINE_TABLE, fields: [['no', 'appliesToDocNo']] as const },
  ],
});
