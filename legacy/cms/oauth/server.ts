import { randomBytes } from 'node:crypto';

/** An application registered in Clio's developer portal. */
export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  /** The redirect URIs the app registered; `redirect_uri` must be one of them exactly. */
  redirectUris: string[];
}

export interface OAuthOptions {
  apps: OAuthApp[];
  /** Access token lifetime (Clio: 30 days). */
  accessTokenTtlSeconds?: number;
  /** Authorization code lifetime (Clio: 10 minutes). */
  codeTtlSeconds?: number;
}

interface Grant {
  clientId: string;
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: number;
}

export type TokenAnswer = { access_token: string; refresh_token: string; token_type: 'bearer'; expires_in: number };

/** Clio's OAuth errors: the code travels as `error`, a sentence as `error_description`. */
export class OAuthError extends Error {
  constructor(readonly status: number, readonly error: string, description: string) {
    super(description);
  }
}

const DEFAULT_ACCESS_TTL_SECONDS = 30 * 24 * 3600;
const DEFAULT_CODE_TTL_SECONDS = 600;
const secret = () => randomBytes(24).toString('base64url');

/**
 * The authorization server of the simulated Clio: single-use short-lived codes, access tokens that
 * expire, refresh tokens that rotate (the old one stops working once used), deauthorization.
 */
export class OAuthServer {
  private readonly codes = new Map<string, { clientId: string; redirectUri: string; expiresAt: number }>();
  private readonly byAccess = new Map<string, Grant>();
  private readonly byRefresh = new Map<string, Grant>();
  private accessTtlSeconds: number;
  private readonly codeTtlSeconds: number;

  constructor(private readonly options: OAuthOptions) {
    this.accessTtlSeconds = options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TTL_SECONDS;
    this.codeTtlSeconds = options.codeTtlSeconds ?? DEFAULT_CODE_TTL_SECONDS;
  }

  /** Tests shorten it to see expiry; applies to tokens issued afterwards. */
  setAccessTokenTtl(seconds: number): void {
    this.accessTtlSeconds = seconds;
  }

  app(clientId: string): OAuthApp | undefined {
    return this.options.apps.find((a) => a.clientId === clientId);
  }

  /** Throws unless the client and its redirect URI are registered (shown to the user, never redirected). */
  checkAuthorizeRequest(clientId: string, redirectUri: string): void {
    const app = this.app(clientId);
    if (!app) throw new OAuthError(400, 'invalid_client', `No application is registered with client_id "${clientId}".`);
    if (!app.redirectUris.includes(redirectUri)) throw new OAuthError(400, 'invalid_request', `The redirect_uri "${redirectUri}" is not registered for this application.`);
  }

  issueCode(clientId: string, redirectUri: string): string {
    const code = secret();
    this.codes.set(code, { clientId, redirectUri, expiresAt: Date.now() + this.codeTtlSeconds * 1000 });
    return code;
  }

  private authenticate(clientId: string, clientSecret: string): OAuthApp {
    const app = this.app(clientId);
    if (!app || app.clientSecret !== clientSecret) throw new OAuthError(401, 'invalid_client', 'Client authentication failed: unknown client_id or wrong client_secret.');
    return app;
  }

  exchangeCode(input: { clientId: string; clientSecret: string; code: string; redirectUri: string }): TokenAnswer {
    this.authenticate(input.clientId, input.clientSecret);
    const code = this.codes.get(input.code);
    // Single use: a replayed code finds nothing.
    this.codes.delete(input.code);
    if (!code || code.expiresAt <= Date.now() || code.clientId !== input.clientId) {
      throw new OAuthError(400, 'invalid_grant', 'The authorization code is invalid, expired, already used, or was issued to another client.');
    }
    if (code.redirectUri !== input.redirectUri) throw new OAuthError(400, 'invalid_grant', 'The redirect_uri does not match the one the code was issued for.');
    return this.issue(input.clientId);
  }

  refresh(input: { clientId: string; clientSecret: string; refreshToken: string }): TokenAnswer {
    this.authenticate(input.clientId, input.clientSecret);
    const grant = this.byRefresh.get(input.refreshToken);
    if (!grant || grant.clientId !== input.clientId) throw new OAuthError(400, 'invalid_grant', 'The refresh token is invalid, revoked or already used.');
    this.revoke(grant);
    return this.issue(input.clientId);
  }

  /** Revokes the grant an access or refresh token belongs to; false if it is unknown. */
  deauthorize(token: string): boolean {
    const grant = this.byAccess.get(token) ?? this.byRefresh.get(token);
    if (!grant) return false;
    this.revoke(grant);
    return true;
  }

  /** Whether the API accepts this bearer token now. */
  accepts(token: string): boolean {
    const grant = this.byAccess.get(token);
    return grant !== undefined && grant.accessExpiresAt > Date.now();
  }

  private revoke(grant: Grant): void {
    this.byAccess.delete(grant.accessToken);
    this.byRefresh.delete(grant.refreshToken);
  }

  private issue(clientId: string): TokenAnswer {
    const grant: Grant = { clientId, accessToken: secret(), refreshToken: secret(), accessExpiresAt: Date.now() + this.accessTtlSeconds * 1000 };
    this.byAccess.set(grant.accessToken, grant);
    this.byRefresh.set(grant.refreshToken, grant);
    return { access_token: grant.accessToken, refresh_token: grant.refreshToken, token_type: 'bearer', expires_in: this.accessTtlSeconds };
  }
}
