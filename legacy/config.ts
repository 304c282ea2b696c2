import { z } from 'zod';
import { parseFirmSize } from './firm/size.js';
import type { FirmSize } from './firm/types.js';
import { CLIO_API_VERSION, DEFAULT_RETIRED_THROUGH, versionSettingsProblem } from './http/clio/version.js';
import type { FaultOptions } from './http/faults.js';
import type { CmsSimulatorOptions } from './start.js';
import type { OAuthOptions } from './cms/oauth/server.js';

/** The bearer token the simulators accept unless SIM_TOKEN says otherwise. */
export const DEFAULT_SIM_TOKEN = 'casebridge-sim-token';

const integer = (name: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${name} must be between ${min} and ${max}`);

const rate = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/, `${name} must be a number from 0 to 1, e.g. 0.05`)
    .transform(Number);

const envSchema = z.object({
  SIM_TOKEN: z.string().trim().min(1, 'SIM_TOKEN must not be empty').default(DEFAULT_SIM_TOKEN),
  SIM_RATE_LIMIT_PER_MINUTE: integer('SIM_RATE_LIMIT_PER_MINUTE', 1, 10_000_000).default(600),
  SIM_SEED: integer('SIM_SEED', 0, 2 ** 31 - 1).default(1),
  SIM_FIRM_SIZE: z.string().default('demo'),
  SIM_HOST: z.string().trim().min(1).default('127.0.0.1'),
  CMS_SIM_PORT: integer('CMS_SIM_PORT', 0, 65_535).default(4101),
  DMS_SIM_PORT: integer('DMS_SIM_PORT', 0, 65_535).default(4102),
  BILLING_SIM_PORT: integer('BILLING_SIM_PORT', 0, 65_535).default(4103),
  SIM_LATENCY_MS: integer('SIM_LATENCY_MS', 0, 600_000).default(0),
  SIM_ERROR_RATE: rate('SIM_ERROR_RATE').default(0),
  SIM_TIMEOUT_RATE: rate('SIM_TIMEOUT_RATE').default(0),
  SIM_THROTTLE_RATE: rate('SIM_THROTTLE_RATE').default(0),
  SIM_WEBHOOK_DROP_RATE: rate('SIM_WEBHOOK_DROP_RATE').default(0),
  SIM_CMS_API_VERSION: z.string().trim().default(CLIO_API_VERSION),
  SIM_CMS_RETIRED_THROUGH: z.string().trim().default(DEFAULT_RETIRED_THROUGH),
  SIM_WEBHOOK_RETRY_BASE_MS: integer('SIM_WEBHOOK_RETRY_BASE_MS', 1, 3_600_000).default(1000),
  SIM_WEBHOOK_MAX_ATTEMPTS: integer('SIM_WEBHOOK_MAX_ATTEMPTS', 1, 20).default(5),
  SIM_WEBHOOK_TIMEOUT_MS: integer('SIM_WEBHOOK_TIMEOUT_MS', 1, 600_000).default(5000),
  /** One registered OAuth app (Clio's developer portal): id, secret, comma-separated redirect URIs. */
  SIM_OAUTH_CLIENT_ID: z.string().trim().optional(),
  SIM_OAUTH_CLIENT_SECRET: z.string().trim().optional(),
  SIM_OAUTH_REDIRECT_URIS: z.string().trim().optional(),
  SIM_OAUTH_ACCESS_TOKEN_TTL_SECONDS: integer('SIM_OAUTH_ACCESS_TOKEN_TTL_SECONDS', 1, 31_536_000).optional(),
});

export interface SimulatorConfig {
  token: string;
  rateLimitPerMinute: number;
  seed: number;
  size: FirmSize;
  host: string;
  ports: { cms: number; dms: number; billing: number };
  faults: Required<FaultOptions>;
  /** The CMS's Clio API version and webhook delivery settings; pass as `startSimulators({ cms })`. */
  cms: Required<CmsSimulatorOptions>;
  /** Clio's OAuth apps; pass as `startSimulators({ oauth })`. */
  oauth: OAuthOptions;
}

/**
 * Reads the simulators' settings from the environment once, at start-up. Empty strings count as
 * unset; a bad value throws an error naming the variable and what it expects.
 */
export function loadSimulatorConfig(env: Record<string, string | undefined> = process.env): SimulatorConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid simulator configuration:\n${problems}`);
  }
  const e = parsed.data;
  let size: FirmSize;
  try {
    size = parseFirmSize(e.SIM_FIRM_SIZE);
  } catch (error) {
    throw new Error(`Invalid simulator configuration:\n  SIM_FIRM_SIZE: ${(error as Error).message}`);
  }
  const versionProblem = versionSettingsProblem({ version: e.SIM_CMS_API_VERSION, retiredThrough: e.SIM_CMS_RETIRED_THROUGH });
  if (versionProblem) throw new Error(`Invalid simulator configuration:\n  SIM_CMS_API_VERSION / SIM_CMS_RETIRED_THROUGH: ${versionProblem}`);
  if (e.SIM_OAUTH_CLIENT_ID && (!e.SIM_OAUTH_CLIENT_SECRET || !e.SIM_OAUTH_REDIRECT_URIS)) {
    throw new Error('Invalid simulator configuration:\n  SIM_OAUTH_CLIENT_ID: set SIM_OAUTH_CLIENT_SECRET and SIM_OAUTH_REDIRECT_URIS (comma-separated) with it.');
  }
  const oauthApps = e.SIM_OAUTH_CLIENT_ID && e.SIM_OAUTH_CLIENT_SECRET && e.SIM_OAUTH_REDIRECT_URIS
    ? [{ clientId: e.SIM_OAUTH_CLIENT_ID, clientSecret: e.SIM_OAUTH_CLIENT_SECRET, redirectUris: e.SIM_OAUTH_REDIRECT_URIS.split(',').map((u) => u.trim()).filter(Boolean) }]
    : [];
  return {
    oauth: { apps: oauthApps, ...(e.SIM_OAUTH_ACCESS_TOKEN_TTL_SECONDS ? { accessTokenTtlSeconds: e.SIM_OAUTH_ACCESS_TOKEN_TTL_SECONDS } : {}) },
    token: e.SIM_TOKEN,
    rateLimitPerMinute: e.SIM_RATE_LIMIT_PER_MINUTE,
    seed: e.SIM_SEED,
    size,
    host: e.SIM_HOST,
    ports: { cms: e.CMS_SIM_PORT, dms: e.DMS_SIM_PORT, billing: e.BILLING_SIM_PORT },
    faults: { latencyMs: e.SIM_LATENCY_MS, errorRate: e.SIM_ERROR_RATE, timeoutRate: e.SIM_TIMEOUT_RATE, throttleRate: e.SIM_THROTTLE_RATE, webhookDropRate: e.SIM_WEBHOOK_DROP_RATE },
    cms: {
      apiVersion: e.SIM_CMS_API_VERSION,
      retiredThrough: e.SIM_CMS_RETIRED_THROUGH,
      webhookRetryBaseMs: e.SIM_WEBHOOK_RETRY_BASE_MS,
      webhookMaxAttempts: e.SIM_WEBHOOK_MAX_ATTEMPTS,
      webhookTimeoutMs: e.SIM_WEBHOOK_TIMEOUT_MS,
    },
  };
}
