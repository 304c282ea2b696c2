import { tmpdir } from 'node:os';
import { exposureProblems, isLoopbackHost } from './config-exposure.js';
import { clioConnectionConfig, type ClioConnectionConfig } from './clio-config.js';
import { metricsConfig, type MetricsConfig } from './observability/metrics-config.js';
import { DEFAULT_SIM_TOKEN, DEV_JWT_SECRET, DEV_SUBGRAPH_SECRET, envSchema, type Env } from './config-env.js';

export { DEFAULT_SIM_TOKEN, type Env };


export interface Config {
  env: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  host: string;
  ports: { gateway: number; matters: number; documents: number; billing: number; notifications: number; audit: number; ingest: number; intake: number };
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
  /** Watermarked downloads (gateway/download/): original size cap, stampings at once, spool directory. */
  downloads: { maxPdfBytes: number; maxConcurrent: number; tempDir: string };
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
  /**
   * The gateway's cache of client answers, dropped by the read-model changes that touch them;
   * `maxAgeSeconds` bounds what depends on the clock alone (an upcoming hearing becoming past).
   * `deduplicate`: identical concurrent queries of one caller share one execution.
   */
  responseCache: { enabled: boolean; maxBytes: number; maxAgeSeconds: number; deduplicate: boolean };
  /** In single-process mode, the gateway calls its process's subgraphs directly (shared/graphql/in-process.ts). */
  subgraphsInProcess: boolean;
  corsOrigins: string[];
  /** false (no proxy), the number of proxy hops, or the proxies' addresses/subnets. */
  trustProxy: false | number | string;
  /** Unset secrets: that provider's webhook answers 401 to everything. */
  intake: { slaSeconds: number | undefined; typeformSecret: string | undefined; gravityFormsSecret: string | undefined; requestsPerMinute: number; pollSeconds: number };
  /** The firm's Clio account through OAuth (CLIO_CLIENT_ID…); undefined: the static tokens. */
  clio: ClioConnectionConfig | undefined;
  /** Where GET /metrics is served (never the API port); `port` undefined: the process kind's default. */
  metrics: MetricsConfig;
}

export type SubgraphName = 'matters' | 'documents' | 'billing' | 'notifications' | 'audit' | 'ingest' | 'intake';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment once, at start-up, into one typed object; bad values stop the process with a message that names them. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
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
    metrics: metricsConfig(e),
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    host: e.HOST,
    ports: { gateway: e.PORT, matters: e.MATTERS_PORT, documents: e.DOCUMENTS_PORT, billing: e.BILLING_PORT, notifications: e.NOTIFICATIONS_PORT, audit: e.AUDIT_PORT, ingest: e.INGEST_PORT, intake: e.INTAKE_PORT },
    subgraphUrls: {
      matters: e.MATTERS_SUBGRAPH_URL,
      documents: e.DOCUMENTS_SUBGRAPH_URL,
      billing: e.BILLING_SUBGRAPH_URL,
      notifications: e.NOTIFICATIONS_SUBGRAPH_URL,
      audit: e.AUDIT_SUBGRAPH_URL,
      ingest: e.INGEST_SUBGRAPH_URL,
      intake: e.INTAKE_SUBGRAPH_URL,
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
    downloads: { maxPdfBytes: e.DOWNLOAD_MAX_PDF_BYTES, maxConcurrent: e.DOWNLOAD_MAX_CONCURRENT, tempDir: e.DOWNLOAD_TEMP_DIR ?? tmpdir() },
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
    responseCache: {
      enabled: e.RESPONSE_CACHE === 'on',
      maxBytes: Math.round(e.RESPONSE_CACHE_MAX_MB * 1024 * 1024),
      maxAgeSeconds: e.RESPONSE_CACHE_MAX_AGE_SECONDS,
      deduplicate: e.GATEWAY_DEDUPLICATION === 'on',
    },
    subgraphsInProcess: e.SUBGRAPHS_IN_PROCESS === 'on',
    corsOrigins: e.CORS_ORIGINS !== undefined
      ? e.CORS_ORIGINS.split(',').map((o) => o.trim().replace(/\/+$/, '')).filter((o) => o.length > 0)
      : e.NODE_ENV === 'production' ? [] : [`http://localhost:${e.PORT}`, `http://127.0.0.1:${e.PORT}`],
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    intake: {
      slaSeconds: e.INTAKE_SLA_SECONDS,
      typeformSecret: e.INTAKE_TYPEFORM_SECRET,
      gravityFormsSecret: e.INTAKE_GRAVITY_FORMS_SECRET,
      requestsPerMinute: e.INTAKE_REQUESTS_PER_MINUTE,
      pollSeconds: e.INTAKE_POLL_SECONDS,
    },
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
