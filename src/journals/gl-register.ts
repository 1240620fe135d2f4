import type { EngineContext } from '../engine/context.ts';
import type { GlEntry } from '../ledger/entries.ts';
import { listGlEntries } from '../ledger/queries.ts';
import {
  listPostedApprovalComments,
  listPostedApprovalEntries,
  type PostedApprovalComment,
  type PostedApprovalEntry,
} from '../posting/approval-history.ts';
import { notFound } from '../shared/errors.ts';
import { POSTED_JOURNAL_TABLE } from './post-batch.ts';

/**
 * One posting (G/L register) with what it wrote and, for a journal posting, the approval history
 * of the journal lines and batch it came from (reference §5.12).
 */
export interface GlRegisterDetails {
  readonly id: number;
  /** `sales-posting`, `purchase-posting` or `journal`. */
  readonly source: string;
  readonly documentNo: string;
  readonly postingDate: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly glEntries: readonly GlEntry[];
  readonly approvalEntries: readonly PostedApprovalEntry[];
  readonly comments: readonly PostedApprovalComment[];
}

export async function getGlRegister(ctx: EngineContext, id: number): Promise<GlRegisterDetails> {
  const row = Number.isSafeInteger(id)
    ? await ctx.tx
        .selectFrom('gl_register')
        .selectAll()
        .where('company_id', '=', ctx.companyId)
        .where('id', '=', id)
        .executeTakeFirst()
    : undefined;
  if (!row) throw notFound('gl-register-not-found', `G/L register ${id} does not exist.`, { field: 'id' });
  const target = { table: POSTED_JOURNAL_TABLE, key: String(row.id) };
  return {
    id: Number(row.id),
    source: row.source,
    documentNo: row.document_no,
    postingDate: row.posting_date,
    createdBy: row.created_by,
    createdAt: row.created_at,
    glEntries: await listGlEntries(ctx, { registerId: Number(row.id) }),
    approvalEntries: await listPostedApprovalEntries(ctx, target),
    comments: await listPostedApprovalComments(ctx, target),
  };
}
