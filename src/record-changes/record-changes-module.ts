import { defineModule } from '../engine/registry-types.ts';

/** Held field changes: changed events with the old record; revert, apply and discard. */
export const recordChangesModule = defineModule({ name: 'record-changes' });
