import express, { type Router } from 'express';
import type { Config } from '../config.js';
import { isMessageId, localMailbox } from './mailbox.js';

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Whether GET /dev/mailbox is served: only with no SMTP server, and never in production. */
export const devMailboxEnabled = (config: Config) => !config.mail.smtpUrl && config.env !== 'production';

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
};

/**
 * `GET /dev/mailbox`: the local mailbox, newest first; `GET /dev/mailbox/:id`: one message's HTML
 * part (or its text), sandboxed so its markup can run nothing. Empty when disabled.
 */
export function devMailboxRouter(config: Config): Router {
  const router = express.Router();
  if (!devMailboxEnabled(config)) return router;
  const mailbox = localMailbox(config.dataDir);

  router.get('/dev/mailbox', async (_req, res) => {
    const rows = (await mailbox.list()).map((m) => `<tr><td>${escapeHtml(m.at)}</td><td>${escapeHtml(m.to)}</td>`
      + `<td><a href="/dev/mailbox/${m.id}">${escapeHtml(m.subject)}</a></td></tr>`);
    res.status(200).set(PAGE_HEADERS).send(`<!doctype html><html><head><meta charset="utf-8"><title>Mailbox</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}td,th{padding:4px 12px;text-align:left}</style></head>
<body><h1>Local mailbox</h1><p>Mail casebridge would have sent (no SMTP_URL is set). Newest first.</p>
<table><thead><tr><th>Sent</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows.join('\n') || '<tr><td colspan="3">No mail yet.</td></tr>'}</tbody></table></body></html>`);
  });

  router.get('/dev/mailbox/:id', async (req, res) => {
    const message = isMessageId(req.params.id) ? await mailbox.get(req.params.id) : null;
    if (!message) {
      res.status(404).set(PAGE_HEADERS).send('<!doctype html><p>No such message.</p>');
      return;
    }
    const body = message.html ?? `<!doctype html><meta charset="utf-8"><pre>${escapeHtml(message.text)}</pre>`;
    res.status(200).set({ ...PAGE_HEADERS, 'content-security-policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:" }).send(body);
  });
  return router;
}
