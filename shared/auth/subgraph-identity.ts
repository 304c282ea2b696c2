import { createHash } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { SubgraphName } from '../config.js';
import { principalSchema, type Principal } from './principal.js';

/** The header the gateway sets on every subgraph request. */
export const IDENTITY_HEADER = 'x-casebridge-identity';
const ISSUER = 'casebridge-gateway';
/**
 * Long enough for a fetch of a query plan to reach its subgraph across a busy network and a little
 * clock skew between containers, short enough that a captured header is soon worthless.
 */
const LIFETIME_SECONDS = 15;
const encoder = new TextEncoder();

/** The operation an identity accompanies: what the gateway sends a subgraph, and what the subgraph receives. */
export interface SubgraphOperation {
  query: string;
  variables?: unknown;
}

export const audienceOf = (subgraph: SubgraphName) => `casebridge-subgraph:${subgraph}`;

/**
 * The sha256 of an operation's document and variables. Both sides hash the parsed JSON re-serialized,
 * which is the same text whatever spacing the body was sent with.
 */
export function operationDigest(operation: SubgraphOperation): string {
  return createHash('sha256').update(JSON.stringify([operation.query, operation.variables ?? null])).digest('hex');
}

/**
 * The gateway re-signs the verified caller for one subgraph and one operation with a secret only it
 * and the subgraphs hold, valid for LIFETIME_SECONDS: a subgraph reached directly, without this
 * header, serves nothing, and a captured header serves neither another subgraph nor another
 * operation. `subgraph` may list several audiences (tests that call subgraphs directly).
 */
export async function signSubgraphIdentity(
  principal: Principal, secret: string, target: { subgraph: SubgraphName | readonly SubgraphName[]; operation: SubgraphOperation },
): Promise<string> {
  const audiences = typeof target.subgraph === 'string' ? [target.subgraph] : target.subgraph;
  return new SignJWT({ principal, op: operationDigest(target.operation) })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(audiences.map(audienceOf))
    .setIssuedAt()
    .setExpirationTime(`${LIFETIME_SECONDS}s`)
    .sign(encoder.encode(secret));
}

/**
 * Returns the principal, or throws when the header is missing, forged, expired, meant for another
 * subgraph, or signed for another operation than the one it came with.
 */
export async function verifySubgraphIdentity(
  header: string | undefined, secret: string, expected: { subgraph: SubgraphName; operation: SubgraphOperation | null },
): Promise<Principal> {
  if (!header) throw new Error(`missing ${IDENTITY_HEADER} header: subgraphs only serve the gateway`);
  const { payload } = await jwtVerify(header, encoder.encode(secret), { algorithms: ['HS256'], issuer: ISSUER, audience: audienceOf(expected.subgraph) });
  if (expected.operation === null) throw new Error('no operation in a JSON body: the gateway sends each operation as a POST body');
  if (payload['op'] !== operationDigest(expected.operation)) throw new Error(`the ${IDENTITY_HEADER} header was signed for another operation`);
  return principalSchema.parse(payload.principal);
}
