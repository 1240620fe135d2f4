import type { Selectable } from 'kysely';
import type { Company } from '../app/companies.ts';
import { listComments } from '../approvals/comments.ts';
import { findEntry } from '../approvals/entry-store.ts';
import type { ApprovalEntry, ApprovalStatus } from '../approvals/types.ts';
import type { NotificationEntryTable } from '../db/schema.ts';
import type { EngineContext } from '../engine/context.ts';
import { findPostedEntry } from '../posting/approval-history.ts';
import { entryChangeInfo } from '../record-changes/change-details.ts';
import { companyCurrency } from '../records/company.ts';
import { type ActionCode, formatAmount, formatDate, formatDateTime, phrasesFor } from './phrases.ts';
import { type RecordFacts, recordFacts, recordPath, safeLink } from './record-facts.ts';
import type { NotificationType } from './types.ts';

export type NotificationEntryRow = Selectable<NotificationEntryTable>;

/** One notification in a message: what the templates see as `notifications[i]`. */
export interface NotificationLine {
  readonly entryId: number;
  readonly approvalEntryId: number | null;
  readonly type: string;
  readonly title: string;
  readonly actionCode: ActionCode;
  readonly action: string;
  readonly recordExists: boolean;
  readonly link: string;
  readonly customLink: string;
  /** Signed one-click links (email only, for the approver of an open entry), else ''. */
  readonly approveLink: string;
  readonly rejectLink: string;
  readonly party: RecordFacts['party'];
  readonly amount: string;
  readonly currency: string;
  /** The amount in local currency when the document is in another currency, else ''. */
  readonly amountLcy: string;
  readonly lcy: string;
  readonly dueDate: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly comments: readonly { readonly user: string; readonly at: string; readonly text: string }[];
}

/** Everything a message template can use. */
export interface MessageModel {
  readonly type: NotificationType;
  readonly language: string;
  readonly recipient: { readonly id: string; readonly name: string };
  readonly company: { readonly code: string; readonly name: string };
  readonly count: number;
  readonly notifications: readonly NotificationLine[];
  readonly settingsLink: string;
  readonly inboxLink: string;
  readonly baseUrl: string;
}

const STATUS_ACTIONS: Readonly<Record<ApprovalStatus, ActionCode>> = {
  Open: 'open',
  Canceled: 'canceled',
  Rejected: 'rejected',
  Created: 'approval-created',
  Approved: 'approved',
};

export type DecisionLinkMaker = (entry: ApprovalEntry) => Promise<{ approve: string; reject: string } | undefined>;

export interface MessageInput {
  readonly type: NotificationType;
  readonly entries: readonly NotificationEntryRow[];
  readonly recipient: { readonly id: string; readonly name: string; readonly language: string };
  readonly company: Company;
  readonly baseUrl: string;
  readonly decisionLinks?: DecisionLinkMaker;
}

/**
 * The approval entries a notification entry is about: its own for type approval; for type
 * overdue every entry of that overdue run for the recipient (the overdue log rows with the
 * same recipient and creation time, as the overdue response writes them), else its own.
 */
async function approvalsOf(ctx: EngineContext, entry: NotificationEntryRow): Promise<ApprovalEntry[]> {
  if (entry.approval_entry_id === null) return [];
  let ids = [entry.approval_entry_id];
  if (entry.type === 'overdue') {
    const rows = await ctx.tx
      .selectFrom('overdue_approval_entry')
      .select('entry_id')
      .where('company_id', '=', ctx.companyId)
      .where('sent_to', '=', entry.recipient_id)
      .where('created_at', '=', entry.created_at)
      .orderBy('entry_id')
      .execute();
    if (rows.length > 0) ids = [...new Set(rows.map((r) => r.entry_id))];
  }
  const found: ApprovalEntry[] = [];
  for (const id of ids) {
    // An entry whose record was posted since lives on in the posted history.
    const approval = (await findEntry(ctx, id)) ?? (await findPostedEntry(ctx, id));
    if (approval) found.push(approval);
  }
  return found;
}

