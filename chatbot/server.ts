import http from 'node:http';
import express, { type ErrorRequestHandler, type Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../shared/logger.js';
import { listen, localUrl } from '../shared/graphql/listen.js';
import type { RunningServer } from '../shared/graphql/subgraph-server.js';
import { TokenBuckets } from '../shared/token-buckets.js';
import { answerChat, ChatRateLimited, type ChatDeps } from './chat.js';
import { GatewayRefusal, GraphClient, OperationError } from './graph.js';
import { LANGUAGES } from './language.js';
import { ConversationMemory } from './memory.js';
import { TurnRecorder } from './turn-recorder.js';
import { startUnderstanding, type Understanding } from './nlu/index.js';
import { loadOperations } from './operations/index.js';
import type { ChatbotConfig } from './config.js';
import { drainHttpServer } from '../shared/shutdown.js';
import { livezHandler } from '../shared/observability/health.js';

export const CHAT_PATH = '/chat';
export const MAX_MESSAGE = 2000;

const chatRequest = z.object({
  message: z.string({ message: 'Send {"message": "your question"}: "message" must be a string.' })
    .refine((m) => m.trim().length > 0, '"message" must not be empty.')
    .refine((m) => m.length <= MAX_MESSAGE, `"message" is over ${MAX_MESSAGE.toLocaleString('en-US')} characters: send a shorter question.`),
  conversationId: z.uuid('"conversationId" must be the UUID an earlier answer gave, or left out to start a conversation.').optional(),
  language: z.enum(LANGUAGES, { message: '"language" must be "en" or "es", or left out to detect it.' }).optional(),
});

export interface ChatRouterOptions {
  /** The gateway's /graphql URL; a function because in single-process mode it is known only once the gateway listens. */
  gatewayUrl: () => string;
  config: Pick<ChatbotConfig, 'ratePerMinute' | 'confidence' | 'timeZone'>;
  logger: Logger;
  /** A trained classifier to share (tests, benches); trained from the utterance files otherwise. */
  understanding?: Understanding;
}

const badJson = (): ErrorRequestHandler => (error: unknown, _req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  res.status(400).json({ error: 'Send a JSON body: {"message": "your question", "conversationId"?: "…", "language"?: "en" | "es"} with Content-Type: application/json.' });
};

export interface ChatRouter {
  router: Router;
  /** Resolves once every answered turn is stored: call it while the gateway still listens. */
  drain(): Promise<void>;
}

/**
 * `POST /chat`: the authenticated chatbot. Mounted on the gateway's server in single-process mode
 * and served alone by `npm run start:chatbot`; either way it reaches the graph over HTTP with the
 * caller's own token, like any other client of the graph.
 */
export async function createChatRouter(options: ChatRouterOptions): Promise<ChatRouter> {
  const { logger } = options;
  const understanding = options.understanding ?? await startUnderstanding();
  const graph = new GraphClient({ gatewayUrl: options.gatewayUrl, documents: loadOperations(), logger });
  const recorder = new TurnRecorder({ graph, logger });
  const deps: ChatDeps = {
    graph,
    ...understanding,
    memory: new ConversationMemory(),
    recorder,
    buckets: new TokenBuckets(),
    ratePerMinute: options.config.ratePerMinute,
    confidence: options.config.confidence,
    timeZone: options.config.timeZone,
    logger,
  };
  const router = express.Router();
  router.post(CHAT_PATH, express.json({ limit: '32kb', type: () => true }), async (req, res) => {
    const parsed = chatRequest.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: parsed.error.issues.map((i) => i.message).join(' ') });
      return;
    }
    const header = req.get('authorization');
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;
    try {
      res.json(await answerChat(deps, { token, ...parsed.data }));
    } catch (error) {
      if (error instanceof GatewayRefusal) {
        if (error.retryAfter) res.set('retry-after', error.retryAfter);
        res.status(error.status === 401 || error.status === 429 ? error.status : 502).json(error.body);
      } else if (error instanceof ChatRateLimited) {
        res.status(429).set('retry-after', String(error.retryAfter)).json({ error: error.message, retryAfterSeconds: error.retryAfter });
      } else if (error instanceof OperationError) {
        res.status(502).json({ error: 'The firm\'s data could not be read just now; please try again in a moment.' });
      } else {
        logger.error({ err: error }, 'chat failed');
        res.status(500).json({ error: 'Internal server error' });
      }
    }
  });
  router.use(CHAT_PATH, badJson());
  return { router, drain: () => recorder.drain() };
}

/** The chatbot as its own process (`npm run start:chatbot`): POST /chat, GET /healthz and GET /livez. */
export async function startChatbotServer(options: { config: ChatbotConfig; logger: Logger; understanding?: Understanding }): Promise<RunningServer> {
  const { config, logger } = options;
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/livez', livezHandler);
  const chat = await createChatRouter({ gatewayUrl: () => config.gatewayUrl, config, logger, understanding: options.understanding });
  app.use(chat.router);
  const httpServer = http.createServer(app);
  const port = await listen(httpServer, config.host, config.port);
  const url = localUrl(config.host, port, CHAT_PATH);
  logger.info({ url, gateway: config.gatewayUrl }, 'chatbot listening');
  return {
    url,
    // A question being answered when the process stops still gets its answer, then its turn is stored.
    close: async () => {
      await drainHttpServer(httpServer);
      await chat.drain();
    },
  };
}
