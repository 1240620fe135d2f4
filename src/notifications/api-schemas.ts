import { z } from 'zod';
import type { SentNotification } from './inbox.ts';
import type { MessageTemplate } from './templates.ts';
import {
  DAILY_FREQUENCIES,
  MONTHLY_RULES,
  NOTIFICATION_METHODS,
  NOTIFICATION_TYPES,
  type NotificationSetup,
  RECURRENCES,
  WEEKDAYS,
} from './types.ts';

/** Zod schemas of the notification routes (request bodies check shapes; the values get stable codes from the module). */

export const scheduleSchema = z.object({
  recurrence: z.enum(RECURRENCES),
  time: z.string().optional().describe('HH:MM in the company time zone'),
  frequency: z.enum(DAILY_FREQUENCIES).optional().describe('Daily: Monday to Friday, or every day'),
  days: z.array(z.enum(WEEKDAYS)).optional().describe('Weekly: the days'),
  on: z.enum(MONTHLY_RULES).optional().describe('Monthly: first workday, last workday, or a day of the month'),
  day: z.number().int().optional().describe('Monthly with on = day: 1–31, later than the month has = its last day'),
});

export const scheduleInput = z
  .object({
    recurrence: z.string().max(20).describe(RECURRENCES.join(', ')),
    time: z.string().max(10).optional().describe('HH:MM, default 12:00'),
    frequency: z
      .string()
      .max(20)
      .optional()
      .describe(`${DAILY_FREQUENCIES.join(' or ')}; default weekdays`),
    days: z
      .array(z.string().max(10))
      .max(7)
      .optional()
      .describe(`Of ${WEEKDAYS.join(', ')}; default mon–fri`),
    on: z
      .string()
      .max(20)
      .optional()
      .describe(`${MONTHLY_RULES.join(', ')}; default first-workday`),
    day: z.number().optional().describe('1–31, with on = day'),
  })
  .describe('When notifications go out; left out: instantly');

export const setupSchema = z.object({
  userId: z.string().describe("'' for the company default"),
  type: z.enum(NOTIFICATION_TYPES),
  method: z.enum(NOTIFICATION_METHODS),
  schedule: scheduleSchema,
  source: z.enum(['user', 'company', 'built-in']).describe('Own setup, company default, or the built-in default'),
  nextRunAt: z.string().nullable().describe('The next scheduled delivery (null when instantly)'),
});

export const setupInput = z.object({
  method: z.string().max(20).describe(NOTIFICATION_METHODS.join(' or ')),
  schedule: scheduleInput.optional(),
});

export const sentSchema = z.object({
  id: z.number().int(),
  type: z.string(),
  recipientId: z.string(),
  method: z.string(),
  subject: z.string(),
  bodyText: z.string(),
  bodyHtml: z.string(),
  entries: z.array(z.record(z.string(), z.unknown())).describe('The queued entries combined into this message'),
  sentAt: z.string(),
  readAt: z.string().nullable(),
});

export const templateSchema = z.object({
  type: z.enum(NOTIFICATION_TYPES),
  language: z.string(),
  subject: z.string(),
  bodyText: z.string(),
  bodyHtml: z.string(),
  source: z.enum(['company', 'built-in']),
});

export const templateInput = z.object({
  subject: z.string().max(50_000).describe('Liquid; one line after rendering'),
  bodyText: z.string().max(50_000).describe('Liquid; the plain-text body'),
  bodyHtml: z.string().max(50_000).describe('Liquid; every output is HTML-escaped (| raw opts out)'),
});

export function setupView(setup: NotificationSetup, nextRunAt: Date | null): z.infer<typeof setupSchema> {
  const { schedule } = setup;
  return {
    ...setup,
    schedule: schedule.recurrence === 'weekly' ? { ...schedule, days: [...schedule.days] } : { ...schedule },
    nextRunAt: nextRunAt ? nextRunAt.toISOString() : null,
  };
}

export function sentView(sent: SentNotification): z.infer<typeof sentSchema> {
  return { ...sent, entries: [...sent.entries] };
}

export function templateView(template: MessageTemplate): z.infer<typeof templateSchema> {
  return { ...template };
}
