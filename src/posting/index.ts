/** Posting of purchase and sales documents, posted documents and their approval history. */
export {
  listPostedApprovalComments,
  listPostedApprovalEntries,
  type MovedHistory,
  type PostedApprovalComment,
  type PostedApprovalEntry,
  type PostedApprovalEntryEvent,
  postApprovalHistory,
  type RecordTarget,
} from './approval-history.ts';
export {
  postDocumentJob,
  postingJobHandlers,
  postingJobKey,
  type ScheduledPosting,
  schedulePosting,
} from './background.ts';
export { POST_DOCUMENT, POST_DOCUMENT_IN_BACKGROUND, POST_DOCUMENT_JOB, POSTED_EVENTS } from './event-codes.ts';
export {
  assertPostable,
  type Posting,
  type PostingOptions,
  type PostingResult,
  postDocument,
  postDocumentQuietly,
  postDocumentWithMessages,
} from './post-document.ts';
export {
  describePosted,
  findPostedDocument,
  getPostedDocument,
  listPostedDocuments,
  POSTED_DOCUMENT_TYPES,
  POSTED_TABLES,
  type PostedDocument,
  type PostedDocumentFilter,
  type PostedDocumentLine,
  type PostedDocumentRef,
  type PostedDocumentType,
  type PostedDocumentWithLines,
  parsePostedDocumentType,
  postedData,
  postedFields,
  postedKey,
  postedRecord,
  postedSeriesCode,
  postedTypeOf,
} from './posted-documents.ts';
export { postingModule } from './posting-module.ts';
export { convertQuoteToOrder, type QuoteConversion } from './quote-to-order.ts';
