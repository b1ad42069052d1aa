/**
 * Reading order and pick-list sheets, and judging a picker's scans: pure, over cells already
 * read. A scan must be of the row's item (by its GTIN), lot and serial; one that is not is
 * marked on its cell as the check marks cells.
 */
import { parseGs1, validateGs1Requisites } from '../../shared/gs1';
import type { PickListLine } from '../../shared/pick-answers';
import type { Item, RawRow } from '../../shared/rows';
import { headerKey } from '../../shared/columns';
import type { CellMark, RegionData } from './cells';
import { locateTable, movementRows, type Table } from './table';

/** The rows of a movement-like table (order sheet, pick list), read as shipments on `today`. */
export function shipLikeRows(data: RegionData, date1904: boolean, today: string): { table: Table<'movements'>; rows: RawRow[]; sheetRows: number[] } | null {
  const table = locateTable('movements', data);
  if (!table) return null;
  const { rows, sheetRows } = movementRows(data, table, { date1904, defaultType: 'ship', today });
  return { table, rows, sheetRows };
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());

/**
 * The order lines of an order sheet (Order, Customer, SKU, Qty), or why there are none.
 * @example orderLines([{ ref: 'SO-1', party: 'Clinic', sku: 'VAC-10', qty: 5 }]) // { lines: [{ sku: 'VAC-10', qty: 5, party: 'Clinic', ref: 'SO-1' }] }
 */
export function orderLines(rows: readonly RawRow[]): { lines: PickListLine[] } | { why: string } {
  const lines: PickListLine[] = [];
  for (const [i, r] of rows.entries()) {
    const qty = typeof r.qty === 'number' ? r.qty : Number(text(r.qty));
    if (text(r.sku) === '' || !(qty > 0)) return { why: `Order line ${i + 1} needs an SKU and a quantity above 0.` };
    lines.push({ sku: text(r.sku), qty, ...(text(r.party) ? { party: text(r.party) } : {}), ...(text(r.ref) ? { ref: text(r.ref) } : {}) });
  }
  return lines.length ? { lines } : { why: 'The order sheet has no lines: fill in Order, Customer, SKU and Qty below the headers.' };
}

/**
 * What is wrong with a row's scan, or null when it is of the row's item, lot and serial.
 * A scan names the item by GTIN; the lot and serial it holds must be the row's.
 * @example scanProblem({ sku: 'VAC-10', lot: 'A', gs1: '(01)09506000134352(10)B' }, items) // 'The scan is lot B; this row picks lot A.'
 */
export function scanProblem(row: RawRow, itemsBySku: ReadonlyMap<string, Item>, skuOfGtin: ReadonlyMap<string, string>): string | null {
  const scan = parseGs1(text(row.gs1));
  if (!scan.ok) return `The scan cannot be read: ${scan.message}`;
  const incomplete = validateGs1Requisites(scan.ais);
  if (incomplete) return incomplete;
  const sku = text(row.sku);
  if (scan.gtin === undefined && scan.lot === undefined && scan.serial === undefined) return 'The scan names no item, lot or serial; scan the item\'s label.';
  if (scan.gtin !== undefined && itemsBySku.get(sku)?.gtin !== scan.gtin) {
    const other = skuOfGtin.get(scan.gtin);
    return `The scan is GTIN ${scan.gtin}${other ? ` (${other})` : ', of no item'}, not ${sku}.`;
  }
  const lot = text(row.lot);
  if (lot !== '' && scan.lot !== lot) return scan.lot === undefined ? `The scan holds no lot; scan the label of lot ${lot}.` : `The scan is lot ${scan.lot}; this row picks lot ${lot}.`;
  const serial = text(row.serial);
  if (serial !== '' && scan.serial !== serial) return scan.serial === undefined ? `The scan holds no serial; scan the label of ${serial}.` : `The scan is serial ${scan.serial}; this row picks ${serial}.`;
  return null;
}

/** The column of a header in a table (by its normalised key), or -1. */
export const headerColumn = (table: Table, header: string): number => table.headers.findIndex((h) => headerKey(h) === headerKey(header));

export interface ScanCheck {
  marks: CellMark[];
  /** The Picked column as it should read: a matching scan fills in the row's Qty where it was blank. */
  picked: string[];
  /** The sheet rows whose Picked a scan filled in (only these are written). */
  filled: number[];
  /** Rows with a scan that matches, rows with one that does not. */
  matched: number;
  wrong: number;
}

/**
 * Checks every scan of a pick list read from the sheet (`data` from its header row down).
 * The Scan and Picked columns are found by their headers.
 */
export function checkScans(data: RegionData, table: Table<'movements'>, rows: readonly RawRow[], sheetRows: readonly number[], items: readonly Item[]): ScanCheck {
  const bySku = new Map(items.map((i) => [i.sku, i]));
  const skuOfGtin = new Map(items.filter((i) => i.gtin).map((i) => [i.gtin!, i.sku]));
  const scanCol = headerColumn(table, 'Scan');
  const pickedCol = headerColumn(table, 'Picked');
  const picked: string[] = [];
  const marks: CellMark[] = [];
  const filled: number[] = [];
  let matched = 0;
  for (let r = 0; r < table.dataRows; r++) picked.push(text(data.text[table.dataTop - data.top + r]?.[pickedCol] ?? ''));
  rows.forEach((row, i) => {
    if (text(row.gs1) === '') return;
    const why = scanProblem(row, bySku, skuOfGtin);
    const r = sheetRows[i] - table.dataTop;
    if (why) {
      marks.push({ row: sheetRows[i], col: table.left + scanCol, severity: 'error', note: why });
      return;
    }
    matched++;
    if (picked[r] === '' && text(row.qty) !== '') {
      picked[r] = text(row.qty);
      filled.push(sheetRows[i]);
    }
  });
  return { marks, picked, filled, matched, wrong: marks.length };
}

/** The picked rows of a pick list as shipment rows: party the customer, ref the order, qty what was picked. */
export function shipmentRows(rows: readonly RawRow[], sheetRows: readonly number[], table: Table, picked: readonly string[], date: string): RawRow[] {
  const out: RawRow[] = [];
  rows.forEach((row, i) => {
    const qty = Number(picked[sheetRows[i] - table.dataTop]);
    if (!(qty > 0)) return;
    out.push({ type: 'ship', date, ref: row.ref ?? null, party: row.party ?? null, sku: row.sku, lot: row.lot ?? null, serial: row.serial ?? null, from: row.from ?? null, qty, gs1: row.gs1 ?? null });
  });
  return out;
}
