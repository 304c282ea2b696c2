import { z } from 'zod';
import { clioEnvSchema } from './clio-config.js';
import { metricsEnvSchema } from './observability/metrics-config.js';

/**
 * Every environment variable casebridge reads, with its default and its check: parsed once at
 * start-up by loadConfig (config.ts), which turns it into the typed Config. The README's
 * "Environment variables" table documents them.
 */

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const seconds = (fallback: number) => z.coerce.number().min(0).default(fallback);
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.url().optional());

export const DEV_JWT_SECRET = 'casebridge-development-jwt-secret-change-me';
export const DEV_SUBGRAPH_SECRET = 'casebridge-development-subgraph-secret-change-me';
export const DEFAULT_SIM_TOKEN = 'casebridge-sim-token';

export const envSchema = z.object({
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
  INTAKE_PORT: port(4008),
  MATTERS_SUBGRAPH_URL: optionalUrl,
  DOCUMENTS_SUBGRAPH_URL: optionalUrl,
  BILLING_SUBGRAPH_URL: optionalUrl,
  NOTIFICATIONS_SUBGRAPH_URL: optionalUrl,
  AUDIT_SUBGRAPH_URL: optionalUrl,
  INGEST_SUBGRAPH_URL: optionalUrl,
  INTAKE_SUBGRAPH_URL: optionalUrl,

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
  /** Watermarked downloads: the largest DMS original accepted (50 MiB); a larger one is refused with 422. */
  DOWNLOAD_MAX_PDF_BYTES: positiveInt(50 * 1024 * 1024),
  /** Watermarked copies a gateway prepares at once; a download beyond them answers 503 with Retry-After. */
  DOWNLOAD_MAX_CONCURRENT: positiveInt(4),
  /** Where a download's original and stamped copy are spooled (deleted when it ends); unset: the OS temp dir. */
  DOWNLOAD_TEMP_DIR: z.string().min(1).optional(),
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
  /** The gateway's cache of client answers (gateway/response-cache/): off, or its size and longest life. */
  RESPONSE_CACHE: z.enum(['on', 'off']).default('on'),
  RESPONSE_CACHE_MAX_MB: z.coerce.number().positive().default(64),
  RESPONSE_CACHE_MAX_AGE_SECONDS: positiveInt(60),
  /** Identical concurrent queries of one caller share one execution (gateway/response-cache/). */
  GATEWAY_DEDUPLICATION: z.enum(['on', 'off']).default('on'),
  /** Single-process mode (`npm start`): the gateway calls the subgraphs of its process without HTTP. */
  SUBGRAPHS_IN_PROCESS: z.enum(['on', 'off']).default('on'),
  /** Comma-separated allowed browser origins; unset: the local dev origins, none in production. */
  CORS_ORIGINS: z.string().optional(),
  /** Express `trust proxy`: `false`, a hop count or comma-separated addresses/subnets (never `true`: see parseTrustProxy). */
  TRUST_PROXY: z.string().default('false'),

  // Intake (subgraphs/intake): web forms become routed leads.
  /** Replaces every routing rule's SLA (demos and tests). */
  INTAKE_SLA_SECONDS: z.coerce.number().positive().optional(),
  INTAKE_TYPEFORM_SECRET: z.string().min(1).optional(),
  INTAKE_GRAVITY_FORMS_SECRET: z.string().min(1).optional(),
  /** Submissions to POST /intake* per sending address. */
  INTAKE_REQUESTS_PER_MINUTE: positiveInt(30),
  /** How often the worker looks for submissions to push, replies to retry and SLAs to check. */
  INTAKE_POLL_SECONDS: z.coerce.number().min(0.1).default(10),
  ...clioEnvSchema,
  // GET /metrics, /livez, /healthz on each process's own operator port (shared/observability/metrics-config.ts).
  ...metricsEnvSchema,
});

export type Env = z.infer<typeof envSchema>;
