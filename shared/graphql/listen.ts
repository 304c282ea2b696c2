import type http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts listening and resolves with the port actually bound (the one asked for, or a free one for 0). */
export async function listen(server: http.Server, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** The URL a local caller uses: wildcard binds (0.0.0.0, ::) are reached on loopback. */
export function localUrl(host: string, port: number, path: string): string {
  const reachable = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}${path}`;
}
