import { z } from 'zod';

const schema = z.object({
  CHATBOT_PORT: z.coerce.number().int().min(0).max(65535).default(4006),
  HOST: z.string().default('127.0.0.1'),
  /** The gateway's GraphQL endpoint: every fact the chatbot tells comes through it. */
  GATEWAY_URL: z.url('GATEWAY_URL must be the gateway\'s GraphQL URL, e.g. http://127.0.0.1:4000/graphql').default('http://127.0.0.1:4000/graphql'),
  /** Messages per minute per signed-in caller. */
  CHATBOT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** Below this classifier score the chatbot asks again (or offers a person) instead of answering. */
  CHATBOT_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.5),
  /** The IANA time zone dates and times are told in (the firm's). */
  CHATBOT_TIME_ZONE: z.string().default('America/New_York').refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'CHATBOT_TIME_ZONE must be an IANA time zone, e.g. America/New_York'),
});

export interface ChatbotConfig {
  port: number;
  host: string;
  gatewayUrl: string;
  ratePerMinute: number;
  confidence: number;
  timeZone: string;
}

/** The chatbot's own settings (the rest of casebridge's config is not its business). */
export function loadChatbotConfig(env: NodeJS.ProcessEnv = process.env): ChatbotConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid chatbot configuration in the environment:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const e = parsed.data;
  return { port: e.CHATBOT_PORT, host: e.HOST, gatewayUrl: e.GATEWAY_URL, ratePerMinute: e.CHATBOT_RATE_LIMIT_PER_MINUTE, confidence: e.CHATBOT_CONFIDENCE, timeZone: e.CHATBOT_TIME_ZONE };
}
