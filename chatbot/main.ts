/** `npm run start:chatbot`: the chatbot on its own (CHATBOT_PORT, default 4006), a client of the gateway at GATEWAY_URL. */
import { exitOnSignals } from '../shared/shutdown.js';
import { createLogger } from '../shared/logger.js';
import { loadChatbotConfig } from './config.js';
import { startChatbotServer } from './server.js';
import { loadMetricsConfig } from '../shared/observability/metrics-config.js';
import { startMetricsServer } from '../shared/observability/metrics-server.js';

const logger = createLogger('chatbot');
const server = await startChatbotServer({ config: loadChatbotConfig(), logger });
const metrics = await startMetricsServer({ config: loadMetricsConfig(), process: 'chatbot', logger });
exitOnSignals('chatbot', async () => {
  await server.close();
  await metrics.close();
}, logger);
