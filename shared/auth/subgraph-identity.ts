import { SignJWT, jwtVerify } from 'jose';
import { principalSchema, type Principal } from './principal.js';

/** The header the gateway sets on every subgraph request. */
export const IDENTITY_HEADER = 'x-casebridge-identity';
const AUDIENCE = 'casebridge-subgraphs';
const ISSUER = 'casebridge-gateway';
const encoder = new TextEncoder();

/**
 * The gateway re-signs the verified caller for the subgraphs with a secret only it and they hold,
 * valid for a minute: a subgraph reached directly, without this header, serves nothing.
 */
export async function signSubgraphIdentity(principal: Principal, secret: string): Promise<string> {
  return new SignJWT({ principal })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(encoder.encode(secret));
}

/** Returns the principal, or throws when the header is missing, forged or expired. */
export async function verifySubgraphIdentity(header: string | undefined, secret: string): Promise<Principal> {
  if (!header) throw new Error(`missing ${IDENTITY_HEADER} header: subgraphs only serve the gateway`);
  const { payload } = await jwtVerify(header, encoder.encode(secret), { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
  return principalSchema.parse(payload.principal);
}
