/**
 * A deploy stops a gateway while a client is mid-request: the gateway stops taking new
 * connections, but the request it already has still gets its answer before the process closes.
 */
import net from 'node:net';
import { startTestSystem, type TestSystem } from './support/system.js';
import { waitFor } from './support/processes.js';

/** Whether a new TCP connection to the port is accepted now. */
const accepts = (port: number) => new Promise<boolean>((resolve) => {
  const socket = net.connect(port, '127.0.0.1');
  socket.once('connect', () => {
    socket.destroy();
    resolve(true);
  });
  socket.once('error', () => resolve(false));
});

describe('stopping drains requests in flight', () => {
  let system: TestSystem | undefined;
  afterAll(() => system?.stop());

  it('answers a request that was in flight when the gateway began to close', async () => {
    system = await startTestSystem();
    const token = await system.login('ava.martin@example.com');
    const { port } = new URL(system.gatewayUrl);
    const body = JSON.stringify({ query: 'query Drain { matters { number } }' });
    const socket = net.connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
    });
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write([
      'POST /graphql HTTP/1.1', `Host: 127.0.0.1:${port}`, 'Content-Type: application/json', `Authorization: Bearer ${token}`,
      `Content-Length: ${Buffer.byteLength(body)}`, 'Expect: 100-continue', 'Connection: close', '', '',
    ].join('\r\n'));
    // "100 Continue" says the gateway has the request: it is in flight, its body still to come.
    await waitFor(async () => received.includes('100 Continue'), 10_000, () => `no 100 Continue; got ${JSON.stringify(received)}`);

    const closing = system.close();
    // Once the gateway refuses new connections it is draining; only then does the body arrive (the
    // client keeps its side open: a half-closed socket is one Node takes as gone).
    await waitFor(async () => !(await accepts(Number(port))), 60_000, () => 'the gateway kept accepting connections');
    socket.write(body);
    await ended;
    await closing;

    const answer = received.slice(received.indexOf('\r\n\r\n', received.indexOf('100 Continue')) + 4);
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK/);
    const json = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { data?: { matters: Array<{ number: string }> }; errors?: unknown };
    expect(json.errors).toBeUndefined();
    expect(json.data!.matters.length).toBeGreaterThanOrEqual(2);
  }, 300_000);
});
