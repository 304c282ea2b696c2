import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { z } from 'zod';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readyMessage = z.object({ url: z.string().url() });
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** A server a bench runs in its own node process, so its CPU time is its own. */
export interface BenchProcess {
  name: string;
  url: string;
  pid: number;
  /** User + system CPU milliseconds the process has used so far (/proc/<pid>/stat). */
  cpuMs(): number;
  stop(): Promise<void>;
}

function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/**
 * Runs a TypeScript entry (a path from the project root) in `node --import tsx` (one process: the
 * tsx CLI would add a parent of its own), which sends `{ url }` over IPC once it listens.
 */
export async function startBenchProcess(name: string, entry: string, args: string[], env: NodeJS.ProcessEnv): Promise<BenchProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, entry), ...args], {
    cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => {
      const parsed = readyMessage.safeParse(message);
      if (parsed.success) resolve(parsed.data.url);
      else reject(new Error(`${name} sent ${JSON.stringify(message)} instead of its URL`));
    });
    child.once('exit', (code, signal) => reject(new Error(`${name} exited (${signal ?? code}) before it listened`)));
  });
  const pid = child.pid!;
  return {
    name, url, pid,
    cpuMs: () => cpuMsOf(pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** In a bench process: report the URL to the parent, and close when told to stop (or orphaned). */
export function reportListening(url: string, close: () => Promise<void>): void {
  process.send?.({ url });
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    void close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
}
