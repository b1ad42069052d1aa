/**
 * Tracing: p50/p95/max of lot trace, serial trace, recall and on-hand on the large ledger, in
 * process through the ledger functions against a primary-key lookup on the same database, and
 * through HTTP (the Node app on the same file) against GET /v1/me (one token looked up by key).
 */
import { openDatabase } from '../server/db/client';
import { traceLot, traceSerial } from '../server/ledger/trace';
import { recall } from '../server/ledger/reports/recall';
import { onHand } from '../server/ledger/reports/on-hand';
import { movementFilter, movementPage } from '../server/ledger/reports/movements';
import type { BenchContext } from './lib/context';
import type { Figure } from './lib/report';
import { serveForBench } from './lib/serve';
import { fmt, picker, timeEach, type Latency } from './lib/stats';

const TARGET_MS = 10;

export async function tracing(ctx: BenchContext): Promise<Figure[]> {
  const ledger = await ctx.ledger();
  const db = await openDatabase(`file:${ledger.file}`);
  const ws = ledger.workspaceId;
  const N = ctx.sizes.traceQueries;
  const r = picker(7);
  const lot = () => ledger.lots[r(ledger.lots.length)];
  const serial = () => ledger.serials[r(ledger.serials.length)];
  // Lots n, n+800 and n+1600 belong to one item (big-ledger.ts spreads lots over 800 items in turn).
  const recallLots = () => {
    const n = r(ledger.lots.length - 1600);
    return { sku: ledger.lots[n].sku, lots: [n, n + 800, n + 1600].map((k) => ledger.lots[k].lot) };
  };
  const sku = () => `SKU-${String(r(800)).padStart(4, '0')}`;
  const maxId = Number((await db.read('SELECT MAX(id) AS m FROM movement')).rows[0].m);
  const counts = (await db.read({ sql: 'SELECT (SELECT COUNT(*) FROM lot WHERE workspace_id = ?1) AS lots, (SELECT COUNT(*) FROM unit WHERE workspace_id = ?1) AS units', args: [ws] })).rows[0];

  const figures: Figure[] = [];
  const add = (what: string, l: Latency, floor: Latency, floorWhat: string, target = true) => {
    ctx.log(`  ${what}: p50 ${fmt(l.p50)} ms, p95 ${fmt(l.p95)} ms, max ${fmt(l.max)} ms`);
    figures.push({
      section: 'Tracing', what, value: l.p95, unit: 'ms p95', detail: `p50 ${fmt(l.p50)}, max ${fmt(l.max)} ms`,
      floorWhat, floorValue: floor.p95, better: 'lower',
      target: target ? { text: `p95 < ${TARGET_MS} ms`, met: l.p95 < TARGET_MS } : undefined,
    });
  };
  try {
    const pk = await timeEach(N, () => db.read({ sql: 'SELECT * FROM movement WHERE id = ?', args: [1 + r(maxId)] }));
    const pkWhat = 'movement by primary key, p95';
    add('lot trace (ledger function)', await timeEach(N, () => traceLot(db, ws, lot())), pk, pkWhat);
    add('serial trace, serial alone (ledger function)', await timeEach(N, () => traceSerial(db, ws, { serial: serial().serial }, '2026-12-01')), pk, pkWhat);
    add('recall of 3 lots (ledger function)', await timeEach(N, () => recall(db, ws, recallLots())), pk, pkWhat);
    add('on-hand now, one SKU (ledger function)', await timeEach(N, () => onHand(db, ws, { sku: sku() })), pk, pkWhat);
    add('on-hand as of a past date, one SKU (ledger function)', await timeEach(Math.ceil(N / 3), () => onHand(db, ws, { sku: sku(), asOf: '2026-01-31' })), pk, pkWhat);
    add('movement record of one lot (ledger function)', await timeEach(N, async () => movementPage(db, await movementFilter(db, ws, { lot: lot().lot }), 1000, null)), pk, pkWhat, false);

    const http = await serveForBench(db, ws);
    try {
      const me = await timeEach(N, () => http.get('/v1/me'));
      const meWhat = 'GET /v1/me (token by key), p95';
      add('GET /v1/trace/lot', await timeEach(N, () => { const l = lot(); return http.get(`/v1/trace/lot?sku=${l.sku}&lot=${l.lot}`); }), me, meWhat);
      add('GET /v1/trace/serial', await timeEach(N, () => http.get(`/v1/trace/serial?serial=${serial().serial}`)), me, meWhat);
      add('GET /v1/reports/recall (3 lots)', await timeEach(N, () => { const q = recallLots(); return http.get(`/v1/reports/recall?sku=${q.sku}&${q.lots.map((l) => `lot=${l}`).join('&')}`); }), me, meWhat);
      add('GET /v1/reports/on-hand?sku=', await timeEach(N, () => http.get(`/v1/reports/on-hand?sku=${sku()}`)), me, meWhat);
    } finally {
      await http.close();
    }
  } finally {
    db.close();
  }
  ctx.note('Tracing', `Ledger: ${ledger.movements.toLocaleString('en-US')} movements, ${Number(counts.lots).toLocaleString('en-US')} lots and ${Number(counts.units).toLocaleString('en-US')} serial units in one workspace of one database file `
    + '(bench/lib/big-ledger.ts: 1,000 items, 50 locations; each lot received, transferred, shipped to up to three customers, sometimes returned and scrapped; each serial received then shipped or moved, a few returned; 20 voided batches), built once and kept in the temp directory. '
    + `Each figure is ${N} queries on random lots, serials or SKUs after 20 warm-up queries (on-hand as of a date: ${Math.ceil(N / 3)}), one at a time, on one connection. `
    + 'Ledger functions are called in process; the HTTP figures go through the whole app (auth, routing, JSON) on the same file.');
  return figures;
}
