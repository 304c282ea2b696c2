import express, { type Router } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Config } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import { findAccountByEmail } from '../shared/auth/accounts.js';
import { decoyHash, verifyPassword } from '../shared/auth/passwords.js';
import { issueAccessToken } from '../shared/auth/tokens.js';

const loginSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

/** One message for an unknown email and a wrong password: the answer must not tell which. */
export const LOGIN_FAILED = 'Wrong email or password.';

/**
 * `POST /auth/login {"email","password"}` → `{"token"}`. An unknown email is checked against a
 * decoy hash so that it takes as long as a wrong password.
 */
export function loginRouter(deps: { config: Config; dataSource: DataSource; logger: Logger }): Router {
  const router = express.Router();
  router.post('/auth/login', express.json({ limit: '16kb' }), async (req, res) => {
    const parsed = loginSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'Send a JSON body {"email": "...", "password": "..."}.', issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
      return;
    }
    const { email, password } = parsed.data;
    const account = await findAccountByEmail(deps.dataSource, email);
    const usable = account !== null && !account.disabled;
    const passwordOk = await verifyPassword(password, usable ? account.passwordHash : await decoyHash());
    if (!usable || !passwordOk) {
      deps.logger.info({ known: account !== null }, 'login refused');
      res.status(401).json({ error: LOGIN_FAILED });
      return;
    }
    const token = await issueAccessToken(
      { accountId: account.id, email: account.email, role: account.role, clientId: account.clientId, staffId: account.staffId },
      deps.config.auth,
    );
    res.status(200).set('cache-control', 'no-store').json({ token, tokenType: 'Bearer', expiresIn: deps.config.auth.tokenTtlSeconds });
  });
  return router;
}
