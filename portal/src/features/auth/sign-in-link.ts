import { setToken } from '../../lib/session';

const PARAM = 'sign-in-link';
let redeemed = false;

/** Asks for an emailed one-time link; the answer is the same whether or not the address has a login. */
export async function requestSignInLink(email: string): Promise<string> {
  const response = await fetch('/auth/sign-in-link', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
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
