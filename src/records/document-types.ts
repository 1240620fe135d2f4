import { keyFromValues } from '../engine/record.ts';
import { invalid } from '../shared/errors.ts';

/** Purchase and sales documents share one shape; the area tells them apart. */
export const DOCUMENT_AREAS = ['purchase', 'sales'] as const;
export type DocumentArea = (typeof DOCUMENT_AREAS)[number];

export const DOCUMENT_TYPES = ['quote', 'order', 'invoice', 'credit-memo', 'blanket-order', 'return-order'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Reference §1.20: Open is editable; Pending Approval and Released are locked. */
export const DOCUMENT_STATUSES = ['Open', 'Pending Approval', 'Released'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const LINE_TYPES = ['item', 'gl-account'] as const;
export type LineType = (typeof LINE_TYPES)[number];

/** A document as stored: area, type and number, checked and normalised. */
export interface DocumentRef {
  readonly area: DocumentArea;
  readonly documentType: DocumentType;
  readonly no: string;
}

/** A document as callers name it; the functions check and normalise it (`credit memo`, `po-0001`). */
export interface DocumentRefInput {
  readonly area: DocumentArea | (string & {});
  readonly documentType: DocumentType | (string & {});
  readonly no: string;
}

export const HEADER_TABLES = { purchase: 'purchase-header', sales: 'sales-header' } as const satisfies Record<
  DocumentArea,
  string
>;
export const LINE_TABLES = { purchase: 'purchase-line', sales: 'sales-line' } as const satisfies Record<
  DocumentArea,
  string
>;
/** The table of the party a document is for: the vendor of a purchase, the customer of a sale. */
export const PARTY_TABLES = { purchase: 'vendor', sales: 'customer' } as const satisfies Record<DocumentArea, string>;

/** Spellings such as "Credit Memo" or "credit_memo" read as `credit-memo`. */
function words(value: unknown): string {
  return typeof value === 'string'
    ? value
        .trim()
        .toLowerCase()
        .replace(/[\s_]+/g, '-')
    : '';
}

export function parseDocumentArea(value: unknown, field = 'area'): DocumentArea {
  const area = words(value);
  if (!(DOCUMENT_AREAS as readonly string[]).includes(area)) {
    throw invalid('document-area-invalid', `Document area "${String(value ?? '')}" must be purchase or sales.`, {
      field,
    });
  }
  return area as DocumentArea;
}

export function parseDocumentType(value: unknown, field = 'documentType'): DocumentType {
  const type = words(value);
  if (!(DOCUMENT_TYPES as readonly string[]).includes(type)) {
    throw invalid(
      'document-type-invalid',
      `Document type "${String(value ?? '')}" must be one of ${DOCUMENT_TYPES.join(', ')}.`,
      { field },
    );
  }
  return type as DocumentType;
}

export function parseDocumentStatus(value: unknown, field = 'status'): DocumentStatus {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  const status = DOCUMENT_STATUSES.find((s) => s.toLowerCase() === text);
  if (!status) {
    throw invalid(
      'document-status-invalid',
      `Document status "${String(value ?? '')}" must be one of ${DOCUMENT_STATUSES.join(', ')}.`,
      { field },
    );
  }
  return status;
}

export function parseLineType(value: unknown, field = 'type'): LineType {
  const type = words(value).replace('g/l-', 'gl-');
  if (!(LINE_TYPES as readonly string[]).includes(type)) {
    throw invalid('document-line-type-invalid', `Line type "${String(value ?? '')}" must be item or gl-account.`, {
      field,
    });
  }
  return type as LineType;
}

/** Checks and normalises a reference given by a caller (document no. upper-cased). */
export function documentRef(area: unknown, documentType: unknown, no: unknown): DocumentRef {
  const text = typeof no === 'string' ? no.trim().toUpperCase() : '';
  if (text === '') throw invalid('document-no-invalid', 'A document number is required.', { field: 'no' });
  return { area: parseDocumentArea(area), documentType: parseDocumentType(documentType), no: text };
}

export function normalizeDocumentRef(ref: DocumentRefInput): DocumentRef {
  return documentRef(ref.area, ref.documentType, ref.no);
}

/** The workflow record key of a document: `["order","PO-0001"]`. */
export function documentKey(ref: Pick<DocumentRef, 'documentType' | 'no'>): string {
  return keyFromValues([ref.documentType, ref.no]);
}

/** Reads a document key back (`document-key-invalid` when it is not one). */
export function parseDocumentKey(key: string): { documentType: DocumentType; no: string } {
  let values: unknown;
  try {
    values = JSON.parse(key);
  } catch {
    values = undefined;
  }
  const type = Array.isArray(values) ? words(values[0]) : '';
  if (
    !Array.isArray(values) ||
    values.length !== 2 ||
    !(DOCUMENT_TYPES as readonly string[]).includes(type) ||
    typeof values[1] !== 'string' ||
    values[1] === ''
  ) {
    throw invalid('document-key-invalid', `"${key}" is not a document key such as ["order","PO-0001"].`, {
      field: 'key',
    });
  }
  return { documentType: type as DocumentType, no: values[1].toUpperCase() };
}

/** The area of a header table name, or undefined for any other table. */
export function areaOfHeaderTable(table: string): DocumentArea | undefined {
  return DOCUMENT_AREAS.find((area) => HEADER_TABLES[area] === table);
}

/** The document a workflow record of `purchase-header` / `sales-header` stands for. */
export function documentRefFromRecord(record: { readonly table: string; readonly key: string }): DocumentRef {
  const area = areaOfHeaderTable(record.table);
  if (!area) {
    throw invalid('document-table-invalid', `Table "${record.table}" is not a document header table.`, {
      field: 'table',
    });
  }
  return { area, ...parseDocumentKey(record.key) };
}

/** "Purchase order PO-0001", "Sales credit memo SCM-0001". */
export function describeDocument(ref: DocumentRef): string {
  const area = ref.area === 'purchase' ? 'Purchase' : 'Sales';
  return `${area} ${ref.documentType.replace(/-/g, ' ')} ${ref.no}`;
}
