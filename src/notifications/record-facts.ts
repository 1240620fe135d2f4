import type { EngineContext } from '../engine/context.ts';
import { areaOfHeaderTable, parseDocumentKey } from '../records/document-types.ts';
import { findDocument } from '../records/documents.ts';
import { phrasesFor } from './phrases.ts';

const MASTER_PATHS: Readonly<Record<string, string>> = { customer: 'customers', vendor: 'vendors', item: 'items' };

/** The record's page below `/companies/<code>/`, as the web client names it. */
export function recordPath(table: string, key: string): string {
  const area = areaOfHeaderTable(table);
  if (area) {
    try {
      const { documentType, no } = parseDocumentKey(key);
      return `${area}-documents/${documentType}/${encodeURIComponent(no)}`;
    } catch {
      // Not a document key: the generic form below.
    }
  }
  const master = MASTER_PATHS[table];
  return master
    ? `${master}/${encodeURIComponent(key)}`
    : `records/${encodeURIComponent(table)}/${encodeURIComponent(key)}`;
}

/** Only web links: a custom link is set by a workflow admin, but it lands in an href. */
export function safeLink(link: string): string {
  return /^https?:\/\/[^\s"'<>]+$/i.test(link) ? link : '';
}

function keyText(key: string): string {
  try {
    const values: unknown = key.startsWith('[') ? JSON.parse(key) : undefined;
    return Array.isArray(values) ? values.map(String).join(' ') : key;
  } catch {
    return key;
  }
}

export interface RecordFacts {
  /** "Purchase order PO-0001" / "Inkooporder PO-0001", "Customer C10000". */
  readonly title: string;
  readonly exists: boolean;
  readonly party: { readonly label: string; readonly no: string; readonly name: string } | null;
  readonly amount?: string;
  readonly currencyCode?: string;
}

/** What a message says about the notified record, in the recipient's language. */
export async function recordFacts(
  ctx: EngineContext,
  table: string,
  key: string,
  language: string,
): Promise<RecordFacts> {
  const phrases = phrasesFor(language);
  const area = areaOfHeaderTable(table);
  if (area) {
    try {
      const ref = { area, ...parseDocumentKey(key) };
      const document = await findDocument(ctx, ref);
      const title = `${phrases.documents[area][ref.documentType]} ${ref.no}`;
      if (!document) return { title, exists: false, party: null };
      return {
        title,
        exists: true,
        party: { label: phrases.parties[area], no: document.partyNo, name: document.partyName },
        amount: document.amount,
        currencyCode: document.currencyCode,
      };
    } catch {
      // Not a document key: treated as any other record.
    }
  }
  const definition = ctx.registry.hasTable(table) ? ctx.registry.table(table) : undefined;
  const caption = phrases.tables[table] ?? definition?.caption ?? table;
  const exists = definition?.load ? (await definition.load(ctx, key)) !== undefined : definition !== undefined;
  return { title: `${caption} ${keyText(key)}`, exists, party: null };
}
