/**
 * The real server as a child process (`node --import tsx server/node.ts`), on a database file
 * we choose, so a test can SIGKILL it at any moment and start it again on the same file.
 * One process, no wrapper: the kill lands on the server itself, as a power cut or OOM would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface ServerProcess {
  url: string;
  pid: number;
  /** Ends the process at once (no shutdown code runs); resolves when it is gone. */
  kill(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.once('exit', () => { for (const p of live) p.kill('SIGKILL'); });

/**
 * Starts the Node server on `dbFile` with a known admin token; resolves once it listens.
 * @example const s = await startServerProcess('/tmp/x/ledger.db', 'll_test_admin_token_1234')
 */
export async function startServerProcess(dbFile: string, adminToken: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/node.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', DATABASE_URL: `file:${dbFile}`, LOTLEDGER_ADMIN_TOKEN: adminToken, LOTLEDGER_RATE_LIMIT: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(proc);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => { live.delete(proc); resolve(); }));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within 30 s:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const m = /LotLedger API on (http:\/\/\S+?)\/v1/.exec(output);
      if (m) { clearTimeout(timer); resolve(m[1].replace('localhost', '127.0.0.1')); }
    };
    proc.stdout!.on('data', read);
    proc.stderr!.on('data', read);
    void exited.then(() => { clearTimeout(timer); reject(new Error(`the server exited while starting:\n${output}`)); });
  });
  return {
    url,
    pid: proc.pid!,
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}
