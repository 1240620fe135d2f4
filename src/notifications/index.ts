export type { MessageModel, NotificationLine } from './content.ts';
export { DEFAULT_TEMPLATES, type TemplateTexts } from './default-templates.ts';
export { type DispatchResult, type DispatchScope, dispatchNotifications } from './dispatch.ts';
export {
  listNotes,
  listSentNotifications,
  markAllNotesRead,
  markNoteRead,
  type SentNotification,
  unreadNoteCount,
} from './inbox.ts';
export {
  configureNotifications,
  createNotificationJobHandlers,
  NOTIFICATION_DISPATCH_JOB,
  notificationJobHandlers,
  notificationOptions,
  notificationRecurringJobs,
} from './jobs.ts';
export { monthlyDay, nextRunAt } from './next-run.ts';
export { retryDelayMs } from './queue.ts';
export { checkTemplate, renderMessage } from './render.ts';
export { parseSchedule } from './schedule.ts';
export {
  deleteNotificationSetup,
  effectiveSetup,
  getNotificationSetup,
  listNotificationSetups,
  saveNotificationSetup,
} from './setup.ts';
export {
  deleteMessageTemplate,
  getMessageTemplate,
  listMessageTemplates,
  type MessageTemplate,
  resolveTemplate,
  saveMessageTemplate,
} from './templates.ts';
export * from './types.ts';
export { zonedInstant } from './zoned-time.ts';
