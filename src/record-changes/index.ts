/** Held field changes: changed events with the old record; revert, apply and discard. */

export { describeChange, type EntryChangeInfo, entryChangeInfo, withChangeDetails } from './change-details.ts';
export {
  getChange,
  listChanges,
  RECORD_CHANGE_STATUSES,
  type RecordChange,
  type RecordChangeFilter,
  type RecordChangeStatus,
} from './change-store.ts';
export {
  APPLY_NEW_VALUES,
  CHANGE_TABLES,
  CHANGED_EVENTS,
  type ChangeTable,
  DISCARD_NEW_VALUES,
  REVERT_FIELD,
} from './events.ts';
export { changeMasterRecord, isChangeTable, type MasterRecordChange, type MasterTypes } from './master-records.ts';
export { recordChangesModule } from './record-changes-module.ts';
