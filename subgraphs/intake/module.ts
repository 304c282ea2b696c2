/**
 * The intake context's entry module: what the processes need of it. The gateway mounts
 * `intakeRouter` (POST /intake, /intake/typeform, /intake/gravity-forms); the rest is `intakeModule`,
 * assembled with the others (system/modules.ts).
 */
import type { Module } from '../ingest/index.js';
import { intakeEntities } from './entities/index.js';
import { startIntakeSubgraph } from './server.js';
import { defineIntakeJobs } from './jobs/define.js';

export { intakeEntities, startIntakeSubgraph };
export { intakeRouter, typeformSignature, GRAVITY_FORMS_SECRET_HEADER, type IntakeRouterOptions } from './http/router.js';
export { defineIntakeJobs, PUSH_JOB, SLA_JOB, type IntakeJobs } from './jobs/define.js';

/** The intake context: its tables, its subgraph (staff's leads), and its jobs (push to the CMS, reply, SLA watch). */
export const intakeModule: Module = {
  name: 'intake',
  entities: intakeEntities,
  startSubgraph: startIntakeSubgraph,
  // Intake writes to the CMS with a client of its own: its own rate budget and breaker, outside the sync's.
  worker: (deps) => defineIntakeJobs(deps.agenda, {
    ...deps,
    cms: {
      baseUrl: deps.legacyUrls.cms, token: deps.legacyTokens.cms ?? deps.config.legacy.cms.token, timeoutMs: deps.config.legacy.timeoutMs, maxResponseBytes: deps.config.legacy.maxResponseBytes,
      logger: deps.logger.child({ legacy: 'cms', component: 'intake' }), signal: deps.signal, retry: deps.retry,
      requestsPerMinute: deps.config.legacy.requestsPerMinute.cms, breaker: deps.config.legacy.breaker, apiVersion: deps.config.legacy.clioApiVersion,
    },
  }),
};
