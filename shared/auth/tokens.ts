import { randomUUID } from 'node:crypto';
import { SignJWT, createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import type { Config } from '../config.js';
import { ROLES } from './Account.js';
import type { Principal } from './principal.js';

const encoder = new TextEncoder();

/**
 * The portal's access token: a short-lived HS256 JWT with `sub` (account id), `role`, `email`,
 * `client_id` (clients) or `staff_id` (staff), `iss`, `aud`, `iat`, `exp` and a unique `jti`.
 */
export async function issueAccessToken(principal: Principal, auth: Config['auth']): Promise<string> {
  return new SignJWT({
    role: principal.role,
    email: principal.email,
    ...(principal.clientId !== null ? { client_id: principal.clientId } : {}),
    ...(principal.staffId !== null ? { staff_id: principal.staffId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.accountId)
    .setIssuer(auth.issuer)
    .setAudience(auth.audience)
    .setIssuedAt()
    .setExpirationTime(`${auth.tokenTtlSeconds}s`)
    .setJti(randomUUID())
    .sign(encoder.encode(auth.jwtSecret));
}

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

/** The algorithms the IdP may sign with; HS* never goes to the JWKS path, RS/ES never to the secret. */
export const IDP_ALGORITHMS = ['RS256', 'ES256'] as const;
const PORTAL_ALGORITHM = 'HS256';
/** Clock skew tolerated on `exp`, `nbf` and `iat`. */
const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * The claims both kinds of token carry (IdP tokens are mapped the same way): `sub` → accountId,
 * `email`, `role` (CLIENT | STAFF | ADMIN, any case), `client_id` for a CLIENT (the CMS contact id),
 * `staff_id` for STAFF (the CMS user id; optional for ADMIN).
 */
const claimsSchema = z.object({
  sub: z.string().min(1),
  email: z.string().min(1),
  role: z.string().transform((r) => r.toUpperCase()).pipe(z.enum(ROLES)),
  client_id: z.string().min(1).nullish(),
  staff_id: z.string().min(1).nullish(),
}).refine((c) => c.role !== 'CLIENT' || !!c.client_id, 'a CLIENT token needs client_id')
  .refine((c) => c.role !== 'STAFF' || !!c.staff_id, 'a STAFF token needs staff_id');

function toPrincipal(payload: JWTPayload): Principal {
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) throw new InvalidTokenError(`token claims: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const c = parsed.data;
  return {
    accountId: c.sub,
    email: c.email,
    role: c.role,
    clientId: c.role === 'CLIENT' ? c.client_id ?? null : null,
    staffId: c.role === 'CLIENT' ? null : c.staff_id ?? null,
  };
}

/** Verifies a portal access token: signature, algorithm, issuer, audience and lifetime. */
export async function verifyAccessToken(token: string, auth: Config['auth']): Promise<Principal> {
  return createTokenVerifier({ auth, oidc: undefined })(token);
}

export type TokenVerifier = (token: string) => Promise<Principal>;

/**
 * One verifier per gateway: portal tokens (HS256, JWT_SECRET, JWT_ISSUER/JWT_AUDIENCE) and, when
 * JWKS_URL is set, the firm IdP's (RS256/ES256 keys from its JWKS, OIDC_ISSUER/OIDC_AUDIENCE). The
 * JWKS is cached and fetched again when a token names an unknown `kid` (at most once per
 * cooldown), so the IdP can rotate keys without a restart. Anything else — `alg: none`, another
 * algorithm, a bad signature, expired or not yet valid, wrong issuer or audience — throws
 * InvalidTokenError.
 */
export function createTokenVerifier(config: Pick<Config, 'auth' | 'oidc'>): TokenVerifier {
  const { auth, oidc } = config;
  const secret = encoder.encode(auth.jwtSecret);
  const jwks = oidc
    ? createRemoteJWKSet(new URL(oidc.jwksUrl), { cooldownDuration: oidc.cooldownSeconds * 1000, cacheMaxAge: oidc.cacheSeconds * 1000, timeoutDuration: 5000 })
    : undefined;
  return async (token) => {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new InvalidTokenError('not a JWT');
    }
    try {
      if (alg === PORTAL_ALGORITHM) {
        const { payload } = await jwtVerify(token, secret, {
          algorithms: [PORTAL_ALGORITHM], issuer: auth.issuer, audience: auth.audience,
          requiredClaims: ['sub', 'exp', 'iat'], clockTolerance: CLOCK_TOLERANCE_SECONDS,
        });
        return toPrincipal(payload);
      }
      if (jwks && oidc && (IDP_ALGORITHMS as readonly string[]).includes(alg ?? '')) {
        const { payload } = await jwtVerify(token, jwks, {
          algorithms: [...IDP_ALGORITHMS], issuer: oidc.issuer, audience: oidc.audience,
          requiredClaims: ['sub', 'exp'], clockTolerance: CLOCK_TOLERANCE_SECONDS,
        });
        return toPrincipal(payload);
      }
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      throw new InvalidTokenError(error instanceof Error ? error.message : 'token verification failed');
    }
    throw new InvalidTokenError(`algorithm ${JSON.stringify(alg ?? null)} is not accepted`);
  };
}
