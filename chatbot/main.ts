/** `npm run start:chatbot`: the chatbot on its own (CHATBOT_PORT, default 4006), a client of the gateway at GATEWAY_URL. */
import { createLogger } from '../shared/logger.js';
import { loadChatbotConfig } from './config.js';
import { startChatbotServer } from './server.js';

const logger = createLogger('chatbot');
const server = await startChatbotServer({ config: loadChatbotConfig(), logger });
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'chatbot stopping');
    server.close().then(() => process.exit(0), (error: unknown) => {
      logger.error({ err: error }, 'chatbot did not stop cleanly');
      process.exit(1);
    });
  });
}
