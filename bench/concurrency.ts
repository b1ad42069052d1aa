/**
 * Many at once, against one Node server process on a fresh database file:
 *  - many clerks: `clerks` clients, each with its own token, post 200-row receiving batches
 *    back to back for a fixed time; rows/s over all of them, p50/p99 of a post, and any 5xx.
 *    Its floor is one client posting one large batch on the same server (rows/s).
 *  - reads during a large post: lot traces sent one after another while a large post is in
 *    flight; p95 of a trace, against the p95 of the same traces on the idle server.
 * The server's rate limit is off here: it is per token, and this measures the ledger.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { BenchContext } from './lib/context';
import type { Figure } from './lib/report';
import { startServerProcess, type ServerProcess } from './lib/server-process';
import { batchBody, loadBenchMaster, postJson, serialReceipts, timedPost, warmUpRows } from './lib/sheets';
import { fmt, latency, now } from './lib/stats';

const ADMIN = 'bench-admin-token-0123456789';
const CLERK_ROWS = 200;

export async function concurrency(ctx: BenchContext): Promise<Figure[]> {
  const file = path.join(ctx.dir, 'concurrency.db');
  const server = await startServerProcess(file, ADMIN, { LOTLEDGER_RATE_LIMIT: 'off' });
  try {
    await loadBenchMaster(server.url, ADMIN);
    const warm = warmUpRows(ctx.sizes.postRows);
    await timedPost(server.url, ADMIN, batchBody(serialReceipts(warm, 'warm')), warm);
    return [await manyClerks(ctx, server), await readsDuringPost(ctx, server)];
  } finally {
    await server.stop();
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }
}

async function manyClerks(ctx: BenchContext, server: ServerProcess): Promise<Figure> {
  const { clerks, clerkSeconds, postRows } = ctx.sizes;
  const single = postRows / await timedPost(server.url, ADMIN, batchBody(serialReceipts(postRows, 'single')), postRows);
  const tokens = await Promise.all(Array.from({ length: clerks }, async (_, c) =>
    (await postJson(server.url, ADMIN, '/v1/tokens', { name: `clerk-${c}`, role: 'clerk' })).token as string));
  const ms: number[] = [];
  let rows = 0;
  const failures = new Map<number, number>();
  const t0 = now();
  const end = t0 + clerkSeconds * 1000;
  await Promise.all(tokens.map(async (token, c) => {
    for (let k = 0; now() < end; k++) {
      const body = batchBody(serialReceipts(CLERK_ROWS, `c${c}-${k}`));
      const t = now();
      const res = await fetch(`${server.url}/v1/batches`, {
        method: 'POST', body,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      });
      await res.arrayBuffer();
      ms.push(now() - t);
      if (res.status === 201) rows += CLERK_ROWS;
      else failures.set(res.status, (failures.get(res.status) ?? 0) + 1);
    }
  }));
  const rate = rows / ((now() - t0) / 1000);
  const l = latency(ms);
  const p99 = [...ms].sort((a, b) => a - b)[Math.min(ms.length - 1, Math.ceil(0.99 * ms.length) - 1)];
  const serverErrors = [...failures].filter(([s]) => s >= 500).reduce((n, [, k]) => n + k, 0);
  const refused = [...failures].map(([s, k]) => `${k}× ${s}`).join(', ') || 'none';
  ctx.log(`  ${clerks} clerks for ${clerkSeconds} s: ${ms.length} posts, ${Math.round(rate)} rows/s, p50 ${fmt(l.p50)} ms, p99 ${fmt(p99)} ms, not 201: ${refused}; one client, ${postRows.toLocaleString('en-US')} rows: ${Math.round(single)} rows/s`);
  ctx.note('Concurrency', `Many clerks: ${clerks} clients, each with its own clerk token, post ${CLERK_ROWS}-row serial receiving batches (each with an Idempotency-Key) one after another for ${clerkSeconds} s on one server; ${ms.length} posts, answers other than 201: ${refused}. The floor is one client posting ${postRows.toLocaleString('en-US')} serial receipts in one batch to the same server just before.`);
  return {
    section: 'Concurrency', what: `${clerks} clerks posting ${CLERK_ROWS}-row batches for ${clerkSeconds} s`,
    value: rate, unit: 'rows/s', detail: `p50 ${fmt(l.p50)}, p99 ${fmt(p99)} ms, ${serverErrors} 5xx`,
    floorWhat: `one client posting ${postRows.toLocaleString('en-US')} rows in one batch`, floorValue: single, better: 'higher',
    target: { text: 'p99 < 500 ms, ≥ 0.5 of one client, no 5xx', met: p99 < 500 && rate / single >= 0.5 && serverErrors === 0 },
  };
}

async function readsDuringPost(ctx: BenchContext, server: ServerProcess): Promise<Figure> {
  const n = ctx.sizes.postRows;
  const auth = { authorization: `Bearer ${ADMIN}` };
  // A lot of ten units, traced while the server is idle, then while the large post runs.
  await timedPost(server.url, ADMIN, batchBody(serialReceipts(10, 'probe')), 10);
  const trace = async () => {
    const t = now();
    const res = await fetch(`${server.url}/v1/trace/lot?sku=PUMP-3&lot=L-probe-0`, { headers: auth });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`lot trace → ${res.status}`);
    return now() - t;
  };
  const idle: number[] = [];
  for (let i = 0; i < 50; i++) idle.push(await trace());
  const body = batchBody(serialReceipts(n, 'inflight'));
  let posting = true;
  const post = timedPost(server.url, ADMIN, body, n).finally(() => { posting = false; });
  const during: number[] = [];
  await new Promise((r) => setTimeout(r, 20)); // the post's bytes are on their way
  while (posting) during.push(await trace());
  const seconds = await post;
  const busy = latency(during.length ? during : [NaN]);
  const calm = latency(idle);
  ctx.log(`  lot traces during a ${n.toLocaleString('en-US')}-row post (${seconds.toFixed(2)} s): ${during.length} traces, p50 ${fmt(busy.p50)} ms, p95 ${fmt(busy.p95)} ms, max ${fmt(busy.max)} ms; idle p95 ${fmt(calm.p95)} ms`);
  ctx.note('Concurrency', `Reads during a post: GET /v1/trace/lot of a ten-unit lot sent one after another (each waits for the last) while one ${n.toLocaleString('en-US')}-row serial receiving post is in flight on the same server; ${during.length} traces in the ${seconds.toFixed(2)} s of the post. The floor is 50 of the same traces on the idle server.`);
  return {
    section: 'Concurrency', what: `lot trace while a ${n.toLocaleString('en-US')}-row post is in flight`,
    value: busy.p95, unit: 'ms p95', detail: `p50 ${fmt(busy.p50)}, max ${fmt(busy.max)} ms, ${during.length} traces`,
    floorWhat: 'the same trace on the idle server, p95', floorValue: calm.p95, better: 'lower',
    target: { text: 'p95 < 50 ms', met: busy.p95 < 50 },
  };
}
