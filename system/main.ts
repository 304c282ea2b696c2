/**
 * `npm start`: the whole system in one process on its embedded defaults (PGlite under .data/,
 * the built-in simulators with the demo firm), or against DATABASE_URL / CMS_URL … when set.
 */
import { exitOnSignals } from '../shared/shutdown.js';
import 'reflect-metadata';
import { loadConfig, ConfigError } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../shared/auth/demo-accounts.js';
import { loadSimulatorConfig } from '../legacy/config.js';
import { startSystem } from './start-system.js';
import { startTracingFromEnv } from '../shared/observability/tracing.js';

const logger = createLogger('casebridge');
try {
  const config = loadConfig();
  const tracing = await startTracingFromEnv('casebridge');
  const system = await startSystem(config, loadSimulatorConfig(process.env), logger);
  const gateway = system.gatewayUrl.replace('127.0.0.1', 'localhost');
  const lines = [
    '',
    `casebridge is up: GraphQL (and GraphiQL in a browser) at ${gateway}`,
    `  health:      ${gateway.replace(/\/graphql$/, '/healthz')}  (200 once the first import is done and its history decided)`,
    `  login:       POST ${gateway.replace(/\/graphql$/, '/auth/login')}  {"email","password"}`,
    `  chatbot:     POST ${gateway.replace(/\/graphql$/, '/chat')}  {"message"} with the login's Bearer token`,
    ...(system.metricsUrl ? [`  metrics:     ${system.metricsUrl}/metrics  (Prometheus, this port only; docs/operations.md)`] : []),
    `  database:    ${system.embeddedDatabase ? `embedded PGlite in ${config.dataDir}/pglite` : 'DATABASE_URL'}`,
    ...(system.simulators
      ? [`  simulators:  CMS ${system.simulators.cms.url}  DMS ${system.simulators.dms.url}  billing ${system.simulators.billing.url}`]
      : []),
    ...(config.demoAccounts ? ['  demo logins (password ' + DEMO_PASSWORD + '):', ...DEMO_LOGINS.map((l) => `    ${l.email.padEnd(34)} ${l.role.padEnd(7)} ${l.who}`)] : []),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  system.firstImport.then(
    () => logger.info('first import done and decided: /healthz is green'),
    () => undefined,
  );
  exitOnSignals('casebridge', async () => {
    await system.close();
    await tracing?.shutdown();
  }, logger);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  logger.fatal({ err: error }, 'casebridge failed to start');
  process.exit(1);
}
