import type { Client, InValue } from '@libsql/client';
import { createWorkspace } from '../../server/workspaces';
import { clientStore } from '../../server/db/remote-store';

/**
 * Builds a large ledger for the trace benchmark straight into libSQL: items, locations,
 * lots, batches and movements, with the stock and unit projections kept as the write path
 * keeps them (no lot below zero, a serial in one place). Posting a million rows through
 * the API would time the write path, not the reports.
 *
 * Shape: 1,000 items (800 lot-tracked, 100 serial-tracked, 100 both), 50 locations,
 * `lots` lots of ~6 movements each (receive, transfer, three shipments, sometimes a return
 * and a scrap), one chain of three transformations for every 50 lots (consume, produce a new
 * lot of another item, ship part of it; the next work order consumes that lot), `serials`
 * units (receive, then a transfer or a shipment, a few returns), and a few voided batches
 * with their reversals.
 */

export interface BenchLedger {
  workspaceId: number;
  adminToken: string;
  movements: number;
  lots: { sku: string; lot: string }[];
  serials: { sku: string; serial: string }[];
}

// A small deterministic PRNG (mulberry32): the same ledger on every run.
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const START = Date.parse('2025-01-01T00:00:00Z');
const LAST = Date.parse('2026-11-20T00:00:00Z');
const day = (ms: number) => new Date(Math.min(ms, LAST)).toISOString().slice(0, 10);

type Mv = [type: string, date: string, itemId: number, lotId: number | null, serial: string | null, qtyMilli: number,
  from: number | null, to: number | null, party: string | null, ref: string | null, reverses?: number | null];

const MOVEMENT_COLS = '(id, workspace_id, batch_id, row_index, type, date, item_id, lot_id, serial, qty_milli, from_location_id, to_location_id, party, ref, note, reverses, posted_at)';

