import type { EngineContext } from '../engine/context.ts';
import { canHandleEvent, handleEvent, handleEventOnInstance } from '../engine/execution/handle-event.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import { conflict, forbidden, invalid, notFound } from '../shared/errors.ts';
import { entryWebhookPayload } from '../webhooks/payloads.ts';
import { publishWebhookEvent } from '../webhooks/publish.ts';
import { addComment } from './comments.ts';
import { entryRecord } from './entry-record.ts';
import { changeEntry, entriesOfRequest, findEntry, getEntry } from './entry-store.ts';
import { approvalEventsOf, ENTRY_APPROVED, ENTRY_DELEGATED, ENTRY_REJECTED } from './event-codes.ts';
import { closeSatisfiedSequence } from './sequences.ts';
import type { ApprovalEntry, DecisionChannel } from './types.ts';
import { approvalAdministrator, findUserSetup } from './user-setup.ts';

export interface RequestResult {
  readonly instanceId?: string;
  readonly entries: readonly ApprovalEntry[];
  readonly messages: readonly string[];
}

async function loadRecord(ctx: EngineContext, table: string, key: string): Promise<WorkflowRecord> {
  if (!approvalEventsOf(ctx.registry, table)) {
    throw invalid('approval-table-unsupported', `Records of table ${table} cannot be sent for approval.`, {
      field: 'table',
    });
  }
  const data = await ctx.registry.table(table).load?.(ctx, key);
  if (!data) throw notFound('record-not-found', `${table} ${key} does not exist.`);
  return { table, key, data };
}

/**
 * Sends a record for approval: refused when it has nothing to approve (a document without
 * lines) or when no enabled workflow would take it.
 */
export async function sendApprovalRequest(ctx: EngineContext, table: string, key: string): Promise<RequestResult> {
  const record = await loadRecord(ctx, table, key);
  if ((table === 'purchase-header' || table === 'sales-header') && Number(record.data.lineCount ?? 0) === 0) {
    throw invalid('document-has-no-lines', `${String(record.data.no)} has no lines, so there is nothing to approve.`);
  }
  const event = approvalEventsOf(ctx.registry, table)?.requested;
  if (!event) throw new Error('unreachable');
  if (!(await canHandleEvent(ctx, event, record))) {
    throw conflict(
      'approval-workflow-missing',
      `No enabled approval workflow takes this ${table} in its current state (is it already sent, or is no workflow enabled?).`,
    );
  }
  // Master data has no status that stops a second request (documents are Pending Approval by
  // now), so a request still waiting is checked here, as the reference's UI does.
  const waiting = (await entriesOfRequest(ctx, table, key)).filter(
    (e) => e.status === 'Created' || e.status === 'Open',
  );
  // Entries that ask approval for held field changes are a request of their own (reference §8.2).
  const changeInstances = await instancesWithHeldChanges(ctx, table, key);
  if (waiting.some((e) => !changeInstances.has(e.instanceId))) {
    throw conflict(
      'approval-request-exists',
      `An approval request for this ${table} is still waiting for a decision; cancel it before sending a new one.`,
    );
  }
  const outcome = await handleEvent(ctx, event, record);
  const entries = outcome.instanceId ? await entriesOfRequest(ctx, table, key, outcome.instanceId) : [];
  if (outcome.instanceId) {
    await publishWebhookEvent(ctx, 'approval-requested', {
      table,
      key,
      instanceId: outcome.instanceId,
      entries: entries.map(entryWebhookPayload),
    });
  }
  return { ...(outcome.instanceId ? { instanceId: outcome.instanceId } : {}), entries, messages: outcome.messages };
}

async function isAdministrator(ctx: EngineContext): Promise<boolean> {
  return (await approvalAdministrator(ctx))?.userId === ctx.userId;
}

/** Cancels a record's open request: its sender may, and so may the approval administrator. */
export async function cancelApprovalRequest(ctx: EngineContext, table: string, key: string): Promise<RequestResult> {
  const record = await loadRecord(ctx, table, key);
  // Held field changes are decided by their approvers, not canceled (reference §8.2).
  const changeInstances = await instancesWithHeldChanges(ctx, table, key);
  const waiting = (await entriesOfRequest(ctx, table, key)).filter(
    (e) => (e.status === 'Created' || e.status === 'Open') && !changeInstances.has(e.instanceId),
  );
  if (waiting.length === 0)
    throw conflict('approval-request-missing', `${table} ${key} has no open approval request to cancel.`);
  if (!waiting.some((e) => e.senderId === ctx.userId) && !(await isAdministrator(ctx))) {
    throw forbidden(
      'approval-cancel-forbidden',
      'Only the user who sent the request, or the approval administrator, can cancel it.',
    );
  }
  const canceled = approvalEventsOf(ctx.registry, table)?.canceled;
  if (!canceled) throw new Error('unreachable');
  const outcome = await handleEvent(ctx, canceled, record);
  if (!outcome.handled) {
    throw conflict(
      'approval-cancel-not-possible',
      "No workflow of this request accepts a cancellation in the record's current state.",
    );
  }
  const instanceId = outcome.instanceId ?? waiting[0]?.instanceId ?? '';
  await publishWebhookEvent(ctx, 'approval-request-canceled', { table, key, instanceId, canceledBy: ctx.userId });
  return { instanceId, entries: await entriesOfRequest(ctx, table, key, instanceId), messages: outcome.messages };
}

