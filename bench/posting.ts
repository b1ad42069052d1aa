/**
 * Posting: receiving batches of serial units and of lots through HTTP to the Node server (its
 * own process, as `npm start` runs it) on a fresh database file, end to end (send, parse,
 * check, write, answer); a transfer batch against the large ledger; each against the floor
 * insert of the same rows (lib/floor.ts).
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../server/db/client';
import { insertToken } from '../server/auth/tokens';
import type { RawRow } from '../shared/rows';
import type { BenchContext } from './lib/context';
import { copyLedger } from './lib/big-ledger-file';
import { floorInsert, openFloorDatabase } from './lib/floor';
import { startServerProcess } from './lib/server-process';
import type { Figure } from './lib/report';
import { batchBody, loadBenchMaster, lotReceipts, serialReceipts, timedPost, warmUpRows } from './lib/sheets';
import { median } from './lib/stats';

const ADMIN = 'bench-admin-token-0123456789';

export async function posting(ctx: BenchContext): Promise<Figure[]> {
  const { postRows: n, postRuns: runs } = ctx.sizes;
  const figures: Figure[] = [];
  for (const [kind, sheet] of [['serial', serialReceipts], ['lot', lotReceipts]] as const) {
    const posts: number[] = [];
    const floors: number[] = [];
    const plainFloors: number[] = [];
    for (let run = 0; run < runs; run++) {
      const rows = sheet(n, `r${run}`);
      posts.push(n / await postOnFreshServer(ctx, `${kind}-${run}`, rows));
      const floorFile = path.join(ctx.dir, `floor-${kind}-${run}.db`);
      const db = await openFloorDatabase(floorFile);
      floors.push(await floorInsert(db, rows));
      plainFloors.push(await floorInsert(db, rows, { indexes: false }));
      db.close();
      removeDatabase(floorFile);
    }
    ctx.log(`  ${kind} receipts: post ${posts.map(Math.round).join(', ')} rows/s; floor ${floors.map(Math.round).join(', ')} rows/s`);
    figures.push({
      section: 'Posting', what: `${n.toLocaleString('en-US')} ${kind === 'serial' ? 'serial units' : 'lot rows'} received, HTTP to Node (embedded file)`,
      value: median(posts), unit: 'rows/s', floorWhat: 'same rows, 500-row INSERTs into an empty movement-shaped table',
      floorValue: median(floors), better: 'higher',
      target: { text: `≥ 0.4 of the floor${kind === 'serial' && n === 100_000 ? ', 100,000 serials in under ~2 s' : ''}`,
        met: median(posts) / median(floors) >= 0.4 && (kind !== 'serial' || n !== 100_000 || n / median(posts) < 2.05) },
    });
    if (kind === 'serial') {
      figures.push({
        section: 'Posting', what: `${n.toLocaleString('en-US')} serial units received (against the index-free floor)`,
        value: median(posts), unit: 'rows/s', floorWhat: 'same rows, 500-row INSERTs into an index-free movement-shaped table',
        floorValue: median(plainFloors), better: 'higher',
        target: { text: `≥ 0.4 of the index-free floor${n === 100_000 ? ', 100,000 serials in under 1 s' : ''}`,
          met: median(posts) / median(plainFloors) >= 0.4 && (n !== 100_000 || n / median(posts) < 1) },
      });
    }
    ctx.log(`  ${kind} receipts, index-free floor: ${plainFloors.map(Math.round).join(', ')} rows/s`);
  }
  ctx.note('Posting', `Receiving posts: ${n.toLocaleString('en-US')} rows in one request (the pane's JSON with an Idempotency-Key), timed from the first byte sent to the last byte of the answer, each run on a fresh server process and database file (deleted after the run) after a ${warmUpRows(n).toLocaleString('en-US')}-row warm-up post (large enough to go through the post thread, as the timed post does); median of ${runs} run${runs === 1 ? '' : 's'}. `
    + 'Serial rows: every row a new serial of a lot-, serial- and expiry-tracked item (a movement and a unit each, a new lot every 1,000 rows). '
    + 'Lot rows: every row a new lot of one of ten items into one of five locations (a movement, a lot and a stock row each). '
    + 'The floor inserts the same rows, ids already resolved, into an empty table with the columns and six indexes of `movement`, with @libsql/client and 500-row `INSERT … VALUES` statements in one write batch (statements built before the clock starts). '
    + 'The stricter, index-free floor inserts them into the same table without its indexes: a plain append.');
  figures.push(await transferOnBigLedger(ctx));
  return figures;
}

/**
 * Deletes a run's database file and its WAL. Runs that left their files behind (hundreds of MB
 * each) made each later run slower on this machine (lot receipts 54k -> 47k rows/s by the third).
 */
function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

/** Starts a server on a new file, loads the master data, warms up, and times one post of `rows`. */
async function postOnFreshServer(ctx: BenchContext, name: string, rows: RawRow[]): Promise<number> {
  const file = path.join(ctx.dir, `post-${name}.db`);
  const server = await startServerProcess(file, ADMIN);
  try {
    await loadBenchMaster(server.url, ADMIN);
    const warm = warmUpRows(rows.length);
    await timedPost(server.url, ADMIN, batchBody(serialReceipts(warm, 'warm')), warm);
    const body = batchBody(rows);
    return await timedPost(server.url, ADMIN, body, rows.length);
  } finally {
    await server.stop();
    removeDatabase(file);
  }
}

