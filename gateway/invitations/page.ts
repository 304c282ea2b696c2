import { randomBytes } from 'node:crypto';
import { escapeHtml } from '../../shared/mail/index.js';

export const MIN_PASSWORD_LENGTH = 12;

/** The set-password page: no external assets; its one inline script is allowed by a fresh nonce. */
export function setPasswordPage(token: string, firmName: string): { html: string; csp: string } {
  const nonce = randomBytes(16).toString('base64');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Set your password · ${escapeHtml(firmName)}</title>
<style nonce="${nonce}">body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
label{display:block;margin:1rem 0 .25rem}input{width:100%;padding:.5rem;box-sizing:border-box}button{margin-top:1rem;padding:.5rem 1rem}
#result{margin-top:1rem}</style></head>
<body><h1>Set your password</h1><p>Choose a password for your ${escapeHtml(firmName)} client portal login: at least ${MIN_PASSWORD_LENGTH} characters.</p>
<form id="form" method="post" action="/auth/set-password">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<label for="password">New password</label><input id="password" name="password" type="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required>
<label for="confirm">Repeat it</label><input id="confirm" type="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required>
<button type="submit">Set password</button></form><p id="result" role="status"></p>
<script nonce="${nonce}">
document.getElementById('form').addEventListener('submit', function (event) {
  event.preventDefault();
  var form = event.target, result = document.getElementById('result');
  if (form.password.value !== document.getElementById('confirm').value) { result.textContent = 'The two passwords differ.'; return; }
  fetch(form.action, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: form.token.value, password: form.password.value }) })
    .then(function (response) { return response.json().then(function (body) { return { ok: response.ok, body: body }; }); })
    .then(function (r) {
      if (r.ok) { form.hidden = true; result.textContent = 'Your password is set: you can now sign in to the portal.'; }
      else { result.textContent = r.body.error || 'That did not work.'; }
    }, function () { result.textContent = 'That did not work: try again.'; });
});
</script></body></html>`;
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;
  return { html, csp };
}
