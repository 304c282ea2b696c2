/**
 * A deployment reachable from other machines cannot run on development settings: the real
 * processes refuse to start and say what to set, and docker-compose.yml asks for the secrets and
 * gives the simulators none of them.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { runScript, stopProcess, type RunningProcess } from './support/processes.js';

/** Every port 0 and an in-memory database: a process that wrongly starts takes nothing shared (undefined: unset). */
const ISOLATED: NodeJS.ProcessEnv = {
  PORT: '0', MATTERS_PORT: '0', DOCUMENTS_PORT: '0', BILLING_PORT: '0', NOTIFICATIONS_PORT: '0', AUDIT_PORT: '0',
  CMS_SIM_PORT: '0', DMS_SIM_PORT: '0', BILLING_SIM_PORT: '0', DATA_DIR: '', DATABASE_URL: '', LOG_LEVEL: 'warn',
  NODE_ENV: 'development', JWT_SECRET: undefined, SUBGRAPH_SECRET: undefined, SMTP_URL: '', DEMO_ACCOUNTS: undefined, CMS_URL: '', DMS_URL: '', BILLING_URL: '',
};

/** The process's exit code and output once it has exited, or a failure naming what it printed. */
async function exitOf(proc: RunningProcess, timeoutMs = 45_000): Promise<{ code: number | null; output: string }> {
  const exited = new Promise<number | null>((resolve) => {
    if (proc.child.exitCode !== null) resolve(proc.child.exitCode);
    else proc.child.once('exit', (code) => resolve(code));
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'running'>((resolve) => { timer = setTimeout(() => resolve('running'), timeoutMs); });
  try {
    const code = await Promise.race([exited, deadline]);
    if (code === 'running') throw new Error(`${proc.name} was still running after ${timeoutMs} ms:\n${proc.output()}`);
    return { code, output: proc.output() };
  } finally {
    clearTimeout(timer);
    await stopProcess(proc);
  }
}

describe('a process bound beyond loopback', () => {
  it('refuses to start the whole system with the development secrets and the local mailbox, naming what to set', async () => {
    const { code, output } = await exitOf(runScript('start', { ...ISOLATED, HOST: '0.0.0.0' }));
    expect(output).toContain('HOST=0.0.0.0 lets other machines reach this process');
    expect(output).toMatch(/JWT_SECRET: set it to a random secret of your own/);
    expect(output).toMatch(/SUBGRAPH_SECRET: set it to a random secret of your own/);
    expect(output).toMatch(/SMTP_URL: set SMTP_URL=smtp:\/\//);
    expect(output).not.toContain('casebridge is up');
    expect(code).toBe(2);
  });

  it('refuses to start a gateway on its own with demo logins, even with secrets and SMTP', async () => {
    const { code, output } = await exitOf(runScript('start:gateway', {
      ...ISOLATED, HOST: '0.0.0.0', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/unreachable',
      JWT_SECRET: 'j'.repeat(40), SUBGRAPH_SECRET: 's'.repeat(40), SMTP_URL: 'smtp://127.0.0.1:2525', DEMO_ACCOUNTS: 'true',
    }));
    expect(output).toMatch(/DEMO_ACCOUNTS: set DEMO_ACCOUNTS=false/);
    expect(output).not.toMatch(/JWT_SECRET|SMTP_URL/);
    expect(code).toBe(2);
  });
});

const Compose = z.object({
  services: z.record(z.string(), z.object({ environment: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional() })),
});

describe('docker-compose.yml', () => {
  const compose = async () => Compose.parse(parse(await readFile('docker-compose.yml', 'utf8'), { merge: true }));

  it('turns no demo logins on and takes the secrets and SMTP relay from the environment, required', async () => {
    const { services } = await compose();
    for (const name of ['gateway', 'matters', 'documents', 'billing', 'notifications', 'audit', 'worker']) {
      const env = services[name]?.environment ?? {};
      expect({ name, demo: env.DEMO_ACCOUNTS }).toEqual({ name, demo: undefined });
      expect({ name, host: env.HOST }).toEqual({ name, host: '0.0.0.0' });
      for (const variable of ['JWT_SECRET', 'SUBGRAPH_SECRET', 'SMTP_URL']) {
        expect({ name, variable, value: env[variable] }).toEqual({ name, variable, value: expect.stringMatching(new RegExp(`^\\$\\{${variable}:\\?set ${variable} `)) });
      }
    }
  });

  it('scales out with deploy.replicas: two gateways behind the balancer only, two of each subgraph, three workers', async () => {
    const Scaled = z.object({ services: z.record(z.string(), z.object({ deploy: z.object({ replicas: z.number() }).optional(), ports: z.array(z.string()).optional() })) });
    const { services } = Scaled.parse(parse(await readFile('docker-compose.yml', 'utf8'), { merge: true }));
    const replicas = (name: string) => ({ name, replicas: services[name]?.deploy?.replicas ?? 1 });
    for (const name of ['gateway', 'matters', 'documents', 'billing', 'notifications', 'audit', 'ingest', 'intake']) expect(replicas(name)).toEqual({ name, replicas: 2 });
    expect(replicas('worker')).toEqual({ name: 'worker', replicas: 3 });
    expect(services.gateway?.ports).toBeUndefined();
    expect(services.balancer?.ports).toEqual(['4000:4000']);
    expect((await compose()).services.gateway?.environment?.TRUST_PROXY).toBe('1');
  });

  it('gives the legacy simulators none of casebridge\'s secrets and not its database', async () => {
    const env = (await compose()).services.legacy?.environment ?? {};
    expect(Object.keys(env).sort()).toEqual(['NODE_ENV', 'SIM_HOST', 'SIM_TOKEN']);
  });
});