export interface DecisionOptions {
  readonly channel?: DecisionChannel;
  readonly comment?: string;
}

/**
 * Locks the workflow instance of a request (where the database has row locks) before an entry of
 * it is decided. Deciding one entry can change its peers (D1 closes a satisfied sequence) and the
 * workflow then changes the rest, so decisions on one request take turns: the later one reads the
 * entry as the earlier left it and gets a conflict code, never a deadlock between two peers.
 */
async function lockRequest(ctx: EngineContext, instanceId: string): Promise<void> {
  if (!ctx.capabilities.rowLocks || instanceId === '') return;
  await ctx.tx
    .selectFrom('workflow_instance')
    .select('id')
    .where('company_id', '=', ctx.companyId)
    .where('id', '=', instanceId)
    .forUpdate()
    .execute();
}

/** The entry as it is once its request is locked. */
async function lockedEntry(ctx: EngineContext, id: number): Promise<ApprovalEntry> {
  await lockRequest(ctx, (await getEntry(ctx, id)).instanceId);
  return getEntry(ctx, id);
}

async function openEntryForDecision(ctx: EngineContext, id: number, verb: string): Promise<ApprovalEntry> {
  const entry = await lockedEntry(ctx, id);
  if (entry.approverId !== ctx.userId && !(await isAdministrator(ctx))) {
    throw forbidden(
      'approval-entry-not-yours',
      `Approval entry ${id} waits for ${entry.approverId}; only they or the approval administrator can ${verb} it.`,
    );
  }
  if (entry.status !== 'Open') {
    throw conflict(
      'approval-entry-not-open',
      `Approval entry ${id} is ${entry.status}; only open requests can be ${verb}d.`,
      {
        status: entry.status,
        decidedBy: entry.modifiedBy,
        decidedAt: entry.modifiedAt,
      },
    );
  }
  return entry;
}

export interface DecisionResult {
  readonly entry: ApprovalEntry;
  readonly messages: readonly string[];
}

/**
 * Decides a selection of entries. Every entry is checked first (yours or the administrator's,
 * and Open), so one refused entry refuses the whole selection before anything changes. An entry
 * that an earlier decision of the same selection already settled (its request was rejected, or
 * a peer's approval closed its sequence, D1) is reported as it now is instead of failing.
 */
async function decideSelection(
  ctx: EngineContext,
  ids: readonly number[],
  verb: 'approve' | 'reject',
  decide: (entry: ApprovalEntry) => Promise<readonly string[]>,
): Promise<DecisionResult[]> {
  // Requests are locked in one order (by instance), so two selections never wait on each other in a circle.
  const instances = new Set<string>();
  for (const id of ids) instances.add((await getEntry(ctx, id)).instanceId);
  for (const instanceId of [...instances].sort()) await lockRequest(ctx, instanceId);
  for (const id of ids) await openEntryForDecision(ctx, id, verb);
  const results: DecisionResult[] = [];
  for (const id of ids) {
    const entry = await lockedEntry(ctx, id);
    const messages = entry.status === 'Open' ? await decide(entry) : [];
    // A workflow may have posted the released document at once: its entries then moved to the
    // posted approval entries, and this one is reported as the decision left it.
    const decided: ApprovalEntry = {
      ...entry,
      status: verb === 'approve' ? 'Approved' : 'Rejected',
      modifiedBy: ctx.userId,
      modifiedAt: ctx.now.toISOString(),
      revision: entry.revision + 1,
    };
    results.push({ entry: (await findEntry(ctx, id)) ?? decided, messages });
  }
  return results;
}

