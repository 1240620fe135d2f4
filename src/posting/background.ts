import { z } from 'zod';
import type { EngineContext } from '../engine/context.ts';
import { enqueueFromContext } from '../jobs/enqueue.ts';
import { type JobHandler, PermanentJobError } from '../jobs/types.ts';
import { normalizeDate } from '../records/dates.ts';
import { findHeaderRow, requireHeaderRow } from '../records/document-rows.ts';
import {
  DOCUMENT_AREAS,
  type DocumentRef,
  type DocumentRefInput,
  describeDocument,
  normalizeDocumentRef,
} from '../records/document-types.ts';
import { conflict, isWerkstroomError } from '../shared/errors.ts';
import { POST_DOCUMENT_JOB } from './event-codes.ts';
import { assertPostable, type PostingOptions, postDocumentWithMessages } from './post-document.ts';

export interface ScheduledPosting {
  /** The job that posts the document (the one already queued, when it was queued before). */
  readonly jobId: number;
  /** False when a job for this document was queued already: it is queued once. */
  readonly queued: boolean;
}

/** The job key of a document's background posting: one queued or running job per document. */
export function postingJobKey(companyId: number, ref: DocumentRef): string {
  return `post-document:${companyId}:${ref.area}:${ref.documentType}:${ref.no}`;
}

function assertReleased(ref: DocumentRef, status: string): void {
  if (status !== 'Released') {
    throw conflict(
      'document-not-released',
      `${describeDocument(ref)} is ${status}; only a released document is posted in the background.`,
      { status },
    );
  }
}

/**
 * Queues the posting of a released document (`document-not-released` otherwise) as a job that
 * runs after this transaction commits, as the current user. Queuing it again while it waits
 * changes nothing.
 */
export async function schedulePosting(
  ctx: EngineContext,
  input: DocumentRefInput,
  options: PostingOptions = {},
): Promise<ScheduledPosting> {
  const ref = normalizeDocumentRef(input);
  const row = await requireHeaderRow(ctx, ref, true);
  // The refusals of the posting itself come now rather than from a job that fails later.
  await assertPostable(ctx, ref, row);
  assertReleased(ref, row.status);
  const postingDate =
    options.postingDate === undefined
      ? undefined
      : normalizeDate(options.postingDate, 'posting-date-invalid', 'postingDate', 'Posting date');
  const key = postingJobKey(ctx.companyId, ref);
  const jobId = await enqueueFromContext(ctx, {
    kind: POST_DOCUMENT_JOB,
    key,
    payload: {
      area: ref.area,
      documentType: ref.documentType,
      no: ref.no,
      userId: ctx.userId,
      ...(postingDate ? { postingDate } : {}),
    },
  });
  if (jobId !== undefined) return { jobId, queued: true };
  const existing = await ctx.tx
    .selectFrom('job')
    .select('id')
    .where('job_key', '=', key)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  if (!existing) throw new Error(`the posting job ${key} was neither queued nor found`);
  return { jobId: Number(existing.id), queued: false };
}

const payloadSchema = z.object({
  area: z.enum(DOCUMENT_AREAS),
  documentType: z.string().min(1),
  no: z.string().min(1),
  userId: z.string().min(1),
  postingDate: z.string().optional(),
});

/** Conflicts that another try may not meet: someone else changed the same rows at the same time. */
const RETRYABLE = new Set(['workflow-instance-changed', 'approval-entry-changed', 'document-revision-stale']);

/**
 * Posts a document queued by `schedulePosting`, in its own transaction, as the user who queued it,
 * and raises the posted event (so the workflow that queued it continues). A document that no
 * longer exists was posted by an earlier run: nothing to do. A refusal (restricted, reopened, …)
 * ends the job at once with the reason; only clashes with concurrent changes are retried.
 */
export const postDocumentJob: JobHandler = async (job, jobCtx) => {
  const parsed = payloadSchema.safeParse(job.payload);
  if (!parsed.success) throw new PermanentJobError(`Job ${job.id} has no document to post: ${parsed.error.message}`);
  if (job.companyId === null) throw new PermanentJobError(`Job ${job.id} names no company.`);
  const { userId, postingDate, ...ref } = parsed.data;
  try {
    await jobCtx.app.run({ company: job.companyId, userId }, async (commandCtx) => {
      const ctx: EngineContext = { ...commandCtx, now: jobCtx.now };
      const target = normalizeDocumentRef(ref);
      const row = await findHeaderRow(ctx, target, true);
      if (!row) return;
      assertReleased(target, row.status);
      await postDocumentWithMessages(ctx, target, postingDate ? { postingDate } : {});
    });
  } catch (error) {
    if (isWerkstroomError(error) && !RETRYABLE.has(error.code)) {
      throw new PermanentJobError(`${error.code}: ${error.message}`);
    }
    throw error;
  }
};

export const postingJobHandlers: Readonly<Record<string, JobHandler>> = { [POST_DOCUMENT_JOB]: postDocumentJob };
