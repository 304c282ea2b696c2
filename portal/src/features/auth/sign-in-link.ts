import { currentLanguage } from '../../lib/i18n';
import { setToken } from '../../lib/session';

const PARAM = 'sign-in-link';
let redeemed = false;

/**
 * Asks for an emailed one-time link; the answer is the same whether or not the address has a login.
 * The mail is in the client's saved language, or this browser's when they never chose one.
 */
export async function requestSignInLink(email: string): Promise<string> {
  const request = JSON.stringify({ email, language: currentLanguage() });
  const response = await fetch('/auth/sign-in-link', { method: 'POST', headers: { 'content-type': 'application/json' }, body: request });
  const body = (await response.json()) as { message?: string; error?: string };
  return body.message ?? body.error ?? '';
}

/** Signs in with the link the email opened (`/?sign-in-link=…`), once; returns why not when refused. */
export async function redeemLinkInUrl(): Promise<string | null> {
  const token = new URLSearchParams(location.search).get(PARAM);
  if (!token || redeemed) return null;
  redeemed = true;
  // The token leaves the address bar (and history) before anything else happens.
  history.replaceState(null, '', location.pathname);
  const response = await fetch('/auth/sign-in-link/redeem', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  const body = (await response.json()) as { token?: string; error?: string };
  if (response.ok && body.token) {
    setToken(body.token);
    return null;
  }
  return body.error ?? 'This sign-in link did not work: ask for a new one.';
}
