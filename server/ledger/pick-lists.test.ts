import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LedgerStore } from '../db/port';
import { openDatabase } from '../db/client';
import { migrate } from '../db/migrate';
import { createWorkspace } from '../workspaces';
import { addDays } from '../../shared/dates';
import { allocatePicks, type PickCandidate, type PickRules } from '../../shared/pick-list';
import { makePickList } from './pick-lists';

// The ledger reads only the first lots of each item, in passes, and units as counts by place
// until it knows which serials to read. Whatever the stock, that must allocate exactly as the
// pure allocation does over all of it.
let dir: string;
let db: LedgerStore;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lotledger-picks-'));
  db = await openDatabase(`file:${path.join(dir, 'picks.db')}`);
  await migrate(db);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const DAY = '2026-12-01';
const PLACES = ['A', 'B', 'Q'];
const day = fc.integer({ min: -3, max: 4 }).map((n) => addDays(DAY, n * 3));
// Few expiries and receipt days, so lots tie often: the ties are where reading a prefix can go wrong.
const tied = fc.integer({ min: 0, max: 3 }).map((n) => addDays(DAY, n * 4));
const placesOf = (most: number) => fc.uniqueArray(fc.tuple(fc.constantFrom(...PLACES), fc.integer({ min: 1, max: most })), { selector: (p) => p[0], minLength: 1, maxLength: 3 });
const places = placesOf(30);
const lot = fc.record({ expiry: fc.option(tied, { nil: null, freq: 6 }), firstReceived: tied, held: fc.integer({ min: 0, max: 9 }).map((n) => n < 3), at: placesOf(6) });
const ledgerArb = fc.record({
  lots: fc.array(lot, { maxLength: 40 }),
  plain: places,
  serialLots: fc.array(fc.record({ expiry: fc.option(day, { nil: null, freq: 6 }), firstReceived: day, held: fc.boolean(), units: fc.array(fc.tuple(fc.constantFrom(...PLACES), fc.boolean()), { maxLength: 6 }) }), { maxLength: 10 }),
  loose: fc.array(fc.tuple(fc.constantFrom(...PLACES), fc.boolean()), { maxLength: 20 }),
});
const linesArb = fc.array(fc.record({ sku: fc.constantFrom('LOT', 'PLAIN', 'SER', 'SN'), qty: fc.integer({ min: 1, max: 20 }) }), { minLength: 1, maxLength: 6 });
const rulesArb = fc.record({
  date: day, minShelfLifeDays: fc.integer({ min: 0, max: 5 }),
  from: fc.option(fc.uniqueArray(fc.constantFrom(...PLACES), { minLength: 1 }), { nil: null }),
});

type Ledger = typeof ledgerArb extends fc.Arbitrary<infer T> ? T : never;

