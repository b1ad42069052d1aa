/**
 * Trace benchmark (not a test): builds a ledger of ≥ 1,000,000 movements, ~100,000 lots and
 * ~200,000 serials in a libSQL file, then times lot trace, serial trace, recall and on-hand
 * through the ledger functions and through HTTP, against a floor (a primary-key lookup).
 *
 *   npx tsx bench/trace.ts [--lots 100000] [--serials 200000] [--db file:/tmp/lotledger-bench-trace.db] [--n 300]
 *
 * The database file is kept and reused when it already holds a bench ledger (`--fresh` rebuilds it;
 * `--build-only` stops after building).
 */
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from '@libsql/client';
import { openDatabase } from '../server/db/client';
import { migrate } from '../server/db/migrate';
import { traceLot, traceSerial } from '../server/ledger/trace';
import { recall } from '../server/ledger/reports/recall';
import { onHand } from '../server/ledger/reports/on-hand';
import { expiringLots } from '../server/ledger/reports/expiring';
import { movementFilter, movementPage } from '../server/ledger/reports/movements';
import { buildBenchLedger, type BenchLedger } from './trace-ledger';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const LOTS = Number(arg('lots', '100000'));
const SERIALS = Number(arg('serials', '200000'));
const N = Number(arg('n', '300'));
const file = arg('db', path.join(tmpdir(), `lotledger-bench-trace-${LOTS}-${SERIALS}.db`)).replace(/^file:/, '');

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, p50: +at(0.5).toFixed(2), p95: +at(0.95).toFixed(2), max: +s[s.length - 1].toFixed(2) };
}

async function time(label: string, n: number, once: (i: number) => Promise<unknown>) {
  for (let i = 0; i < Math.min(20, n); i++) await once(i); // warm the page cache
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await once(i);
    ms.push(performance.now() - t);
  }
  const r = stats(ms);
  console.log(`${label.padEnd(34)} p50 ${String(r.p50).padStart(7)} ms  p95 ${String(r.p95).padStart(7)} ms  max ${String(r.max).padStart(7)} ms  (n=${r.n})`);
  return r;
}

