import { z } from 'zod';
import type { ClioConnectionConfig } from '../../../shared/clio-config.js';

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  token_type: z.string(),
  expires_in: z.number().positive(),
});
export type TokenAnswer = z.infer<typeof tokenAnswer>;
const errorAnswer = z.object({ error: z.string(), error_description: z.string().optional() });

/** Clio refused the grant: the connection is revoked (or the code was already used or expired). */
export class InvalidGrantError extends Error {
  override name = 'InvalidGrantError';
}

const TIMEOUT_MS = 15_000;

/** The URL the admin's browser goes to: Clio's approval page for our app. */
export function authorizeUrl(clio: ClioConnectionConfig, state: string): string {
  const url = new URL(`${clio.baseUrl}/oauth/authorize`);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', clio.clientId);
  url.searchParams.set('redirect_uri', clio.redirectUri);
  url.searchParams.set('state', state);
  return url.toString();
}

async function tokenRequest(clio: ClioConnectionConfig, fields: Record<string, string>): Promise<TokenAnswer> {
  const body = new URLSearchParams({ client_id: clio.clientId, client_secret: clio.clientSecret, ...fields });
  const response = await fetch(`${clio.baseUrl}/oauth/token`, {
    method: 'POST', body, headers: { accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = errorAnswer.safeParse(json);
    const detail = error.success ? `${error.data.error}${error.data.error_description ? `: ${error.data.error_description}` : ''}` : `HTTP ${response.status}`;
    if (error.success && error.data.error === 'invalid_grant') throw new InvalidGrantError(`Clio refused the grant (${detail}).`);
    if (error.success && error.data.error === 'invalid_client') throw new Error(`Clio does not recognise CLIO_CLIENT_ID/CLIO_CLIENT_SECRET (${detail}): copy them again from the app in Clio's developer portal.`);
    throw new Error(`Clio's token endpoint answered ${detail}.`);
  }
  const parsed = tokenAnswer.safeParse(json);
  if (!parsed.success) throw new Error(`Clio's token endpoint answered an unexpected body: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  return parsed.data;
}

export const exchangeCode = (clio: ClioConnectionConfig, code: string) =>
  tokenRequest(clio, { grant_type: 'authorization_code', code, redirect_uri: clio.redirectUri });

export const refreshGrant = (clio: ClioConnectionConfig, refreshToken: string) =>
  tokenRequest(clio, { grant_type: 'refresh_token', refresh_token: refreshToken });
