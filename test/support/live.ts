import WebSocket from 'ws';

/** The graphql-ws URL of a gateway's /graphql URL. */
export const wsUrl = (httpUrl: string) => httpUrl.replace(/^http/, 'ws');

/** `promise`, or a rejection naming `what` after `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms); })])
    .finally(() => clearTimeout(timer));
}

export interface LiveMessage {
  type: string;
  id?: string;
  payload?: unknown;
}

/**
 * A graphql-transport-ws connection driven frame by frame, for what a client library hides:
 * bursts of frames, close codes and reasons.
 */
export class RawLiveConnection {
  readonly messages: LiveMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as LiveMessage);
      for (const wake of this.waiters) wake();
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => {
      for (const wake of this.waiters) wake();
      resolve({ code, reason: reason.toString() });
    }));
  }

  /** Opens a socket and sends `connection_init` with `init` as its payload. */
  static async open(httpUrl: string, init: Record<string, unknown>): Promise<RawLiveConnection> {
    const socket = new WebSocket(wsUrl(httpUrl), 'graphql-transport-ws');
    const connection = new RawLiveConnection(socket);
    await within(new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); }), 5000, 'open socket');
    connection.send({ type: 'connection_init', payload: init });
    return connection;
  }

  send(message: LiveMessage): void {
    this.socket.send(JSON.stringify(message));
  }

  subscribe(id: string, query: string, variables: Record<string, unknown> = {}): void {
    this.send({ id, type: 'subscribe', payload: { query, variables } });
  }

  /** Resolves once `count` messages match (or rejects when the socket closes or the deadline passes). */
  async waitFor(predicate: (message: LiveMessage) => boolean, what: string, count = 1, ms = 10_000): Promise<LiveMessage[]> {
    const matching = () => this.messages.filter(predicate);
    const done = new Promise<LiveMessage[]>((resolve, reject) => {
      const check = () => {
        if (matching().length >= count) {
          this.waiters.delete(check);
          resolve(matching());
        } else if (this.socket.readyState === WebSocket.CLOSED) {
          this.waiters.delete(check);
          reject(new Error(`the socket closed before ${what}`));
        }
      };
      this.waiters.add(check);
      check();
    });
    return within(done, ms, what);
  }

  /** Resolves with the acknowledgement, or rejects with the close code and reason. */
  async acknowledged(): Promise<void> {
    const ack = this.waitFor((m) => m.type === 'connection_ack', 'connection_ack');
    await ack.catch(async (error: unknown) => {
      const { code, reason } = await within(this.closed, 1000, 'close').catch(() => ({ code: 0, reason: String(error) }));
      throw new Error(`connection refused: ${code} ${reason}`);
    });
  }

  close(): void {
    this.socket.close();
  }
}
