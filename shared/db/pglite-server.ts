import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_V3 = 196608;
const SYNC = 0x53; // 'S'
const SIMPLE_QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

/**
 * Serves one PGlite database to many PostgreSQL wire-protocol connections.
 *
 * PGlite is a single backend session. pglite-socket's multiplexer forwards each protocol message
 * on its own, so the Parse/Bind/Execute/Sync sequences of two connections interleave and break
 * ("bind message supplies 4 parameters, but prepared statement requires 5"). Here a connection
 * holds the backend from its first message until its Sync (or simple Query) — and for as long as
 * it keeps a transaction open — so every connection sees a session of its own, one at a time.
 */
export class PGliteServer {
  private readonly server: net.Server;
  private owner: Connection | undefined;
  private readonly waiting: Array<() => void> = [];
  private readonly connections = new Set<Connection>();

  constructor(private readonly db: PGlite) {
    this.server = net.createServer((socket) => {
      const connection = new Connection(socket, this);
      this.connections.add(connection);
      socket.on('close', () => this.connections.delete(connection));
    });
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    return (this.server.address() as net.AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const connection of this.connections) connection.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Waits until `connection` owns the backend. */
  async acquire(connection: Connection): Promise<void> {
    if (this.owner === connection) return;
    while (this.owner !== undefined) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.owner = connection;
  }

  /** Gives the backend up unless the owner is inside a transaction or an unfinished extended query. */
  release(connection: Connection, unitComplete: boolean): void {
    if (this.owner !== connection) return;
    if (!unitComplete || this.db.isInTransaction()) return;
    this.owner = undefined;
    this.waiting.shift()?.();
  }

  /** A connection that went away mid-transaction must not leave the session in it. */
  async abandon(connection: Connection): Promise<void> {
    if (this.owner !== connection) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK').catch(() => undefined);
    this.owner = undefined;
    this.waiting.shift()?.();
  }

  exec(message: Uint8Array, onData: (data: Uint8Array) => void): Promise<void> {
    return this.db.runExclusive(() => this.db.execProtocolRawStream(message, { onRawData: onData }));
  }
}

class Connection {
  private buffer = Buffer.alloc(0);
  private started = false;
  private pending: Buffer[] = [];
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly socket: net.Socket, private readonly server: PGliteServer) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => this.destroy());
    socket.on('close', () => this.destroy());
  }

  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    this.chain = this.chain.then(() => this.server.abandon(this));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const message = this.nextMessage();
      if (!message) return;
      if (message === 'skip') continue;
      const type = this.started ? message[0] : undefined;
      if (type === TERMINATE) {
        this.destroy();
        return;
      }
      this.pending.push(message);
      const unitEnds = !this.started || type === SYNC || type === SIMPLE_QUERY;
      this.started = true;
      if (unitEnds) this.flush(true);
    }
  }

  /** The next whole message, 'skip' for one answered here, or undefined when more bytes are needed. */
  private nextMessage(): Buffer | 'skip' | undefined {
    if (!this.started) {
      if (this.buffer.length < 8) return undefined;
      const length = this.buffer.readInt32BE(0);
      const code = this.buffer.readInt32BE(4);
      if (this.buffer.length < length) return undefined;
      const message = this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      if (code === SSL_REQUEST) {
        this.socket.write('N');
        return 'skip';
      }
      if (code === CANCEL_REQUEST) return 'skip';
      if (code !== PROTOCOL_V3) {
        this.destroy();
        return undefined;
      }
      return Buffer.from(message);
    }
    if (this.buffer.length < 5) return undefined;
    const length = 1 + this.buffer.readInt32BE(1);
    if (this.buffer.length < length) return undefined;
    const message = Buffer.from(this.buffer.subarray(0, length));
    this.buffer = this.buffer.subarray(length);
    return message;
  }

  private flush(unitComplete: boolean): void {
    const unit = this.pending;
    this.pending = [];
    this.chain = this.chain.then(async () => {
      if (this.closed) return;
      await this.server.acquire(this);
      try {
        for (const message of unit) {
          await this.server.exec(new Uint8Array(message), (data) => {
            if (data.length > 0 && !this.closed) this.socket.write(data);
          });
        }
      } catch {
        this.destroy();
      } finally {
        this.server.release(this, unitComplete);
      }
    });
  }
}