async function ledgerOf(db: Client): Promise<BenchLedger> {
  const rs = await db.execute("SELECT id FROM workspace WHERE name LIKE 'bench-%' ORDER BY id DESC LIMIT 1");
  if (rs.rows.length > 0) {
    const ws = Number(rs.rows[0].id);
    const count = Number((await db.execute({ sql: 'SELECT COUNT(*) AS n FROM movement WHERE workspace_id = ?', args: [ws] })).rows[0].n);
    const lots = (await db.execute({ sql: "SELECT i.sku, l.code FROM lot l JOIN item i ON i.id = l.item_id WHERE l.workspace_id = ? AND l.code LIKE 'L%' ORDER BY l.id", args: [ws] }))
      .rows.map((r) => ({ sku: String(r.sku), lot: String(r.code) }));
    const serials = (await db.execute({ sql: 'SELECT i.sku, u.serial FROM unit u JOIN item i ON i.id = u.item_id WHERE u.workspace_id = ?', args: [ws] }))
      .rows.map((r) => ({ sku: String(r.sku), serial: String(r.serial) }));
    return { workspaceId: ws, adminToken: '', movements: count, lots, serials };
  }
  console.log(`building a ledger of ${LOTS} lots and ${SERIALS} serials in ${file} …`);
  const t = performance.now();
  const built = await buildBenchLedger(db, { lots: LOTS, serials: SERIALS, log: console.log });
  await db.execute('ANALYZE');
  console.log(`built ${built.movements} movements in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return built;
}

async function main() {
  if (process.argv.includes('--fresh') && existsSync(file)) rmSync(file);
  const db = await openDatabase(`file:${file}`);
  await migrate(db);
  const ledger = await ledgerOf(db);
  if (process.argv.includes('--build-only')) { db.close(); return; }
  const ws = ledger.workspaceId;
  const [{ n: total }] = (await db.execute('SELECT COUNT(*) AS n FROM movement')).rows as unknown as { n: number }[];
  console.log(`ledger: ${total} movements, ${ledger.lots.length} lots, ${ledger.serials.length} serials (workspace ${ws})`);
  const maxId = Number((await db.execute('SELECT MAX(id) AS m FROM movement')).rows[0].m);

  let seed = 7;
  const r = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const lot = () => ledger.lots[r(ledger.lots.length)];
  const serial = () => ledger.serials[r(ledger.serials.length)];
  // Three lots of one item: lots n, n+800, n+1600 belong to the same item (see trace-ledger).
  const recallLots = () => { const n = r(ledger.lots.length - 1600); return { sku: ledger.lots[n].sku, lots: [n, n + 800, n + 1600].map((k) => ledger.lots[k].lot) }; };
  const sku = () => `SKU-${String(r(800)).padStart(4, '0')}`;

  console.log('\nledger functions (one libSQL file connection, in process):');
  await time('floor: movement by primary key', N, () => db.execute({ sql: 'SELECT * FROM movement WHERE id = ?', args: [1 + r(maxId)] }));
  const results: Record<string, ReturnType<typeof stats>> = {};
  results.lot = await time('lot trace', N, () => traceLot(db, ws, lot()));
  results.serial = await time('serial trace (no sku)', N, () => traceSerial(db, ws, { serial: serial().serial }));
  results.recall = await time('recall of 3 lots', N, () => recall(db, ws, recallLots()));
  await time('on-hand now, one sku', 100, () => onHand(db, ws, { sku: sku() }));
  await time('on-hand as of a past date, one sku', 50, () => onHand(db, ws, { sku: sku(), asOf: '2026-01-31' }));
  await time('expiring within 30 days', 10, () => expiringLots(db, ws, { days: 30, today: '2026-02-01' }));
  await time('movement record, one lot', 100, async () => movementPage(db, await movementFilter(db, ws, { lot: lot().lot }), 1000, null));
  await time('movement record, one sku, 1,000 rows', 50, async () => movementPage(db, await movementFilter(db, ws, { sku: sku(), from: '2025-06-01' }), 1000, null));

  console.log('\nthrough HTTP (Node server on the same file):');
  const { serveForBench } = await import('./trace-http');
  const http = await serveForBench(db, ws);
  try {
    await time('floor: GET /v1/me', N, () => http.get('/v1/me'));
    await time('GET /v1/trace/lot', N, () => { const l = lot(); return http.get(`/v1/trace/lot?sku=${l.sku}&lot=${l.lot}`); });
    await time('GET /v1/trace/serial', N, () => http.get(`/v1/trace/serial?serial=${serial().serial}`));
    await time('GET /v1/reports/recall (3 lots)', N, () => { const q = recallLots(); return http.get(`/v1/reports/recall?sku=${q.sku}&${q.lots.map((l) => `lot=${l}`).join('&')}`); });
    await time('GET /v1/reports/on-hand?sku=', 100, () => http.get(`/v1/reports/on-hand?sku=${sku()}`));
    await time('GET /v1/reports/movements (10k page)', 5, () => http.get(`/v1/reports/movements?from=2026-01-01&limit=10000`));
    // The whole record as CSV, streamed: memory must stay flat while a million rows go by.
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
    const t = performance.now();
    const { bytes, lines } = await http.drain('/v1/reports/movements?format=csv');
    clearInterval(sampler);
    console.log(`CSV of the whole record: ${lines - 1} rows, ${(bytes / 1e6).toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s; `
      + `RSS ${(rss0 / 1e6).toFixed(0)} MB before, peak ${(peak / 1e6).toFixed(0)} MB`);
  } finally {
    await http.close();
  }
  const target = 10;
  const slow = Object.entries(results).filter(([, s]) => s.p95 >= target);
  console.log(slow.length === 0 ? `\nledger functions: every trace p95 < ${target} ms` : `\nledger functions over ${target} ms at p95: ${slow.map(([k]) => k).join(', ')}`);
  db.close();
}

await main();
