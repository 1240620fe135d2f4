import { NOTIFICATION_TYPES, type NotificationType } from '../approvals/notify.ts';

export { NOTIFICATION_TYPES, type NotificationType };

/** Email, or a note in the recipient's in-app inbox (reference §7.2). */
export const NOTIFICATION_METHODS = ['email', 'note'] as const;
export type NotificationMethod = (typeof NOTIFICATION_METHODS)[number];

export const RECURRENCES = ['instantly', 'daily', 'weekly', 'monthly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

/** Weekday names in schedules; the index + 1 is the ISO weekday (Monday = 1). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const DAILY_FREQUENCIES = ['weekdays', 'every-day'] as const;
export type DailyFrequency = (typeof DAILY_FREQUENCIES)[number];

/** First working day, last working day (Monday to Friday), or a day of the month. */
export const MONTHLY_RULES = ['first-workday', 'last-workday', 'day'] as const;
export type MonthlyRule = (typeof MONTHLY_RULES)[number];

/** When a recipient's notifications of one type go out (reference §7.3). Times are `HH:MM` in the company's zone. */
export type NotificationSchedule =
  | { readonly recurrence: 'instantly' }
  | { readonly recurrence: 'daily'; readonly time: string; readonly frequency: DailyFrequency }
  | { readonly recurrence: 'weekly'; readonly time: string; readonly days: readonly Weekday[] }
  | { readonly recurrence: 'monthly'; readonly time: string; readonly on: MonthlyRule; readonly day?: number };

/** Where a setup came from: the user's own row, the company default (user ''), or the built-in default. */
export type SetupSource = 'user' | 'company' | 'built-in';

export interface NotificationSetup {
  /** '' for the company default. */
  readonly userId: string;
  readonly type: NotificationType;
  readonly method: NotificationMethod;
  readonly schedule: NotificationSchedule;
  readonly source: SetupSource;
}

/** Without any setup: email, instantly (reference §7.2, §7.3). */
export const BUILT_IN_SETUP = { method: 'email', schedule: { recurrence: 'instantly' } } as const satisfies {
  method: NotificationMethod;
  schedule: NotificationSchedule;
};

/** Settings of delivery, given by whoever runs the dispatcher (server, job worker, tests). */
export interface NotificationOptions {
  /** Links in messages start with this; default http://localhost:8080. */
  readonly baseUrl?: string;
  /** `smtp://user:pass@host:port` or `smtps://…`; without it (and without `transport`) emails fail and stay queued. */
  readonly smtpUrl?: string;
  /** The From address; default `Werkstroom <werkstroom@localhost>`. */
  readonly from?: string;
  /**
   * The server secret: approval emails then carry signed one-click approve/reject links for the
   * approver of an open entry (src/email-links). Stored copies leave these links out.
   */
  readonly linkSecret?: string;
  /** How long those links stay valid; default 7 days. */
  readonly linkLifetimeMs?: number;
  /** A ready nodemailer transporter instead of `smtpUrl` (it is not closed by the dispatcher). */
  readonly transport?: MailTransport;
}

/** The part of a nodemailer transporter the dispatcher uses. */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string;
    headers?: Record<string, string>;
  }): Promise<unknown>;
  close?(): void;
}

export const DEFAULT_BASE_URL = 'http://localhost:8080';
export const DEFAULT_FROM = 'Werkstroom <werkstroom@localhost>';
