import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { Config } from '../config.js';
import { principalSchema, type Principal } from './principal.js';

const encoder = new TextEncoder();

/** The portal's access token: a short-lived HS256 JWT. */
export async function issueAccessToken(principal: Principal, auth: Config['auth']): Promise<string> {
  return new SignJWT({ role: principal.role, email: principal.email, client_id: principal.clientId, staff_id: principal.staffId })
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

const claimsSchema = principalSchema.pick({ role: true, email: true }).extend({
  sub: principalSchema.shape.accountId,
  client_id: principalSchema.shape.clientId.optional().default(null),
  staff_id: principalSchema.shape.staffId.optional().default(null),
});

/** Verifies a portal access token: signature, algorithm, issuer, audience and lifetime. */
export async function verifyAccessToken(token: string, auth: Config['auth']): Promise<Principal> {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(auth.jwtSecret), {
      algorithms: ['HS256'],
      issuer: auth.issuer,
      audience: auth.audience,
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    const claims = claimsSchema.parse(payload);
    return { accountId: claims.sub, email: claims.email, role: claims.role, clientId: claims.client_id, staffId: claims.staff_id };
  } catch (error) {
    if (error instanceof joseErrors.JOSEError || error instanceof Error) throw new InvalidTokenError(error.message);
    throw error;
  }
}
