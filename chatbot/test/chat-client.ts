import type { ChatOutput } from '../chat.js';

export interface ChatAnswer {
  status: number;
  headers: Headers;
  body: ChatOutput & { error?: string; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

/** POST /chat on a running casebridge (the gateway's server, or the chatbot's own). */
export async function postChat(url: string, token: string | null, body: unknown): Promise<ChatAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() as ChatAnswer['body'] };
}

/** The gateway's /chat for a system whose gateway serves /graphql. */
export const chatUrlOf = (gatewayUrl: string) => gatewayUrl.replace(/\/graphql$/, '/chat');
