import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as signed. */
  body: string;
  json: unknown;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedHook[];
  /** Waits until `predicate` holds for what has arrived; rejects after `timeoutMs`. */
  waitFor(predicate: (received: ReceivedHook[]) => boolean, timeoutMs?: number): Promise<ReceivedHook[]>;
  close(): Promise<void>;
}

/**
 * A test receiver for the CMS's webhooks on 127.0.0.1:0. `status` decides each answer from the
 * request and how many arrived before it (default 200).
 */
export async function startWebhookReceiver(status: (hook: ReceivedHook, index: number) => number = () => 200): Promise<WebhookReceiver> {
  const received: ReceivedHook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        json = null;
      }
      const hook = { headers: req.headers, body, json };
      const index = received.length;
      received.push(hook);
      res.statusCode = status(hook, index);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    async waitFor(predicate, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(received)) {
        if (Date.now() > deadline) throw new Error(`Webhook receiver: condition not met within ${timeoutMs} ms (${received.length} requests received)`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return received;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
