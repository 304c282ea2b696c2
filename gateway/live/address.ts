import type http from 'node:http';

/** Express's compiled `trust proxy` setting: whether the hop'th address from this side is a proxy of ours. */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * The caller's address on an upgrade request, derived as express derives `req.ip` for HTTP
 * requests (TRUST_PROXY): the socket's peer, then X-Forwarded-For from right to left while each
 * address is a trusted proxy; the first untrusted one is the caller.
 */
export function clientAddress(request: http.IncomingMessage, trust: TrustProxy): string {
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map((a) => a.trim()).filter((a) => a !== '');
  const hops = [request.socket.remoteAddress ?? 'unknown', ...forwarded.reverse()];
  for (let hop = 0; hop < hops.length - 1; hop++) if (!trust(hops[hop]!, hop)) return hops[hop]!;
  return hops[hops.length - 1]!;
}
