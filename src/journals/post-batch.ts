import type { EngineContext } from '../engine/context.ts';
import { type LedgerLine, postTransaction } from '../ledger/post-transaction.ts';
import { postApprovalHistory } from '../posting/approval-history.ts';
import { Dec, decimalText } from '../records/decimals.ts';
import { forgetRecordLinks } from '../records/record-links.ts';
import { assertNotRestricted } from '../records/restrictions.ts';
import { conflict } from '../shared/errors.ts';
import { balanceOfLines } from './balance.ts';
import { BATCH_TABLE, batchKey, type JournalAccountType, LINE_TABLE } from './codes.ts';
import { type JournalLine, journalLineKey, listJournalLines } from './lines.ts';
import { assertNoJournalApprovalPending, assertRowsWritten } from './pending.ts';
import { getJournalBatch, type JournalBatch } from './setup.ts';

export interface PostedJournalDocument {
  readonly postingDate: string;
  readonly documentNo: string;
  readonly registerId: number;
  readonly lineCount: number;
}

export interface PostedJournalBatch {
  readonly templateName: string;
  readonly batchName: string;
  /** One posting (G/L register) per document no. and posting date, in the order of their first line. */
  readonly documents: readonly PostedJournalDocument[];
  readonly lineCount: number;
}

/** Where the approval history of posted journal lines and batches goes: the G/L register of the posting. */
export const POSTED_JOURNAL_TABLE = 'gl-register';

const isParty = (type: string): type is 'customer' | 'vendor' => type === 'customer' || type === 'vendor';

/** A line's entries: its account, and its balancing account with the opposite amount. */
function ledgerLines(line: JournalLine): LedgerLine[] {
  const description = line.description || undefined;
  // The applies-to document belongs to the party side of the line.
  const settlesOnAccount = line.appliesToDocNo !== '' && isParty(line.accountType);
  const settlesOnBalancing = line.appliesToDocNo !== '' && !settlesOnAccount && isParty(line.balAccountType);
  const lines: LedgerLine[] = [
    {
      accountType: line.accountType,
      accountNo: line.accountNo,
      amount: line.amount,
      ...(description ? { description } : {}),
      ...(settlesOnAccount ? { appliesToDocNo: line.appliesToDocNo } : {}),
    },
  ];
  if (line.balAccountType !== '') {
    lines.push({
      accountType: line.balAccountType as JournalAccountType,
      accountNo: line.balAccountNo,
      amount: decimalText(new Dec(line.amount).negated()),
      ...(description ? { description } : {}),
      ...(settlesOnBalancing ? { appliesToDocNo: line.appliesToDocNo } : {}),
    });
  }
  return lines;
}

/**
 * Refuses posting while anything the batch uses is restricted (reference §5.7, §8.1): the batch,
 * each line, and the customers and vendors on the lines' accounts and balancing accounts.
 */
async function assertUsable(
  ctx: EngineContext,
  batch: { templateName: string; name: string },
  lines: readonly JournalLine[],
) {
  const action = 'posting the journal';
  await assertNotRestricted(ctx, BATCH_TABLE, batchKey(batch.templateName, batch.name), action);
  for (const line of lines) {
    await assertNotRestricted(ctx, LINE_TABLE, journalLineKey(line), action);
    for (const [type, no] of [
      [line.accountType, line.accountNo],
      [line.balAccountType, line.balAccountNo],
    ] as const) {
      if (isParty(type)) await assertNotRestricted(ctx, type, no, action);
    }
  }
}

/**
 * Refuses posting (`journal-approval-pending`) while the batch or one of its lines has approval
 * entries waiting for a decision, even when nothing restricts them any more.
 */
async function assertNothingPending(ctx: EngineContext, batch: JournalBatch, lines: readonly JournalLine[]) {
  await assertNoJournalApprovalPending(
    ctx,
    BATCH_TABLE,
    batchKey(batch.templateName, batch.name),
    `Journal batch ${batch.name}`,
    'posting',
  );
  for (const line of lines) {
    await assertNoJournalApprovalPending(
      ctx,
      LINE_TABLE,
      journalLineKey(line),
      `Line ${line.lineNo} of journal batch ${batch.name}`,
      'posting',
    );
  }
}

