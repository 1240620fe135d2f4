import { Decimal } from 'decimal.js';
import type { EngineContext } from '../engine/context.ts';
import { calcDate } from '../engine/date-formula.ts';
import { invalid } from '../shared/errors.ts';
import { companySettings } from './company-settings.ts';
import { entriesOfRequest, insertEntry } from './entry-store.ts';
import type {
  ApprovalEntry,
  ApprovalStatus,
  ApprovalSubject,
  ApproverType,
  DelegateAfter,
  LimitKind,
  LimitType,
} from './types.ts';
import { getUserGroup } from './user-groups.ts';
import { type ApprovalUserSetup, findUserSetup, listUserSetups } from './user-setup.ts';

export interface CreateRequestOptions {
  readonly approverType: ApproverType;
  readonly limitType: LimitType;
  readonly workflowUserGroup?: string;
  readonly approverId?: string;
  readonly dueDateFormula?: string;
  readonly delegateAfter?: DelegateAfter;
}

/** One approval entry routing would create, with the reason it exists. */
export interface PlannedEntry {
  readonly approverId: string;
  readonly sequence: number;
  readonly status: ApprovalStatus;
  readonly groupCode: string;
  readonly reason: string;
}

const DELEGATION_FORMULAS: Readonly<Record<DelegateAfter, string>> = {
  never: '',
  '1-day': '<1D>',
  '2-days': '<2D>',
  '5-days': '<5D>',
};

function limitOf(setup: ApprovalUserSetup, kind: LimitKind): { unlimited: boolean; limit: string; name: string } {
  switch (kind) {
    case 'sales':
      return { unlimited: setup.unlimitedSales, limit: setup.salesLimit, name: 'sales limit' };
    case 'purchase':
      return { unlimited: setup.unlimitedPurchase, limit: setup.purchaseLimit, name: 'purchase limit' };
    case 'request':
      return { unlimited: setup.unlimitedRequest, limit: setup.requestLimit, name: 'request limit' };
    default:
      return { unlimited: true, limit: '0', name: 'limit' };
  }
}

/**
 * May this user approve the amount? Inclusive (D3): amount ≤ limit qualifies; a limit of 0
 * without "unlimited" qualifies for nothing; a user who is their own approver qualifies.
 */
export function isQualified(setup: ApprovalUserSetup, kind: LimitKind, amountLcy: string): boolean {
  if (setup.approverId === setup.userId) return true;
  const { unlimited, limit } = limitOf(setup, kind);
  if (unlimited) return true;
  const value = new Decimal(limit);
  return !value.isZero() && new Decimal(amountLcy).lte(value);
}

function describeLimit(setup: ApprovalUserSetup, kind: LimitKind, amountLcy: string): string {
  if (kind === 'none') return 'no approval limit applies to a record without an amount';
  const { unlimited, limit, name } = limitOf(setup, kind);
  if (unlimited) return `unlimited ${name}`;
  return `${name} ${limit} ${isQualified(setup, kind, amountLcy) ? 'covers' : 'does not cover'} ${amountLcy}`;
}

/**
 * The limit type routing really applies. D4: records without amounts use the direct approver
 * whatever limit type is chosen.
 */
export function effectiveLimitType(kind: LimitKind, limitType: LimitType): LimitType {
  return kind === 'none' && (limitType === 'approver-chain' || limitType === 'first-qualified-approver')
    ? 'direct-approver'
    : limitType;
}

/**
 * Works out the approval entries for a request (spec §3.3 with D3, D4, D13, D14) without
 * writing anything; `createApprovalRequests` writes them, and a dry run shows them.
 */
