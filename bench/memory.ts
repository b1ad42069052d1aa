/**
 * Memory: the Node server as its own process (`node --import tsx server/node.ts`, as `npm start`
 * runs it) on a fresh database file; its peak resident memory (VmHWM in /proc/PID/status)
 * after posting a receiving batch, against its resident memory when idle after a warm-up post.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from './lib/context';
import type { Figure } from './lib/report';
import { batchBody, loadBenchMaster, serialReceipts, timedPost } from './lib/sheets';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TOKEN = 'bench-memory-token-0123456789';
const MB = 1024 * 1024;

/** VmRSS and VmHWM (peak) of a process, in bytes. */
export function residentMemory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** Starts the Node server as a child process and resolves with its URL once it listens. */
async function startServerProcess(dbFile: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'server/node.ts')], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', DATABASE_URL: `file:${dbFile}`, LOTLEDGER_ADMIN_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${out}`)), 60_000);
    const seen = (d: Buffer) => {
      out += d;
      const m = /API on (http:\/\/\S+)\/v1/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1].replace('localhost', '127.0.0.1')); }
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`the server exited (${code}):\n${out}`)); });
  });
  return { child, url };
}

export async function memory(ctx: BenchContext): Promise<Figure[]> {
  const n = ctx.sizes.postRows;
  const { child, url } = await startServerProcess(path.join(ctx.dir, 'memory.db'));
  try {
    await loadBenchMaster(url, TOKEN);
    await timedPost(url, TOKEN, batchBody(serialReceipts(1000, 'warm')), 1000);
    const idle = residentMemory(child.pid!);
    const body = batchBody(serialReceipts(n, 'mem'));
    let sampledPeak = idle.rss;
    const sampler = setInterval(() => { sampledPeak = Math.max(sampledPeak, residentMemory(child.pid!).rss); }, 10);
    const seconds = await timedPost(url, TOKEN, body, n);
    clearInterval(sampler);
    const after = residentMemory(child.pid!);
    ctx.log(`  server RSS idle ${(idle.rss / MB).toFixed(0)} MB, peak ${(after.peak / MB).toFixed(0)} MB (sampled ${(sampledPeak / MB).toFixed(0)} MB) posting ${n} rows in ${seconds.toFixed(2)} s`);
    ctx.note('Memory', `The server runs as its own process (\`node --import tsx server/node.ts\`, as \`npm start\` runs it, on a fresh database file). After the master data and a 1,000-row warm-up post, it receives one post of ${n.toLocaleString('en-US')} serial receiving rows (${(body.length / MB).toFixed(1)} MB of JSON). `
      + `The figure is the process's peak resident memory since it started (VmHWM in /proc/PID/status); the floor is its resident memory (VmRSS) when idle just before the post. Sampled every 10 ms during the post, VmRSS peaked at ${(sampledPeak / MB).toFixed(0)} MB.`);
    return [{
      section: 'Memory', what: `server peak RSS while posting ${n.toLocaleString('en-US')} rows`, value: after.peak / MB, unit: 'MB',
      floorWhat: 'the same server idle, after a warm-up post', floorValue: idle.rss / MB, better: 'lower',
      target: { text: '< 256 MB', met: after.peak / MB < 256 },
    }];
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}
