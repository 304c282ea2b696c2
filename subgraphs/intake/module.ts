/**
 * The intake context's entry module: what the processes need of it. The gateway mounts
 * `intakeRouter` (POST /intake, /intake/typeform, /intake/gravity-forms), the worker calls
 * `defineIntakeJobs`, `system/` and `npm run start:intake` start the subgraph, and the database
 * catalog takes `intakeEntities`.
 */
export { intakeEntities } from './entities/index.js';
export { startIntakeSubgraph } from './server.js';
export { intakeRouter, typeformSignature, GRAVITY_FORMS_SECRET_HEADER, type IntakeRouterOptions } from './http/router.js';
export { defineIntakeJobs, PUSH_JOB, SLA_JOB, type IntakeJobs } from './jobs/define.js';