export async function buildBenchLedger(db: Client, opts: { lots: number; serials: number; log?: (s: string) => void }): Promise<BenchLedger> {
  const log = opts.log ?? (() => undefined);
  const rand = rng(204);
  const pick = (n: number) => Math.floor(rand() * n);
  const name = `bench-${Date.now().toString(36)}`;
  const { workspaceId: ws, adminToken } = await createWorkspace(clientStore(db), name);

  const baseIds = await db.execute('SELECT COALESCE(MAX(id), 0) AS i FROM item');
  const itemBase = Number(baseIds.rows[0].i);
  const locBase = Number((await db.execute('SELECT COALESCE(MAX(id), 0) AS i FROM location')).rows[0].i);
  let lotId = Number((await db.execute('SELECT COALESCE(MAX(id), 0) AS i FROM lot')).rows[0].i);
  let movementId = Number((await db.execute('SELECT COALESCE(MAX(id), 0) AS i FROM movement')).rows[0].i);

  const items = Array.from({ length: 1000 }, (_, k) => ({
    id: itemBase + k + 1, sku: `SKU-${String(k).padStart(4, '0')}`, lot: k < 800 || k >= 900 ? 1 : 0, serial: k >= 800 ? 1 : 0,
  }));
  const locations = Array.from({ length: 50 }, (_, k) => ({ id: locBase + k + 1, code: `LOC-${String(k).padStart(2, '0')}` }));
  const customer = () => `Customer ${String(pick(5000)).padStart(4, '0')}`;
  const supplier = () => `Supplier ${String(pick(100)).padStart(3, '0')}`;
  const loc = () => locations[pick(locations.length)].id;

  const tx = await db.transaction('write');
  const insertMany = async (table: string, cols: string, rows: InValue[][]) => {
    const per = Math.floor(30_000 / rows[0]?.length || 1);
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      const marks = chunk.map((r) => `(${r.map(() => '?').join(',')})`).join(',');
      await tx.execute({ sql: `INSERT INTO ${table} ${cols} VALUES ${marks}`, args: chunk.flat() });
    }
  };
  await insertMany('item', '(id, workspace_id, sku, name, unit, lot_tracked, serial_tracked, requires_expiry)',
    items.map((i) => [i.id, ws, i.sku, `Bench item ${i.sku}`, 'each', i.lot, i.serial, i.lot]));
  await insertMany('location', '(id, workspace_id, code, name)', locations.map((l) => [l.id, ws, l.code, l.code]));

  const stock = new Map<string, number>(); // `${item}|${lot}|${loc}` → qty_milli
  const move = (item: number, lot: number | null, from: number | null, to: number | null, q: number) => {
    if (from !== null) stock.set(`${item}|${lot ?? 0}|${from}`, (stock.get(`${item}|${lot ?? 0}|${from}`) ?? 0) - q);
    if (to !== null) stock.set(`${item}|${lot ?? 0}|${to}`, (stock.get(`${item}|${lot ?? 0}|${to}`) ?? 0) + q);
  };
  const units = new Map<string, [item: number, serial: string, lot: number | null, state: string, loc: number | null, party: string | null]>();

  let batchNo = 0;
  let pending: Mv[] = [];
  let total = 0;
  const postedAt = (n: number) => new Date(START + n * 60_000).toISOString();
  const pendingLots: InValue[][] = [];
  const LOT_COLS = '(id, workspace_id, item_id, code, expiry, first_received)';
  const flush = async (voids?: string, reason?: string) => {
    // Lots first: the movements point at them.
    if (pendingLots.length) { await insertMany('lot', LOT_COLS, pendingLots); pendingLots.length = 0; }
    if (pending.length === 0) return null;
    batchNo++;
    const batchId = `B-BENCH${ws}-${String(batchNo).padStart(6, '0')}`;
    const at = postedAt(batchNo);
    await tx.execute({
      sql: 'INSERT INTO batch (id, workspace_id, posted_at, posted_by, rows, voids, reason) VALUES (?, ?, ?, ?, ?, ?, ?)',
      args: [batchId, ws, at, 'bench', pending.length, voids ?? null, reason ?? null],
    });
    const first = movementId + 1;
    await insertMany('movement', MOVEMENT_COLS, pending.map((m, row) => [
      ++movementId, ws, batchId, row, m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9], null, m[10] ?? null, at,
    ]));
    total += pending.length;
    const posted = pending;
    pending = [];
    return { batchId, first, posted };
  };
  // The latest movement date per stock key and per serial, as the write path keeps them (005).
  const lastDates = new Map<string, string>();
  const later = (k: string, date: string) => { if ((lastDates.get(k) ?? '') < date) lastDates.set(k, date); };
  const add = async (m: Mv) => {
    pending.push(m);
    for (const at of [m[6], m[7]]) if (at !== null) later(`${m[2]}|${m[3] ?? 0}|${at}`, m[1]);
    if (m[4] !== null) later(`${m[2]}|${m[4]}`, m[1]);
    if (pending.length >= 1000) await flush();
  };

  const firstLotId = lotId + 1;
  const itemLotId = (n: number) => firstLotId + n;
  // Lots of the lot-tracked items: receive, transfer part, ship to three customers, maybe a return and a scrap.
  const lots: BenchLedger['lots'] = [];
  const lotItems = items.filter((i) => i.lot && !i.serial);
  for (let n = 0; n < opts.lots; n++) {
    const item = lotItems[n % lotItems.length];
    const id = ++lotId;
    const code = `L${n.toString(36).toUpperCase().padStart(5, '0')}`;
    let t = START + Math.floor((n / opts.lots) * 640) * DAY;
    const received = day(t);
    pendingLots.push([id, ws, item.id, code, day(t + (365 + pick(500)) * DAY), received]);
    lots.push({ sku: item.sku, lot: code });
    const a = loc();
    let b = loc();
    if (b === a) b = locations[(locations.findIndex((l) => l.id === a) + 1) % locations.length].id;
    const qty = (100 + pick(900)) * 1000;
    const there = { [a]: qty, [b]: 0 } as Record<number, number>;
    await add(['receive', received, item.id, id, null, qty, null, a, supplier(), `PO-${n}`]);
    move(item.id, id, null, a, qty);
    const moved = Math.floor(qty / 3 / 1000) * 1000;
    t += (1 + pick(4)) * DAY;
    await add(['transfer', day(t), item.id, id, null, moved, a, b, null, null]);
    move(item.id, id, a, b, moved); there[a] -= moved; there[b] += moved;
    let lastShip: { party: string; from: number; qty: number } | null = null;
    for (let s = 0; s < 3; s++) {
      const from = s % 2 === 0 ? a : b;
      const q = Math.min(there[from], (1 + pick(50)) * 1000);
      if (q <= 0) continue;
      t += (1 + pick(4)) * DAY;
      const party = customer();
      await add(['ship', day(t), item.id, id, null, q, from, null, party, `SO-${n}-${s}`]);
      move(item.id, id, from, null, q); there[from] -= q;
      lastShip = { party, from, qty: q };
    }
    if (lastShip && rand() < 0.5) {
      t += (1 + pick(10)) * DAY;
      const q = Math.max(1000, Math.floor(lastShip.qty / 2000) * 1000);
      await add(['return', day(t), item.id, id, null, q, null, a, lastShip.party, `RMA-${n}`]);
      move(item.id, id, null, a, q); there[a] += q;
    }
    if (rand() < 0.5 && there[b] > 0) {
      t += (1 + pick(10)) * DAY;
      await add(['scrap', day(t), item.id, id, null, 1000, b, null, null, 'damaged']);
      move(item.id, id, b, null, 1000); there[b] -= 1000;
    }
    if (n % 20_000 === 19_999) log(`  ${n + 1} lots, ${total} movements`);
  }

  // Transformations: chains of three work orders, each consuming part of a lot and producing a
  // new lot of another item (shipped in part to a customer), the next consuming that lot.
  for (let c = 0; c < Math.ceil(opts.lots / 50); c++) {
    const n = (c * 50 + pick(50)) % opts.lots;
    let input = { item: lotItems[n % lotItems.length].id, lot: itemLotId(n), at: 0 };
    input.at = locations.find((l) => (stock.get(`${input.item}|${input.lot}|${l.id}`) ?? 0) >= 4000)?.id ?? 0;
    if (input.at === 0) continue;
    for (let level = 1; level <= 3; level++) {
      const item = lotItems[(n + level * 7) % lotItems.length];
      const id = ++lotId;
      const date = day(LAST - (4 - level) * DAY);
      const ref = `WO-${c}-${level}`;
      await flush(); // a work order's rows in one batch of their own
      pendingLots.push([id, ws, item.id, `T${level}-${c.toString(36).toUpperCase().padStart(4, '0')}`, day(LAST + 400 * DAY), date]);
      await add(['consume', date, input.item, input.lot, null, 1000, input.at, null, null, ref]);
      move(input.item, input.lot, input.at, null, 1000);
      await add(['produce', date, item.id, id, null, 4000, null, input.at, null, ref]);
      move(item.id, id, null, input.at, 4000);
      await add(['ship', date, item.id, id, null, 1000, input.at, null, customer(), `SO-T${c}-${level}`]);
      move(item.id, id, input.at, null, 1000);
      await flush();
      input = { item: item.id, lot: id, at: input.at };
    }
  }

  // Serial units: half of the serial items also carry lots (one lot per 50 units).
  const serialItems = items.filter((i) => i.serial);
  const serials: BenchLedger['serials'] = [];
  const lotOfRound = new Map<string, number>();
  for (let n = 0; n < opts.serials; n++) {
    const item = serialItems[n % serialItems.length];
    const serial = `SN${String(n).padStart(8, '0')}`;
    serials.push({ sku: item.sku, serial });
    let t = START + Math.floor((n / opts.serials) * 640) * DAY;
    let lot: number | null = null;
    if (item.lot) {
      const round = Math.floor(n / serialItems.length / 50);
      const key = `${item.id}|${round}`;
      lot = lotOfRound.get(key) ?? null;
      if (lot === null) {
        lot = ++lotId;
        lotOfRound.set(key, lot);
        pendingLots.push([lot, ws, item.id, `S${round}-${item.sku}`, day(t + 730 * DAY), day(t)]);
      }
    }
    const a = loc();
    await add(['receive', day(t), item.id, lot, serial, 1000, null, a, supplier(), `PO-S${n}`]);
    move(item.id, lot, null, a, 1000);
    let unit: [number, string, number | null, string, number | null, string | null] = [item.id, serial, lot, 'in_stock', a, null];
    t += (1 + pick(5)) * DAY;
    if (rand() < 0.6) {
      const party = customer();
      await add(['ship', day(t), item.id, lot, serial, 1000, a, null, party, `SO-S${n}`]);
      move(item.id, lot, a, null, 1000);
      unit = [item.id, serial, lot, 'shipped', null, party];
      if (rand() < 0.1) {
        const b = loc();
        t += (1 + pick(5)) * DAY;
        await add(['return', day(t), item.id, lot, serial, 1000, null, b, party, `RMA-S${n}`]);
        move(item.id, lot, null, b, 1000);
        unit = [item.id, serial, lot, 'in_stock', b, null];
      }
    } else {
      let b = loc();
      if (b === a) b = locations[(locations.findIndex((l) => l.id === a) + 1) % locations.length].id;
      await add(['transfer', day(t), item.id, lot, serial, 1000, a, b, null, null]);
      move(item.id, lot, a, b, 1000);
      unit = [item.id, serial, lot, 'in_stock', b, null];
    }
    units.set(`${item.id}|${serial}`, unit);
  }
  await flush();

  // Voided batches: extra receipts into existing lots, then the batch that reverses them (net zero).
  for (let v = 0; v < 20; v++) {
    for (let r = 0; r < 100; r++) {
      const n = pick(lots.length);
      const item = lotItems[n % lotItems.length];
      await add(['receive', '2026-11-01', item.id, itemLotId(n), null, 5000, null, locations[0].id, supplier(), `PO-X${v}-${r}`]);
    }
    const original = await flush();
    if (!original) continue;
    pending = original.posted.map((m, i) => [m[0], m[1], m[2], m[3], m[4], m[5], m[7], m[6], m[8], m[9], original.first + i] as Mv);
    await flush(original.batchId, 'bench void');
  }

  // The projections, as the write path leaves them.
  const stockRows: InValue[][] = [];
  for (const [key, q] of stock) {
    if (q < 0) throw new Error(`bench ledger went below zero at ${key}`);
    const [item, lot, location] = key.split('|').map(Number);
    if (q > 0) stockRows.push([ws, item, lot, location, q, lastDates.get(key)!]);
  }
  await insertMany('stock', '(workspace_id, item_id, lot_id, location_id, qty_milli, last_date)', stockRows);
  await insertMany('unit', '(workspace_id, item_id, serial, lot_id, state, location_id, party, last_date)',
    [...units.values()].map((u) => [ws, u[0], u[1], u[2], u[3], u[4], u[5], lastDates.get(`${u[0]}|${u[1]}`)!]));
  await tx.commit();
  return { workspaceId: ws, adminToken, movements: total, lots, serials };
}
