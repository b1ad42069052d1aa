import { describe, expect, it } from 'vitest';
import type { Item } from '../../shared/rows';
import type { RegionData } from './cells';
import { checkScans, orderLines, scanProblem, shipLikeRows, shipmentRows } from './picks';

const items: Item[] = [
  { sku: 'VAC-10', name: 'Vaccine', unit: 'BX', lotTracked: true, serialTracked: false, requiresExpiry: true, gtin: '09506000134352' },
  { sku: 'SAL-500', name: 'Saline', unit: 'EA', lotTracked: true, serialTracked: false, requiresExpiry: true, gtin: '09506000134369' },
  { sku: 'IMP-7', name: 'Implant', unit: 'EA', lotTracked: true, serialTracked: true, requiresExpiry: true, gtin: '09506000134376' },
];
const bySku = new Map(items.map((i) => [i.sku, i]));
const byGtin = new Map(items.map((i) => [i.gtin!, i.sku]));

describe('a scan at picking', () => {
  it('passes when it is of the row\'s item, lot and serial', () => {
    expect(scanProblem({ sku: 'VAC-10', lot: 'A1', gs1: '(01)09506000134352(17)271031(10)A1' }, bySku, byGtin)).toBeNull();
    expect(scanProblem({ sku: 'IMP-7', lot: 'K1', serial: 'S-1', gs1: '(01)09506000134376(10)K1(21)S-1' }, bySku, byGtin)).toBeNull();
  });

  it('is wrong when its GTIN is another item\'s (named) or no item\'s', () => {
    expect(scanProblem({ sku: 'VAC-10', lot: 'A1', gs1: '(01)09506000134369(10)A1' }, bySku, byGtin)).toBe('The scan is GTIN 09506000134369 (SAL-500), not VAC-10.');
    expect(scanProblem({ sku: 'VAC-10', lot: 'A1', gs1: '(01)09506000134383(10)A1' }, bySku, byGtin)).toContain('of no item');
  });

  it('is wrong when its lot or serial is not the row\'s, or it holds none where the row has one', () => {
    expect(scanProblem({ sku: 'VAC-10', lot: 'A1', gs1: '(01)09506000134352(10)A2' }, bySku, byGtin)).toBe('The scan is lot A2; this row picks lot A1.');
    expect(scanProblem({ sku: 'VAC-10', lot: 'A1', gs1: '(01)09506000134352' }, bySku, byGtin)).toContain('holds no lot');
    expect(scanProblem({ sku: 'IMP-7', lot: 'K1', serial: 'S-1', gs1: '(01)09506000134376(10)K1(21)S-2' }, bySku, byGtin)).toBe('The scan is serial S-2; this row picks S-1.');
  });

  it('is wrong when it cannot be read or lacks what GS1 requires', () => {
    expect(scanProblem({ sku: 'VAC-10', lot: 'A1', gs1: 'hello' }, bySku, byGtin)).toMatch(/^The scan cannot be read/);
    expect(scanProblem({ sku: 'IMP-7', serial: 'S-1', gs1: '(21)S-1' }, bySku, byGtin)).toContain('needs GTIN (01)');
  });
});

/** A pick list table as the pane reads it: header in sheet row 5, the picks below. */
function pickTable(rows: (string | number)[][]): RegionData {
  const values = [['Order', 'Customer', 'SKU', 'Lot', 'Serial', 'Location', 'Qty', 'Expiry', 'Scan', 'Picked'], ...rows];
  return { sheet: 'Pick list', top: 5, left: 0, rows: values.length, cols: 10, values, text: values.map((r) => r.map(String)), numberFormat: values.map((r) => r.map(() => 'General')) };
}

describe('checking the scans of a pick list', () => {
  const data = pickTable([
    ['SO-1', 'Clinic', 'VAC-10', 'A1', '', 'COLD-1', 10, '', '(01)09506000134352(10)A1', ''],
    ['SO-1', 'Clinic', 'VAC-10', 'A2', '', 'COLD-1', 2, '', '(01)09506000134352(10)A1', ''],
    ['SO-2', 'Depot', 'SAL-500', 'B1', '', 'WH1-A', 4, '', '', 3],
  ]);
  const read = shipLikeRows(data, false, '2026-12-05')!;

  it('marks the wrong scan on its cell, fills in Picked for the right one, keeps a typed Picked', () => {
    const checked = checkScans(data, read.table, read.rows, read.sheetRows, items);
    expect(checked.marks).toEqual([{ row: 7, col: 8, severity: 'error', note: 'The scan is lot A1; this row picks lot A2.' }]);
    expect(checked.picked).toEqual(['10', '', '3']);
    expect(checked.filled).toEqual([6]);
    expect([checked.matched, checked.wrong]).toEqual([1, 1]);
  });

  it('makes ship rows of the picked rows only: party the customer, ref the order, qty what was picked', () => {
    const checked = checkScans(data, read.table, read.rows, read.sheetRows, items);
    expect(shipmentRows(read.rows, read.sheetRows, read.table, checked.picked, '2026-12-05')).toEqual([
      { type: 'ship', date: '2026-12-05', ref: 'SO-1', party: 'Clinic', sku: 'VAC-10', lot: 'A1', serial: null, from: 'COLD-1', qty: 10, gs1: '(01)09506000134352(10)A1' },
      { type: 'ship', date: '2026-12-05', ref: 'SO-2', party: 'Depot', sku: 'SAL-500', lot: 'B1', serial: null, from: 'WH1-A', qty: 3, gs1: null },
    ]);
  });
});

describe('order lines', () => {
  it('are the rows of Order, Customer, SKU and Qty; a line without SKU or quantity stops the pick list', () => {
    expect(orderLines([{ ref: 'SO-1', party: 'Clinic', sku: 'VAC-10', qty: 5 }, { sku: 'GLV-M', qty: '2' }])).toEqual({
      lines: [{ sku: 'VAC-10', qty: 5, party: 'Clinic', ref: 'SO-1' }, { sku: 'GLV-M', qty: 2 }],
    });
    expect(orderLines([{ sku: 'VAC-10', qty: 0 }])).toEqual({ why: 'Order line 1 needs an SKU and a quantity above 0.' });
    expect(orderLines([])).toHaveProperty('why');
  });
});
