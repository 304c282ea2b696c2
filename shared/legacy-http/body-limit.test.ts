/**
 * A legacy system (or something posing as one) that answers with an endless or huge body must not
 * exhaust the worker's memory: the client stops reading at its cap, closes the connection, and
 * fails the call with a typed error that names the system, the URL and the setting to raise.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { createLogger } from '../logger.js';
import { waitFor } from '../../test/support/processes.js';
import { LegacyHttpClient, LegacyResponseError } from './index.js';

const CAP = 64 * 1024;
const CHUNK = Buffer.alloc(16 * 1024, 'x');

interface HugeServer {
  url: string;
  requests: number;
  /** Bytes written to the last response before its connection closed, and whether it was cut off. */
  last: { written: number; cutOff: boolean } | null;
  close(): Promise<void>;
}

/** Answers 200 with a JSON-looking body of `totalBytes` (with or without Content-Length), written as fast as the client reads. */
async function hugeServer(totalBytes: number, declareLength: boolean): Promise<HugeServer> {
  const state: Omit<HugeServer, 'url' | 'close'> = { requests: 0, last: null };
  const server = http.createServer((_req, res) => {
    state.requests += 1;
    const progress = { written: 0, cutOff: false };
    res.writeHead(200, { 'content-type': 'application/json', ...(declareLength ? { 'content-length': String(totalBytes) } : {}) });
    const write = () => {
      while (progress.written < totalBytes) {
        progress.written += CHUNK.length;
        if (!res.write(CHUNK)) return void res.once('drain', write);
      }
      res.end();
    };
    res.on('close', () => {
      progress.cutOff = !res.writableFinished;
      state.last = progress;
    });
    write();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  });
}

const client = (url: string) => new LegacyHttpClient({
  system: 'cms', baseUrl: url, token: 't', timeoutMs: 30_000, logger: createLogger('http-test', 'silent'),
  retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 40 }, maxResponseBytes: CAP,
});

describe('LegacyHttpClient response size cap', () => {
  it('stops reading a 1 GB streamed body at the cap, closes the connection and does not retry', async () => {
    const server = await hugeServer(1024 ** 3, false);
    try {
      const call = client(server.url).getJson('api/v4/matters.json', z.unknown());
      await expect(call).rejects.toThrow(LegacyResponseError);
      await expect(call).rejects.toThrow(/cms system sent an unexpected answer to GET http:\/\/127\.0\.0\.1:\d+\/api\/v4\/matters\.json: the answer is larger than 65536 bytes \(raise LEGACY_MAX_RESPONSE_BYTES/);
      await waitFor(async () => server.last !== null, 10_000, () => 'the server never saw its response end');
      expect(server.last).toMatchObject({ cutOff: true });
      expect(server.last!.written).toBeLessThan(1024 ** 3);
      expect(server.requests).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('refuses a body whose Content-Length is over the cap without reading it', async () => {
    const server = await hugeServer(CAP + 1, true);
    try {
      await expect(client(server.url).getJson('api/v4/matters.json', z.unknown())).rejects.toThrow(/larger than 65536 bytes/);
      expect(server.requests).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('reads a body just under the cap', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ text: 'é'.repeat((CAP - 20) / 2) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const answer = await client(`http://127.0.0.1:${(server.address() as AddressInfo).port}`).getJson('x', z.object({ text: z.string() }));
      expect(answer.text).toHaveLength((CAP - 20) / 2);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
