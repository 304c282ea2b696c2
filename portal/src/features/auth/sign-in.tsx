import { useState, type FormEvent } from 'react';
import { useI18n } from '../../lib/i18n';
import { sessionExpired, setToken } from '../../lib/session';

/** Email and password against POST /auth/login; the token it answers is the session. */
export function SignIn() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
        <button type="submit" disabled={busy}>{busy ? t.signingIn : t.signIn}</button>
      </form>
    </section>
  );
}
