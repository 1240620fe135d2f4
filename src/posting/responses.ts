import { targetRecord } from '../approvals/entry-record.ts';
import { DOCUMENT_RELEASED } from '../approvals/event-codes.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import { defineResponse } from '../engine/registry-types.ts';
import { type DocumentRef, documentRefFromRecord } from '../records/document-types.ts';
import { invalid } from '../shared/errors.ts';
import { schedulePosting } from './background.ts';
import { POST_DOCUMENT, POST_DOCUMENT_IN_BACKGROUND } from './event-codes.ts';
import { postDocumentQuietly } from './post-document.ts';
import { postedRecord } from './posted-documents.ts';

const RELEASED = [DOCUMENT_RELEASED['purchase-header'], DOCUMENT_RELEASED['sales-header']];

/** The purchase or sales document a response works on (`response-record-unsupported` for any other record). */
function documentOf(response: string, record: WorkflowRecord): DocumentRef {
  try {
    return documentRefFromRecord(record);
  } catch {
    throw invalid(
      'response-record-unsupported',
      `The response "${response}" posts purchase and sales documents; it cannot work on a ${record.table} record.`,
      { table: record.table },
    );
  }
}

export const postingResponses = [
  defineResponse({
    code: POST_DOCUMENT,
    description: 'Post the purchase or sales document now.',
    predecessors: RELEASED,
    execute: async (ctx, { record }) => {
      const ref = documentOf(POST_DOCUMENT, await targetRecord(ctx, record));
      const posting = await postDocumentQuietly(ctx, ref);
      if (posting.event) await ctx.raiseEvent(posting.event.code, posting.event.record);
      // The responses after this one work on the posted document: the document itself is gone.
      return { record: postedRecord(posting.posted) };
    },
  }),
  defineResponse({
    code: POST_DOCUMENT_IN_BACKGROUND,
    description: 'Queue the released purchase or sales document for posting in the background.',
    predecessors: RELEASED,
    execute: async (ctx, { record }) => {
      const ref = documentOf(POST_DOCUMENT_IN_BACKGROUND, await targetRecord(ctx, record));
      await schedulePosting(ctx, ref);
      return undefined;
    },
  }),
];
