import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Company } from '../app/companies.ts';
import type { Database } from '../db/schema.ts';
import { runAutoDelegation } from '../delegation/auto-delegate.ts';
import { type JobHandler, PermanentJobError, type RecurringJobDefinition, type RunningJob } from '../jobs/types.ts';
import { runOverdue } from './run.ts';

export const OVERDUE_JOB = 'approvals.overdue';
export const DELEGATE_JOB = 'approvals.delegate';

const payloadSchema = z.object({ company: z.union([z.string().min(1), z.number().int().positive()]).optional() });

/** The company a job runs for: its payload's `company` (code or id), else the job's company. */
function companyOf(job: RunningJob): string | number {
  const parsed = payloadSchema.safeParse(job.payload);
  const company = (parsed.success ? parsed.data.company : undefined) ?? job.companyId ?? undefined;
  if (company === undefined)
    throw new PermanentJobError(`Job ${job.kind} names no company (payload "company" or the job's company).`);
  return company;
}

/**
 * Handlers of the approval jobs, by kind. Both are idempotent: the overdue run happens at most
 * once per company and day, and delegation checks each entry again in its own transaction.
 */
export const approvalJobHandlers: Readonly<Record<string, JobHandler>> = {
  [OVERDUE_JOB]: async (job, ctx) => {
    await runOverdue(ctx.app, companyOf(job), ctx.now, { oncePerDay: true });
  },
  [DELEGATE_JOB]: async (job, ctx) => {
    await runAutoDelegation(ctx.app, companyOf(job), ctx.now, { signal: ctx.signal });
  },
};

/**
 * The daily approval jobs of one company, in its time zone: automatic delegation at 06:00, then
 * the overdue run at 07:00 (reference: every 1440 minutes).
 */
export function approvalRecurringJobs(company: Pick<Company, 'code' | 'timeZone'>): RecurringJobDefinition[] {
  const payload = { company: company.code };
  return [
    {
      name: `${DELEGATE_JOB}:${company.code}`,
      kind: DELEGATE_JOB,
      cron: '0 6 * * *',
      timeZone: company.timeZone,
      payload,
    },
    {
      name: `${OVERDUE_JOB}:${company.code}`,
      kind: OVERDUE_JOB,
      cron: '0 7 * * *',
      timeZone: company.timeZone,
      payload,
    },
  ];
}

/** The daily approval jobs of every company (for `productRecurringJobs`, read when a worker starts). */
export async function allApprovalRecurringJobs(db: Kysely<Database>): Promise<RecurringJobDefinition[]> {
  const companies = await db.selectFrom('company').select(['code', 'time_zone']).orderBy('code').execute();
  return companies.flatMap((c) => approvalRecurringJobs({ code: c.code, timeZone: c.time_zone }));
}
