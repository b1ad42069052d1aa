/**
 * What the selection names for a report: a lot (and its item) for a trace, a column of lots
 * for a recall, a serial. With a header above the selection, the row's Lot, Item and Serial
 * columns say it; without one, the selected cell is the lot or serial and the item is the
 * cell of the same row that holds a known item code.
 */
import { detectHeader } from '../../shared/columns';
import type { Region, RegionData } from '../workbook/port';

export interface PickedRow {
  /** Sheet row. */
  row: number;
  sku: string | null;
  lot: string | null;
  serial: string | null;
}

/** Rows above the selection read to find its header. */
export const HEADER_LOOKBACK = 200;
/** Columns right of the selection read to find the item code of its rows. */
export const ROW_LOOKAHEAD = 30;

/** The block to read around a selection: from the header rows above it, from column A to a little past it. */
export function selectionWindow(sel: Region): Region {
  const top = Math.max(0, sel.top - HEADER_LOOKBACK);
  return { sheet: sel.sheet, top, left: 0, rows: sel.top + sel.rows - top, cols: Math.min(16_384, sel.left + sel.cols + ROW_LOOKAHEAD) };
}

/**
 * The rows a selection names, read from its window (`selectionWindow`); blank rows and the
 * header itself are left out.
 * @example pickRows(window, { sheet: 'Sheet1', top: 2, left: 1, rows: 1, cols: 1 }, new Set(['VAC-10']))
 *   // [{ row: 2, sku: 'VAC-10', lot: 'FLU-A', serial: null }]
 */
export function pickRows(data: RegionData, sel: Region, knownSkus: ReadonlySet<string>): PickedRow[] {
  const text = (row: number, col: number | null): string | null => {
    if (col === null || col < data.left || col >= data.left + data.cols) return null;
    const t = (data.text[row - data.top]?.[col - data.left] ?? '').trim();
    return t === '' ? null : t;
  };
  /** The run of filled cells of a row around the selected column: one table of several side by side. */
  const span = (row: number): [number, number] => {
    let l = sel.left;
    let r = sel.left;
    while (l > data.left && text(row, l - 1) !== null) l--;
    while (r < data.left + data.cols - 1 && text(row, r + 1) !== null) r++;
    return [l, r];
  };
  const header = headerAbove(sel.top, text, span);
  const at = (field: 'sku' | 'lot' | 'serial'): number | null => {
    const i = header ? header.columns.indexOf(field) : -1;
    return i < 0 ? null : header!.left + i;
  };
  const skuCol = at('sku');
  const lotCol = at('lot');
  const serialCol = at('serial');
  const picked: PickedRow[] = [];
  for (let row = sel.top; row < sel.top + sel.rows; row++) {
    if (header && row <= header.row) continue;
    const selected = text(row, sel.left);
    // The item: its column, else the cell of the row's run holding a known item code.
    let sku = text(row, skuCol);
    if (sku === null) {
      const [l, r] = span(row);
      for (let c = l; c <= r && sku === null; c++) {
        const t = c === sel.left ? null : text(row, c);
        if (t !== null && knownSkus.has(t)) sku = t;
      }
    }
    const lot = lotCol !== null ? text(row, lotCol) : serialCol === sel.left || skuCol === sel.left ? null : selected;
    const serial = serialCol !== null ? text(row, serialCol) : lotCol === sel.left || skuCol === sel.left ? null : selected;
    if (lot !== null || serial !== null) picked.push({ row, sku, lot, serial });
  }
  return picked;
}

/**
 * The nearest row at or above `top` that reads as a movement sheet's header over the selected
 * column, within that row's run of filled cells.
 */
function headerAbove(
  top: number, text: (row: number, col: number) => string | null, span: (row: number) => [number, number],
): { row: number; left: number; columns: (string | null)[] } | null {
  for (let row = top; row >= Math.max(0, top - HEADER_LOOKBACK); row--) {
    const [l, r] = span(row);
    const cells = Array.from({ length: r - l + 1 }, (_, i) => text(row, l + i) ?? '');
    const found = detectHeader('movements', [cells], 1);
    if (found && found.columns.filter((c) => c !== null).length >= 2) return { row, left: l, columns: found.columns };
  }
  return null;
}

/** A report's question from the selection, or why the selection does not ask it. */
export type Asked<Q> = { ok: true; q: Q } | { ok: false; why: string };

/**
 * The lot trace the selection asks for: its first row with a lot.
 * @example lotAsked([{ row: 1, sku: 'VAC-10', lot: 'FLU-A', serial: null }]) // { ok: true, q: { sku: 'VAC-10', lot: 'FLU-A' } }
 */
export function lotAsked(rows: readonly PickedRow[]): Asked<{ sku: string; lot: string }> {
  const r = rows.find((x) => x.lot !== null);
  if (!r) return { ok: false, why: 'Select a lot cell (with its item code in the same row), or type the item and lot.' };
  if (r.sku === null) return { ok: false, why: `No item code found in the row of lot ${r.lot}: type the item, or select a lot in a table with an Item column.` };
  return { ok: true, q: { sku: r.sku, lot: r.lot! } };
}

/**
 * The recall the selection asks for: every lot selected, all of one item.
 * @example recallAsked([{ row: 1, sku: 'VAC-10', lot: 'A', serial: null }, { row: 2, sku: 'VAC-10', lot: 'B', serial: null }]) // { ok: true, q: { sku: 'VAC-10', lots: ['A', 'B'] } }
 */
export function recallAsked(rows: readonly PickedRow[]): Asked<{ sku: string; lots: string[] }> {
  const withLot = rows.filter((x) => x.lot !== null);
  if (withLot.length === 0) return { ok: false, why: 'Select the lots to recall (a column of lot cells, their item code in the same rows), or type the item and lots.' };
  const skus = [...new Set(withLot.map((x) => x.sku).filter((s): s is string => s !== null))];
  if (skus.length === 0) return { ok: false, why: 'No item code found in the rows of the selected lots: type the item.' };
  if (skus.length > 1) return { ok: false, why: `A recall is for one item; the selected lots belong to ${skus.join(', ')}. Select the lots of one item.` };
  return { ok: true, q: { sku: skus[0], lots: [...new Set(withLot.map((x) => x.lot!))] } };
}

/**
 * The serial history the selection asks for: its first row with a serial (its item when known).
 * @example serialAsked([{ row: 3, sku: 'PUMP-3', lot: null, serial: 'P-001' }]) // { ok: true, q: { serial: 'P-001', sku: 'PUMP-3' } }
 */
export function serialAsked(rows: readonly PickedRow[]): Asked<{ serial: string; sku?: string }> {
  const r = rows.find((x) => x.serial !== null);
  if (!r) return { ok: false, why: 'Select a serial cell, or type the serial.' };
  return { ok: true, q: r.sku === null ? { serial: r.serial! } : { serial: r.serial!, sku: r.sku } };
}
