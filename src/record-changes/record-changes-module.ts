import { ENTRY_APPROVED, ENTRY_DELEGATED, ENTRY_REJECTED } from '../approvals/event-codes.ts';
import { defineModule } from '../engine/registry-types.ts';
import { closeHeldChangesOf } from './change-store.ts';
import { CHANGED_EVENT_CODES, CUSTOMER_CHANGED, ITEM_CHANGED, VENDOR_CHANGED } from './events.ts';
import { recordChangeResponses } from './responses.ts';

const after = (code: string) => ({ code, after: CHANGED_EVENT_CODES });

/**
 * Held field changes (reference §8.2): the customer / vendor / item changed events carry the
 * old record, so a workflow can compare old and new values (field-change rules), put the old
 * value back while the change waits for approval, and apply or discard the new value later.
 */
export const recordChangesModule = defineModule({
  name: 'record-changes',
  events: [
    {
      code: CUSTOMER_CHANGED,
      table: 'customer',
      description: 'The data of a customer is changed.',
      usedForRecordChange: true,
    },
    {
      code: VENDOR_CHANGED,
      table: 'vendor',
      description: 'The data of a vendor is changed.',
      usedForRecordChange: true,
    },
    { code: ITEM_CHANGED, table: 'item', description: 'The data of an item is changed.', usedForRecordChange: true },
  ],
  responses: recordChangeResponses,
  onInstanceArchived: (ctx, instance) => closeHeldChangesOf(ctx, instance.id),
  // A held change is sent for approval, and the decisions on it follow the changed event.
  combinations: [
    after('approval.create-requests'),
    after('approval.send-requests'),
    after(ENTRY_APPROVED),
    after(ENTRY_REJECTED),
    after(ENTRY_DELEGATED),
  ],
});
