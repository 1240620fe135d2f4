import type { DocumentArea } from '../records/document-types.ts';

/** Stable codes of the posting events and responses (D15). */
export const POSTED_EVENTS = {
  purchase: 'purchase-document.posted',
  sales: 'sales-document.posted',
} as const satisfies Record<DocumentArea, string>;

export const POST_DOCUMENT = 'document.post';
export const POST_DOCUMENT_IN_BACKGROUND = 'document.post-in-background';

/** The job kind of background posting. */
export const POST_DOCUMENT_JOB = 'posting.post-document';