export async function planApprovalRequests(
  ctx: EngineContext,
  subject: ApprovalSubject,
  options: CreateRequestOptions,
  lastSequence: number,
): Promise<PlannedEntry[]> {
  const settings = await companySettings(ctx);
  const requester = ctx.userId;
  const planned: PlannedEntry[] = [];
  let sequence = lastSequence;
  const make = (approverId: string, reason: string, fixedSequence?: number, groupCode = '') => {
    if (approverId === requester && settings.forbidSelfApproval) return; // D13: skip, route on
    const own = approverId === requester;
    planned.push({
      approverId,
      sequence: fixedSequence ?? ++sequence,
      status: own ? 'Approved' : 'Created',
      groupCode,
      reason: own ? `${reason}; the requester's own entry is approved at once` : reason,
    });
  };
  const kind = subject.limitKind;
  const limitType = effectiveLimitType(kind, options.limitType);
  const qualified = (setup: ApprovalUserSetup) =>
    !(setup.userId === requester && settings.forbidSelfApproval) && isQualified(setup, kind, subject.amountLcy);
  const maxSteps = (await listUserSetups(ctx)).length;

  const requireSetup = async (userId: string, role: string): Promise<ApprovalUserSetup> => {
    const setup = await findUserSetup(ctx, userId);
    if (!setup) {
      throw invalid('approval-user-not-set-up', `${role} ${userId || '(none)'} is not set up as an approval user.`, {
        userId,
      });
    }
    return setup;
  };

  /** Up the approver chain from `start` until someone qualifies (spec §3.3, engine §5.2). */
  const walk = async (start: ApprovalUserSetup, createEvery: boolean) => {
    let current = start;
    let step = 0;
    while (!qualified(current)) {
      step += 1;
      if (step > maxSteps) {
        throw invalid(
          'approver-chain-loop',
          `The approver chain starting at ${start.userId} goes round in a circle without reaching a qualified approver.`,
        );
      }
      if (current.approverId === '') {
        throw invalid(
          'no-qualified-approver',
          `No qualified approver was found: ${current.userId} has no approver, and nobody up to them may approve ${subject.amountLcy}.`,
          { userId: current.userId },
        );
      }
      const next = await findUserSetup(ctx, current.approverId);
      if (!next) {
        throw invalid(
          'approver-not-set-up',
          `The approver of ${current.userId}, ${current.approverId}, is not set up as an approval user.`,
          {
            userId: current.userId,
          },
        );
      }
      if (createEvery || qualified(next)) {
        make(
          next.userId,
          createEvery
            ? `approver chain step ${step} from ${start.userId}: ${describeLimit(next, kind, subject.amountLcy)}`
            : `first qualified approver above ${start.userId}: ${describeLimit(next, kind, subject.amountLcy)}`,
        );
      }
      current = next;
    }
  };

  if (options.approverType === 'workflow-user-group') {
    await requireSetup(requester, 'The requester');
    const group = await getUserGroup(ctx, options.workflowUserGroup ?? '');
    if (group.members.length === 0) {
      throw invalid('workflow-user-group-empty', `Workflow user group ${group.code} has no members; add at least one.`);
    }
    for (const member of group.members) await requireSetup(member.userId, `Member of group ${group.code}`);
    const base = sequence;
    for (const member of group.members) {
      make(
        member.userId,
        `workflow user group ${group.code}, sequence ${member.sequence}`,
        base + member.sequence,
        group.code,
      );
    }
  } else if (options.approverType === 'approver') {
    const own = await requireSetup(requester, 'The requester');
    if (limitType === 'direct-approver') {
      const approver = own.approverId === '' ? undefined : await findUserSetup(ctx, own.approverId);
      if (approver) make(approver.userId, `direct approver of ${requester}`);
      else if (own.approvalAdministrator)
        make(requester, 'the requester is the approval administrator and has no approver');
      else
        throw invalid('approver-missing', `${requester} has no approver; set one up in the approval user setup.`, {
          userId: requester,
        });
    } else if (limitType === 'specific-approver') {
      const specific = await requireSetup(options.approverId ?? '', 'The specific approver');
      make(specific.userId, 'specific approver named in the workflow');
    } else {
      make(requester, `requester: ${describeLimit(own, kind, subject.amountLcy)}`);
      await walk(own, limitType === 'approver-chain');
    }
  } else {
    if (subject.salespersonCode === '') {
      throw invalid(
        'salesperson-code-missing',
        `The record has no salesperson/purchaser code, which this workflow routes by.`,
        {
          field: 'salespersonCode',
        },
      );
    }
    const setups = await listUserSetups(ctx);
    const salesperson = setups.find((s) => s.salespersonCode === subject.salespersonCode);
    if (!salesperson) {
      throw invalid(
        'salesperson-user-missing',
        `No approval user represents salesperson/purchaser ${subject.salespersonCode}.`,
        { salespersonCode: subject.salespersonCode },
      );
    }
    const spReason = `salesperson/purchaser ${subject.salespersonCode}: ${describeLimit(salesperson, kind, subject.amountLcy)}`;
    if (limitType === 'direct-approver') {
      if (salesperson.userId === requester && settings.forbidSelfApproval) {
        // D13: the requester may not approve their own request; the next approver up is asked.
        const approver = salesperson.approverId === '' ? undefined : await findUserSetup(ctx, salesperson.approverId);
        if (approver)
          make(
            approver.userId,
            `${spReason}; the requester may not approve, so their approver ${approver.userId} is asked`,
          );
      } else make(salesperson.userId, spReason);
    } else if (limitType === 'specific-approver') {
      make(salesperson.userId, spReason);
      const specific = await requireSetup(options.approverId ?? '', 'The specific approver');
      make(specific.userId, 'specific approver named in the workflow');
    } else if (limitType === 'approver-chain') {
      make(salesperson.userId, spReason);
      await walk(salesperson, true);
    } else if (qualified(salesperson)) make(salesperson.userId, spReason);
    else await walk(salesperson, false);
  }
  if (planned.length === 0) {
    throw invalid(
      'approval-no-approver',
      'No approver could be found for this request other than the requester, who may not approve it.',
    );
  }
  return planned;
}

