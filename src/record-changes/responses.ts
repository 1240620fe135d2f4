import { z } from 'zod';
import { targetRecord } from '../approvals/entry-record.ts';
import { ENTRY_APPROVED, ENTRY_REJECTED } from '../approvals/event-codes.ts';
import type { EngineContext } from '../engine/context.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import { defineResponse } from '../engine/registry-types.ts';
import { invalid, notFound } from '../shared/errors.ts';
import { insertChange, listChanges, settleChange } from './change-store.ts';
import { APPLY_NEW_VALUES, CHANGED_EVENT_CODES, DISCARD_NEW_VALUES, REVERT_FIELD } from './events.ts';
import { fieldOf, sameValue, valueFromText, valueText } from './field-values.ts';
import { writeMasterFields } from './master-records.ts';

const fieldName = z.string().max(50).describe('The field whose change is held: creditLimitLcy, name, unitPrice, …');

export const revertFieldOptions = z.object({ field: fieldName.optional() });
export const applyNewValuesOptions = z.object({
  field: fieldName.optional().describe('Only this field; blank applies every held change of the record'),
});

/** The record as stored now. */
const MASTER_TABLES = new Set(['customer', 'vendor', 'item']);

async function reload(ctx: EngineContext, record: WorkflowRecord): Promise<WorkflowRecord> {
  // Lock the row first: the comparison with the held old value must see what the write replaces.
  if (ctx.capabilities.rowLocks && MASTER_TABLES.has(record.table)) {
    await ctx.tx
      .selectFrom(record.table as 'customer' | 'vendor' | 'item')
      .select('no')
      .where('company_id', '=', ctx.companyId)
      .where('no', '=', record.key)
      .forUpdate()
      .execute();
  }
  const table = ctx.registry.table(record.table);
  const data = table.load ? await table.load(ctx, record.key) : record.data;
  if (!data) throw notFound('record-not-found', `The record ${record.table} ${record.key} no longer exists.`);
  return { ...record, data };
}

function shown(text: string): string {
  return text === '' ? '(blank)' : text;
}

export const recordChangeResponses = [
  defineResponse({
    code: REVERT_FIELD,
    description: 'Hold the new value of {field} for approval and put the old value back on the record.',
    fieldOptions: ['field'],
    options: revertFieldOptions,
    missingOptions: (o) => (o.field ? [] : ['field']),
    predecessors: CHANGED_EVENT_CODES,
    // D9: a held value that nothing can ever apply would be lost.
    requires: [APPLY_NEW_VALUES],
    execute: async (ctx, { record, oldRecord, options }) => {
      if (!options.field) {
        throw invalid('response-options-missing', `Step ${ctx.step.id} does not say which field to hold.`, {
          stepId: ctx.step.id,
        });
      }
      const field = fieldOf(ctx.registry, record.table, options.field);
      // Only a change event carries the record as it was; without it there is nothing to hold.
      if (!oldRecord || oldRecord.table !== record.table || oldRecord.key !== record.key) return undefined;
      const current = await reload(ctx, record);
      const before = oldRecord.data[field.name];
      const after = current.data[field.name];
      if (sameValue(field, before, after)) return undefined;
      const oldValue = valueText(before);
      await insertChange(ctx, {
        table: current.table,
        recordKey: current.key,
        field: field.name,
        oldValue,
        newValue: valueText(after),
        instanceId: ctx.instance.id,
        workflowCode: ctx.instance.workflowCode,
      });
      const reverted = await writeMasterFields(ctx, current, { [field.name]: valueFromText(field, oldValue) });
      return { record: reverted };
    },
  }),
  defineResponse({
    code: APPLY_NEW_VALUES,
    description: 'Write the held new values to the record.',
    options: applyNewValuesOptions,
    predecessors: [ENTRY_APPROVED],
    // D9 both ways: applying what was never held is as wrong as holding what is never applied.
    requires: [REVERT_FIELD],
    execute: async (ctx, { record, options }) => {
      const target = await targetRecord(ctx, record);
      const held = await listChanges(ctx, {
        instanceId: ctx.instance.id,
        table: target.table,
        recordKey: target.key,
        active: true,
        ...(options.field ? { field: options.field } : {}),
      });
      if (held.length === 0) {
        ctx.showMessage('There are no held changes of this record to apply.');
        return undefined;
      }
      let current = target;
      for (const change of held) {
        const field = fieldOf(ctx.registry, change.table, change.field);
        current = await reload(ctx, current);
        const now = current.data[field.name];
        if (!sameValue(field, now, valueFromText(field, change.oldValue))) {
          // Someone changed the field while the change waited: applying would overwrite that.
          ctx.showMessage(
            `The held change of ${change.fieldCaption} was not applied: the field now holds ${shown(valueText(now))}, not ${shown(change.oldValue)} as before the change.`,
          );
          continue;
        }
        current = await writeMasterFields(ctx, current, { [field.name]: valueFromText(field, change.newValue) });
        await settleChange(ctx, change.id, 'applied');
      }
      return { record: current };
    },
  }),
  defineResponse({
    code: DISCARD_NEW_VALUES,
    description: 'Drop the held new values; the record keeps its old values.',
    predecessors: [ENTRY_REJECTED],
    execute: async (ctx, { record }) => {
      const target = await targetRecord(ctx, record);
      const held = await listChanges(ctx, {
        instanceId: ctx.instance.id,
        table: target.table,
        recordKey: target.key,
        active: true,
      });
      for (const change of held) await settleChange(ctx, change.id, 'discarded');
      return undefined;
    },
  }),
];
