/**
 * Memory: the Node server as its own process (the bundle dist/server/node.js under plain Node,
 * as `npm start` runs it) on a fresh database file; its peak resident memory (VmHWM in /proc/PID/status)
 * after posting a receiving batch, against its resident memory when idle after a warm-up post.
 */
import path from 'node:path';
import type { BenchContext } from './lib/context';
import type { Figure } from './lib/report';
import { startServerProcess } from './lib/server-process';
import { batchBody, loadBenchMaster, serialReceipts, timedPost } from './lib/sheets';

const TOKEN = 'bench-memory-token-0123456789';
const MB = 1024 * 1024;

export async function memory(ctx: BenchContext): Promise<Figure[]> {
  const n = ctx.sizes.postRows;
  const server = await startServerProcess(path.join(ctx.dir, 'memory.db'), TOKEN);
  const url = server.url;
  try {
    await loadBenchMaster(url, TOKEN);
    await timedPost(url, TOKEN, batchBody(serialReceipts(1000, 'warm')), 1000);
    const idle = server.memory();
    const body = batchBody(serialReceipts(n, 'mem'));
    let sampledPeak = idle.rss;
    const sampler = setInterval(() => { sampledPeak = Math.max(sampledPeak, server.memory().rss); }, 10);
    const seconds = await timedPost(url, TOKEN, body, n);
    clearInterval(sampler);
    const after = server.memory();
    ctx.log(`  server RSS idle ${(idle.rss / MB).toFixed(0)} MB, peak ${(after.peak / MB).toFixed(0)} MB (sampled ${(sampledPeak / MB).toFixed(0)} MB) posting ${n} rows in ${seconds.toFixed(2)} s`);
    ctx.note('Memory', `The server runs as its own process (\`node dist/server/node.js\`, the esbuild bundle \`npm start\` builds and runs, on a fresh database file). After the master data and a 1,000-row warm-up post, it receives one post of ${n.toLocaleString('en-US')} serial receiving rows (${(body.length / MB).toFixed(1)} MB of JSON). `
      + `The figure is the process's peak resident memory since it started (VmHWM in /proc/PID/status); the floor is its resident memory (VmRSS) when idle just before the post. Sampled every 10 ms during the post, VmRSS peaked at ${(sampledPeak / MB).toFixed(0)} MB.`);
    return [{
      section: 'Memory', what: `server peak RSS while posting ${n.toLocaleString('en-US')} rows`, value: after.peak / MB, unit: 'MB',
      floorWhat: 'the same server idle, after a warm-up post', floorValue: idle.rss / MB, better: 'lower',
      target: { text: '< 256 MB', met: after.peak / MB < 256 },
    }];
  } finally {
    await server.stop();
  }
}
