import type { RequestHandler } from 'express';
import type { Config } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';

/**
 * Behind a proxy with TRUST_PROXY off, every caller has the proxy's address, so all of them share
 * one bucket of each per-address limit (sign-ins, GraphQL rate). The first request that arrives
 * with X-Forwarded-For says so, once per process, with what to set.
 */
export function warnOfUntrustedProxy(config: Config, logger: Logger): RequestHandler {
  let warned = config.trustProxy !== false && config.trustProxy !== 0;
  return (req, _res, next) => {
    if (!warned && req.get('x-forwarded-for') !== undefined) {
      warned = true;
      logger.warn(
        { from: req.socket.remoteAddress ?? null },
        'a request arrived through a proxy (X-Forwarded-For) but TRUST_PROXY is off: every client behind it shares one address for sign-in throttling and rate limits. Set TRUST_PROXY to the number of proxies in front of the gateway or to their addresses/subnets.',
      );
    }
    next();
  };
}