/** Writes the stock straight into a new workspace, and answers it as the pure allocation's candidates. */
async function stocked(l: Ledger): Promise<{ workspaceId: number; candidates: PickCandidate[] }> {
  const { workspaceId: ws } = await createWorkspace(db, `picks-${Math.random().toString(36).slice(2)}`);
  const id = async (sql: string, args: (string | number | null)[]) => Number((await db.write([{ sql: `${sql} RETURNING id`, args }]))[0].rows[0].id);
  const item = (sku: string, lotTracked: number, serialTracked: number) =>
    id('INSERT INTO item (workspace_id, sku, name, lot_tracked, serial_tracked) VALUES (?, ?, ?, ?, ?)', [ws, sku, sku, lotTracked, serialTracked]);
  const loc = new Map<string, number>();
  for (const code of PLACES) loc.set(code, await id('INSERT INTO location (workspace_id, code, quarantine) VALUES (?, ?, ?)', [ws, code, code === 'Q' ? 1 : 0]));
  const candidates: PickCandidate[] = [];
  const base = (sku: string, lotCode: string | null, location: string, expiry: string | null, firstReceived: string | null, held: boolean) =>
    ({ sku, lot: lotCode, location, expiry, firstReceived, held, quarantine: location === 'Q' });
  const newLot = (itemId: number, code: string, expiry: string | null, firstReceived: string) =>
    id('INSERT INTO lot (workspace_id, item_id, code, expiry, first_received) VALUES (?, ?, ?, ?, ?)', [ws, itemId, code, expiry, firstReceived]);
  const hold = (itemId: number, lotId: number | null, serial: string | null) => db.write([{
    sql: "INSERT INTO hold (workspace_id, item_id, lot_id, serial, reason, held_at, held_by) VALUES (?, ?, ?, ?, 'test', '2026-12-01T00:00:00Z', 'test')", args: [ws, itemId, lotId, serial],
  }]);
  const stock = (itemId: number, lotId: number, at: string, qty: number) => db.write([{
    sql: 'INSERT INTO stock (workspace_id, item_id, lot_id, location_id, qty_milli) VALUES (?, ?, ?, ?, ?)', args: [ws, itemId, lotId, loc.get(at)!, qty * 1000],
  }]);
  const unit = (itemId: number, serial: string, lotId: number | null, at: string) => db.write([{
    sql: "INSERT INTO unit (workspace_id, item_id, serial, lot_id, state, location_id) VALUES (?, ?, ?, ?, 'in_stock', ?)", args: [ws, itemId, serial, lotId, loc.get(at)!],
  }]);

  const lotItem = await item('LOT', 1, 0);
  for (const [n, x] of l.lots.entries()) {
    const code = `L${String(n).padStart(2, '0')}`;
    const lotId = await newLot(lotItem, code, x.expiry, x.firstReceived);
    if (x.held) await hold(lotItem, lotId, null);
    for (const [at, qty] of x.at) {
      await stock(lotItem, lotId, at, qty);
      candidates.push({ ...base('LOT', code, at, x.expiry, x.firstReceived, x.held), serial: null, qtyMilli: qty * 1000 });
    }
  }
  const plainItem = await item('PLAIN', 0, 0);
  for (const [at, qty] of l.plain) {
    await stock(plainItem, 0, at, qty);
    candidates.push({ ...base('PLAIN', null, at, null, null, false), serial: null, qtyMilli: qty * 1000 });
  }
  const serItem = await item('SER', 1, 1);
  let n = 0;
  for (const [k, x] of l.serialLots.entries()) {
    const code = `K${k}`;
    const lotId = await newLot(serItem, code, x.expiry, x.firstReceived);
    if (x.held) await hold(serItem, lotId, null);
    for (const [at, unitHeld] of x.units) {
      const serial = `S${String(n++).padStart(3, '0')}`;
      await unit(serItem, serial, lotId, at);
      if (unitHeld) await hold(serItem, lotId, serial);
      candidates.push({ ...base('SER', code, at, x.expiry, x.firstReceived, x.held || unitHeld), serial, qtyMilli: 1000 });
    }
  }
  const snItem = await item('SN', 0, 1);
  for (const [at, unitHeld] of l.loose) {
    const serial = `N${String(n++).padStart(3, '0')}`;
    await unit(snItem, serial, null, at);
    if (unitHeld) await hold(snItem, null, serial);
    candidates.push({ ...base('SN', null, at, null, null, unitHeld), serial, qtyMilli: 1000 });
  }
  return { workspaceId: ws, candidates };
}

test('the ledger allocates exactly as the pure allocation over all the stock, however the lots tie and hold', async () => {
  await fc.assert(fc.asyncProperty(ledgerArb, linesArb, rulesArb, async (ledger, lines, rules: PickRules) => {
    const { workspaceId, candidates } = await stocked(ledger);
    const input = { lines: lines.map((l) => ({ sku: l.sku, qtyMilli: l.qty * 1000 })), from: rules.from ? [...rules.from] : null, minShelfLifeDays: rules.minShelfLifeDays, date: rules.date };
    const expected = allocatePicks(input.lines, candidates, rules).map((l) => ({
      line: l.line, sku: l.sku, qty: l.qtyMilli / 1000, short: l.shortMilli / 1000,
      picks: l.picks.map((p) => ({ lot: p.lot, serial: p.serial, location: p.location, qty: p.qtyMilli / 1000, expiry: p.expiry })),
    }));
    expect((await makePickList(db, workspaceId, input)).lines).toEqual(expected);
  }), { numRuns: 100 });
}, 120_000);
