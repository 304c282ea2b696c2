import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../lib/i18n';
import { sessionExpired, setToken } from '../../lib/session';
import { redeemLinkInUrl, requestSignInLink } from './sign-in-link';

/** Email and password against POST /auth/login; the token it answers is the session. */
export function SignIn() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => { void redeemLinkInUrl().then((refused) => { if (refused) setError(refused); }); }, []);

  async function emailLink() {
    setError(null);
    if (!email.trim()) { setError(t.emailFirst); return; }
    setNotice(await requestSignInLink(email).catch(() => t.chatFailed));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/auth/login', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
      });
      const body = (await response.json()) as { token?: string; error?: string };
      if (response.ok && body.token) setToken(body.token);
      else setError(response.status === 401 ? t.wrongLogin : body.error ?? t.wrongLogin);
    } catch {
      setError(t.chatFailed);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card narrow" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t.signInTitle}</h1>
      {sessionExpired() && <p role="status" className="notice">{t.sessionExpired}</p>}
      <form onSubmit={submit}>
        <label htmlFor="email">{t.email}</label>
        <input id="email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <label htmlFor="password">{t.password}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        {error && <p role="alert" className="error">{error}</p>}
        {notice && <p role="status" className="notice">{notice}</p>}
        <div className="actions">
          <button type="submit" disabled={busy}>{busy ? t.signingIn : t.signIn}</button>
          <button type="button" className="secondary" onClick={() => void emailLink()}>{t.emailLink}</button>
        </div>
      </form>
    </section>
  );
}
