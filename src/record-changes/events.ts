/** The "changed" events of the master records whose field changes a workflow can hold (reference #40–42). */
export const CHANGE_TABLES = ['customer', 'vendor', 'item'] as const;
export type ChangeTable = (typeof CHANGE_TABLES)[number];

export const CUSTOMER_CHANGED = 'customer.changed';
export const VENDOR_CHANGED = 'vendor.changed';
export const ITEM_CHANGED = 'item.changed';

export const CHANGED_EVENTS: Readonly<Record<ChangeTable, string>> = {
  customer: CUSTOMER_CHANGED,
  vendor: VENDOR_CHANGED,
  item: ITEM_CHANGED,
};

export const CHANGED_EVENT_CODES: readonly string[] = Object.values(CHANGED_EVENTS);

export const REVERT_FIELD = 'record.revert-field';
export const APPLY_NEW_VALUES = 'record.apply-new-values';
export const DISCARD_NEW_VALUES = 'record.discard-new-values';
