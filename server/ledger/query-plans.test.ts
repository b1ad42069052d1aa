import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from '@libsql/client';
import { openDatabase } from '../db/client';
import { migrate } from '../db/migrate';
import { MOVEMENT_SELECT } from './movement-rows';
import { ITEMS_OF_SERIAL_BY_MOVEMENT, ITEMS_OF_SERIAL_BY_UNIT, LOT_MOVEMENTS_TAIL, SERIAL_MOVEMENTS_TAIL } from './trace';

// One lot or one serial must be answered from an index, however large the ledger grows:
// a plan that scans `movement` would make every trace slower with every posting.
let dir: string;
let db: Client;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lotledger-plans-'));
  db = await openDatabase(`file:${path.join(dir, 'plans.db')}`);
  await migrate(db);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function plan(sql: string, args: (string | number)[]): Promise<string[]> {
  const rs = await db.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args });
  return rs.rows.map((r) => String(r.detail));
}

describe('trace query plans', () => {
  it('a lot trace searches the movements through the lot index and never scans them', async () => {
    const steps = await plan(`${MOVEMENT_SELECT}\n${LOT_MOVEMENTS_TAIL}`, [1]);
    expect(steps.some((s) => /^SEARCH m USING INDEX movement_lot \(lot_id=\?\)/.test(s))).toBe(true);
    expect(steps.filter((s) => /^SCAN /.test(s))).toEqual([]);
    expect(steps.filter((s) => /TEMP B-TREE/.test(s))).toEqual([]);
  });

  it('a serial trace searches the movements through the serial index and never scans them', async () => {
    const steps = await plan(`${MOVEMENT_SELECT}\n${SERIAL_MOVEMENTS_TAIL}`, [1, 'SN1']);
    expect(steps.some((s) => /^SEARCH m USING INDEX movement_serial \(item_id=\? AND serial=\?\)/.test(s))).toBe(true);
    expect(steps.filter((s) => /^SCAN /.test(s))).toEqual([]);
  });

  it('finding which item a serial belongs to is an index search of the units', async () => {
    const steps = await plan(ITEMS_OF_SERIAL_BY_UNIT, [1, 'SN1']);
    expect(steps.some((s) => /^SEARCH u USING (COVERING )?INDEX unit_serial/.test(s))).toBe(true);
    expect(steps.filter((s) => /^SCAN /.test(s))).toEqual([]);
  });

  it('a serial with no unit (its receipt voided) is looked up item by item through the serial index', async () => {
    const steps = await plan(ITEMS_OF_SERIAL_BY_MOVEMENT, [1, 'SN1']);
    expect(steps.some((s) => /SEARCH m USING (COVERING )?INDEX movement_serial \(item_id=\? AND serial=\?\)/.test(s))).toBe(true);
    expect(steps.filter((s) => /^SCAN m\b|^SCAN movement/.test(s))).toEqual([]);
  });

  it('a page of the movement record is an index range in date order, without sorting the window', async () => {
    const steps = await plan(
      `${MOVEMENT_SELECT}\nWHERE m.workspace_id = ? AND m.date >= ? AND m.date <= ? AND (m.date, m.id) > (?, ?) ORDER BY m.date, m.id LIMIT ?`,
      [1, '2026-01-01', '2026-12-31', '2026-06-01', 5, 100],
    );
    expect(steps.some((s) => /^SEARCH m USING INDEX movement_date/.test(s))).toBe(true);
    expect(steps.filter((s) => /^SCAN |TEMP B-TREE/.test(s))).toEqual([]);
  });
});
