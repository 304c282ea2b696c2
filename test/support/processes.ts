import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/** A port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface RunningProcess {
  name: string;
  child: ChildProcess;
  output(): string;
}

/** `npm run <script>` in its own process group, its output kept for failure messages. */
export function runScript(script: string, env: NodeJS.ProcessEnv): RunningProcess {
  return runCommand(script, 'npm', ['run', '--silent', script], env);
}

/** A TypeScript file run with tsx, as runScript runs a script. */
export function runFile(file: string, env: NodeJS.ProcessEnv): RunningProcess {
  return runCommand(file, 'node_modules/.bin/tsx', [file], env);
}

function runCommand(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): RunningProcess {
  const child = spawn(command, args, { env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { name, child, output: () => output };
}

/** SIGKILL to the whole group at once: a crash, no clean-up. */
export async function killProcess(proc: RunningProcess): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null || proc.child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => proc.child.once('exit', () => resolve()));
  process.kill(-proc.child.pid, 'SIGKILL');
  await exited;
}

/** SIGTERM to the whole group, then SIGKILL if it lingers. */
export async function stopProcess(proc: RunningProcess, graceMs = 5000): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => proc.child.once('exit', () => resolve()));
  try {
    process.kill(-proc.child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-proc.child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

/** Polls `check` until it returns true, or fails with `describe()` after the deadline. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
}
