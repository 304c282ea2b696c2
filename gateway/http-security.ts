import cors from 'cors';
import helmet from 'helmet';
import type { RequestHandler } from 'express';
import type { Config } from '../shared/config.js';

/** The headers Apollo Server's CSRF prevention accepts as proof of a preflighted request. */
const GRAPHQL_HEADERS = ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name'];

/**
 * Security headers on every answer: CSP that GraphiQL works with (everything from this origin,
 * inline styles), frame-ancestors 'none' and X-Frame-Options DENY, nosniff, no referrer, and HSTS
 * in production only (a laptop serves plain http://localhost).
 */
export function securityHeaders(config: Pick<Config, 'env'>): RequestHandler {
  const production = config.env === 'production';
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    xContentTypeOptions: true,
  });
}

/**
 * CORS for the origins in CORS_ORIGINS only (default: this gateway's localhost origins in
 * development, none in production). Tokens travel in the Authorization header, never cookies,
 * so credentials are not allowed. Other origins get no Access-Control-Allow-Origin.
 */
export function corsPolicy(config: Pick<Config, 'corsOrigins'>): RequestHandler {
  const allowed = new Set(config.corsOrigins);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: GRAPHQL_HEADERS,
    exposedHeaders: ['retry-after'],
    credentials: false,
    maxAge: 600,
  });
}

/**
 * A body express.json did not parse (text/plain, a form) is marked as empty rather than absent, so
 * that Apollo Server answers it — with its CSRF refusal, 400 — instead of a 500 about a missing
 * body parser.
 */
export const markUnparsedBody: RequestHandler = (req, _res, next) => {
  if (!Object.hasOwn(req, 'body')) Object.defineProperty(req, 'body', { value: undefined, writable: true, enumerable: true, configurable: true });
  next();
};
