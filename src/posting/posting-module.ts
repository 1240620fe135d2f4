import { DOCUMENT_RELEASED } from '../approvals/event-codes.ts';
import { defineModule } from '../engine/registry-types.ts';
import { HEADER_TABLES } from '../records/document-types.ts';
import { POSTED_EVENTS } from './event-codes.ts';
import { POSTED_RECORD_TABLES, POSTED_TABLES } from './posted-documents.ts';
import { postingResponses } from './responses.ts';

/** Posting of purchase and sales documents: posted documents, ledger entries, background posting. */
export const postingModule = defineModule({
  name: 'posting',
  tables: POSTED_RECORD_TABLES,
  events: [
    {
      code: POSTED_EVENTS.purchase,
      table: POSTED_TABLES.purchase,
      description: 'A purchase order or invoice is posted.',
      predecessors: [DOCUMENT_RELEASED['purchase-header']],
    },
    {
      code: POSTED_EVENTS.sales,
      table: POSTED_TABLES.sales,
      description: 'A sales order or invoice is posted.',
      predecessors: [DOCUMENT_RELEASED['sales-header']],
    },
  ],
  responses: postingResponses,
  // The instance that released a document continues on the invoice it was posted as (reference §2.9).
  tableRelations: [
    { from: HEADER_TABLES.purchase, to: POSTED_TABLES.purchase, fields: [['no', 'preAssignedNo']] },
    { from: HEADER_TABLES.sales, to: POSTED_TABLES.sales, fields: [['no', 'preAssignedNo']] },
  ],
});
