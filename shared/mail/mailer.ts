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
});
export type Mail = z.input<typeof mailSchema>;

export interface Mailer {
  /** Sends one message from MAIL_FROM; rejects if it could not be handed over. */
  send(mail: Mail): Promise<void>;
  /** Where it sends: `smtp` or the local mailbox. */
  readonly transport: 'smtp' | 'mailbox';
}

export class MailError extends Error {
  override name = 'MailError';
}

/** Mail through SMTP_URL; without it, into the local mailbox (see mailbox.ts). */
export function createMailer(config: Config, logger: Logger): Mailer {
  const { smtpUrl, from } = config.mail;
  if (!smtpUrl) return mailboxMailer(localMailbox(config.dataDir), from, logger);
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    transport: 'smtp',
    async send(input) {
      const mail = mailSchema.parse(input);
      try {
        await transporter.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, ...(mail.html ? { html: mail.html } : {}) });
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
    async send(input) {
      const mail = mailSchema.parse(input);
      const id = newMessageId();
      const html = mail.html ? { html: mail.html } : {};
      const { message: raw } = await composer.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, ...html });
      await mailbox.add({ id, at: new Date().toISOString(), from, to: mail.to, subject: mail.subject, text: mail.text, ...html }, Buffer.isBuffer(raw) ? raw : undefined);
      logger.info({ id, subject: mail.subject }, 'mail written to the local mailbox (no SMTP_URL): see GET /dev/mailbox');
    },
  };
}
