import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SubgraphName } from '../shared/config.js';

export interface RecordedFetch {
  subgraph: SubgraphName;
  url: string;
  body: string;
  headers: Record<string, string>;
}

/**
 * A pass-through HTTP proxy in front of one subgraph that records what the gateway sends it:
 * the benchmark replays those exact fetches against the subgraph to measure the floor.
 */
export async function startRecordingProxy(subgraph: SubgraphName, targetUrl: string, recorded: RecordedFetch[]) {
  const target = new URL(targetUrl);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
      recorded.push({ subgraph, url: targetUrl, body: body.toString('utf8'), headers });
      const upstream = http.request(
        { hostname: target.hostname, port: target.port, path: target.pathname, method: req.method, headers: { ...headers, 'content-length': body.length } },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => res.writeHead(502).end());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${target.pathname}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
