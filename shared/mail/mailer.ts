import nodemailer from 'nodemailer';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { localMailbox, newMessageId, type Mailbox } from './mailbox.js';

export const mailSchema = z.object({
  to: z.string().trim().min(3).max(320).regex(/^[^\s@<>]+@[^\s@<>]+$/, 'one plain email address'),
  subject: z.string().min(1).max(300).refine((s) => !/[\r\n]/.test(s), 'no line breaks'),
  text: z.string().min(1),
  html: z.string().optional(),
  /** `<…@…>`: the same id on every attempt of one message lets receivers drop a duplicate. */
  messageId: z.string().regex(/^<[^\s<>@]+@[^\s<>@]+>$/, 'a Message-ID such as <id@host>').optional(),
  /** Extra headers (e.g. List-Unsubscribe); values on one line. */
  headers: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/), z.string().refine((s) => !/[\r\n]/.test(s), 'no line breaks')).optional(),
});
export type Mail = z.input<typeof mailSchema>;

export interface Mailer {
  /** Sends one message from MAIL_FROM; rejects if it could not be handed over. */
  send(mail: Mail): Promise<void>;
  /** Where it sends: `smtp` or the local mailbox. */
  readonly transport: 'smtp' | 'mailbox';
  /** Closes pooled SMTP connections (a no-op otherwise). */
  close(): void;
}

export interface MailerOptions {
  /** Keep up to this many SMTP connections open and reuse them (bulk senders such as digests). */
  poolSize?: number;
  /** Give up on a silent SMTP server after this long (nodemailer's default is 10 minutes). */
  socketTimeoutMs?: number;
}

export class MailError extends Error {
  override name = 'MailError';
}

/** Mail through SMTP_URL; without it, into the local mailbox (see mailbox.ts). */
export function createMailer(config: Config, logger: Logger, options: MailerOptions = {}): Mailer {
  const { smtpUrl, from } = config.mail;
  if (!smtpUrl) return mailboxMailer(localMailbox(config.dataDir), from, logger);
  const transporter = options.poolSize || options.socketTimeoutMs
    ? nodemailer.createTransport({
      url: smtpUrl,
      ...(options.poolSize ? { pool: true, maxConnections: options.poolSize } : {}),
      ...(options.socketTimeoutMs ? { socketTimeout: options.socketTimeoutMs, greetingTimeout: options.socketTimeoutMs, connectionTimeout: options.socketTimeoutMs } : {}),
    } as Parameters<typeof nodemailer.createTransport>[0])
    : nodemailer.createTransport(smtpUrl);
  return {
    transport: 'smtp',
    close: () => transporter.close(),
    async send(input) {
      const mail = mailSchema.parse(input);
      try {
        await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, ...(mail.html ? { html: mail.html } : {}), ...(mail.messageId ? { messageId: mail.messageId } : {}), ...(mail.headers ? { headers: mail.headers } : {}) });
      } catch (error) {
        logger.error({ err: error, subject: mail.subject }, 'could not send mail');
        throw new MailError('The mail server did not accept the message.', { cause: error });
      }
      logger.info({ subject: mail.subject }, 'mail sent');
    },
  };
}

export function mailboxMailer(mailbox: Mailbox, from: string, logger: Logger): Mailer {
  // Composes the message exactly as the SMTP transport would, without sending it anywhere.
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true });
  return {
    transport: 'mailbox',
    close: () => undefined,
    async send(input) {
      const mail = mailSchema.parse(input);
      const id = newMessageId();
      const html = mail.html ? { html: mail.html } : {};
      const { message: raw } = await composer.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, ...html, ...(mail.messageId ? { messageId: mail.messageId } : {}), ...(mail.headers ? { headers: mail.headers } : {}) });
      await mailbox.add({ id, at: new Date().toISOString(), from, to: mail.to, subject: mail.subject, text: mail.text, ...html }, Buffer.isBuffer(raw) ? raw : undefined);
      logger.info({ id, subject: mail.subject }, 'mail written to the local mailbox (no SMTP_URL): see GET /dev/mailbox');
    },
  };
}
