import assert from 'node:assert/strict';

export interface Answer {
  status: number;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** Sends a request and reads the whole answer (10 s at most: a hung request fails the property). */
export async function send(url: string, init: RequestInit): Promise<Answer> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

/** The codes an answer to bad input may carry: the caller's to fix, never the server's. */
export const CLIENT_CODES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND']);

const describe = (answer: Answer) => `${answer.status} ${answer.text.slice(0, 300)}`;

/** The messages an answer gives: `error`, `errors[].message`, or `message`. */
function messagesOf(json: unknown): string[] {
  if (typeof json !== 'object' || json === null) return [];
  const body = json as { error?: unknown; message?: unknown; errors?: unknown };
  const out: string[] = [];
  if (typeof body.error === 'string') out.push(body.error);
  if (typeof body.error === 'object' && body.error !== null && typeof (body.error as { message?: unknown }).message === 'string') out.push((body.error as { message: string }).message);
  if (typeof body.message === 'string') out.push(body.message);
  if (Array.isArray(body.errors)) for (const e of body.errors) if (typeof (e as { message?: unknown }).message === 'string') out.push((e as { message: string }).message);
  return out;
}

/**
 * A refusal the caller can act on: a 4xx (one of `statuses` when given) whose JSON body carries a
 * message that is not the server's generic one, and no stack trace.
 */
export function assertRefused(answer: Answer, what: string, statuses?: number[]): void {
  assert.ok(answer.status >= 400 && answer.status < 500, `${what}: expected a 4xx, got ${describe(answer)}`);
  if (statuses) assert.ok(statuses.includes(answer.status), `${what}: expected one of ${statuses.join(', ')}, got ${describe(answer)}`);
  const messages = messagesOf(answer.json);
  assert.ok(messages.length > 0 && messages.every((m) => m.trim().length > 0), `${what}: no message in ${describe(answer)}`);
  assert.ok(!messages.some((m) => /internal server error/i.test(m)), `${what}: a server error's message in ${describe(answer)}`);
  assert.ok(!/\bat .+\.(ts|js):\d+/.test(answer.text), `${what}: a stack trace in ${describe(answer)}`);
}

/** No 5xx and, for a GraphQL body, no error but the caller's (each with a message). */
export function assertGraphQLAnswer(answer: Answer, what: string): { refused: boolean } {
  assert.ok(answer.status < 500, `${what}: ${describe(answer)}`);
  const body = answer.json as { data?: unknown; errors?: Array<{ message?: string; extensions?: { code?: string } }> } | undefined;
  assert.ok(body !== undefined && typeof body === 'object', `${what}: not JSON: ${describe(answer)}`);
  // Refused before GraphQL reads it (a body over the size limit): a plain 4xx with its message.
  if (answer.status === 413) {
    assertRefused(answer, what, [413]);
    assert.match(answer.text, /larger than/, `${what}: ${describe(answer)}`);
    return { refused: true };
  }
  if (!body.errors?.length) {
    assert.equal(answer.status, 200, `${what}: ${describe(answer)}`);
    return { refused: false };
  }
  for (const error of body.errors) {
    assert.ok(error.message?.trim(), `${what}: an error without a message in ${describe(answer)}`);
    assert.ok(CLIENT_CODES.has(error.extensions?.code ?? ''), `${what}: code ${error.extensions?.code} in ${describe(answer)}`);
  }
  assert.ok(!/\bat .+\.(ts|js):\d+/.test(answer.text), `${what}: a stack trace in ${describe(answer)}`);
  return { refused: true };
}
