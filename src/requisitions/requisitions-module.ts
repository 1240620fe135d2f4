import { defineModule } from '../engine/registry-types.ts';
import {
  REQUISITION_LINE_TABLE,
  WORKSHEET_APPROVAL_CANCELED,
  WORKSHEET_APPROVAL_REQUESTED,
  WORKSHEET_TABLE,
} from './codes.ts';
import { REQUISITION_LINE_RECORD_TABLE, WORKSHEET_RECORD_TABLE } from './record-tables.ts';

const REQUESTED = [WORKSHEET_APPROVAL_REQUESTED];
const CANCELED = [WORKSHEET_APPROVAL_CANCELED];

/** Requisition worksheets: purchase proposals, their batch approval and carrying them out into purchase orders. */
export const requisitionsModule = defineModule({
  name: 'requisitions',
  tables: [WORKSHEET_RECORD_TABLE, REQUISITION_LINE_RECORD_TABLE],
  events: [
    {
      code: WORKSHEET_APPROVAL_REQUESTED,
      table: WORKSHEET_TABLE,
      description: 'Approval of a requisition worksheet is requested.',
    },
    {
      code: WORKSHEET_APPROVAL_CANCELED,
      table: WORKSHEET_TABLE,
      description: 'The approval request for a requisition worksheet is canceled.',
      predecessors: REQUESTED,
    },
  ],
  combinations: [
    { code: 'approval-entry.approved', after: REQUESTED },
    { code: 'approval-entry.rejected', after: REQUESTED },
    { code: 'approval-entry.delegated', after: REQUESTED },
    { code: 'approval.create-requests', after: REQUESTED },
    { code: 'approval.send-requests', after: REQUESTED },
    { code: 'approval.cancel-all', after: CANCELED },
  ],
  tableRelations: [
    // Worksheets and their lines relate to approval entries by table and key, like every approvable record.
    ...[WORKSHEET_TABLE, REQUISITION_LINE_TABLE].map((table) => ({
      from: table,
      to: 'approval-entry',
      fields: [
        ['$table', 'tableName'],
        ['$key', 'recordKey'],
      ] as const,
    })),
  ],
});
