import type { DocumentArea, DocumentType } from '../records/document-types.ts';

/** What happened, per notification (reference §7.4 action texts); `gone`: the record no longer exists. */
export type ActionCode =
  | 'created'
  | 'open'
  | 'canceled'
  | 'rejected'
  | 'approval-created'
  | 'approved'
  | 'overdue'
  | 'gone';

interface Phrases {
  readonly documents: Readonly<Record<DocumentArea, Readonly<Record<DocumentType, string>>>>;
  readonly tables: Readonly<Record<string, string>>;
  readonly parties: Readonly<Record<DocumentArea, string>>;
  readonly actions: Readonly<Record<ActionCode, string>>;
}

const EN: Phrases = {
  documents: {
    purchase: {
      quote: 'Purchase quote',
      order: 'Purchase order',
      invoice: 'Purchase invoice',
      'credit-memo': 'Purchase credit memo',
      'blanket-order': 'Purchase blanket order',
      'return-order': 'Purchase return order',
    },
    sales: {
      quote: 'Sales quote',
      order: 'Sales order',
      invoice: 'Sales invoice',
      'credit-memo': 'Sales credit memo',
      'blanket-order': 'Sales blanket order',
      'return-order': 'Sales return order',
    },
  },
  tables: { customer: 'Customer', vendor: 'Vendor', item: 'Item' },
  parties: { purchase: 'Vendor', sales: 'Customer' },
  actions: {
    created: 'has been created',
    open: 'requires your approval',
    canceled: 'approval request has been canceled',
    rejected: 'approval has been rejected',
    'approval-created': 'approval request has been created',
    approved: 'has been approved',
    overdue: 'has a pending approval',
    gone: 'no longer exists; no action is required',
  },
};

const NL: Phrases = {
  documents: {
    purchase: {
      quote: 'Inkoopofferte',
      order: 'Inkooporder',
      invoice: 'Inkoopfactuur',
      'credit-memo': 'Inkoopcreditnota',
      'blanket-order': 'Inkoopraamcontract',
      'return-order': 'Inkoopretourorder',
    },
    sales: {
      quote: 'Verkoopofferte',
      order: 'Verkooporder',
      invoice: 'Verkoopfactuur',
      'credit-memo': 'Verkoopcreditnota',
      'blanket-order': 'Verkoopraamcontract',
      'return-order': 'Verkoopretourorder',
    },
  },
  tables: { customer: 'Klant', vendor: 'Leverancier', item: 'Artikel' },
  parties: { purchase: 'Leverancier', sales: 'Klant' },
  actions: {
    created: 'is aangemaakt',
    open: 'vereist uw goedkeuring',
    canceled: 'goedkeuringsaanvraag is geannuleerd',
    rejected: 'goedkeuring is afgewezen',
    'approval-created': 'goedkeuringsaanvraag is aangemaakt',
    approved: 'is goedgekeurd',
    overdue: 'heeft een openstaande goedkeuring',
    gone: 'bestaat niet meer; er is geen actie nodig',
  },
};

/** Languages with built-in phrases and templates; others use English unless a company template exists. */
export const BUILT_IN_LANGUAGES = ['en', 'nl'] as const;

/** `nl-BE` → `nl`. */
export function baseLanguage(tag: string): string {
  return (tag.split('-')[0] ?? 'en').toLowerCase();
}

export function phrasesFor(language: string): Phrases {
  return baseLanguage(language) === 'nl' ? NL : EN;
}

function locale(language: string): string {
  try {
    return Intl.getCanonicalLocales(language)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** An exact decimal text in the recipient's way of writing numbers: 1,234.50 / 1.234,50. */
export function formatAmount(amount: string, language: string): string {
  if (!/^-?\d+(\.\d+)?$/.test(amount)) return amount;
  const format = new Intl.NumberFormat(locale(language), { minimumFractionDigits: 2, maximumFractionDigits: 20 });
  return format.format(amount as Intl.StringNumericLiteral);
}

/** A `YYYY-MM-DD` date written out: "March 2, 2026" / "2 maart 2026". */
export function formatDate(date: string, language: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** An instant in the company's zone: "March 2, 2026 at 10:00" / "2 maart 2026 om 10:00". */
export function formatDateTime(instant: string, language: string, timeZone: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'long', timeStyle: 'short', timeZone }).format(date);
}
