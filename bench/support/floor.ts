import type autocannon from 'autocannon';
import { z } from 'zod';
import type { Principal } from '../../shared/auth/principal.js';
import { IDENTITY_HEADER, signSubgraphIdentity } from '../../shared/auth/subgraph-identity.js';
import type { RecordedFetch } from '../recording-proxy.js';
import { runLoad } from './load.js';

const recordedOperation = z.object({ query: z.string(), variables: z.unknown().optional() });
/** Subgraph identities live 15 s: the replay signs a fresh one this often. */
const RESIGN_MS = 5_000;

export interface FloorResult {
  subgraph: string;
  result: autocannon.Result;
}

/**
 * Each recorded fetch of a plan replayed straight at its subgraph with the given load, under the
 * principal's identity signed as the gateway signs it (re-signed while the run lasts); and the
 * slowest of them (by p50), the floor a gateway cannot beat.
 */
export async function measureFloor(
  recorded: RecordedFetch[], principal: Principal, secret: string, load: { connections: number; duration: number },
): Promise<{ fetches: FloorResult[]; slowest: FloorResult }> {
  const fetches: FloorResult[] = [];
  for (const fetchOfPlan of recorded) {
    const operation = recordedOperation.parse(JSON.parse(fetchOfPlan.body));
    const sign = () => signSubgraphIdentity(principal, secret, { subgraph: fetchOfPlan.subgraph, operation });
    let identity = await sign();
    const renew = setInterval(() => void sign().then((fresh) => { identity = fresh; }), RESIGN_MS);
    try {
      const result = await runLoad(fetchOfPlan.url, fetchOfPlan.body, {
        ...load, headers: fetchOfPlan.headers, headersOf: () => ({ [IDENTITY_HEADER]: identity }),
      });
      fetches.push({ subgraph: fetchOfPlan.subgraph, result });
    } finally {
      clearInterval(renew);
    }
  }
  if (fetches.length === 0) throw new Error('the plan made no subgraph fetch to replay');
  const slowest = fetches.reduce((a, b) => (b.result.latency.p50 > a.result.latency.p50 ? b : a));
  return { fetches, slowest };
}
