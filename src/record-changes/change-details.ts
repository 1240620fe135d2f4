import type { EngineContext } from '../engine/context.ts';
import type { RecordChange } from './change-store.ts';
import { fieldCaption } from './field-values.ts';

/** What an approval entry of a change instance shows (reference §8.2 "Related to change"). */
export interface EntryChangeInfo {
  /** The entry asks approval for held field changes, not for the record as a whole. */
  readonly relatedToChange: boolean;
  /** "Credit limit (LCY) changed from 1000 to 5000"; several changes separated by "; ". */
  readonly changeDetails: string;
}

interface EntryRef {
  readonly table: string;
  readonly recordKey: string;
  readonly instanceId: string;
}

type ChangeText = Pick<RecordChange, 'fieldCaption' | 'oldValue' | 'newValue'>;

const WORDS: Readonly<Record<string, { changed: string; to: string; blank: string; yes: string; no: string }>> = {
  en: { changed: 'changed from', to: 'to', blank: '(blank)', yes: 'Yes', no: 'No' },
  nl: { changed: 'gewijzigd van', to: 'in', blank: '(leeg)', yes: 'Ja', no: 'Nee' },
};

function wordsFor(language: string) {
  return WORDS[language.toLowerCase().slice(0, 2)] ?? (WORDS.en as NonNullable<(typeof WORDS)['en']>);
}

function shown(text: string, words: ReturnType<typeof wordsFor>): string {
  if (text === '') return words.blank;
  if (text === 'true') return words.yes;
  if (text === 'false') return words.no;
  return text;
}

/** One held change in words: "<field caption> changed from <old> to <new>". */
export function describeChange(change: ChangeText, language = 'en'): string {
  const words = wordsFor(language);
  return `${change.fieldCaption} ${words.changed} ${shown(change.oldValue, words)} ${words.to} ${shown(change.newValue, words)}`;
}

/** The held changes (active or settled) behind approval entries, by instance, table and key. */
async function changesFor(ctx: EngineContext, entries: readonly EntryRef[]): Promise<Map<string, ChangeText[]>> {
  const instances = [...new Set(entries.map((e) => e.instanceId).filter((id) => id !== ''))];
  const found = new Map<string, ChangeText[]>();
  if (instances.length === 0) return found;
  const rows = [];
  // In slices, so a long list of entries stays within the databases' limits on parameters.
  for (let start = 0; start < instances.length; start += 500) {
    const slice = await ctx.tx
      .selectFrom('record_change')
      .select(['id', 'table_name', 'record_key', 'field_name', 'old_value', 'new_value', 'instance_id'])
      .where('company_id', '=', ctx.companyId)
      .where('instance_id', 'in', instances.slice(start, start + 500))
      .execute();
    rows.push(...slice);
  }
  rows.sort((a, b) => a.id - b.id);
  for (const row of rows) {
    const key = JSON.stringify([row.instance_id, row.table_name, row.record_key]);
    const list = found.get(key) ?? [];
    list.push({
      fieldCaption: fieldCaption(ctx.registry, row.table_name, row.field_name),
      oldValue: row.old_value,
      newValue: row.new_value,
    });
    found.set(key, list);
  }
  return found;
}

const refKey = (e: EntryRef) => JSON.stringify([e.instanceId, e.table, e.recordKey]);

/** The change information of each entry, in the entries' order. */
export async function entryChangeInfo(
  ctx: EngineContext,
  entries: readonly EntryRef[],
  language = 'en',
): Promise<EntryChangeInfo[]> {
  const changes = await changesFor(ctx, entries);
  return entries.map((entry) => {
    const held = changes.get(refKey(entry)) ?? [];
    return {
      relatedToChange: held.length > 0,
      changeDetails: held.map((c) => describeChange(c, language)).join('; '),
    };
  });
}

/** Approval entries with their change information added. */
export async function withChangeDetails<E extends EntryRef>(
  ctx: EngineContext,
  entries: readonly E[],
): Promise<(E & EntryChangeInfo)[]> {
  const info = await entryChangeInfo(ctx, entries);
  return entries.map((entry, i) => ({ ...entry, ...(info[i] as EntryChangeInfo) }));
}
