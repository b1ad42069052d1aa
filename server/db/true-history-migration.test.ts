import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LedgerStore } from './port';
import { openDatabase } from './client';
import { migrate } from './migrate';

// 005 fills in, for a ledger written before it, what the dated checks and voids need, and mends
// first_received where a receipt posted later was dated earlier.
const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
let dir: string;
let db: LedgerStore;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lotledger-005-'));
  db = await openDatabase(`file:${path.join(dir, 'ledger.db')}`);
  await db.write(['CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)']);
  for (const name of readdirSync(MIGRATIONS).filter((f) => /^00[1-3]_.*\.sql$/.test(f)).sort()) {
    await db.script(readFileSync(path.join(MIGRATIONS, name), 'utf8'));
    await db.write([{ sql: "INSERT INTO schema_migrations VALUES (?, 'then')", args: [name] }]);
  }
  // The ledger as the old code left it: lot L received on 01-20, then a receipt dated 01-05
  // posted (first_received stayed 01-20), a transfer on 01-25, and a voided receipt dated 01-01.
  await db.script(`
    INSERT INTO workspace (id, name, created_at) VALUES (1, 'w', 'then');
    INSERT INTO item (id, workspace_id, sku, name, lot_tracked, serial_tracked) VALUES (1, 1, 'VAC', 'v', 1, 0), (2, 1, 'PUMP', 'p', 0, 1);
    INSERT INTO location (id, workspace_id, code) VALUES (1, 1, 'A'), (2, 1, 'B');
    INSERT INTO lot (id, workspace_id, item_id, code, expiry, first_received) VALUES (1, 1, 1, 'L', '2027-01-01', '2026-01-20');
    INSERT INTO batch (id, workspace_id, posted_at, posted_by, rows, voids) VALUES
      ('B-1', 1, 't1', 'x', 2, NULL), ('B-2', 1, 't2', 'x', 1, NULL), ('B-3', 1, 't3', 'x', 1, NULL),
      ('B-4', 1, 't4', 'x', 1, NULL), ('B-5', 1, 't5', 'x', 1, 'B-4');
    INSERT INTO movement (id, workspace_id, batch_id, row_index, type, date, item_id, lot_id, serial, qty_milli, from_location_id, to_location_id, reverses, posted_at) VALUES
      (1, 1, 'B-1', 0, 'receive', '2026-01-20', 1, 1, NULL, 5000, NULL, 1, NULL, 't1'),
      (2, 1, 'B-1', 1, 'receive', '2026-01-20', 2, NULL, 'S1', 1000, NULL, 1, NULL, 't1'),
      (3, 1, 'B-2', 0, 'receive', '2026-01-05', 1, 1, NULL, 5000, NULL, 1, NULL, 't2'),
      (4, 1, 'B-3', 0, 'transfer', '2026-01-25', 2, NULL, 'S1', 1000, 1, 2, NULL, 't3'),
      (5, 1, 'B-4', 0, 'receive', '2026-01-01', 1, 1, NULL, 1000, NULL, 1, NULL, 't4'),
      (6, 1, 'B-5', 0, 'receive', '2026-01-01', 1, 1, NULL, 1000, 1, NULL, 5, 't5');
    INSERT INTO stock (workspace_id, item_id, lot_id, location_id, qty_milli) VALUES (1, 1, 1, 1, 10000), (1, 2, 0, 2, 1000), (1, 2, 0, 1, 0);
    INSERT INTO unit (workspace_id, item_id, serial, state, location_id) VALUES (1, 2, 'S1', 'in_stock', 2);
  `);
  await migrate(db);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 005 on a ledger written before it', () => {
  it('gives each stock row and unit the date of its latest movement', async () => {
    const stock = await db.read('SELECT item_id, location_id, last_date FROM stock ORDER BY item_id, location_id');
    expect(stock.rows.map((r) => [r.item_id, r.location_id, r.last_date])).toEqual([[1, 1, '2026-01-20'], [2, 1, '2026-01-25'], [2, 2, '2026-01-25']]);
    expect((await db.read('SELECT last_date FROM unit')).rows[0].last_date).toBe('2026-01-25');
  });

  it('sets first_received to the earliest receipt that counts, and gives old receipts their lot\'s expiry', async () => {
    expect((await db.read('SELECT first_received FROM lot')).rows[0].first_received).toBe('2026-01-05');
    const expiries = await db.read('SELECT id, expiry FROM movement ORDER BY id');
    expect(expiries.rows.map((r) => r.expiry)).toEqual(['2027-01-01', null, '2027-01-01', null, '2027-01-01', null]);
  });

  it('leaves movements append-only', async () => {
    await expect(db.write(["UPDATE movement SET note = 'x' WHERE id = 1"])).rejects.toThrow(/append-only/);
  });
});
