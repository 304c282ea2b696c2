import type { Logger } from '../shared/logger.js';
import type { OperationName, Operations } from './operations/index.js';

/** The gateway refused the call as a whole (401, 429, 5xx): the chat answers with the same status. */
export class GatewayRefusal extends Error {
  override name = 'GatewayRefusal';
  constructor(readonly status: number, readonly body: unknown, readonly retryAfter: string | null) {
    super(`the gateway answered ${status}`);
  }
}

/** A GraphQL error in an otherwise answered operation (BAD_USER_INPUT, LEGACY_UNAVAILABLE, …). */
export class OperationError extends Error {
  override name = 'OperationError';
  constructor(readonly operation: OperationName, readonly codes: string[], message: string) {
    super(message);
  }
}

interface GraphQLBody {
  data?: unknown;
  errors?: Array<{ message?: string; extensions?: { code?: string } }>;
}

const isBody = (value: unknown): value is GraphQLBody => typeof value === 'object' && value !== null;

export interface GraphClientOptions {
  /** The gateway's /graphql URL (a function: in single-process mode it is known once the gateway listens). */
  gatewayUrl: () => string;
  documents: ReadonlyMap<OperationName, string>;
  logger: Logger;
  timeoutMs?: number;
}

/**
 * Runs allow-listed operations through the gateway with the caller's own token: the chatbot
 * holds no identity of its own, so it sees exactly what the caller may see.
 */
export class GraphClient {
  constructor(private readonly options: GraphClientOptions) {}

  async run<N extends OperationName>(name: N, token: string | null, variables: Operations[N]['variables']): Promise<Operations[N]['result']> {
    const query = this.options.documents.get(name);
    if (!query) throw new Error(`${name} is not in the chatbot's allow-list (chatbot/operations/).`);
    const response = await fetch(this.options.gatewayUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), 'apollographql-client-name': 'casebridge-chatbot' },
      body: JSON.stringify({ operationName: name, query, variables }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
    }).catch((error: unknown) => {
      this.options.logger.error({ err: error, gateway: this.options.gatewayUrl() }, 'the gateway did not answer');
      throw new GatewayRefusal(502, { error: 'The firm\'s system did not answer just now; please try again in a moment.' }, null);
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = { error: text.slice(0, 200) };
    }
    if (response.status === 401 || response.status === 429 || response.status >= 500 || !isBody(body)) {
      throw new GatewayRefusal(response.status, body, response.headers.get('retry-after'));
    }
    const codes = (body.errors ?? []).map((e) => e.extensions?.code ?? 'UNKNOWN');
    if (codes.includes('UNAUTHENTICATED')) throw new GatewayRefusal(401, body, null);
    if (body.errors?.length || body.data === null || body.data === undefined) {
      this.options.logger.warn({ operation: name, codes }, 'chat operation failed');
      throw new OperationError(name, codes, body.errors?.map((e) => e.message).join(' ') ?? 'no data');
    }
    // The gateway validated this answer against the API schema these types were generated from.
    return body.data as Operations[N]['result'];
  }
}
