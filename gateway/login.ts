import express, { type Router } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Config } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import { findAccountByEmail } from '../shared/auth/accounts.js';
import { decoyHash, verifyPassword } from '../shared/auth/passwords.js';
import { issueAccessToken } from '../shared/auth/tokens.js';
import { LoginThrottle } from './login-throttle.js';
import { loginFailures } from '../shared/observability/metrics.js';

const loginSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

/** One message for an unknown email and a wrong password: the answer must not tell which. */
export const LOGIN_FAILED = 'Wrong email or password.';

/**
 * `POST /auth/login {"email","password"}` → `{"token"}`. An unknown email is checked against a
 * decoy hash so that it takes as long as a wrong password, and is throttled like a known one.
 *
 * Throttling (identity.login_throttle, shared by every replica): LOGIN_MAX_FAILURES_PER_ACCOUNT
 * failures for one email from one address within LOGIN_FAILURE_WINDOW_SECONDS lock that email for
 * that address for LOGIN_LOCKOUT_SECONDS — the answer stays the generic 401, even for the right
 * password — while the right password from another address still signs in; past
 * LOGIN_MAX_FAILURES_PER_ACCOUNT_TOTAL failures from all addresses, only addresses that have not
 * failed on the email may try it; an address that keeps failing waits longer for each answer.
 * LOGIN_MAX_FAILURES_PER_ADDRESS failures from one address lock the address: 429 with
 * Retry-After. A successful sign-in clears the email's count from its address, not the address's.
 */
export function loginRouter(deps: { config: Config; dataSource: DataSource; logger: Logger }): Router {
  const router = express.Router();
  const throttle = new LoginThrottle(deps.dataSource, deps.config.loginThrottle);
  router.post('/auth/login', express.json({ limit: '16kb' }), async (req, res) => {
    const address = req.ip ?? 'unknown';
    const parsed = loginSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'Send a JSON body {"email": "...", "password": "..."}.', issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
      return;
    }
    const { email, password } = parsed.data;
    // Counted before the password is checked, so a concurrent burst cannot outrun the count.
    const fromAddress = await throttle.attemptAddress(address);
    if (!fromAddress.allowed) {
      deps.logger.info({ address }, 'login refused: address locked');
      loginFailures.inc({ reason: 'address_locked' });
      const retryAfter = fromAddress.retryAfterSeconds;
      res.status(429).set('retry-after', String(retryAfter)).json({ error: `Too many failed sign-ins from your address: try again in ${retryAfter} s.`, retryAfterSeconds: retryAfter });
      return;
    }
    const forAccount = await throttle.attemptAccount(email, address);
    if (forAccount.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, forAccount.delayMs));
    const accountLocked = !forAccount.allowed;
    const account = accountLocked ? null : await findAccountByEmail(deps.dataSource, email);
    const usable = account !== null && !account.disabled;
    const passwordOk = await verifyPassword(password, usable ? account.passwordHash : await decoyHash());
    if (accountLocked || !usable || !passwordOk) {
      deps.logger.info({ known: account !== null, locked: accountLocked }, 'login refused');
      loginFailures.inc({ reason: accountLocked ? 'account_locked' : 'credentials' });
      res.status(401).json({ error: LOGIN_FAILED });
      return;
    }
    await throttle.refundAddress(address);
    await throttle.reset(email, address);
    const token = await issueAccessToken(
      { accountId: account.id, email: account.email, role: account.role, clientId: account.clientId, staffId: account.staffId },
      deps.config.auth,
    );
    res.status(200).set('cache-control', 'no-store').json({ token, tokenType: 'Bearer', expiresIn: deps.config.auth.tokenTtlSeconds });
  });
  return router;
}