/**
 * A transfer batch on a copy of the large ledger: half of it moves serial units that are in
 * stock, half moves one unit of lots from where they are, each to another location.
 */
async function transferOnBigLedger(ctx: BenchContext): Promise<Figure> {
  const ledger = await ctx.ledger();
  const n = ctx.sizes.transferRows;
  // A first transfer of other units and lots, as a running server has had: over 1 MB, so it goes
  // through the post thread, as the timed one does (server/post-thread).
  const warm = Math.ceil(n * 0.35);
  const file = copyLedger(ledger, path.join(ctx.dir, 'transfer.db'));
  const db = await openDatabase(`file:${file}`);
  const ws = ledger.workspaceId;
  const date = new Date().toISOString().slice(0, 10);
  const other = (code: string) => (code === 'LOC-00' ? 'LOC-01' : 'LOC-00');
  const units = await db.read({
    sql: `SELECT i.sku, l.code AS lot, u.serial, loc.code AS at FROM unit u JOIN item i ON i.id = u.item_id
          LEFT JOIN lot l ON l.id = u.lot_id JOIN location loc ON loc.id = u.location_id
          WHERE u.workspace_id = ? AND u.state = 'in_stock' AND u.id % 7 = 0 ORDER BY u.id LIMIT ?`,
    args: [ws, Math.ceil(n / 2) + warm],
  });
  const stock = await db.read({
    sql: `SELECT i.sku, l.code AS lot, loc.code AS at FROM stock s JOIN item i ON i.id = s.item_id AND i.serial_tracked = 0
          JOIN lot l ON l.id = s.lot_id JOIN location loc ON loc.id = s.location_id
          WHERE s.workspace_id = ? AND s.qty_milli >= 1000 AND s.lot_id % 5 = 0 ORDER BY s.lot_id LIMIT ?`,
    args: [ws, n - Math.ceil(n / 2) + warm],
  });
  const all: RawRow[] = [
    ...units.rows.map((r) => ({ type: 'transfer', date, sku: String(r.sku), lot: r.lot === null ? null : String(r.lot), serial: String(r.serial), from: String(r.at), to: other(String(r.at)) })),
    ...stock.rows.map((r) => ({ type: 'transfer', date, sku: String(r.sku), lot: String(r.lot), qty: 1, from: String(r.at), to: other(String(r.at)) })),
  ];
  const unitRows = units.rows.length - warm;
  const warmRows = [...all.slice(0, warm), ...all.slice(units.rows.length, units.rows.length + warm)];
  const rows = [...all.slice(warm, units.rows.length), ...all.slice(units.rows.length + warm)];
  const token = await insertToken(db, ws, `bench-clerk-${Date.now()}`, 'clerk', new Date());
  db.close();
  // Each run on its own copy of the file (the post moves what it moves once), floor and post alike.
  const posts: number[] = [];
  const floors: number[] = [];
  for (let run = 0; run < ctx.sizes.postRuns; run++) {
    const copy = copyLedger({ ...ledger, file }, path.join(ctx.dir, `transfer-${run}.db`));
    const floorDb = await openFloorDatabase(copy);
    floors.push(await floorInsert(floorDb, rows));
    floorDb.close();
    const server = await startServerProcess(copy);
    try {
      await timedPost(server.url, token, batchBody(warmRows), warmRows.length);
      posts.push(rows.length / await timedPost(server.url, token, batchBody(rows), rows.length));
    } finally {
      await server.stop();
      removeDatabase(copy);
    }
  }
  removeDatabase(file);
  const post = median(posts), floor = median(floors);
  ctx.log(`  transfer on ${ledger.movements.toLocaleString('en-US')} movements: ${rows.length} rows, post ${posts.map(Math.round).join(', ')} rows/s; floor ${floors.map(Math.round).join(', ')} rows/s`);
  ctx.note('Posting', `Transfer: ${rows.length.toLocaleString('en-US')} rows (${unitRows.toLocaleString('en-US')} serial units in stock, ${(rows.length - unitRows).toLocaleString('en-US')} lots moving one unit each) posted to a server on a copy of the large ledger (${ledger.movements.toLocaleString('en-US')} movements; see Tracing) after a ${warmRows.length.toLocaleString('en-US')}-row transfer of other units and lots; median of ${posts.length} run${posts.length === 1 ? '' : 's'}, each on a fresh copy. Its floor inserts the same rows into an empty movement-shaped table in that same database file. The floor appends to empty indexes while the post also reads the units, lots and stock it moves, updates them, and inserts into indexes of a million entries spread over the file, so this ratio shows what the size of the ledger costs.`);
  return {
    section: 'Posting', what: `${rows.length.toLocaleString('en-US')}-row transfer on a ledger of ${ledger.movements.toLocaleString('en-US')} movements`,
    value: post, unit: 'rows/s', floorWhat: 'same rows, 500-row INSERTs into an empty table',
    floorValue: floor, better: 'higher',
    target: { text: '≥ 0.3 of the floor', met: post / floor >= 0.3 },
  };
}
