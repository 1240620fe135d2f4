import { keyFromValues, type WorkflowRecord } from '../engine/record.ts';
import type { ResponseContext } from '../engine/registry-types.ts';
import { defineResponse } from '../engine/registry-types.ts';
import { addRestriction, parseDocumentKey, removeRestriction, setDocumentStatus } from '../records/index.ts';
import { invalid } from '../shared/errors.ts';
import { releaseByWorkflow } from './document-release.ts';
import { entryRecord, reloadRecord, targetRecord, unsupported } from './entry-record.ts';
import { changeEntry, entriesOfRequest, getEntry } from './entry-store.ts';
import { CANCELED_EVENTS, ENTRY_APPROVED, ENTRY_DELEGATED, ENTRY_REJECTED, REQUESTED_EVENTS } from './event-codes.ts';
import { createNotificationEntry, notifyAboutEntry } from './notify.ts';
import { createRequestsOptions, notificationEntryOptions, notifyOptions } from './option-schemas.ts';
import { createApprovalRequests } from './routing.ts';
import { sendFromEntry, sendFromRecord } from './send.ts';
import { approvalSubject } from './subject.ts';
import type { ApprovalStatus } from './types.ts';

const DOCUMENT_REQUESTED = ['purchase-document.approval-requested', 'sales-document.approval-requested'];

function documentRef(record: WorkflowRecord) {
  const area = record.table === 'purchase-header' ? 'purchase' : record.table === 'sales-header' ? 'sales' : undefined;
  if (!area) return undefined;
  return { area, ...parseDocumentKey(record.key) } as const;
}

/** Moves every entry of the request in `from` statuses to `to`, returning what each was before. */
async function settleAll(
  rc: ResponseContext,
  record: WorkflowRecord,
  from: readonly ApprovalStatus[],
  to: ApprovalStatus,
  action: string,
) {
  const target = await targetRecord(rc, record);
  const entries = (await entriesOfRequest(rc, target.table, target.key, rc.instance.id)).filter((e) =>
    from.includes(e.status),
  );
  const changed = [];
  for (const entry of entries) {
    changed.push({
      before: entry.status,
      entry: await changeEntry(rc, entry, { status: to }, { action, channel: 'workflow' }),
    });
  }
  return changed;
}

