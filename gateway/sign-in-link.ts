import { createHash, randomBytes } from 'node:crypto';
import express, { type Router } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Config } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import { findAccountByEmail } from '../shared/auth/accounts.js';
import { AccountRow } from '../shared/auth/Account.js';
import { SignInLinkRow } from '../shared/auth/SignInLink.js';
import { issueAccessToken } from '../shared/auth/tokens.js';
import { clientLanguage, createMailer, LANGUAGES, type Language } from '../shared/mail/index.js';
import { addressThrottle } from './address-throttle.js';

export const SIGN_IN_LINK_PATH = '/auth/sign-in-link';
export const SIGN_IN_LINK_TTL_MINUTES = 15;
/** One answer whether or not the address has a login: the caller learns nothing about which. */
export const SIGN_IN_LINK_SENT = `If this address has a portal login, a sign-in link is on its way. It works once, within ${SIGN_IN_LINK_TTL_MINUTES} minutes.`;
export const SIGN_IN_LINK_REFUSED = 'This sign-in link is invalid, already used or expired: ask for a new one on the sign-in page.';

const hash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
// The browser's language (the portal's switcher) counts only for a client who never chose one in their preferences.
const requestSchema = z.object({ email: z.string().trim().min(1).max(320), language: z.enum(LANGUAGES).optional() });
const redeemSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });
const usedSchema = z.array(z.object({ account_id: z.string() }));
const NO_STORE = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };

/**
 * `POST /auth/sign-in-link {"email"}` → 202, the same answer for any address; a login's address is
 * mailed `<PUBLIC_URL>/?sign-in-link=<token>`, which the portal redeems with
 * `POST /auth/sign-in-link/redeem {"token"}` → `{"token"}`, once, within 15 minutes.
 */
export function signInLinkRouter(deps: { config: Config; dataSource: DataSource; logger: Logger }): Router {
  const { config, dataSource, logger } = deps;
  const router = express.Router();
  const throttle = addressThrottle('sign-in-link', 10, 'sign-in links per address and minute');

  router.post(SIGN_IN_LINK_PATH, throttle, express.json({ limit: '4kb' }), async (req, res) => {
    const parsed = requestSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'Send a JSON body {"email": "...", "language": "en" or "es" (optional)}.' });
      return;
    }
    const account = await findAccountByEmail(dataSource, parsed.data.email);
    res.status(202).set(NO_STORE).json({ message: SIGN_IN_LINK_SENT });
    if (!account || account.disabled) return;
    // Mailed after answering, so the answer takes as long for an unknown address as for a known one.
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + SIGN_IN_LINK_TTL_MINUTES * 60_000);
    const mailer = createMailer(config, logger);
    try {
      await dataSource.getRepository(SignInLinkRow).insert({ tokenHash: hash(token), accountId: account.id, expiresAt });
      const link = `${config.publicUrl}/?sign-in-link=${token}`;
      const language = await clientLanguage(dataSource, account.clientId, parsed.data.language);
      await mailer.send({ to: account.email, ...signInLinkMail(config.mail.firmName, link, language) });
    } catch (error) {
      logger.error({ err: error }, 'sign-in link not sent');
    } finally {
      mailer.close();
    }
  });

  router.post(`${SIGN_IN_LINK_PATH}/redeem`, throttle, express.json({ limit: '4kb' }), async (req, res) => {
    const parsed = redeemSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(401).set(NO_STORE).json({ error: SIGN_IN_LINK_REFUSED });
      return;
    }
    // One UPDATE: of two concurrent uses only the first finds the link unused.
    const result = await dataSource.createQueryBuilder().update(SignInLinkRow).set({ usedAt: () => 'now()' })
      .where('token_hash = :tokenHash AND used_at IS NULL AND expires_at > now()', { tokenHash: hash(parsed.data.token) })
      .returning('"account_id"').execute();
    const [used] = usedSchema.parse(result.raw);
    const account = used ? await dataSource.getRepository(AccountRow).findOneBy({ id: used.account_id }) : null;
    if (!account || account.disabled) {
      res.status(401).set(NO_STORE).json({ error: SIGN_IN_LINK_REFUSED });
      return;
    }
    const token = await issueAccessToken({ accountId: account.id, email: account.email, role: account.role, clientId: account.clientId, staffId: account.staffId }, config.auth);
    res.status(200).set(NO_STORE).json({ token, tokenType: 'Bearer', expiresIn: config.auth.tokenTtlSeconds });
  });
  return router;
}

const SIGN_IN_MAIL = {
  en: {
    subject: (firm: string) => `Your ${firm} sign-in link`,
    text: (link: string) => `Open this link to sign in to your client portal:\n\n${link}\n\n`
      + `It works once, within ${SIGN_IN_LINK_TTL_MINUTES} minutes. If you did not ask for it, ignore this email.`,
  },
  es: {
    subject: (firm: string) => `Su enlace de acceso a ${firm}`,
    text: (link: string) => `Abra este enlace para entrar en su portal de cliente:\n\n${link}\n\n`
      + `Funciona una sola vez, durante ${SIGN_IN_LINK_TTL_MINUTES} minutos. Si no lo ha pedido, ignore este mensaje.`,
  },
} as const satisfies Record<Language, unknown>;

/** The sign-in link's email, in the client's language; the link itself (`sign-in-link=<token>`) is the same in both. */
function signInLinkMail(firmName: string, link: string, language: Language) {
  const words = SIGN_IN_MAIL[language];
  return { subject: words.subject(firmName), text: words.text(link) };
}
