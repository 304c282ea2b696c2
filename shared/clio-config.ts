import { z } from 'zod';

/** Clio Manage's regional hosts (its developer docs: one app per region). */
export const CLIO_REGIONS = { US: 'https://app.clio.com', EU: 'https://eu.app.clio.com', CA: 'https://ca.app.clio.com', AU: 'https://au.app.clio.com' } as const;
export type ClioRegion = keyof typeof CLIO_REGIONS;

export const clioEnvSchema = {
  /** The app's client id from Clio's developer portal; unset: the static bearer tokens (the demo). */
  CLIO_CLIENT_ID: z.string().trim().optional(),
  CLIO_CLIENT_SECRET: z.string().trim().optional(),
  CLIO_REGION: z.enum(['US', 'EU', 'CA', 'AU'], { message: 'CLIO_REGION must be US, EU, CA or AU' }).default('US'),
  /** Wins over CLIO_REGION (the simulator in tests). */
  CLIO_BASE_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url('CLIO_BASE_URL must be an absolute URL, e.g. https://app.clio.com').optional()),
  /** 32 bytes, base64 or hex: encrypts the stored OAuth tokens (AES-256-GCM). */
  SECRETS_KEY: z.string().trim().optional(),
};

export interface ClioConnectionConfig {
  clientId: string;
  clientSecret: string;
  /** Where /oauth/authorize and /oauth/token are, without a trailing slash. */
  baseUrl: string;
  /** PUBLIC_URL + /connect/clio/callback: register exactly this in Clio's developer portal. */
  redirectUri: string;
  secretsKey: Buffer;
}

/** 32 bytes from base64 or hex, or a sentence saying what is wrong. */
export function parseSecretsKey(value: string): Buffer | string {
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) ? Buffer.from(value, 'base64') : undefined;
  if (key?.length === 32) return key;
  return 'SECRETS_KEY must be 32 random bytes as base64 (44 characters) or hex (64 characters): generate one with `openssl rand -base64 32`.';
}

/** The Clio OAuth connection's settings, undefined without CLIO_CLIENT_ID; throws a sentence naming what is missing. */
export function clioConnectionConfig(e: { CLIO_CLIENT_ID?: string; CLIO_CLIENT_SECRET?: string; CLIO_REGION: ClioRegion; CLIO_BASE_URL?: string; SECRETS_KEY?: string }, publicUrl: string): ClioConnectionConfig | undefined {
  if (!e.CLIO_CLIENT_ID) return undefined;
  if (!e.CLIO_CLIENT_SECRET) throw new Error('CLIO_CLIENT_SECRET must be set with CLIO_CLIENT_ID (both from your app in Clio\'s developer portal).');
  if (!e.SECRETS_KEY) throw new Error('SECRETS_KEY must be set with CLIO_CLIENT_ID: it encrypts the stored Clio tokens. Generate one with `openssl rand -base64 32`.');
  const key = parseSecretsKey(e.SECRETS_KEY);
  if (typeof key === 'string') throw new Error(key);
  return {
    clientId: e.CLIO_CLIENT_ID,
    clientSecret: e.CLIO_CLIENT_SECRET,
    baseUrl: (e.CLIO_BASE_URL ?? CLIO_REGIONS[e.CLIO_REGION]).replace(/\/+$/, ''),
    redirectUri: `${publicUrl}/connect/clio/callback`,
    secretsKey: key,
  };
}