/** The message for a recipient's due entries of one type (spec §1.15 content), in their language. */
export async function buildMessage(ctx: EngineContext, input: MessageInput): Promise<MessageModel> {
  const { language } = input.recipient;
  const zone = input.company.timeZone;
  const phrases = phrasesFor(language);
  const companyBase = `${input.baseUrl}/companies/${encodeURIComponent(input.company.code)}`;
  const lcy = (await companyCurrency(ctx)).currencyCode;
  const names = new Map<string, string>();
  const nameOf = async (userId: string): Promise<string> => {
    if (!names.has(userId)) {
      const user = await ctx.tx.selectFrom('app_user').select('name').where('id', '=', userId).executeTakeFirst();
      names.set(userId, user?.name || userId);
    }
    return names.get(userId) ?? userId;
  };
  const lines: NotificationLine[] = [];
  for (const entry of input.entries) {
    const approvals = await approvalsOf(ctx, entry);
    for (const approval of approvals.length > 0 ? approvals : [undefined]) {
      const table = approval?.table ?? entry.table_name;
      const key = approval?.recordKey ?? entry.record_key;
      const facts = await recordFacts(ctx, table, key, language);
      // An entry of a held field change says which change it is about (reference §8.2).
      const [change] = approval ? await entryChangeInfo(ctx, [approval], language) : [];
      const actionCode: ActionCode = !facts.exists
        ? 'gone'
        : entry.type === 'overdue'
          ? 'overdue'
          : entry.type === 'approval' && approval
            ? STATUS_ACTIONS[approval.status]
            : 'created';
      const amount = facts.exists ? (approval?.amount ?? facts.amount ?? '') : '';
      const currency = (approval?.currencyCode ?? facts.currencyCode ?? '') || lcy;
      const comments: NotificationLine['comments'][number][] = [];
      if (approval && facts.exists) {
        for (const c of (await listComments(ctx, table, key)).slice(-10)) {
          comments.push({
            user: await nameOf(c.userId),
            at: formatDateTime(c.createdAt, language, zone),
            text: c.comment,
          });
        }
      }
      const decide =
        approval && facts.exists && approval.status === 'Open' && approval.approverId === input.recipient.id
          ? await input.decisionLinks?.(approval)
          : undefined;
      lines.push({
        entryId: entry.id,
        approvalEntryId: approval?.id ?? null,
        type: entry.type,
        title: change?.changeDetails ? `${facts.title} (${change.changeDetails})` : facts.title,
        actionCode,
        action: phrases.actions[actionCode],
        recordExists: facts.exists,
        link: facts.exists ? `${companyBase}/${recordPath(table, key)}` : '',
        customLink: safeLink(entry.custom_link),
        approveLink: decide?.approve ?? '',
        rejectLink: decide?.reject ?? '',
        party: facts.party,
        amount: amount === '' ? '' : formatAmount(amount, language),
        currency,
        amountLcy: approval && facts.exists && currency !== lcy ? formatAmount(approval.amountLcy, language) : '',
        lcy,
        dueDate: approval && entry.type !== 'new-record' ? formatDate(approval.dueDate, language) : '',
        createdBy: await nameOf(entry.sender_id),
        createdAt: formatDateTime(entry.created_at, language, zone),
        comments,
      });
    }
  }
  return {
    type: input.type,
    language,
    recipient: { id: input.recipient.id, name: input.recipient.name },
    company: { code: input.company.code, name: input.company.name },
    count: lines.length,
    notifications: lines,
    settingsLink: `${companyBase}/notification-setup`,
    inboxLink: `${companyBase}/notes`,
    baseUrl: input.baseUrl,
  };
}

/** The same message without one-click links: what is stored (a stored link would be a usable credential). */
export function withoutDecisionLinks(model: MessageModel): MessageModel {
  return { ...model, notifications: model.notifications.map((n) => ({ ...n, approveLink: '', rejectLink: '' })) };
}
