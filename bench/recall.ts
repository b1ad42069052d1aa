/**
 * Recall (issue 15): a recall that follows three levels of transformation on the large ledger,
 * and what the hold check adds to a 100,000-row post that takes stock out (every row's hold is
 * looked up): the post with a thousand active holds on its items against the same post with
 * none, each on its own copy of one database file, in process.
 */
import { copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../server/db/client';
import { migrate } from '../server/db/migrate';
import type { LedgerStore } from '../server/db/port';
import { createWorkspace } from '../server/workspaces';
import { recall } from '../server/ledger/reports/recall';
import { postBatch } from '../server/ledger/post';
import { placeHolds } from '../server/ledger/holds';
import { upsertItems, upsertLocations } from '../server/ledger/master-data';
import { keysOf, loadMaster, stateReads } from '../server/ledger/state';
import { checkItemRows, checkLocationRows } from '../shared/master';
import type { RawRow } from '../shared/rows';
import type { Auth } from '../server/env';
import type { BenchContext } from './lib/context';
import type { Figure } from './lib/report';
import { BENCH_ITEMS, BENCH_LOCATIONS, lotReceipts } from './lib/sheets';
import { fmt, median, now, picker, timeEach } from './lib/stats';

const RECALL_TARGET_MS = 20;
const HOLD_TARGET = 1.05;
const HOLDS = 1000;

export async function recallBench(ctx: BenchContext): Promise<Figure[]> {
  return [...await recallThroughTransformations(ctx), ...await holdCheckCost(ctx)];
}

async function recallThroughTransformations(ctx: BenchContext): Promise<Figure[]> {
  const ledger = await ctx.ledger();
  const db = await openDatabase(`file:${ledger.file}`);
  try {
    const ws = ledger.workspaceId;
    const r = picker(11);
    const root = () => ledger.chainRoots[r(ledger.chainRoots.length)];
    const sample = await recall(db, ws, { sku: ledger.chainRoots[0].sku, lots: [ledger.chainRoots[0].lot] });
    const depth = Math.max(0, ...sample.derived.map((d) => d.depth));
    const maxId = Number((await db.read('SELECT MAX(id) AS m FROM movement')).rows[0].m);
    const N = ctx.sizes.traceQueries;
    const pk = await timeEach(N, () => db.read({ sql: 'SELECT * FROM movement WHERE id = ?', args: [1 + r(maxId)] }));
    const l = await timeEach(N, () => { const q = root(); return recall(db, ws, { sku: q.sku, lots: [q.lot] }); });
    ctx.log(`  recall through ${depth} levels of transformation: p50 ${fmt(l.p50)} ms, p95 ${fmt(l.p95)} ms, max ${fmt(l.max)} ms`);
    ctx.note('Recall', `Recall through transformations: ${N} recalls of random lots of the large ledger (see Tracing) from which ${ledger.chainRoots.length.toLocaleString('en-US')} chains of three work orders were made `
      + `(each consumes part of a lot and produces a new lot of another item, part of it shipped), so each recall derives ${sample.derived.length} lots ${depth} levels deep; ledger function in process, after 20 warm-up recalls.`);
    return [{
      section: 'Recall', what: `recall of a lot through ${depth} levels of transformation (ledger function)`,
      value: l.p95, unit: 'ms p95', detail: `p50 ${fmt(l.p50)}, max ${fmt(l.max)} ms`,
      floorWhat: 'movement by primary key, p95', floorValue: pk.p95, better: 'lower',
      target: { text: `p95 < ${RECALL_TARGET_MS} ms`, met: l.p95 < RECALL_TARGET_MS },
    }];
  } finally {
    db.close();
  }
}

/** A file with the bench items and `n` received lots (plus HOLDS lots to hold), and its workspace. */
async function stockedFile(ctx: BenchContext, n: number): Promise<{ file: string; auth: Auth; rows: RawRow[] }> {
  const file = path.join(ctx.dir, 'holds-base.db');
  const db = await openDatabase(`file:${file}`);
  try {
    await migrate(db);
    const { workspaceId } = await createWorkspace(db, 'holds-bench');
    const auth: Auth = { workspaceId, workspace: 'holds-bench', role: 'clerk', tokenName: 'bench' };
    await upsertItems(db, workspaceId, checkItemRows(BENCH_ITEMS).items);
    await upsertLocations(db, workspaceId, checkLocationRows(BENCH_LOCATIONS).locations);
    const date = new Date().toISOString().slice(0, 10);
    const receipts = [...lotReceipts(n, 'h', date), ...lotReceipts(HOLDS, 'held', date)];
    await postBatch(db, auth, { rows: receipts, dryRun: false, source: null }, { now: new Date() });
    // The batch: one unit of each of the n lots to the dock (none of them held).
    const rows = receipts.slice(0, n).map((x) => ({ type: 'transfer', date, sku: x.sku, lot: x.lot, qty: 1, from: x.to, to: 'WH1-A' }));
    return { file, auth, rows };
  } finally {
    db.close();
  }
}

async function timedPostOn(file: string, auth: Auth, rows: RawRow[], holds: boolean): Promise<{ seconds: number; db: LedgerStore }> {
  const db = await openDatabase(`file:${file}`);
  if (holds) {
    for (let k = 0; k < 10; k++) {
      const lots = lotReceipts(HOLDS, 'held').filter((x) => x.sku === `VAC-${k}`).map((x) => String(x.lot));
      await placeHolds(db, auth, { sku: `VAC-${k}`, lots, reason: 'bench recall' }, new Date());
    }
  }
  await postBatch(db, auth, { rows: rows.slice(0, 1000).map((x) => ({ ...x, qty: 0.001 })), dryRun: false, source: null }, { now: new Date() });
  // Both posts start from a checkpointed file: the holds' own commits must not leave the timed
  // post a longer log to checkpoint.
  await db.script('PRAGMA wal_checkpoint(TRUNCATE)');
  const t0 = now();
  await postBatch(db, auth, { rows, dryRun: false, source: null }, { now: new Date() });
  return { seconds: (now() - t0) / 1000, db };
}

async function holdCheckCost(ctx: BenchContext): Promise<Figure[]> {
  const n = ctx.sizes.postRows;
  const base = await stockedFile(ctx, n);
  const without: number[] = [];
  const withHolds: number[] = [];
  let readMs = 0;
  // A difference of a few percent between two posts of about 2 s: more runs than a posting figure.
  const runs = ctx.quick ? ctx.sizes.postRuns : Math.max(ctx.sizes.postRuns, 5);
  for (let run = 0; run < runs; run++) {
    // Turn about, so neither post always runs second (on a warmer page cache).
    for (const holds of run % 2 === 0 ? [true, false] : [false, true]) {
      const file = path.join(ctx.dir, `holds-${run}-${holds}.db`);
      copyFileSync(base.file, file);
      const { seconds, db } = await timedPostOn(file, base.auth, base.rows, holds);
      (holds ? withHolds : without).push(seconds);
      if (holds && readMs === 0) {
        // The hold read alone: the statement a post adds to its state read, for this batch's items.
        const master = await loadMaster(db, base.auth.workspaceId);
        const read = stateReads(keysOf(base.rows.map((x) => ({ type: 'transfer', sku: String(x.sku), lot: String(x.lot), serial: null, party: null })), master))[2];
        readMs = (await timeEach(20, () => db.read(read))).p50;
      }
      db.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    }
  }
  const a = median(without);
  const b = median(withHolds);
  ctx.log(`  ${n.toLocaleString('en-US')}-row transfer post: ${without.map((s) => s.toFixed(2)).join(', ')} s without holds; ${withHolds.map((s) => s.toFixed(2)).join(', ')} s with ${HOLDS} active holds; hold read ${fmt(readMs)} ms`);
  ctx.note('Recall', `Hold check: a ${n.toLocaleString('en-US')}-row transfer (one unit of each of ${n.toLocaleString('en-US')} lots of ten items, none held) posted in process on a copy of one database file after a 1,000-row warm-up post, with ${HOLDS} active holds on other lots of the same items against the same post with none; median of ${runs} run${runs === 1 ? '' : 's'} each, taking turns. `
    + `Every row looks its lot up among the active holds; the post reads them with its state (one more statement: ${fmt(readMs)} ms for this batch's items, p50 of 20).`);
  return [{
    section: 'Recall', what: `${n.toLocaleString('en-US')}-row transfer post with ${HOLDS} active holds on its items (in process)`,
    value: b, unit: 's', floorWhat: 'the same post with no holds', floorValue: a, better: 'lower',
    target: { text: `≤ ${HOLD_TARGET.toFixed(2)}× the post without holds (the hold check adds under 5%)`, met: b / a <= HOLD_TARGET },
  }, {
    section: 'Recall', what: `the hold read a post adds, for the ${n.toLocaleString('en-US')}-row batch's items`,
    value: readMs, unit: 'ms', floorWhat: 'the post without holds', floorValue: a * 1000, better: 'lower',
    target: { text: '< 0.05× the post', met: readMs / (a * 1000) < 0.05 },
  }];
}
