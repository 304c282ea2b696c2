import { decodeJwt } from 'jose';
import type { SubgraphName } from '../config.js';
import type { Principal } from './principal.js';
import type { TokenVerifier } from './tokens.js';
import { operationDigest, signSubgraphIdentity, verifySubgraphIdentity, type SubgraphOperation } from './subgraph-identity.js';

/** Past this many remembered identities, the oldest half is forgotten (Map keeps insertion order). */
const MAX_REMEMBERED = 10_000;
/** A signed identity is handed out again only while it has at least this long to live (of its 15 s). */
const REUSE_WHILE_MS = 10_000;

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.size >= MAX_REMEMBERED) {
    let drop = map.size / 2;
    for (const old of map.keys()) {
      if (drop-- <= 0) break;
      map.delete(old);
    }
  }
  map.set(key, value);
}

/**
 * The gateway's signer with memory: the identity signed for a principal, subgraph and operation is
 * reused for identical fetches while it has REUSE_WHILE_MS left, instead of signing each one.
 * It opens nothing a fresh one would not: the same principal, subgraph and operation, within its
 * lifetime.
 */
export function createIdentitySigner(secret: string): (principal: Principal, subgraph: SubgraphName, operation: SubgraphOperation) => Promise<string> {
  const signed = new Map<string, { token: string; reuseUntil: number }>();
  return async (principal, subgraph, operation) => {
    const key = JSON.stringify([principal, subgraph, operationDigest(operation)]);
    const known = signed.get(key);
    if (known && known.reuseUntil > Date.now()) return known.token;
    const token = await signSubgraphIdentity(principal, secret, { subgraph, operation });
    const expiresAt = (decodeJwt(token).exp ?? 0) * 1000;
    remember(signed, key, { token, reuseUntil: expiresAt - REUSE_WHILE_MS });
    return token;
  };
}

/**
 * A subgraph's verifier with memory: a header whose signature was checked once is trusted until it
 * expires, so identical fetches cost a lookup instead of an HMAC; the operation it came with is
 * still compared to the one it was signed for on every request.
 */
export function createIdentityVerifier(secret: string, subgraph: SubgraphName): (header: string | undefined, operation: SubgraphOperation | null) => Promise<Principal> {
  const verified = new Map<string, { principal: Principal; op: string; expiresAt: number }>();
  return async (header, operation) => {
    const known = header === undefined ? undefined : verified.get(header);
    if (known && known.expiresAt > Date.now() && operation !== null && known.op === operationDigest(operation)) return known.principal;
    const principal = await verifySubgraphIdentity(header, secret, { subgraph, operation });
    const claims = decodeJwt(header!);
    if (typeof claims.exp === 'number' && typeof claims['op'] === 'string') remember(verified, header!, { principal, op: claims['op'], expiresAt: claims.exp * 1000 });
    return principal;
  };
}

/**
 * The gateway's access-token verifier with memory: a token whose signature, issuer, audience and
 * lifetime were checked once is trusted until its `exp`, so a client's next requests cost a lookup
 * instead of a signature check. Only accepted tokens are remembered (a refused one is checked
 * again each time); whether the account is still enabled is checked per request elsewhere
 * (gateway/account-status.ts), as before.
 */
export function rememberVerifiedTokens(verify: TokenVerifier): TokenVerifier {
  const verified = new Map<string, { principal: Principal; expiresAt: number }>();
  return async (token) => {
    const known = verified.get(token);
    if (known && known.expiresAt > Date.now()) return known.principal;
    const principal = await verify(token);
    const exp = decodeJwt(token).exp;
    if (typeof exp === 'number') remember(verified, token, { principal, expiresAt: exp * 1000 });
    return principal;
  };
}
