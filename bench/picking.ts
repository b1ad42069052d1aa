/**
 * Picking: a pick list of 1,000 order lines (random SKUs of all 1,000 items, 1–20 each) on the
 * large ledger, through the ledger function and through HTTP, against reading the stock rows of
 * the same items once (what any allocation over them must at least touch).
 */
import { openDatabase } from '../server/db/client';
import { makePickList } from '../server/ledger/pick-lists';
import type { BenchContext } from './lib/context';
import type { Figure } from './lib/report';
import { serveForBench } from './lib/serve';
import { fmt, picker, timeEach, type Latency } from './lib/stats';

const TARGET_MS = 200;
const LINES = 1000;
// Inside the bench ledger's expiries (2026-01 … 2026-11): some lots have expired by then, most have not.
const PICK_DAY = '2026-03-01';

export async function picking(ctx: BenchContext): Promise<Figure[]> {
  const ledger = await ctx.ledger();
  const db = await openDatabase(`file:${ledger.file}`);
  const ws = ledger.workspaceId;
  const N = Math.max(10, Math.ceil(ctx.sizes.traceQueries / 10));
  const r = picker(16);
  const order = () => Array.from({ length: LINES }, () => ({ sku: `SKU-${String(r(1000)).padStart(4, '0')}`, qty: 1 + r(20) }));
  const orders = Array.from({ length: N + 20 }, order);
  const ids = (await db.read({ sql: 'SELECT id FROM item WHERE workspace_id = ?', args: [ws] })).rows.map((row) => Number(row.id));

  const figures: Figure[] = [];
  const add = (what: string, l: Latency, floor: Latency) => {
    ctx.log(`  ${what}: p50 ${fmt(l.p50)} ms, p95 ${fmt(l.p95)} ms, max ${fmt(l.max)} ms`);
    figures.push({
      section: 'Picking', what, value: l.p95, unit: 'ms p95', detail: `p50 ${fmt(l.p50)}, max ${fmt(l.max)} ms`,
      floorWhat: 'stock rows of every item read once, p95', floorValue: floor.p95, better: 'lower',
      target: { text: `p95 < ${TARGET_MS} ms`, met: l.p95 < TARGET_MS },
    });
  };
  let picks = 0;
  let short = 0;
  try {
    const floor = await timeEach(N, () => db.read({
      sql: 'SELECT COUNT(*), SUM(s.qty_milli) FROM json_each(?) k JOIN stock s ON s.item_id = k.value', args: [JSON.stringify(ids)],
    }));
    add(`pick list of ${LINES.toLocaleString('en-US')} lines (ledger function)`, await timeEach(N, async (i) => {
      const a = await makePickList(db, ws, {
        lines: orders[i].map((l) => ({ sku: l.sku, qtyMilli: l.qty * 1000 })), from: null, minShelfLifeDays: 0, date: PICK_DAY,
      });
      picks = a.lines.reduce((s, l) => s + l.picks.length, 0);
      short = a.lines.filter((l) => l.short > 0).length;
    }), floor);
    const http = await serveForBench(db, ws, 'clerk');
    try {
      add(`POST /v1/pick-lists, ${LINES.toLocaleString('en-US')} lines`, await timeEach(N, (i) => http.post('/v1/pick-lists', { lines: orders[i], date: PICK_DAY })), floor);
    } finally {
      await http.close();
    }
  } finally {
    db.close();
  }
  ctx.note('Picking', `Each pick list is ${LINES.toLocaleString('en-US')} order lines of random SKUs over all 1,000 items of the tracing ledger (lot, serial and both), 1–20 each, picked on ${PICK_DAY} `
    + `(a list gives about ${picks.toLocaleString('en-US')} picks, ${short} lines short); ${N} lists after 20 warm-up lists, one at a time. `
    + 'The floor reads the stock rows of all 1,000 items once, which an allocation that read all their stock would have to do at least.');
  return figures;
}
