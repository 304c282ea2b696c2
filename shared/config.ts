import { z } from 'zod';
import { exposureProblems, isLoopbackHost } from './config-exposure.js';
import { clioConnectionConfig, clioEnvSchema, type ClioConnectionConfig } from './clio-config.js';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const seconds = (fallback: number) => z.coerce.number().min(0).default(fallback);
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.url().optional());

const DEV_JWT_SECRET = 'casebridge-development-jwt-secret-change-me';
const DEV_SUBGRAPH_SECRET = 'casebridge-development-subgraph-secret-change-me';
export const DEFAULT_SIM_TOKEN = 'casebridge-sim-token';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('127.0.0.1'),
  PORT: port(4000),
  MATTERS_PORT: port(4001),
  DOCUMENTS_PORT: port(4002),
  BILLING_PORT: port(4003),
  NOTIFICATIONS_PORT: port(4004),
  AUDIT_PORT: port(4005),
  /** 4006 is the chatbot's. */
  INGEST_PORT: port(4007),
  MATTERS_SUBGRAPH_URL: optionalUrl,
  DOCUMENTS_SUBGRAPH_URL: optionalUrl,
  BILLING_SUBGRAPH_URL: optionalUrl,
  NOTIFICATIONS_SUBGRAPH_URL: optionalUrl,
  AUDIT_SUBGRAPH_URL: optionalUrl,
  INGEST_SUBGRAPH_URL: optionalUrl,

  DATABASE_URL: optionalUrl,
  DATA_DIR: z.string().default('.data'),

  CMS_URL: optionalUrl,
  DMS_URL: optionalUrl,
  BILLING_URL: optionalUrl,
  SIM_TOKEN: z.string().min(1).default(DEFAULT_SIM_TOKEN),
  CMS_TOKEN: z.string().min(1).optional(),
  DMS_TOKEN: z.string().min(1).optional(),
  BILLING_TOKEN: z.string().min(1).optional(),
  LEGACY_TIMEOUT_MS: z.coerce.number().int().positive().default(15000),
  /** The largest answer read from a legacy system (8 MiB); a larger one fails that sync run. */
  LEGACY_MAX_RESPONSE_BYTES: positiveInt(8 * 1024 * 1024),
  /** Each legacy system's request budget; the per-system variables override it. */
  LEGACY_REQUESTS_PER_MINUTE: positiveInt(600),
  CMS_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().optional(),
  DMS_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().optional(),
  BILLING_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().optional(),
  LEGACY_BREAKER_FAILURES: positiveInt(10),
  LEGACY_BREAKER_COOLDOWN_SECONDS: seconds(30),
  /** The Clio API version the CMS and billing adapters were written for (sent as X-API-VERSION). */
  CLIO_API_VERSION: z.string().regex(/^\d+\.\d+\.\d+$/, 'CLIO_API_VERSION must look like 4.0.9').default('4.0.9'),
  WEBHOOKS: z.enum(['true', 'false']).default('true'),
  /** Where the legacy systems reach the gateway's /webhooks/:system (default: the gateway's own URL). */
  WEBHOOK_BASE_URL: optionalUrl,
  WEBHOOK_LIFETIME_DAYS: z.coerce.number().positive().max(31).default(3),
  WEBHOOK_RENEW_CHECK_SECONDS: seconds(3600),
  /** A signed delivery whose meta.occurred_at is older than this is refused (a captured one cannot be replayed later). */
  WEBHOOK_MAX_AGE_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  /** Requests to POST /webhooks/:system per sending address. */
  WEBHOOK_REQUESTS_PER_MINUTE: positiveInt(600),

  SYNC_INTERVAL_SECONDS: seconds(60),
  SYNC_RECONCILE_SECONDS: seconds(900),
  SYNC_PAGE_SIZE: z.coerce.number().int().min(1).max(200).default(200),
  DEMO_ACCOUNTS: z.enum(['true', 'false']).optional(),

  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').default(DEV_JWT_SECRET),
  JWT_ISSUER: z.string().default('casebridge'),
  JWT_AUDIENCE: z.string().default('casebridge-portal'),
  TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(900),
  SUBGRAPH_SECRET: z.string().min(32, 'SUBGRAPH_SECRET must be at least 32 characters').default(DEV_SUBGRAPH_SECRET),

  /** Unset: mail goes to the local mailbox (${DATA_DIR}/mailbox/, GET /dev/mailbox) instead. */
  SMTP_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^smtps?:\/\//, 'SMTP_URL must be smtp://… or smtps://…').optional()),
  FIRM_NAME: z.string().min(1).default('Smith & Jones LLP'),
  MAIL_FROM: z.string().min(1).optional(),
  /** Where people reach the gateway; links in mail point there. */
  PUBLIC_URL: optionalUrl,
  INVITATION_TTL_HOURS: z.coerce.number().positive().default(72),
  /** The portal clients open from mail links; unset: PUBLIC_URL. */
  PORTAL_URL: optionalUrl,
  /** The HOURLY digest window (shorter for demos and tests). */
  DIGEST_WINDOW_SECONDS: z.coerce.number().int().min(1).default(3600),
  /** How often the worker looks for due digests and mail to retry. */
  NOTIFY_POLL_SECONDS: z.coerce.number().min(0.1).default(30),
  /** How long a sender owns a claimed message, and the first retry delay after SMTP fails (doubling, at most an hour). */
  NOTIFY_RETRY_SECONDS: z.coerce.number().min(0.1).default(60),

  /** The firm's identity provider: RS256/ES256 tokens verified against its JWKS (unset: portal tokens only). */
  JWKS_URL: optionalUrl,
  OIDC_ISSUER: z.string().min(1).optional(),
  OIDC_AUDIENCE: z.string().min(1).optional(),
  JWKS_COOLDOWN_SECONDS: seconds(30),
  JWKS_CACHE_SECONDS: seconds(600),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: positiveInt(5),
  LOGIN_MAX_FAILURES_PER_ACCOUNT_TOTAL: positiveInt(100),
  LOGIN_MAX_FAILURES_PER_ADDRESS: positiveInt(20),
  LOGIN_FAILURE_WINDOW_SECONDS: positiveInt(900),
  LOGIN_LOCKOUT_SECONDS: positiveInt(900),
  RATE_LIMIT_CLIENT_PER_MINUTE: positiveInt(120),
  RATE_LIMIT_STAFF_PER_MINUTE: positiveInt(600),
  RATE_LIMIT_ADMIN_PER_MINUTE: positiveInt(1200),
  RATE_LIMIT_ADDRESS_PER_MINUTE: positiveInt(1200),
  MAX_QUERY_DEPTH: positiveInt(10),
  MAX_QUERY_ALIASES: positiveInt(30),
  MAX_QUERY_COST: positiveInt(5000),
  LIST_COST_MULTIPLIER: positiveInt(10),
  MAX_BATCH_SIZE: positiveInt(1),
  MAX_QUERY_BYTES: positiveInt(20_000),
  LIVE_MAX_CONNECTIONS_PER_ACCOUNT: positiveInt(10),
  LIVE_MAX_CONNECTIONS_PER_ADDRESS: positiveInt(200),
  LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: positiveInt(25),
  LIVE_PAYLOAD_CONCURRENCY: positiveInt(16),
  INTROSPECTION: z.enum(['auto', 'on', 'off']).default('auto'),
  /** Comma-separated allowed browser origins; unset: the local dev origins, none in production. */
  CORS_ORIGINS: z.string().optional(),
  /** Express `trust proxy`: `false`, a hop count or comma-separated addresses/subnets (never `true`: see parseTrustProxy). */
  TRUST_PROXY: z.string().default('false'),
  ...clioEnvSchema,
});

