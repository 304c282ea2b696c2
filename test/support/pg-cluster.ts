import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort, waitFor } from './processes.js';

const run = promisify(execFile);

export interface OwnCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  serverUrl: string;
  port: number;
  /** `pg_ctlcluster … restart` (fast: sessions are ended; immediate: a crash and recovery). */
  restart(mode: 'fast' | 'immediate'): Promise<void>;
  /** `pg_dropcluster --stop`. */
  drop(): Promise<void>;
}

/** The PostgreSQL major version Debian installed (the one folder under /etc/postgresql). */
function installedVersion(): string {
  const versions = readdirSync('/etc/postgresql').filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) throw new Error('No PostgreSQL under /etc/postgresql: install Debian\'s postgresql package (the chaos suite runs its own cluster with pg_createcluster).');
  return versions[0];
}

async function ctl(version: string, name: string, action: string, ...extra: string[]): Promise<void> {
  await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, action, ...extra]);
}

async function clusterPort(version: string, name: string): Promise<{ port: number; online: boolean } | null> {
  const { stdout } = await run('pg_lsclusters', ['--no-header']);
  for (const line of stdout.split('\n')) {
    const [ver, cluster, port, status] = line.trim().split(/\s+/);
    if (ver === version && cluster === name) return { port: Number(port), online: status === 'online' };
  }
  return null;
}

async function answers(serverUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A PostgreSQL cluster of the suite's own (never the machine's shared one, which other tests and CI
 * use and which must not be restarted): created with pg_createcluster on a free port with trust
 * authentication on loopback, or reused when a previous run left it. Needs root (as on CI).
 */
export async function ownCluster(name: string): Promise<OwnCluster> {
  const version = installedVersion();
  let found = await clusterPort(version, name);
  if (!found) {
    const port = await freePort();
    await run('pg_createcluster', [
      version, name, '-p', String(port), '--start-conf=manual', '-o', 'max_connections=400',
      '-o', 'fsync=off', '--', '--auth=trust',
    ]);
    found = { port, online: false };
  }
  if (!found.online) await ctl(version, name, 'start');
  const serverUrl = `postgres://postgres@127.0.0.1:${found.port}/postgres`;
  await waitFor(() => answers(serverUrl), 30_000, () => `cluster ${version}/${name} on port ${found.port} does not answer`);
  return {
    serverUrl,
    port: found.port,
    async restart(mode) {
      await ctl(version, name, 'restart', '-m', mode);
      await waitFor(() => answers(serverUrl), 60_000, () => `cluster ${version}/${name} did not come back after a ${mode} restart`);
    },
    async drop() {
      await run('pg_dropcluster', ['--stop', version, name]);
    },
  };
}
