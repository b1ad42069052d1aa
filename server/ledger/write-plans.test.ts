import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LedgerStore, Value } from '../db/port';
import { openDatabase } from '../db/client';
import { migrate } from '../db/migrate';
import { createWorkspace } from '../workspaces';
import { emptyEffects, lotKey, stockKey, unitKey } from './checks';
import { ledgerWrites, type MovementWrite } from './writes';
import type { Master } from './state';

// A post must cost the same on a ledger of a million movements as on an empty one: every
// statement of the write finds its rows by a whole key. A search of stock by item alone once
// made a 10,000-row transfer take a second on a ledger of 100,000 lots.
let dir: string;
let db: LedgerStore;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lotledger-write-plans-'));
  db = await openDatabase(`file:${path.join(dir, 'plans.db')}`);
  await migrate(db);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every kind of statement a write can hold: new lot, lot expiry, movement, unit kept and gone, stock up and down. */
function everyWrite(workspaceId: number) {
  const master = {
    version: 0, items: [], locations: [],
    itemsBySku: new Map([['IMP-7', { id: 1, sku: 'IMP-7' }]]),
    locationIds: new Map([['WH1-A', 1], ['WH1-B', 2]]),
  } as unknown as Master;
  const effects = emptyEffects();
  effects.newLots.set(lotKey('IMP-7', 'L2'), { sku: 'IMP-7', code: 'L2', expiry: '2030-01-31', firstReceived: '2026-11-24' });
  effects.lotExpiries.set(lotKey('IMP-7', 'L1'), { sku: 'IMP-7', code: 'L1', expiry: '2030-01-31' });
  effects.firstReceived.set(lotKey('IMP-7', 'L1'), { sku: 'IMP-7', code: 'L1', date: '2026-11-01' });
  effects.units.set(unitKey('IMP-7', 'SN1'), { sku: 'IMP-7', serial: 'SN1', state: 'in_stock', location: 'WH1-B', party: null, lot: 'L1', lastDate: '2026-11-24' });
  effects.units.set(unitKey('IMP-7', 'SN2'), null);
  effects.stock.set(stockKey('IMP-7', 'L1', 'WH1-B'), { sku: 'IMP-7', lot: 'L1', location: 'WH1-B', delta: 1000, lastDate: '2026-11-24', legs: [0] });
  effects.stock.set(stockKey('IMP-7', 'L1', 'WH1-A'), { sku: 'IMP-7', lot: 'L1', location: 'WH1-A', delta: -1000, lastDate: '2026-11-24', legs: [~0] });
  const movement: MovementWrite = {
    rowIndex: 0, type: 'transfer', date: '2026-11-24', itemId: 1, lot: 'L1', serial: 'SN1', qtyMilli: 1000,
    fromId: 1, toId: 2, party: null, ref: null, note: null, reverses: null,
  };
  const batch = { id: 'B-PLAN', postedAt: '2026-11-24T00:00:00.000Z', postedBy: 'test', source: null };
  return ledgerWrites({ workspaceId, master, batch }, 0, [movement], effects);
}

const ROWS_CTE = /^\s*WITH r AS MATERIALIZED \(SELECT j\.key AS k, jsonb\(j\.value\) AS v FROM json_each\(\?\d*\) j\)/;

describe('ledger write query plans', () => {
  it('every statement of a post searches the ledger by a whole key and never scans a table', async () => {
    const { workspaceId } = await createWorkspace(db, 'plans');
    const statements = everyWrite(workspaceId);
    // What each statement does, after the CTE that reads its rows from JSON.
    const action = (sql: string) => sql.replace(ROWS_CTE, '').trim();
    expect(statements.map((s) => action(typeof s === 'string' ? s : s.sql).split(/\s+/).slice(0, 3).join(' '))).toEqual([
      'UPDATE workspace SET', 'INSERT INTO batch', 'INSERT INTO lot', 'INSERT INTO movement', 'UPDATE lot SET',
      'UPDATE lot SET', 'INSERT INTO unit', 'DELETE FROM unit', 'INSERT INTO stock', 'UPDATE stock SET',
    ]);
    for (const s of statements) {
      if (typeof s === 'string') continue;
      const rs = await db.read({ sql: `EXPLAIN QUERY PLAN ${s.sql}`, args: (s.args ?? []) as Value[] });
      const steps = rs.rows.map((r) => String(r.detail));
      if (process.env.SHOW_PLANS) console.log(s.sql.trim().split('\n')[0], steps);
      const first = action(s.sql).split('\n')[0];
      expect(steps.filter((d) => /^SCAN (?!j\b|d\b|r\b)/.test(d)), first).toEqual([]);
      // Rows read from JSON are parsed once, into a materialised table, not again at each use.
      if (ROWS_CTE.test(s.sql)) expect(steps, first).toContain('MATERIALIZE r');
      for (const d of steps.filter((x) => /^SEARCH (stock|lot|l|unit|u) /.test(x))) {
        if (/^SEARCH stock/.test(d)) expect(d, first).toMatch(/\(item_id=\? AND lot_id=\? AND location_id=\?\)/);
        if (/^SEARCH (lot|l) /.test(d)) expect(d, first).toMatch(/\(item_id=\? AND code=\?\)|INTEGER PRIMARY KEY/);
        // (lot_id=?) is the foreign-key check of a new lot's children: a search of unit_lot.
        if (/^SEARCH (unit|u) /.test(d)) expect(d, first).toMatch(/\(item_id=\? AND serial=\?\)|\(lot_id=\?\)|INTEGER PRIMARY KEY/);
      }
    }
  });
});
