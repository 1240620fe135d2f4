/** Durable jobs: enqueue in the caller's transaction, run after commit by workers, at least once. */
export { retryDelayMs } from './backoff.ts';
export { type ClaimedJob, type ClaimOptions, claimJobs, finishJob, type JobOutcome, renewLease } from './claim.ts';
export {
  DEFAULT_MAX_ATTEMPTS,
  enqueueFromContext,
  enqueueJob,
  JOB_CHANNEL,
  notifyWorkers,
} from './enqueue.ts';
export { productJobHandlers, productRecurringJobs } from './handlers.ts';
export {
  countJobsByStatus,
  getJob,
  type JobFilter,
  type JobSummary,
  listJobs,
  retryDeadJob,
} from './queries.ts';
export { materializeRecurring, nextRunAfter, scheduleRecurring } from './recurring.ts';
export * from './types.ts';
export { createWorker, JobWorker, type RunSummary, type WorkerOptions } from './worker.ts';
