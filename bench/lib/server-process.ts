/**
 * The Node server as its own process, as `npm start` runs it (the esbuild bundle
 * dist/server/node.js under plain Node, built once per bench run from the sources), on a
 * database file given by the bench. The bench's own work (building and sending the sheet)
 * stays out of the server's CPU time and memory, as a pane's would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../../bin/build-server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  url: string;
  pid: number;
  /** Resident memory now (VmRSS) and its peak since the start (VmHWM), in bytes. */
  memory(): { rss: number; peak: number };
  stop(): Promise<void>;
}

/**
 * Starts the server on `dbFile` with `adminToken` for a new database's first workspace.
 * @example const s = await startServerProcess('/tmp/x.db', 'bench-admin-token-0123456789')
 */
let bundle: string | undefined;

export async function startServerProcess(dbFile: string, adminToken?: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const script = (bundle ??= buildServer());
  const child: ChildProcess = spawn(process.execPath, [script], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', DATABASE_URL: `file:${dbFile}`, LOTLEDGER_ADMIN_TOKEN: adminToken ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 60 s:\n${out}`)), 60_000);
    const seen = (d: Buffer) => {
      out += d;
      const m = /API on (http:\/\/\S+)\/v1/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1].replace('localhost', '127.0.0.1')); }
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    void exited.then(() => { clearTimeout(timer); reject(new Error(`the server exited:\n${out}`)); });
  }).catch(async (e) => { child.kill('SIGKILL'); throw e; });
  return {
    url,
    pid: child.pid!,
    memory: () => residentMemory(child.pid!),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** VmRSS and VmHWM (peak) of a process, in bytes, from /proc/PID/status. */
export function residentMemory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}
