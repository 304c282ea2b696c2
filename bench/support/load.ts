import os from 'node:os';
import autocannon from 'autocannon';

/** The portal's dashboard query: matters with their next hearing, documents, invoices and balance (matters, documents, billing). */
export const DASHBOARD = `query Dashboard {
  matters {
    id number title
    nextHearing { title startsAt location }
    documents { id name kind receivedAt }
    invoices { number issuedAt total { amount currency } balance { amount currency } status }
    balance { amount currency }
  }
}`;

/** A query the matters subgraph answers alone. */
export const ONE_SUBGRAPH = `query MyMatters {
  matters { id number title practiceArea openedAt }
}`;

/** The first line every bench prints: what machine the figures come from. */
export function machineLine(bench: string): string {
  return `${bench} on ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), load average ${os.loadavg()[0].toFixed(2)}`;
}

export interface LoadOptions {
  connections: number;
  duration: number;
  /** Request headers besides content-type. */
  headers?: Record<string, string>;
  /**
   * Headers added to each request, by the number of its connection (0 … connections - 1): one
   * identity per connection (distinct clients), or one renewed while the run lasts.
   */
  headersOf?: (connection: number) => Record<string, string>;
  /** The exact answer every request must get: others count as mismatches. */
  expectBody?: string;
}

/** autocannon POSTing `body` to `url` with the given load. */
export function runLoad(url: string, body: string, options: LoadOptions): Promise<autocannon.Result> {
  const { headersOf } = options;
  let nextConnection = 0;
  return new Promise((resolve, reject) => {
    autocannon({
      url, method: 'POST', connections: options.connections, duration: options.duration,
      headers: { 'content-type': 'application/json', ...options.headers }, body,
      ...(options.expectBody !== undefined ? { expectBody: options.expectBody } : {}),
      ...(headersOf ? {
        requests: [{
          // Each connection (autocannon's "client") keeps the number it was given on its first request.
          setupRequest: (request: autocannon.Request, context: object) => {
            const state = context as { connection?: number };
            state.connection ??= nextConnection++;
            return { ...request, headers: { ...request.headers, ...headersOf(state.connection) } };
          },
        }],
      } : {}),
    }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}
