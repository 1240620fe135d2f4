import type { EngineContext } from '../engine/context.ts';
import { Dec, decimalText } from '../records/decimals.ts';
import { getJournalBatch } from './setup.ts';

/** What the balance check needs of a line. */
export interface BalanceLine {
  readonly postingDate: string;
  readonly documentNo: string;
  readonly amount: string;
  /** A line with a balancing account balances itself. */
  readonly balAccountType: string;
}

export interface UnbalancedDocument {
  readonly postingDate: string;
  readonly documentNo: string;
  readonly difference: string;
}

export interface BatchBalance {
  /** Every document (document no. and posting date) of the batch adds up to 0. */
  readonly balanced: boolean;
  /** What the whole batch is off by (its lines' amounts, balancing accounts counted). */
  readonly difference: string;
  readonly lineCount: number;
  /** The documents that do not add up to 0, in the order of their first line. */
  readonly unbalancedDocuments: readonly UnbalancedDocument[];
}

/** The amount a line adds to its document once its balancing account is counted. */
function contribution(line: BalanceLine): InstanceType<typeof Dec> {
  return line.balAccountType === '' ? new Dec(line.amount) : new Dec(0);
}

/** Groups lines by posting date and document no.; each group is one posting and must add up to 0. */
export function balanceOfLines(lines: readonly BalanceLine[]): BatchBalance {
  const groups = new Map<string, { postingDate: string; documentNo: string; sum: InstanceType<typeof Dec> }>();
  let total = new Dec(0);
  for (const line of lines) {
    const key = JSON.stringify([line.postingDate, line.documentNo]);
    const group = groups.get(key) ?? { postingDate: line.postingDate, documentNo: line.documentNo, sum: new Dec(0) };
    group.sum = group.sum.plus(contribution(line));
    groups.set(key, group);
    total = total.plus(contribution(line));
  }
  const unbalancedDocuments = [...groups.values()]
    .filter((g) => !g.sum.isZero())
    .map((g) => ({ postingDate: g.postingDate, documentNo: g.documentNo, difference: decimalText(g.sum) }));
  return {
    balanced: unbalancedDocuments.length === 0,
    difference: decimalText(total),
    lineCount: lines.length,
    unbalancedDocuments,
  };
}

/** The balance of one batch (reference: the batch balance check); refuses an unknown batch. */
export async function checkBatchBalance(
  ctx: EngineContext,
  templateName: string,
  batchName: string,
): Promise<BatchBalance> {
  const batch = await getJournalBatch(ctx, templateName, batchName);
  const rows = await ctx.tx
    .selectFrom('gen_journal_line')
    .select(['posting_date', 'document_no', 'amount', 'bal_account_type'])
    .where('company_id', '=', ctx.companyId)
    .where('template_name', '=', batch.templateName)
    .where('batch_name', '=', batch.name)
    .orderBy('line_no')
    .execute();
  return balanceOfLines(
    rows.map((r) => ({
      postingDate: r.posting_date,
      documentNo: r.document_no,
      amount: r.amount,
      balAccountType: r.bal_account_type,
    })),
  );
}
