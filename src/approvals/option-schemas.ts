import { z } from 'zod';
import { isNegativeDateFormula, parseDateFormula } from '../engine/date-formula.ts';
import { NOTIFICATION_TYPES } from './notify.ts';
import { APPROVER_TYPES, DELEGATE_AFTER, LIMIT_TYPES } from './types.ts';

const dueDateFormula = z.string().superRefine((text, issue) => {
  try {
    parseDateFormula(text);
  } catch {
    issue.addIssue({ code: 'custom', message: `"${text}" is not a date formula` });
    return;
  }
  if (isNegativeDateFormula(text))
    issue.addIssue({ code: 'custom', message: 'a due date formula must not go back in time' });
});

const link = z.string().url().or(z.literal(''));

export const createRequestsOptions = z.object({
  approverType: z.enum(APPROVER_TYPES).default('salesperson-purchaser'),
  limitType: z.enum(LIMIT_TYPES).default('approver-chain'),
  workflowUserGroup: z.string().max(20).optional(),
  approverId: z.string().max(50).optional(),
  dueDateFormula: dueDateFormula.optional(),
  delegateAfter: z.enum(DELEGATE_AFTER).default('never'),
  showConfirmation: z.boolean().default(false),
});

export const notifyOptions = z.object({
  notifySender: z.boolean().default(false),
  customLink: link.optional(),
});

export const notificationEntryOptions = z.object({
  recipientId: z.string().max(50).optional(),
  notifySender: z.boolean().default(false),
  type: z.enum(NOTIFICATION_TYPES).default('new-record'),
  customLink: link.optional(),
});
