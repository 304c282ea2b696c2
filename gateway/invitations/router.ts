import express, { type Router } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Config } from '../../shared/config.js';
import type { Logger } from '../../shared/logger.js';
import type { AuditLog } from '../../shared/audit/index.js';
import { issueAccessToken } from '../../shared/auth/tokens.js';
import type { Principal } from '../../shared/auth/principal.js';
import { auditSignIns, noteAuditPrincipal } from '../audit/index.js';
import { InvitationRefused, redeemInvitation } from './redeem.js';
import { MIN_PASSWORD_LENGTH, setPasswordPage } from './page.js';

export const SET_PASSWORD_PATH = '/auth/set-password';

const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const setPasswordSchema = z.object({
  token: z.string().min(1).max(200),
  password: z.string().min(MIN_PASSWORD_LENGTH, `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`).max(1024),
});

/** One answer for an unknown, used or expired link: the caller learns nothing about which. */
export const INVITATION_REFUSED = 'This link is invalid, already used or expired: ask the firm for a new invitation.';

const NO_STORE = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };

/**
 * `GET /auth/set-password?token=…`: the form an invited client sets their password with;
 * `POST /auth/set-password {"token","password"}` → `{"token"}`, a portal token for the new login.
 * Both are audited (SET_PASSWORD), the token and password redacted.
 */
export function invitationsRouter(deps: { config: Config; dataSource: DataSource; logger: Logger; audit: AuditLog }): Router {
  const { config, dataSource, logger } = deps;
  const router = express.Router();
  router.use(SET_PASSWORD_PATH, auditSignIns(deps.audit, dataSource, 'SET_PASSWORD'));

  router.get(SET_PASSWORD_PATH, (req, res) => {
    const token = tokenSchema.safeParse(req.query.token);
    if (!token.success) {
      res.status(400).set({ ...NO_STORE, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'" })
        .send(`<!doctype html><meta charset="utf-8"><title>Invalid link</title><p>${INVITATION_REFUSED}</p>`);
      return;
    }
    const { html, csp } = setPasswordPage(token.data, config.mail.firmName);
    res.status(200).set({ ...NO_STORE, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp }).send(html);
  });

  router.post(SET_PASSWORD_PATH, express.json({ limit: '16kb' }), async (req, res) => {
    const parsed = setPasswordSchema.safeParse(req.body);
    if (!parsed.success) {
      const passwordIssue = parsed.error.issues.find((i) => i.path[0] === 'password');
      res.status(400).set(NO_STORE).json({ error: passwordIssue?.message ?? 'Send a JSON body {"token": "...", "password": "..."}.' });
      return;
    }
    let principal: Principal;
    try {
      const account = await redeemInvitation(dataSource, parsed.data.token, parsed.data.password);
      principal = { accountId: account.id, email: account.email, role: account.role, clientId: account.clientId, staffId: account.staffId };
    } catch (error) {
      if (!(error instanceof InvitationRefused)) throw error;
      logger.info({ reason: error.message }, 'invitation refused');
      res.status(400).set(NO_STORE).json({ error: INVITATION_REFUSED });
      return;
    }
    noteAuditPrincipal(res, principal);
    logger.info({ accountId: principal.accountId }, 'client login created from an invitation');
    const token = await issueAccessToken(principal, config.auth);
    res.status(200).set(NO_STORE).json({ token, tokenType: 'Bearer', expiresIn: config.auth.tokenTtlSeconds });
  });
  return router;
}