/** How many line numbers one delete names (well under SQLite's limit of bound parameters). */
const DELETE_CHUNK = 500;

/**
 * Deletes exactly the posted lines with their restrictions (their approval history moved to the
 * register already); `journal-batch-changed` when any of them was gone, which undoes the posting.
 */
async function removePostedLines(ctx: EngineContext, batch: JournalBatch, lines: readonly JournalLine[]) {
  for (const line of lines) await forgetRecordLinks(ctx, LINE_TABLE, journalLineKey(line));
  let deleted = 0n;
  for (let i = 0; i < lines.length; i += DELETE_CHUNK) {
    const lineNos = lines.slice(i, i + DELETE_CHUNK).map((l) => l.lineNo);
    const result = await ctx.tx
      .deleteFrom('gen_journal_line')
      .where('company_id', '=', ctx.companyId)
      .where('template_name', '=', batch.templateName)
      .where('batch_name', '=', batch.name)
      .where('line_no', 'in', lineNos)
      .executeTakeFirst();
    deleted += BigInt(result.numDeletedRows);
  }
  assertRowsWritten(
    deleted,
    lines.length,
    'journal-batch-changed',
    `The lines of journal batch ${batch.name} changed while it was being posted; nothing was posted. Try again.`,
  );
}

/**
 * Posts every line of a batch to the ledger and deletes the posted lines. The lines of one
 * document no. and posting date become one posting that must balance; a line with a balancing
 * account posts both sides. Refused — with nothing written — for an empty or unbalanced batch,
 * for anything restricted, and while the batch or a line waits for an approval decision.
 *
 * The batch row is locked before its lines are read, so two posts of one batch take turns: the
 * second finds no lines (`journal-batch-empty`) instead of posting them again.
 */
export async function postJournalBatch(
  ctx: EngineContext,
  templateName: string,
  batchName: string,
): Promise<PostedJournalBatch> {
  const batch = await getJournalBatch(ctx, templateName, batchName, true);
  const lines = await listJournalLines(ctx, batch.templateName, batch.name, true);
  if (lines.length === 0) {
    throw conflict('journal-batch-empty', `Journal batch ${batch.name} has no lines to post.`);
  }
  await assertUsable(ctx, batch, lines);
  await assertNothingPending(ctx, batch, lines);
  const balance = balanceOfLines(lines);
  if (!balance.balanced) {
    const [first] = balance.unbalancedDocuments;
    throw conflict(
      'journal-batch-not-balanced',
      `Journal batch ${batch.name} does not balance: document ${first?.documentNo} of ${first?.postingDate} is off by ${first?.difference}.`,
      { difference: balance.difference, unbalancedDocuments: balance.unbalancedDocuments },
    );
  }
  const groups = new Map<string, JournalLine[]>();
  for (const line of lines) {
    const key = JSON.stringify([line.postingDate, line.documentNo]);
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  const documents: PostedJournalDocument[] = [];
  for (const group of groups.values()) {
    const [first] = group;
    if (!first) continue;
    const posted = await postTransaction(ctx, {
      source: 'journal',
      postingDate: first.postingDate,
      documentType: group.find((l) => l.documentType !== '')?.documentType ?? '',
      documentNo: first.documentNo,
      description: first.description || `Journal ${batch.templateName} ${batch.name}`,
      lines: group.flatMap(ledgerLines),
    });
    documents.push({
      postingDate: first.postingDate,
      documentNo: first.documentNo,
      registerId: posted.registerId,
      lineCount: group.length,
    });
    // The lines' approval history goes with their posting (reference §5.12).
    const register = { table: POSTED_JOURNAL_TABLE, key: String(posted.registerId) };
    for (const line of group)
      await postApprovalHistory(ctx, { table: LINE_TABLE, key: journalLineKey(line) }, register);
  }
  const [firstPosting] = documents;
  if (firstPosting) {
    await postApprovalHistory(
      ctx,
      { table: BATCH_TABLE, key: batchKey(batch.templateName, batch.name) },
      { table: POSTED_JOURNAL_TABLE, key: String(firstPosting.registerId) },
    );
  }
  await removePostedLines(ctx, batch, lines);
  return { templateName: batch.templateName, batchName: batch.name, documents, lineCount: lines.length };
}