export const approvalResponses = [
  defineResponse({
    code: 'record.restrict',
    description: 'Restrict the record so it cannot be released or posted.',
    execute: async (ctx, { record }) => {
      const target = await targetRecord(ctx, record);
      await addRestriction(ctx, target.table, target.key, {
        workflowCode: ctx.instance.workflowCode,
        details: `Restricted by workflow ${ctx.instance.workflowCode} (${ctx.instance.workflowDescription}).`,
      });
      return undefined;
    },
  }),
  defineResponse({
    code: 'record.allow',
    description: 'Lift the restriction on the record.',
    execute: async (ctx, { record }) => {
      const target = await targetRecord(ctx, record);
      await removeRestriction(ctx, target.table, target.key);
      // Rows restricted with the record are allowed with it (a batch's lines, reference §8.1).
      for (const relation of ctx.registry.table(target.table).relations ?? []) {
        if (!relation.allowedTogether) continue;
        const related = ctx.registry.table(relation.table);
        const equals = Object.fromEntries(relation.fields.map(([from, to]) => [to, target.data[from] ?? '']));
        for (const row of (await related.findWhere?.(ctx, equals)) ?? []) {
          await removeRestriction(ctx, related.name, keyFromValues(related.key.map((field) => row[field])));
        }
      }
      return undefined;
    },
  }),
  defineResponse({
    code: 'document.set-pending-approval',
    description: 'Set the document status to Pending Approval.',
    predecessors: DOCUMENT_REQUESTED,
    execute: async (ctx, { record }) => {
      const ref = documentRef(record) ?? unsupported('document.set-pending-approval', record);
      await setDocumentStatus(ctx, ref, 'Pending Approval');
      return { record: await reloadRecord(ctx, record) };
    },
  }),
  defineResponse({
    code: 'document.release',
    description: 'Release the document.',
    predecessors: [ENTRY_APPROVED],
    execute: async (ctx, { record }) => {
      const target = await targetRecord(ctx, record);
      if (!documentRef(target)) unsupported('document.release', target);
      return { record: await releaseByWorkflow(ctx, target) };
    },
  }),
  defineResponse({
    code: 'document.reopen',
    description: 'Reopen the document.',
    predecessors: [ENTRY_REJECTED, ...CANCELED_EVENTS],
    execute: async (ctx, { record }) => {
      const target = await targetRecord(ctx, record);
      const ref = documentRef(target) ?? unsupported('document.reopen', target);
      await setDocumentStatus(ctx, ref, 'Open');
      return { record: await reloadRecord(ctx, target) };
    },
  }),
  defineResponse({
    code: 'approval.create-requests',
    description: 'Create approval requests, routed by {approverType} and {limitType}.',
    options: createRequestsOptions,
    predecessors: REQUESTED_EVENTS,
    missingOptions: (o) => [
      ...(o.approverType === 'workflow-user-group' && !o.workflowUserGroup ? ['workflowUserGroup'] : []),
      ...(o.approverType !== 'workflow-user-group' && o.limitType === 'specific-approver' && !o.approverId
        ? ['approverId']
        : []),
    ],
    execute: async (ctx, { record, options }) => {
      const target = await targetRecord(ctx, record);
      const entries = await createApprovalRequests(ctx, {
        subject: await approvalSubject(ctx, target),
        options,
        instanceId: ctx.instance.id,
        workflowCode: ctx.instance.workflowCode,
      });
      if (options.showConfirmation) {
        ctx.showMessage(
          entries.every((e) => e.status === 'Approved')
            ? 'The approval request was approved automatically.'
            : 'An approval request has been sent.',
        );
      }
      return undefined;
    },
  }),
  defineResponse({
    code: 'approval.send-requests',
    description: 'Send the approval requests that are due and notify their approvers.',
    options: notifyOptions,
    predecessors: [...REQUESTED_EVENTS, ENTRY_APPROVED, ENTRY_DELEGATED],
    execute: async (ctx, { record, options }) => {
      const outcome =
        record.table === 'approval-entry'
          ? await sendFromEntry(ctx, await getEntry(ctx, Number(record.key)), options)
          : await sendFromRecord(ctx, record.table, record.key, ctx.instance.id, options);
      if (outcome.kind === 'all-approved') {
        await ctx.raiseEventOnInstance(ENTRY_APPROVED, await entryRecord(ctx, outcome.lastApproved), ctx.instance.id);
      }
      return undefined;
    },
  }),
  defineResponse({
    code: 'approval.approve-all',
    description: 'Approve every open approval request of the record.',
    execute: async (ctx, { record }) => {
      for (const { entry } of await settleAll(ctx, record, ['Created', 'Open'], 'Approved', 'approved')) {
        await notifyAboutEntry(ctx, entry, {});
      }
      return undefined;
    },
  }),
  defineResponse({
    code: 'approval.reject-all',
    description: 'Reject every approval request of the record and notify.',
    options: notifyOptions,
    predecessors: [ENTRY_REJECTED],
    execute: async (ctx, { record, options }) => {
      const target = await targetRecord(ctx, record);
      const changed = await settleAll(ctx, target, ['Created', 'Open', 'Approved'], 'Rejected', 'rejected');
      // Only entries that were waiting for a decision (Open) are notified (reference §5.6, §5.8):
      // approvers of Created entries never heard of the request, Approved ones have decided.
      for (const { before, entry } of changed) if (before === 'Open') await notifyAboutEntry(ctx, entry, options);
      // The entry the approver rejected was settled before the event; its sender still hears of it.
      if (record.table === 'approval-entry' && options.notifySender) {
        const decided = await getEntry(ctx, Number(record.key));
        if (!changed.some((c) => c.entry.id === decided.id)) await notifyAboutEntry(ctx, decided, options);
      }
      return undefined;
    },
  }),
  defineResponse({
    code: 'approval.cancel-all',
    description: 'Cancel every approval request of the record and notify.',
    options: notifyOptions,
    predecessors: CANCELED_EVENTS,
    execute: async (ctx, { record, options }) => {
      for (const { before, entry } of await settleAll(
        ctx,
        record,
        ['Created', 'Open', 'Approved'],
        'Canceled',
        'canceled',
      )) {
        if (before === 'Open' || before === 'Approved') await notifyAboutEntry(ctx, entry, options);
      }
      return undefined;
    },
  }),
  defineResponse({
    code: 'notification.create-entry',
    description: 'Create a notification for {recipientId}.',
    options: notificationEntryOptions,
    missingOptions: (o) => (o.recipientId || o.notifySender ? [] : ['recipientId']),
    execute: async (ctx, { record, options }) => {
      const target = await targetRecord(ctx, record);
      const entry =
        record.table === 'approval-entry'
          ? await getEntry(ctx, Number(record.key))
          : (await entriesOfRequest(ctx, target.table, target.key, ctx.instance.id))[0];
      const recipient = options.recipientId || (options.notifySender ? entry?.senderId : entry?.approverId);
      if (!recipient) {
        throw invalid(
          'notification-recipient-missing',
          'Nobody to notify: set a recipient or use an approval request.',
        );
      }
      await createNotificationEntry(ctx, {
        type: options.type,
        recipientId: recipient.toUpperCase(),
        table: target.table,
        key: target.key,
        ...(entry ? { approvalEntryId: entry.id } : {}),
        ...(options.customLink ? { customLink: options.customLink } : {}),
      });
      return undefined;
    },
  }),
];
