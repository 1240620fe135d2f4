import type { EngineContext } from '../engine/context.ts';

/**
 * Who acts when a job does something (the overdue run, automatic delegation): the audit trail
 * shows this id with channel 'job'. The colon keeps it apart from every real user id.
 */
export const JOB_USER_ID = 'SYSTEM:JOBS';

/** The command's context at the job's clock (jobs pass the worker's `now`, not the app's). */
export function atTime(ctx: EngineContext, now: Date): EngineContext {
  return { ...ctx, now };
}
