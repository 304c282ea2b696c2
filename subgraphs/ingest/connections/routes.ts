import { createHash, randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import type { TokenVerifier } from '../../../shared/auth/tokens.js';
import type { Config } from '../../../shared/config.js';
import type { Logger } from '../../../shared/logger.js';
import { escapeHtml } from '../../../shared/mail/index.js';
import { authorizeUrl, exchangeCode, InvalidGrantError } from './clio-oauth.js';
import { CLIO_PROVIDER, storeGrant } from './tokens.js';

const STATE_TTL_MS = 10 * 60_000;
const COOKIE = 'casebridge_connect';
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function page(res: Response, status: number, title: string, message: string): void {
  res.status(status).type('html').set('cache-control', 'no-store')
    .send(`<!doctype html><html><head><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`);
}

/**
 * "Connect Clio": `GET /connect/clio` (admins, with their bearer token) sends the browser to Clio's
 * approval page with a single-use `state` bound to the admin and to a cookie in their browser;
 * `GET /connect/clio/callback` checks both, exchanges the code and stores the tokens encrypted.
 * Without CLIO_CLIENT_ID both answer 404: the static tokens are in use.
 */
export function connectionsRouter(options: { config: Config; dataSource: DataSource; logger: Logger; verify: TokenVerifier }): Router {
  const { config, dataSource, logger, verify } = options;
  const router = Router();
  const secure = config.publicUrl.startsWith('https://');

  router.get('/connect/clio', async (req: Request, res: Response) => {
    const clio = config.clio;
    if (!clio) return void res.status(404).json({ error: 'Clio is not configured: set CLIO_CLIENT_ID, CLIO_CLIENT_SECRET and SECRETS_KEY.' });
    const header = req.get('authorization');
    const bearer = header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
    if (!bearer) return void res.status(401).json({ error: 'Sign in as an admin and send your access token as `Authorization: Bearer <token>`.' });
    const principal = await verify(bearer).catch(() => null);
    if (!principal) return void res.status(401).json({ error: 'The access token is invalid or expired: sign in again.' });
    const accounts: Array<{ disabled: boolean }> = await dataSource.query(`SELECT disabled FROM "identity"."accounts" WHERE id::text = $1`, [principal.accountId]);
    if (principal.role !== 'ADMIN' || accounts[0]?.disabled === true) return void res.status(403).json({ error: 'Only an admin can connect the firm\'s Clio account.' });

    const state = randomBytes(32).toString('base64url');
    const browser = randomBytes(32).toString('base64url');
    await dataSource.query(`DELETE FROM "sync"."connect_states" WHERE expires_at < now()`);
    await dataSource.query(
      `INSERT INTO "sync"."connect_states" (state_hash, provider, account_id, browser_hash, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [sha256(state), CLIO_PROVIDER, principal.accountId, sha256(browser), new Date(Date.now() + STATE_TTL_MS)],
    );
    res.cookie(COOKIE, browser, { httpOnly: true, sameSite: 'lax', secure, path: '/connect/clio', maxAge: STATE_TTL_MS });
    res.set('cache-control', 'no-store');
    const url = authorizeUrl(clio, state);
    if (req.accepts(['html', 'json']) === 'json') return void res.json({ url });
    res.redirect(302, url);
  });

  router.get('/connect/clio/callback', async (req: Request, res: Response) => {
    const clio = config.clio;
    if (!clio) return page(res, 404, 'Clio is not configured', 'Set CLIO_CLIENT_ID, CLIO_CLIENT_SECRET and SECRETS_KEY, then connect again.');
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    const browser = cookie(req, COOKIE) ?? '';
    // Single use: the state is deleted whether or not the rest succeeds.
    const [rows] = await dataSource.query(
      `DELETE FROM "sync"."connect_states" WHERE state_hash = $1 AND provider = $2 RETURNING account_id, browser_hash, expires_at`,
      [sha256(state), CLIO_PROVIDER],
    );
    const pending: { account_id: string; browser_hash: string; expires_at: Date } | undefined = Array.isArray(rows) ? rows[0] : undefined;
    res.clearCookie(COOKIE, { path: '/connect/clio' });
    if (!pending || pending.expires_at.getTime() < Date.now() || pending.browser_hash !== sha256(browser)) {
      logger.warn({ hasState: state !== '' }, 'Clio callback with an unknown, expired or foreign state refused');
      return page(res, 400, 'Not connected', 'This link is not from a "Connect Clio" you started in this browser, or it expired: start again from casebridge.');
    }
    if (typeof req.query.error === 'string') return page(res, 400, 'Not connected', `Clio answered "${req.query.error}": casebridge was not allowed. Start again to connect.`);
    const code = typeof req.query.code === 'string' ? req.query.code : '';
    if (!code) return page(res, 400, 'Not connected', 'Clio sent no authorization code: start again.');
    try {
      const answer = await exchangeCode(clio, code);
      await storeGrant(dataSource, { provider: CLIO_PROVIDER, key: clio.secretsKey, answer, accountId: pending.account_id });
    } catch (error) {
      if (error instanceof InvalidGrantError) return page(res, 400, 'Not connected', 'Clio refused the authorization code (already used or expired): start again.');
      logger.error({ err: error }, 'Clio code exchange failed');
      return page(res, 502, 'Not connected', 'Clio could not be reached or refused casebridge\'s credentials: check CLIO_CLIENT_ID/CLIO_CLIENT_SECRET and try again.');
    }
    logger.info({ accountId: pending.account_id }, 'Clio connected');
    page(res, 200, 'Connected', 'casebridge is connected to your Clio account. The sync starts within its interval; you can close this page.');
  });
  return router;
}
