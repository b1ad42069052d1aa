import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LedgerStore } from '../db/port';
import { openDatabase } from '../db/client';
import { migrate } from '../db/migrate';
import { createWorkspace } from '../workspaces';
import { MOVEMENT_SELECT } from './movement-rows';
import { movementFilter } from './reports/movements';
import { historyReads } from './history-reads';
import { passReads, serialReads } from './pick-reads';
import { repeatRead } from './repeats';
import { ITEMS_OF_SERIAL_BY_MOVEMENT, ITEMS_OF_SERIAL_BY_UNIT, LOT_MOVEMENTS_TAIL, SERIAL_MOVEMENTS_TAIL } from './trace';
import { edgeLevelSql } from './transformation';
import { partyHoldingsRead, stateReads } from './state';

// One lot or one serial must be answered from an index, however large the ledger grows:
// a plan that scans `movement` would make every trace slower with every posting.
let dir: string;
let db: LedgerStore;
let workspaceId: number;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lotledger-plans-'));
  db = await openDatabase(`file:${path.join(dir, 'plans.db')}`);
  await migrate(db);
  // One item and one lot, so that the filters resolve; the plans do not depend on data.
  workspaceId = (await createWorkspace(db, 'plans')).workspaceId;
  await db.write([{ sql: "INSERT INTO item (workspace_id, sku, name, lot_tracked, serial_tracked) VALUES (?, 'VAC-10', 'Vaccine', 1, 0)", args: [workspaceId] }]);
  for (const code of ['L1', 'L2']) {
    await db.write([{ sql: "INSERT INTO lot (workspace_id, item_id, code, first_received) SELECT ?, id, ?, '2026-01-01' FROM item WHERE sku = 'VAC-10'", args: [workspaceId, code] }]);
  }
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function plan(sql: string, args: (string | number)[]): Promise<string[]> {
  const rs = await db.read({ sql: `EXPLAIN QUERY PLAN ${sql}`, args });
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

  it.each([
    [{}, 'movement_date'],
    [{ sku: 'VAC-10' }, 'movement_item_date'],
    [{ sku: 'VAC-10', lots: ['L1'] }, 'movement_lot'],
    [{ sku: 'VAC-10', lots: ['L1', 'L2'] }, 'movement_lot'],
    [{ lots: ['L1'] }, 'movement_lot'],
  ])('a movement record filtered by %j walks %s, never the whole table', async (q, index) => {
    const filter = await movementFilter(db, workspaceId, { ...q, from: '2026-01-01', to: '2026-12-31' });
    const steps = await plan(`${MOVEMENT_SELECT}\nWHERE ${filter.where} AND (m.date, m.id) > (?, ?) ORDER BY m.date, m.id LIMIT ?`,
      [...filter.args as (string | number)[], '2026-01-01', 0, 100]);
    expect(steps.find((s) => /^SEARCH m /.test(s))).toMatch(new RegExp(`^SEARCH m USING INDEX ${index} `));
    expect(steps.filter((s) => /^SCAN /.test(s))).toEqual([]);
  });
});

describe('dated history query plans', () => {
  it('a back-dated row reads its place\'s movements after its date through an index, and a serial\'s through the serial index', async () => {
    const [stock, serials] = historyReads({
      stock: [{ args: [1, 'L1', 1, '2026-01-01'], key: 'k' }], serials: [{ args: [1, 'SN1'], key: 'u' }],
    }, 'B-1') as { sql: string; args: (string | number)[] }[];
    const stockSteps = await plan(stock.sql, stock.args);
    expect(stockSteps.some((s) => /^SEARCH m USING INDEX movement_item_date \(item_id=\? AND date>\?\)/.test(s))).toBe(true);
    expect(stockSteps.filter((s) => /^SCAN (?!j\b|k\b)/.test(s))).toEqual([]);
    const serialSteps = await plan(serials.sql, serials.args);
    expect(serialSteps.some((s) => /^SEARCH m USING INDEX movement_serial \(item_id=\? AND serial=\?\)/.test(s))).toBe(true);
    expect(serialSteps.filter((s) => /^SCAN (?!j\b|k\b)/.test(s))).toEqual([]);
  });
});

