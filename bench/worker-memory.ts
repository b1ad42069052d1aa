/**
 * How many rows a post can carry inside a Worker's 128 MB. Two measurements of the same
 * code over the same sqld, for growing batches:
 *
 *  - heap: the Worker's code path (createApp over @libsql/client/web) in a Node process whose
 *    V8 heap is capped at 128 MB, as an isolate's is; reports the peak heap above the idle
 *    app, and whether the post finished or ran out of memory;
 *  - workerd: a fresh workerd per size (server/dev/workerd.ts, the deployable bundle);
 *    reports the growth of workerd's resident memory while the post runs (the isolate plus
 *    workerd's own buffers).
 *
 * Run: `npx tsx bench/worker-memory.ts [rows …]` (default 5000 10000 20000 40000 60000 80000).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { migrate } from '../server/db/migrate';
import { clientStore } from '../server/db/remote-store';
import { createWorkspace } from '../server/workspaces';
import { freePort } from '../server/dev/free-port';
import { startSqld } from '../server/dev/sqld';
import { repoRoot } from '../server/dev/wrangler-dev';
import { startWorkerd } from '../server/dev/workerd';
import { loadBenchMaster, postJson, receivingBody, transferBody } from './receiving-sheet';

const HEAP_CAP_MB = 128;
const MB = 1024 * 1024;

if (process.argv[2] === '--heap-child') await heapChild(Number(process.argv[3]), process.argv[4]);
else await main(process.argv.slice(2).map(Number));

async function main(sizes: number[]): Promise<void> {
  if (sizes.length === 0) sizes = [5_000, 10_000, 20_000, 40_000, 60_000, 80_000];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lotledger-mem-'));
  const sqld = await startSqld({ dir: path.join(dir, 'sqld'), port: await freePort() });
  try {
    const db = createClient({ url: sqld.url });
    await migrate(clientStore(db));
    console.log(`rows    body MB  heap peak MB (cap ${HEAP_CAP_MB})  heap result (and transfer peak)  workerd RSS growth MB  workerd status`);
    for (const n of sizes) {
      const heap = await runHeapChild(n, sqld.url);
      const workerd = await workerdGrowth(n, sqld.url, db, path.join(dir, `state-${n}`));
      console.log(
        `${String(n).padEnd(7)} ${(receivingBody(n, 'x').length / MB).toFixed(1).padStart(7)}  ` +
          `${heap.peakMb === undefined ? '   –' : heap.peakMb.toFixed(1).padStart(6)}                ` +
          `${heap.result.padEnd(30)}  ${workerd.growthMb.toFixed(1).padStart(10)}             ${workerd.status}`,
      );
    }
    db.close();
  } finally {
    await sqld.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs one post in a child Node process whose heap is capped like an isolate's. */
function runHeapChild(n: number, dbUrl: string): Promise<{ peakMb?: number; result: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [
      `--max-old-space-size=${HEAP_CAP_MB}`, '--expose-gc', '--import', 'tsx',
      fileURLToPath(import.meta.url), '--heap-child', String(n), dbUrl,
    ], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (code) => {
      const lines = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
      const receipt = lines.find((l) => 'status' in l) as { peakMb: number; status: number } | undefined;
      const transfer = lines.find((l) => 'transfer' in l)?.transfer as { peakMb: number; status: number } | undefined;
      const moved = transfer ? `, transfer ${transfer.status === 201 ? transfer.peakMb.toFixed(1) + ' MB' : 'HTTP ' + transfer.status}` : '';
      if (receipt && code === 0) {
        resolve({ peakMb: receipt.peakMb, result: (receipt.status === 201 ? 'posted' : `HTTP ${receipt.status}`) + moved });
      } else if (receipt) {
        resolve({ peakMb: receipt.peakMb, result: `posted, transfer ${/heap out of memory|Allocation failed/i.test(out) ? 'OUT OF MEMORY' : `exit ${code}`}` });
      } else {
        resolve({ result: /heap out of memory|Allocation failed/i.test(out) ? 'OUT OF MEMORY' : `exit ${code}: ${out.slice(-300)}` });
      }
    });
  });
}

/** In the capped child: the Worker's app over the web client, one post, the heap sampled. */
async function heapChild(n: number, dbUrl: string): Promise<void> {
  const { createClient: createWebClient } = await import('@libsql/client/web');
  const { createApp } = await import('../server/app');
  const db = clientStore(createWebClient({ url: dbUrl })); // as the Worker opens it (remoteStore)
  const app = createApp({ store: db, limits: { maxRows: 10_000_000, maxBodyBytes: 2 ** 31 } });
  const { adminToken } = await createWorkspace(db, `mem-${n}-${Date.now().toString(36)}`);
  const headers = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
  const baseUrl = 'http://worker.local';
  const fetchApp = (async (url: string | URL | Request, init?: RequestInit) =>
    app.request(String(url).replace(baseUrl, ''), init)) as typeof fetch;
  globalThis.fetch = fetchApp; // the bench helpers call fetch; here it goes straight to the app
  await loadBenchMaster(baseUrl, adminToken);
  const measure = async (text: string) => {
    let body: string | null = text;
    const gc = (globalThis as { gc?: () => void }).gc!;
    gc();
    const base = process.memoryUsage().heapUsed - body.length; // the idle app, without the sheet
    let peak = 0;
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed); }, 1);
    const res = await app.request('/v1/batches', { method: 'POST', body, headers });
    body = null;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    clearInterval(timer);
    await res.text();
    return { status: res.status, peakMb: (peak - base) / MB };
  };
  const receipt = await measure(receivingBody(n, `h${n}`));
  console.log(JSON.stringify(receipt));
  // The receipt is in; moving every unit it made needs all of them loaded and checked.
  if (receipt.status === 201) console.log(JSON.stringify({ transfer: await measure(transferBody(n, `h${n}`)) }));
  db.close();
}

/** workerd's resident memory growth during one post of `n` rows, on a fresh wrangler dev. */
async function workerdGrowth(n: number, dbUrl: string, db: ReturnType<typeof createClient>, stateDir: string) {
  const dev = await startWorkerd({
    vars: { DATABASE_URL: dbUrl, LOTLEDGER_MAX_ROWS: '10000000', LOTLEDGER_MAX_BODY_BYTES: String(2 ** 30) },
    stateDir,
  });
  try {
    const { adminToken } = await createWorkspace(clientStore(db), `memw-${n}-${Date.now().toString(36)}`);
    await loadBenchMaster(dev.url, adminToken);
    await postJson(dev.url, adminToken, '/v1/batches', receivingBody(10, `warm${n}`)); // warm the isolate
    const pids = await workerdPids(process.pid);
    const rss = async () => (await Promise.all(pids.map(rssMb))).reduce((a, b) => a + b, 0);
    const base = await rss();
    let peak = base;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await rss());
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    let status: string;
    try {
      const answer = await postJson(dev.url, adminToken, '/v1/batches', receivingBody(n, `w${n}`));
      status = `posted ${answer.posted}`;
    } catch (e) {
      status = (e as Error).message.slice(0, 80);
    }
    sampling = false;
    await sampler;
    return { growthMb: peak - base, status };
  } finally {
    await dev.stop();
  }
}

/** The workerd processes that this process started (Miniflare spawns them). */
async function workerdPids(parent: number): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const m = /^\d+ \((.*)\) \S+ (\d+)/.exec(stat);
    if (m && m[1] === 'workerd' && Number(m[2]) === parent) pids.push(Number(entry));
  }
  return pids;
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status);
  return kb ? Number(kb[1]) / 1024 : 0;
}
