import type { Registry } from '../engine/registry.ts';

/** Stable codes of the approval events (D15), per kind of record that can be sent for approval. */
export const APPROVAL_RECORD_TYPES = {
  'purchase-header': { prefix: 'purchase-document', caption: 'purchase document' },
  'sales-header': { prefix: 'sales-document', caption: 'sales document' },
  customer: { prefix: 'customer', caption: 'customer' },
  vendor: { prefix: 'vendor', caption: 'vendor' },
  item: { prefix: 'item', caption: 'item' },
} as const;

export type ApprovalRecordTable = keyof typeof APPROVAL_RECORD_TYPES;

export function isApprovalRecordTable(table: string): table is ApprovalRecordTable {
  return Object.hasOwn(APPROVAL_RECORD_TYPES, table);
}

/**
 * The request and cancel events of a table that can be sent for approval: one of the kinds above,
 * or a table of another module that registers `<prefix>.approval-requested` and
 * `<prefix>.approval-request-canceled` events on it (general journal batches and lines).
 */
export function approvalEventsOf(
  registry: Registry,
  table: string,
): { readonly requested: string; readonly canceled: string } | undefined {
  if (isApprovalRecordTable(table)) return { requested: requestedEvent(table), canceled: canceledEvent(table) };
  const requested = registry.events.find((e) => e.table === table && e.code.endsWith('.approval-requested'));
  const canceled = requested?.code.replace(/\.approval-requested$/, '.approval-request-canceled');
  return requested && canceled && registry.findEvent(canceled)?.table === table
    ? { requested: requested.code, canceled }
    : undefined;
}

export const requestedEvent = (table: ApprovalRecordTable) =>
  `${APPROVAL_RECORD_TYPES[table].prefix}.approval-requested`;
export const canceledEvent = (table: ApprovalRecordTable) =>
  `${APPROVAL_RECORD_TYPES[table].prefix}.approval-request-canceled`;

export const APPROVAL_TABLES = Object.keys(APPROVAL_RECORD_TYPES) as ApprovalRecordTable[];
export const REQUESTED_EVENTS = APPROVAL_TABLES.map(requestedEvent);
export const CANCELED_EVENTS = APPROVAL_TABLES.map(canceledEvent);

export const ENTRY_APPROVED = 'approval-entry.approved';
export const ENTRY_REJECTED = 'approval-entry.rejected';
export const ENTRY_DELEGATED = 'approval-entry.delegated';

export const DOCUMENT_RELEASED = {
  'purchase-header': 'purchase-document.released',
  'sales-header': 'sales-document.released',
} as const;