describe('pick-list query plans', () => {
  // A pick list reads the items it names through their keys: a scan of stock, units, lots or
  // holds would make every pick list slower with every lot the ledger gains.
  const scansOfTables = (details: string[]) => details.filter((d) => /^SCAN (s|u|l|h|e|hu|stock|unit|lot|hold)\b/.test(d));

  it('a pass searches lots (by item), stock, units and holds and never scans them', async () => {
    for (const st of passReads([1, 2], [3], '2026-01-01', 2) as { sql: string; args: (string | number)[] }[]) {
      const details = await plan(st.sql, st.args);
      // An item's lots through the lot key (item, code): an item has tens of lots, sorted in pick
      // order cheaply; an index in pick order would cost every new lot of every receipt an entry.
      expect(details.some((d) => /SEARCH l USING INDEX sqlite_autoindex_lot_1 \(item_id=\?\)/.test(d)), details.join('\n')).toBe(true);
      expect(scansOfTables(details), details.join('\n')).toEqual([]);
    }
  });

  it('the serials of the places taken from are searched through the units in stock', async () => {
    const st = serialReads([[1, 'L1', 1, 2], [1, null, 2, 1]]) as { sql: string; args: (string | number)[] };
    const details = await plan(st.sql, st.args);
    expect(details.some((d) => /unit_in_stock/.test(d)), details.join('\n')).toBe(true);
    expect(scansOfTables(details), details.join('\n')).toEqual([]);
  });
});

describe('recall query plans (issue 15)', () => {
  it.each(['down', 'up'] as const)('a level of a genealogy (%s) searches the lot\'s rows, then its work order\'s, and never scans', async (direction) => {
    const steps = await plan(edgeLevelSql(direction), ['[1]']);
    const self = direction === 'down' ? 'c' : 'p';
    const other = direction === 'down' ? 'p' : 'c';
    expect(steps.some((s) => new RegExp(`^SEARCH ${self} USING INDEX movement_lot \\(lot_id=\\?\\)`).test(s))).toBe(true);
    expect(steps.some((s) => new RegExp(`^SEARCH ${other} USING INDEX movement_batch \\(batch_id=\\?\\)`).test(s))).toBe(true);
    expect(steps.filter((s) => /^SCAN (?!f\b)|AUTOMATIC|BLOOM/.test(s))).toEqual([]);
  });

  it('what a party holds is searched by item, party and lot; the active holds of a batch\'s items by item', async () => {
    const holdings = partyHoldingsRead([[1, 'L1', 'Clinic']], 'B-1') as { sql: string; args: (string | number)[] };
    const steps = await plan(holdings.sql, holdings.args);
    expect(steps.some((s) => /SEARCH m USING INDEX movement_party \(item_id=\? AND party=\? AND lot_id=\?\)/.test(s))).toBe(true);
    expect(steps.filter((s) => /^SCAN (?!j\b|k\b)/.test(s))).toEqual([]);
    const holds = stateReads({ serials: [], lots: [], items: [1], parties: [] })[2] as { sql: string; args: (string | number)[] };
    const holdSteps = await plan(holds.sql, holds.args);
    expect(holdSteps.some((s) => /SEARCH h USING INDEX hold_item \(item_id=\?\)/.test(s))).toBe(true);
    expect(holdSteps.filter((s) => /^SCAN (?!k\b)/.test(s))).toEqual([]);
  });
});

describe('duplicate protection query plan', () => {
  it('looks each repeat key up through its lot (movement_lot) or, untracked, movement_repeat, never scanning the movements', async () => {
    const read = repeatRead([['receive', 'PO-1', 1, 'L1', 1000], ['receive', 'PO-1', 1, '', 1000]], 'B-1') as { sql: string; args: (string | number)[] };
    const steps = await plan(read.sql, read.args);
    expect(steps.some((s) => /^SEARCH m USING INDEX movement_lot \(lot_id=\?\)/.test(s)), steps.join('\n')).toBe(true);
    expect(steps.some((s) => /^SEARCH m USING INDEX movement_repeat \(item_id=\? AND ref=\?\)/.test(s)), steps.join('\n')).toBe(true);
    // the keys (k, j), the hits (h) and the grouped answer are scanned; no table of the ledger is
    expect(steps.filter((s) => /^SCAN (?!j\b|k\b|h\b|\(subquery)/.test(s))).toEqual([]);
  });
});
