import { keyFromValues } from '../engine/record.ts';
import { invalid } from '../shared/errors.ts';

/** Record tables of the journals module. */
export const BATCH_TABLE = 'gen-journal-batch';
export const LINE_TABLE = 'gen-journal-line';
/** The posting module's record table of posted purchase invoices and credit memos. */
export const POSTED_PURCHASE_TABLE = 'posted-purchase-document';

/** Stable event codes (D15). */
export const BATCH_APPROVAL_REQUESTED = 'gen-journal-batch.approval-requested';
export const BATCH_APPROVAL_CANCELED = 'gen-journal-batch.approval-request-canceled';
export const LINE_APPROVAL_REQUESTED = 'gen-journal-line.approval-requested';
export const LINE_APPROVAL_CANCELED = 'gen-journal-line.approval-request-canceled';
export const BATCH_BALANCED = 'gen-journal-batch.balanced';
export const BATCH_NOT_BALANCED = 'gen-journal-batch.not-balanced';
export const LINE_CREATED = 'gen-journal-line.created';

/** Stable response codes. */
export const CHECK_BALANCE = 'gen-journal-batch.check-balance';
export const CREATE_PAYMENT_LINE = 'payment-line.create';
export const CREATE_PAYMENT_LINE_IN_BACKGROUND = 'payment-line.create-in-background';

/** The job that creates a payment line after the command that asked for it has committed. */
export const PAYMENT_LINE_JOB = 'journals.create-payment-line';

export const TEMPLATE_TYPES = ['general', 'payments'] as const;
export type JournalTemplateType = (typeof TEMPLATE_TYPES)[number];

export const ACCOUNT_TYPES = ['gl-account', 'customer', 'vendor', 'bank-account'] as const;
export type JournalAccountType = (typeof ACCOUNT_TYPES)[number];

/** Blank is a document type too (a plain entry); the options list the named ones. */
export const JOURNAL_DOCUMENT_TYPES = ['payment', 'invoice', 'credit-memo', 'refund'] as const;
export type JournalDocumentType = '' | (typeof JOURNAL_DOCUMENT_TYPES)[number];

/** New lines are numbered in steps of this size. */
export const JOURNAL_LINE_NO_STEP = 10000;

export function batchKey(templateName: string, name: string): string {
  return keyFromValues([templateName, name]);
}

export function lineKey(templateName: string, batchName: string, lineNo: number): string {
  return keyFromValues([templateName, batchName, lineNo]);
}

function parseArray(key: string): unknown[] | undefined {
  try {
    const values: unknown = JSON.parse(key);
    return Array.isArray(values) ? values : undefined;
  } catch {
    return undefined;
  }
}

/** `["GENERAL","DEFAULT"]` → template and batch name, or undefined for anything else. */
export function parseBatchKey(key: string): { templateName: string; name: string } | undefined {
  const values = parseArray(key);
  if (values?.length !== 2 || typeof values[0] !== 'string' || typeof values[1] !== 'string') return undefined;
  return { templateName: values[0], name: values[1] };
}

/** `["GENERAL","DEFAULT",10000]` → template, batch and line no., or undefined. */
export function parseLineKey(key: string): { templateName: string; batchName: string; lineNo: number } | undefined {
  const values = parseArray(key);
  if (values?.length !== 3 || typeof values[0] !== 'string' || typeof values[1] !== 'string') return undefined;
  const lineNo = Number(values[2]);
  if (!Number.isSafeInteger(lineNo)) return undefined;
  return { templateName: values[0], batchName: values[1], lineNo };
}

export function requireBatchKey(key: string): { templateName: string; name: string } {
  const parsed = parseBatchKey(key);
  if (!parsed) {
    throw invalid('journal-batch-key-invalid', `"${key}" is not a journal batch key such as ["GENERAL","DEFAULT"].`, {
      field: 'key',
    });
  }
  return parsed;
}

export function requireLineKey(key: string): { templateName: string; batchName: string; lineNo: number } {
  const parsed = parseLineKey(key);
  if (!parsed) {
    throw invalid(
      'journal-line-key-invalid',
      `"${key}" is not a journal line key such as ["GENERAL","DEFAULT",10000].`,
      { field: 'key' },
    );
  }
  return parsed;
}