export interface CreateRequestInput {
  readonly subject: ApprovalSubject;
  readonly options: CreateRequestOptions;
  readonly instanceId: string;
  readonly workflowCode: string;
}

/** The create-approval-requests response: plans the entries and writes them. */
export async function createApprovalRequests(ctx: EngineContext, input: CreateRequestInput): Promise<ApprovalEntry[]> {
  const { subject, options } = input;
  const existing = await entriesOfRequest(ctx, subject.table, subject.key, input.instanceId);
  const lastSequence = existing.reduce((max, e) => Math.max(max, e.sequence), 0);
  const planned = await planApprovalRequests(ctx, subject, options, lastSequence);
  const { today } = await companySettings(ctx);
  const dueDate = calcDate(options.dueDateFormula ?? '', today);
  const applied = effectiveLimitType(subject.limitKind, options.limitType);
  const limitType =
    options.approverType === 'workflow-user-group' || applied === 'direct-approver' || applied === 'specific-approver'
      ? 'no-limits'
      : subject.limitKind === 'request'
        ? 'request-limits'
        : 'approval-limits';
  const created: ApprovalEntry[] = [];
  for (const entry of planned) {
    created.push(
      await insertEntry(
        ctx,
        {
          table_name: subject.table,
          record_key: subject.key,
          document_type: subject.documentType,
          document_no: subject.documentNo,
          sequence: entry.sequence,
          approval_code: input.workflowCode,
          sender_id: ctx.userId,
          salesperson_code: subject.salespersonCode,
          approver_id: entry.approverId,
          status: entry.status,
          sent_at: ctx.now.toISOString(),
          due_date: dueDate,
          amount: subject.amount,
          amount_lcy: subject.amountLcy,
          currency_code: subject.currencyCode,
          approval_type: options.approverType,
          limit_type: limitType,
          available_credit_lcy: subject.availableCreditLcy ?? null,
          delegation_formula: DELEGATION_FORMULAS[options.delegateAfter ?? 'never'],
          group_code: entry.groupCode,
          instance_id: input.instanceId,
          closed_by_peer: 0,
        },
        entry.reason,
      ),
    );
  }
  return created;
}
