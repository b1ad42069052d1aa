import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LedgerStore } from '../../db/port';
import { openDatabase } from '../../db/client';
import { migrate } from '../../db/migrate';
import { createWorkspace } from '../../workspaces';
import { traceLot } from '../trace';
import { onHand } from './on-hand';
import { recall } from './recall';
import { expiringLots } from './expiring';
import { qtyOf } from './qty';

// A ledger written before one place's stock was capped may hold more than 2^53 thousandths at
// a place (9,010 receipts of 1e9): every report must still read it, exactly as the client can.
let dir: string;
let db: LedgerStore;
let ws: number;
const BIG = 9_010_000_000_000_000; // thousandths: 9,010 × 1e9 units, past 2^53

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lotledger-big-'));
  db = await openDatabase(`file:${path.join(dir, 'ledger.db')}`);
  await migrate(db);
  ws = (await createWorkspace(db, 'big')).workspaceId;
  await db.write([
    { sql: "INSERT INTO item (id, workspace_id, sku, name, lot_tracked, serial_tracked) VALUES (1, ?, 'VAC', 'v', 1, 0)", args: [ws] },
    { sql: "INSERT INTO location (id, workspace_id, code) VALUES (1, ?, 'A')", args: [ws] },
    { sql: "INSERT INTO lot (id, workspace_id, item_id, code, expiry, first_received) VALUES (1, ?, 1, 'L', '2026-01-10', '2026-01-01')", args: [ws] },
    { sql: "INSERT INTO batch (id, workspace_id, posted_at, posted_by, rows) VALUES ('B-1', ?, '2026-01-01T00:00:00Z', 't', 9010)", args: [ws] },
    {
      sql: `WITH RECURSIVE n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k < 9009)
            INSERT INTO movement (workspace_id, batch_id, row_index, type, date, item_id, lot_id, qty_milli, to_location_id, ref, posted_at)
            SELECT ?, 'B-1', k, 'receive', '2026-01-01', 1, 1, 1000000000000, 1, 'PO', '2026-01-01T00:00:00Z' FROM n`,
      args: [ws],
    },
    { sql: 'INSERT INTO stock (workspace_id, item_id, lot_id, location_id, qty_milli, last_date) VALUES (?, 1, 1, 1, ?, ?)', args: [ws, BigInt(BIG), '2026-01-01'] },
  ]);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a place holding more than 2^53 thousandths', () => {
  it('is read by every report as the number nearest its exact quantity', async () => {
    const units = 9_010_000_000_000;
    const row = { sku: 'VAC', lot: 'L', serial: null, location: 'A', qty: units, held: false };
    expect(await onHand(db, ws, {})).toEqual([row]);
    expect(await onHand(db, ws, { asOf: '2026-06-30' })).toEqual([row]);
    expect((await recall(db, ws, { sku: 'VAC', lots: ['L'] })).onHand).toEqual([{ sku: 'VAC', location: 'A', lot: 'L', qty: units, held: false }]);
    expect((await expiringLots(db, ws, { days: 30, today: '2026-01-05' })).map((l) => l.qty)).toEqual([units]);
    expect((await traceLot(db, ws, { sku: 'VAC', lot: 'L' })).onHand).toEqual([{ location: 'A', qty: units }]);
  });
});

describe('qtyOf', () => {
  it('turns thousandths into units exactly, from text or number, signed', () => {
    expect(qtyOf('1')).toBe(0.001);
    expect(qtyOf(-2500)).toBe(-2.5);
    expect(qtyOf('999999999999999')).toBe(999999999999.999);
    expect(qtyOf(9007199254740993n)).toBe(9007199254740.993);
  });
});