/** Approves open entries: each exactly once, then the workflow moves on (next sequence, or release). */
export async function approveEntries(
  ctx: EngineContext,
  ids: readonly number[],
  options: DecisionOptions = {},
): Promise<DecisionResult[]> {
  const channel = options.channel ?? 'api';
  return decideSelection(ctx, ids, 'approve', async (entry) => {
    if (options.comment) await addDecisionComment(ctx, entry, options.comment);
    const approved = await changeEntry(ctx, entry, { status: 'Approved' }, { action: 'approved', channel });
    await publishWebhookEvent(ctx, 'entry-decided', {
      decision: 'approved',
      channel,
      decidedBy: ctx.userId,
      entry: entryWebhookPayload(approved),
    });
    await closeSatisfiedSequence(ctx, entry.table, entry.recordKey, entry.instanceId, entry.sequence, channel);
    const outcome = await handleEventOnInstance(
      ctx,
      ENTRY_APPROVED,
      await entryRecord(ctx, approved),
      entry.instanceId,
    );
    return outcome.messages;
  });
}

/** Rejects open entries; the workflow then settles the rest of the request (typically reject all, reopen). */
export async function rejectEntries(
  ctx: EngineContext,
  ids: readonly number[],
  options: DecisionOptions = {},
): Promise<DecisionResult[]> {
  const channel = options.channel ?? 'api';
  return decideSelection(ctx, ids, 'reject', async (entry) => {
    if (options.comment) await addDecisionComment(ctx, entry, options.comment);
    const rejected = await changeEntry(ctx, entry, { status: 'Rejected' }, { action: 'rejected', channel });
    await publishWebhookEvent(ctx, 'entry-decided', {
      decision: 'rejected',
      channel,
      decidedBy: ctx.userId,
      entry: entryWebhookPayload(rejected),
    });
    const outcome = await handleEventOnInstance(
      ctx,
      ENTRY_REJECTED,
      await entryRecord(ctx, rejected),
      entry.instanceId,
    );
    return outcome.messages;
  });
}

/**
 * Hands open entries to someone else (spec §2.14): the approver's substitute, else the
 * approver's own approver, else the approval administrator. The sent time restarts (D10) and
 * each delegation is recorded.
 */
export async function delegateEntries(
  ctx: EngineContext,
  ids: readonly number[],
  options: DecisionOptions & { readonly reason?: string; readonly checkUser?: boolean } = {},
): Promise<DecisionResult[]> {
  const results: DecisionResult[] = [];
  for (const id of ids) {
    const entry = await lockedEntry(ctx, id);
    if (entry.status !== 'Open') {
      throw conflict(
        'approval-entry-not-open',
        `Approval entry ${id} is ${entry.status}; only open requests can be delegated.`,
      );
    }
    if (
      (options.checkUser ?? true) &&
      entry.approverId !== ctx.userId &&
      entry.senderId !== ctx.userId &&
      !(await isAdministrator(ctx))
    ) {
      throw forbidden(
        'approval-delegate-forbidden',
        `Only the approver, the sender or the approval administrator can delegate entry ${id}.`,
      );
    }
    const to = await delegationTarget(ctx, entry.approverId);
    const delegated = await changeEntry(
      ctx,
      entry,
      { approverId: to, sentAt: ctx.now.toISOString() },
      { action: 'delegated', channel: options.channel ?? 'api', reason: options.reason ?? '' },
    );
    await publishWebhookEvent(ctx, 'entry-delegated', {
      from: entry.approverId,
      to,
      channel: options.channel ?? 'api',
      reason: options.reason ?? '',
      entry: entryWebhookPayload(delegated),
    });
    const outcome = await handleEventOnInstance(
      ctx,
      ENTRY_DELEGATED,
      await entryRecord(ctx, delegated),
      entry.instanceId,
    );
    results.push({ entry: await getEntry(ctx, id), messages: outcome.messages });
  }
  return results;
}

export async function delegationTarget(ctx: EngineContext, approverId: string): Promise<string> {
  const setup = await findUserSetup(ctx, approverId);
  if (!setup) throw invalid('approval-user-not-set-up', `Approver ${approverId} is not set up as an approval user.`);
  if (setup.substitute !== '') return setup.substitute;
  if (setup.approverId !== '') return setup.approverId;
  const admin = await approvalAdministrator(ctx);
  if (admin) return admin.userId;
  throw invalid(
    'delegation-target-missing',
    `${approverId} has no substitute and no approver, and there is no approval administrator to delegate to.`,
  );
}

async function addDecisionComment(ctx: EngineContext, entry: ApprovalEntry, comment: string): Promise<void> {
  await addComment(ctx, entry.table, entry.recordKey, comment, entry.instanceId);
}

/** Instances that hold field changes of the record: their approval entries are "related to change". */
async function instancesWithHeldChanges(ctx: EngineContext, table: string, key: string): Promise<Set<string>> {
  const rows = await ctx.tx
    .selectFrom('record_change')
    .select('instance_id')
    .distinct()
    .where('company_id', '=', ctx.companyId)
    .where('table_name', '=', table)
    .where('record_key', '=', key)
    .execute();
  return new Set(rows.map((r) => r.instance_id));
}
