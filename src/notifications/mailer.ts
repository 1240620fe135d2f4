import nodemailer from 'nodemailer';
import type { MailTransport, NotificationOptions } from './types.ts';

/** A transport for one dispatch run: the caller's, or one over `smtpUrl` that is closed afterwards. */
export interface MailerHandle {
  /** Undefined when no SMTP server is configured. */
  get(): MailTransport | undefined;
  close(): void;
}

export function openMailer(options: NotificationOptions): MailerHandle {
  let created: MailTransport | undefined;
  return {
    get() {
      if (options.transport) return options.transport;
      if (!options.smtpUrl) return undefined;
      created ??= nodemailer.createTransport({
        url: options.smtpUrl,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      });
      return created;
    },
    close() {
      created?.close?.();
      created = undefined;
    },
  };
}

/** The last line of a transport error, without the stack: what the entry's `error` keeps. */
export function describeSendError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return `Cannot send the email: ${text}`.slice(0, 2048);
}