export type Env = z.infer<typeof schema>;

export interface Config {
  env: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  host: string;
  ports: { gateway: number; matters: number; documents: number; billing: number; notifications: number; audit: number; ingest: number };
  /** Subgraph URLs the gateway routes to; undefined means "the URL in the supergraph file". */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  /** Undefined means: run the embedded PGlite database under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  legacy: {
    /** Undefined URLs mean: start the built-in simulators with the demo firm. */
    cms: { url: string | undefined; token: string };
    dms: { url: string | undefined; token: string };
    billing: { url: string | undefined; token: string };
    timeoutMs: number;
    maxResponseBytes: number;
    /** Requests per minute each system allows us. */
    requestsPerMinute: Record<'cms' | 'dms' | 'billing', number>;
    breaker: { failureThreshold: number; cooldownMs: number };
    clioApiVersion: string;
  };
  /** `baseUrl` undefined: the gateway's own URL. */
  webhooks: { enabled: boolean; baseUrl: string | undefined; lifetimeDays: number; renewCheckSeconds: number; maxAgeSeconds: number; requestsPerMinute: number };
  sync: { intervalSeconds: number; reconcileSeconds: number; pageSize: number };
  demoAccounts: boolean;
  auth: { jwtSecret: string; issuer: string; audience: string; tokenTtlSeconds: number; subgraphSecret: string };
  /** `smtpUrl` undefined: the local mailbox. */
  mail: { smtpUrl: string | undefined; from: string; firmName: string };
  /** The gateway's public base URL, without a trailing slash. */
  publicUrl: string;
  invitationTtlHours: number;
  notifications: { portalUrl: string; digestWindowSeconds: number; pollSeconds: number; retrySeconds: number };
  /** The firm's IdP, when JWKS_URL is set; its tokens are accepted beside the portal's HS256 ones. */
  oidc: { jwksUrl: string; issuer: string; audience: string; cooldownSeconds: number; cacheSeconds: number } | undefined;
  /** maxFailuresPerAccount counts per email and address; maxFailuresPerAccountTotal per email from every address. */
  loginThrottle: { maxFailuresPerAccount: number; maxFailuresPerAccountTotal: number; maxFailuresPerAddress: number; windowSeconds: number; lockoutSeconds: number };
  /** Operations per minute, per replica (in-process token buckets). */
  rateLimits: { CLIENT: number; STAFF: number; ADMIN: number; address: number };
  operationLimits: { maxDepth: number; maxAliases: number; maxCost: number; listMultiplier: number; maxBatchSize: number; maxQueryBytes: number };
  /** graphql-ws limits, per gateway replica; `payloadConcurrency`: event payload queries run at once. */
  live: { maxConnectionsPerAccount: number; maxConnectionsPerAddress: number; maxSubscriptionsPerConnection: number; payloadConcurrency: number };
  introspection: 'auto' | 'on' | 'off';
  corsOrigins: string[];
  /** false (no proxy), the number of proxy hops, or the proxies' addresses/subnets. */
  trustProxy: false | number | string;
  /** The firm's Clio account through OAuth (CLIO_CLIENT_ID…); undefined: the static tokens. */
  clio: ClioConnectionConfig | undefined;
}

