/**
 * The three legacy simulators as one standalone process (`npm run start:legacy`): reads SIM_* and
 * *_SIM_PORT from the environment, generates the firm, serves it until SIGINT/SIGTERM.
 */
import { exitOnSignals } from '../shared/shutdown.js';
import { createLogger } from '../shared/logger.js';
import { loadSimulatorConfig } from './config.js';
import { generateFirm } from './firm/generate.js';
import { startSimulators } from './start.js';

const logger = createLogger('legacy');

try {
  const config = loadSimulatorConfig(process.env);
  const started = Date.now();
  const firm = generateFirm({ seed: config.seed, size: config.size });
  logger.info({ seed: config.seed, size: config.size, matters: firm.matters.length, documents: firm.documents.length, bills: firm.bills.length, ms: Date.now() - started }, `generated ${firm.name}`);
  const simulators = await startSimulators({ firm, token: config.token, rateLimitPerMinute: config.rateLimitPerMinute, host: config.host, ports: config.ports, faults: config.faults, cms: config.cms, oauth: config.oauth, logger });
  logger.info({ cms: simulators.cms.url, dms: simulators.dms.url, billing: simulators.billing.url }, 'legacy simulators listening');

  exitOnSignals('legacy simulators', () => simulators.close(), logger);
} catch (error) {
  logger.fatal({ err: error }, 'legacy simulators failed to start');
  process.exitCode = 1;
}
