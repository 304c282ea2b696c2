import type { DataSource } from 'typeorm';
import type { TestSystem } from '../../support/system.js';
import type { Seeds } from './graphql-inputs.js';
import type { WriteWatch } from './writes.js';

/** What every fuzz target gets: the running system, who can sign in, real ids, and the write watch. */
export interface FuzzContext {
  system: TestSystem;
  /** The gateway's origin (no /graphql). */
  base: string;
  dataSource: DataSource;
  tokens: { admin: string; staff: string; client: string };
  seeds: Seeds;
  watch: WriteWatch;
}

/** Environment for the fuzzed system: limits high enough that the fuzzer meets its input checks, not its rate limits. */
export const FUZZ_ENV: Record<string, string> = {
  RATE_LIMIT_CLIENT_PER_MINUTE: '1000000', RATE_LIMIT_STAFF_PER_MINUTE: '1000000', RATE_LIMIT_ADMIN_PER_MINUTE: '1000000', RATE_LIMIT_ADDRESS_PER_MINUTE: '1000000',
  LOGIN_MAX_FAILURES_PER_ADDRESS: '1000000', WEBHOOK_REQUESTS_PER_MINUTE: '1000000', INTAKE_REQUESTS_PER_MINUTE: '1000000', CHATBOT_RATE_LIMIT_PER_MINUTE: '1000000',
  INTAKE_TYPEFORM_SECRET: 'fuzz-typeform-secret', INTAKE_GRAVITY_FORMS_SECRET: 'fuzz-gravity-secret', TOKEN_TTL_SECONDS: '3600',
};