export type SubgraphName = 'matters' | 'documents' | 'billing' | 'notifications' | 'audit' | 'ingest';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment once, at start-up, into one typed object; bad values stop the process with a message that names them. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`Invalid configuration in the environment:\n${problems}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  // Demo logins come with the simulators only on a development machine.
  const usesSimulators = !e.CMS_URL && !e.DMS_URL && !e.BILLING_URL;
  const demoAccounts = e.DEMO_ACCOUNTS ? e.DEMO_ACCOUNTS === 'true' : usesSimulators && !production && isLoopbackHost(e.HOST);
  const exposure = exposureProblems({
    host: e.HOST, production, demoAccounts, smtpUrl: e.SMTP_URL,
    devJwtSecret: e.JWT_SECRET === DEV_JWT_SECRET, devSubgraphSecret: e.SUBGRAPH_SECRET === DEV_SUBGRAPH_SECRET,
  });
  if (exposure.length > 0) throw new ConfigError(exposure.join('\n'));
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  let clio: ClioConnectionConfig | undefined;
  try {
    clio = clioConnectionConfig(e, publicUrl);
  } catch (error) {
    throw new ConfigError(`Invalid configuration in the environment:\n  ${error instanceof Error ? error.message : String(error)}`);
  }
  return {
    clio,
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    host: e.HOST,
    ports: { gateway: e.PORT, matters: e.MATTERS_PORT, documents: e.DOCUMENTS_PORT, billing: e.BILLING_PORT, notifications: e.NOTIFICATIONS_PORT, audit: e.AUDIT_PORT, ingest: e.INGEST_PORT },
    subgraphUrls: {
      matters: e.MATTERS_SUBGRAPH_URL,
      documents: e.DOCUMENTS_SUBGRAPH_URL,
      billing: e.BILLING_SUBGRAPH_URL,
      notifications: e.NOTIFICATIONS_SUBGRAPH_URL,
      audit: e.AUDIT_SUBGRAPH_URL,
      ingest: e.INGEST_SUBGRAPH_URL,
    },
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    legacy: {
      cms: { url: e.CMS_URL, token: e.CMS_TOKEN ?? e.SIM_TOKEN },
      dms: { url: e.DMS_URL, token: e.DMS_TOKEN ?? e.SIM_TOKEN },
      billing: { url: e.BILLING_URL, token: e.BILLING_TOKEN ?? e.SIM_TOKEN },
      timeoutMs: e.LEGACY_TIMEOUT_MS,
      maxResponseBytes: e.LEGACY_MAX_RESPONSE_BYTES,
      requestsPerMinute: {
        cms: e.CMS_REQUESTS_PER_MINUTE ?? e.LEGACY_REQUESTS_PER_MINUTE,
        dms: e.DMS_REQUESTS_PER_MINUTE ?? e.LEGACY_REQUESTS_PER_MINUTE,
        billing: e.BILLING_REQUESTS_PER_MINUTE ?? e.LEGACY_REQUESTS_PER_MINUTE,
      },
      breaker: { failureThreshold: e.LEGACY_BREAKER_FAILURES, cooldownMs: e.LEGACY_BREAKER_COOLDOWN_SECONDS * 1000 },
      clioApiVersion: e.CLIO_API_VERSION,
    },
    webhooks: {
      enabled: e.WEBHOOKS === 'true',
      baseUrl: e.WEBHOOK_BASE_URL?.replace(/\/+$/, ''),
      lifetimeDays: e.WEBHOOK_LIFETIME_DAYS,
      renewCheckSeconds: e.WEBHOOK_RENEW_CHECK_SECONDS,
      maxAgeSeconds: e.WEBHOOK_MAX_AGE_SECONDS,
      requestsPerMinute: e.WEBHOOK_REQUESTS_PER_MINUTE,
    },
    sync: { intervalSeconds: e.SYNC_INTERVAL_SECONDS, reconcileSeconds: e.SYNC_RECONCILE_SECONDS, pageSize: e.SYNC_PAGE_SIZE },
    demoAccounts,
    auth: {
      jwtSecret: e.JWT_SECRET,
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
      tokenTtlSeconds: e.TOKEN_TTL_SECONDS,
      subgraphSecret: e.SUBGRAPH_SECRET,
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM ?? `"${e.FIRM_NAME}" <no-reply@smithjones.example>`, firmName: e.FIRM_NAME },
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    invitationTtlHours: e.INVITATION_TTL_HOURS,
    notifications: {
      portalUrl: (e.PORTAL_URL ?? e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
      digestWindowSeconds: e.DIGEST_WINDOW_SECONDS,
      pollSeconds: e.NOTIFY_POLL_SECONDS,
      retrySeconds: e.NOTIFY_RETRY_SECONDS,
    },
    oidc: oidcConfig(e),
    loginThrottle: {
      maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerAccountTotal: e.LOGIN_MAX_FAILURES_PER_ACCOUNT_TOTAL,
      maxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowSeconds: e.LOGIN_FAILURE_WINDOW_SECONDS,
      lockoutSeconds: e.LOGIN_LOCKOUT_SECONDS,
    },
    rateLimits: { CLIENT: e.RATE_LIMIT_CLIENT_PER_MINUTE, STAFF: e.RATE_LIMIT_STAFF_PER_MINUTE, ADMIN: e.RATE_LIMIT_ADMIN_PER_MINUTE, address: e.RATE_LIMIT_ADDRESS_PER_MINUTE },
    operationLimits: {
      maxDepth: e.MAX_QUERY_DEPTH,
      maxAliases: e.MAX_QUERY_ALIASES,
      maxCost: e.MAX_QUERY_COST,
      listMultiplier: e.LIST_COST_MULTIPLIER,
      maxBatchSize: e.MAX_BATCH_SIZE,
      maxQueryBytes: e.MAX_QUERY_BYTES,
    },
    live: {
      maxConnectionsPerAccount: e.LIVE_MAX_CONNECTIONS_PER_ACCOUNT,
      maxConnectionsPerAddress: e.LIVE_MAX_CONNECTIONS_PER_ADDRESS,
      maxSubscriptionsPerConnection: e.LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION,
      payloadConcurrency: e.LIVE_PAYLOAD_CONCURRENCY,
    },
    introspection: e.INTROSPECTION,
    corsOrigins: e.CORS_ORIGINS !== undefined
      ? e.CORS_ORIGINS.split(',').map((o) => o.trim().replace(/\/+$/, '')).filter((o) => o.length > 0)
      : e.NODE_ENV === 'production' ? [] : [`http://localhost:${e.PORT}`, `http://127.0.0.1:${e.PORT}`],
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
  };
}

