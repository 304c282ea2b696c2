export { createMailer, mailboxMailer, MailError, type Mail, type Mailer } from './mailer.js';
export { localMailbox, type Mailbox, type StoredMessage } from './mailbox.js';
export { devMailboxEnabled, devMailboxRouter, escapeHtml } from './dev-mailbox.js';
export { clientLanguage, configureClientLanguages, DEFAULT_LANGUAGE, isLanguage, LANGUAGES, localeOf, type FindClientLanguages, type Language } from './language.js';
