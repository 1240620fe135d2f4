import type { EventDefinition } from '../engine/registry-types.ts';
import { defineModule } from '../engine/registry-types.ts';
import { publishWebhookEvent } from '../webhooks/publish.ts';
import { APPROVAL_ENTRY_TABLE, loadEntryData } from './entry-record.ts';
import {
  APPROVAL_RECORD_TYPES,
  APPROVAL_TABLES,
  canceledEvent,
  DOCUMENT_RELEASED,
  ENTRY_APPROVED,
  ENTRY_DELEGATED,
  ENTRY_REJECTED,
  REQUESTED_EVENTS,
  requestedEvent,
} from './event-codes.ts';
import { overdueEvents, overdueResponses } from './overdue-responses.ts';
import { approvalResponses } from './responses.ts';
import { APPROVAL_STATUSES } from './types.ts';

const recordEvents: EventDefinition[] = APPROVAL_TABLES.flatMap((table) => {
  const { caption } = APPROVAL_RECORD_TYPES[table];
  return [
    { code: requestedEvent(table), table, description: `Approval of a ${caption} is requested.` },
    {
      code: canceledEvent(table),
      table,
      description: `The approval request for a ${caption} is canceled.`,
      predecessors: [requestedEvent(table)],
    },
  ];
});

/** Approval entries, the approval events and responses, registered like any extension. */
export const approvalsModule = defineModule({
  name: 'approvals',
  tables: [
    {
      name: APPROVAL_ENTRY_TABLE,
      caption: 'Approval entry',
      key: ['id'],
      fields: [
        { name: 'id', type: 'integer', caption: 'Entry no.' },
        { name: 'tableName', type: 'text', caption: 'Table' },
        { name: 'recordKey', type: 'text', caption: 'Record' },
        { name: 'documentType', type: 'text', caption: 'Document type' },
        { name: 'documentNo', type: 'code', caption: 'Document no.' },
        { name: 'sequence', type: 'integer', caption: 'Sequence' },
        { name: 'approvalCode', type: 'code', caption: 'Workflow' },
        { name: 'senderId', type: 'code', caption: 'Sender' },
        { name: 'approverId', type: 'code', caption: 'Approver' },
        { name: 'status', type: 'option', caption: 'Status', options: APPROVAL_STATUSES },
        { name: 'dueDate', type: 'date', caption: 'Due date' },
        { name: 'amount', type: 'decimal', caption: 'Amount' },
        { name: 'amountLcy', type: 'decimal', caption: 'Amount (LCY)' },
        { name: 'instanceId', type: 'text', caption: 'Workflow instance' },
        { name: 'pendingApprovals', type: 'integer', caption: 'Pending approvals' },
      ],
      load: loadEntryData,
    },
  ],
  events: [
    ...recordEvents,
    {
      code: ENTRY_APPROVED,
      table: APPROVAL_ENTRY_TABLE,
      description: 'An approval request is approved.',
      predecessors: REQUESTED_EVENTS,
    },
    {
      code: ENTRY_REJECTED,
      table: APPROVAL_ENTRY_TABLE,
      description: 'An approval request is rejected.',
      predecessors: REQUESTED_EVENTS,
    },
    {
      code: ENTRY_DELEGATED,
      table: APPROVAL_ENTRY_TABLE,
      description: 'An approval request is delegated.',
      predecessors: REQUESTED_EVENTS,
    },
    {
      code: DOCUMENT_RELEASED['purchase-header'],
      table: 'purchase-header',
      description: 'A purchase document is released.',
    },
    { code: DOCUMENT_RELEASED['sales-header'], table: 'sales-header', description: 'A sales document is released.' },
    ...overdueEvents,
  ],
  responses: [...approvalResponses, ...overdueResponses],
  onInstanceArchived: async (ctx, instance) => {
    await publishWebhookEvent(ctx, 'instance-completed', {
      instanceId: instance.id,
      workflowCode: instance.workflowCode,
      recordTable: instance.recordTable,
      recordKey: instance.recordKey,
    });
  },
  // Every record sent for approval relates to its approval entries by table and key (a record id).
  tableRelations: APPROVAL_TABLES.map((table) => ({
    from: table,
    to: APPROVAL_ENTRY_TABLE,
    fields: [
      ['$table', 'tableName'],
      ['$key', 'recordKey'],
    ] as const,
  })),
});