function oidcConfig(e: Env): Config['oidc'] {
  if (!e.JWKS_URL) return undefined;
  if (!e.OIDC_ISSUER || !e.OIDC_AUDIENCE) throw new ConfigError('OIDC_ISSUER and OIDC_AUDIENCE must be set with JWKS_URL.');
  return { jwksUrl: e.JWKS_URL, issuer: e.OIDC_ISSUER, audience: e.OIDC_AUDIENCE, cooldownSeconds: e.JWKS_COOLDOWN_SECONDS, cacheSeconds: e.JWKS_CACHE_SECONDS };
}

/**
 * `true` would take the client's address from the left-most X-Forwarded-For entry, which the client
 * writes itself: every per-address throttle could then be dodged by sending a new one each time.
 * A hop count or the proxies' addresses make express take the right-most address no trusted proxy
 * added, which the client cannot choose.
 */
function parseTrustProxy(value: string): false | number | string {
  const trimmed = value.trim();
  if (trimmed === 'false' || trimmed === '') return false;
  if (trimmed === 'true') {
    throw new ConfigError('TRUST_PROXY=true trusts whatever X-Forwarded-For a client sends, so anyone can pick the address the per-address limits see: set TRUST_PROXY to the number of proxies in front of the gateway (e.g. 1) or to their addresses/subnets (e.g. "10.0.0.0/8" or "loopback").');
  }
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** A config with every legacy URL known: what a process that talks to the legacy systems needs. */
export function requireLegacyUrls(config: Config): { cms: string; dms: string; billing: string } {
  const { cms, dms, billing } = config.legacy;
  if (!cms.url || !dms.url || !billing.url) {
    throw new ConfigError('CMS_URL, DMS_URL and BILLING_URL must all be set when the worker runs on its own (npm start sets them for the built-in simulators).');
  }
  return { cms: cms.url, dms: dms.url, billing: billing.url };
}
