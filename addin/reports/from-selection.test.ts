import { describe, expect, it } from 'vitest';
import type { Region, RegionData } from '../workbook/port';
import { lotAsked, pickRows, recallAsked, selectionWindow, serialAsked } from './from-selection';

const KNOWN = new Set(['VAC-10', 'SAL-500', 'PUMP-3']);

/** A sheet's text from A1, as the port reads it. */
function sheet(rows: string[][]): RegionData {
  const cols = Math.max(...rows.map((r) => r.length));
  const text = rows.map((r) => Array.from({ length: cols }, (_, j) => r[j] ?? ''));
  return { sheet: 'Sheet1', top: 0, left: 0, rows: rows.length, cols, values: text, text, numberFormat: text.map((r) => r.map(() => 'General')) };
}
const sel = (top: number, left: number, rows = 1, cols = 1): Region => ({ sheet: 'Sheet1', top, left, rows, cols });

const RECEIVING = sheet([
  ['Date', 'PO #', 'Item code', 'Lot #', 'Serial No.', 'Qty'],
  ['2026-11-20', 'PO-1', 'VAC-10', 'FLU-A', '', '40'],
  ['2026-11-20', 'PO-1', 'VAC-10', '000123', '', '10'],
  ['2026-11-20', 'PO-2', 'PUMP-3', '', 'P-001', '1'],
  ['2026-11-20', 'PO-1', 'VAC-10', '', '', '1'],
]);

describe('what the selection names for a report', () => {
  it('a selected lot cell names its lot and the item code of its row', () => {
    expect(pickRows(RECEIVING, sel(1, 3), KNOWN)).toEqual([{ row: 1, sku: 'VAC-10', lot: 'FLU-A', serial: null }]);
  });

  it('any cell of the row will do when the sheet has a header', () => {
    expect(pickRows(RECEIVING, sel(2, 1), KNOWN)).toEqual([{ row: 2, sku: 'VAC-10', lot: '000123', serial: null }]);
  });

  it('a selected column of lots, header included, asks a recall of those lots, skipping the header and blank lots', () => {
    expect(pickRows(RECEIVING, sel(0, 3, 5, 1), KNOWN).map((r) => r.lot)).toEqual(['FLU-A', '000123', null]);
    expect(recallAsked(pickRows(RECEIVING, sel(0, 3, 5, 1), KNOWN))).toEqual({ ok: true, q: { sku: 'VAC-10', lots: ['FLU-A', '000123'] } });
  });

  it('a recall is for one item: lots of two items selected are refused with both named', () => {
    const two = sheet([['Item code', 'Lot #'], ['VAC-10', 'FLU-A'], ['SAL-500', 'S-1'], ['VAC-10', 'FLU-A']]);
    expect(recallAsked(pickRows(two, sel(1, 1, 3, 1), KNOWN))).toEqual({ ok: false, why: expect.stringContaining('VAC-10, SAL-500') });
    expect(recallAsked(pickRows(two, sel(1, 1, 1, 1), KNOWN))).toEqual({ ok: true, q: { sku: 'VAC-10', lots: ['FLU-A'] } });
  });

  it('a trace asks for the selected lot and its item, or says what is missing', () => {
    expect(lotAsked(pickRows(RECEIVING, sel(2, 3), KNOWN))).toEqual({ ok: true, q: { sku: 'VAC-10', lot: '000123' } });
    expect(lotAsked([])).toMatchObject({ ok: false, why: expect.stringContaining('Select a lot cell') });
    expect(lotAsked([{ row: 0, sku: null, lot: 'S-2', serial: 'S-2' }])).toMatchObject({ ok: false, why: expect.stringContaining('No item code found in the row of lot S-2') });
    expect(serialAsked(pickRows(RECEIVING, sel(3, 4), KNOWN))).toEqual({ ok: true, q: { serial: 'P-001', sku: 'PUMP-3' } });
  });

  it('a selected serial names the serial and its item', () => {
    expect(pickRows(RECEIVING, sel(3, 4), KNOWN)).toEqual([{ row: 3, sku: 'PUMP-3', lot: null, serial: 'P-001' }]);
  });

  it('without a header the selected cell is the lot, and the item is the known item code in its row', () => {
    const bare = sheet([['Clinic North', 'SAL-500', 'S-1', '12'], ['x', 'y', 'S-2', '3']]);
    expect(pickRows(bare, sel(0, 2), KNOWN)).toEqual([{ row: 0, sku: 'SAL-500', lot: 'S-1', serial: 'S-1' }]);
    expect(pickRows(bare, sel(1, 2), KNOWN)).toEqual([{ row: 1, sku: null, lot: 'S-2', serial: 'S-2' }]);
  });

  it('finds the header of the table the selection is in, not one further up', () => {
    const report = sheet([
      ['Lot trace of VAC-10 lot FLU-A'],
      [],
      ['Where it went'],
      ['Date', 'Customer', 'Order', 'Qty'],
      ['2026-11-09', 'Clinic North', 'SO-1', '20'],
      [],
      ['Every movement'],
      ['Date', 'Type', 'SKU', 'Lot', 'Serial', 'Qty'],
      ['2026-11-09', 'ship', 'SAL-500', 'S-1', '', '2'],
    ]);
    expect(pickRows(report, sel(8, 0), KNOWN)).toEqual([{ row: 8, sku: 'SAL-500', lot: 'S-1', serial: null }]);
  });

  it('reads only the table the selection is in when two stand side by side', () => {
    const two = sheet([
      ['Item code', 'Lot #', 'Qty', '', 'Item code', 'Serial No.'],
      ['VAC-10', 'FLU-A', '20', '', 'PUMP-3', 'P-001'],
      ['Clinic', 'VAC-10', 'L-9', '', 'GLV-M', 'x'],
    ]);
    expect(pickRows(two, sel(1, 5), KNOWN)).toEqual([{ row: 1, sku: 'PUMP-3', lot: null, serial: 'P-001' }]);
    expect(pickRows(two, sel(1, 1), KNOWN)).toEqual([{ row: 1, sku: 'VAC-10', lot: 'FLU-A', serial: null }]);
  });

  it('reads a window from the header rows above the selection to a little right of it', () => {
    expect(selectionWindow(sel(500, 3, 10, 1))).toEqual({ sheet: 'Sheet1', top: 300, left: 0, rows: 210, cols: 34 });
    expect(selectionWindow(sel(2, 0))).toEqual({ sheet: 'Sheet1', top: 0, left: 0, rows: 3, cols: 31 });
  });
});
