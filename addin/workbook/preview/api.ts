/**
 * `window.lotledgerPreview`: the preview workbook as outside tests drive it. A contract —
 * tests outside this repository use these names and shapes.
 */
import { parseAddress, rangeAddress } from '../address';
import type { CellValue } from '../port';
import type { Cell, PreviewWorkbook } from './workbook';

export interface LotLedgerPreview {
  sheetNames(): string[];
  activeSheet(): string;
  /**
   * Writes values as given (what Excel holds after a paste); the pane sees it as an edit. A
   * string starting with `=` is a formula: `=LOTLEDGER.…` is computed, any other shows #NAME?.
   */
  setValues(sheet: string, topLeftAddress: string, values: CellValue[][]): void;
  /** A 2-D array of values: of the address, or of the used range from A1 without one. A formula's computed value once computed, #BUSY! until then. */
  getValues(sheet: string, address?: string): CellValue[][];
  /** A 2-D array of formulas, as Excel's `range.formulas`: a cell's formula, or its value when it holds none. */
  getFormulas(sheet: string, address: string): CellValue[][];
  /** '#RRGGBB', or null when the cell has no fill. */
  getFill(sheet: string, address: string): string | null;
  /** The note on a cell, or null. */
  getNote(sheet: string, address: string): string | null;
  /** Selects a cell or range as a click (or a drag) would. */
  select(sheet: string, address: string): void;
  /** Adds an empty sheet (its name made unique) and makes it active; answers its name. */
  addSheet(name: string): string;
  /** The Excel tables of a sheet (report sheets): address and header of each. */
  tables(sheet: string): { address: string; columns: string[] }[];
  /** The active sheet and the selected address, e.g. `{ sheet: 'Sheet1', address: 'B3' }` or 'B3:B5'. */
  selection(): { sheet: string; address: string };
}

declare global {
  interface Window {
    lotledgerPreview?: LotLedgerPreview;
  }
}

export function previewApi(wb: PreviewWorkbook): LotLedgerPreview {
  const grid = <T>(sheet: string, address: string | undefined, of: (c: Cell | undefined) => T): T[][] => {
    const box = address ? parseAddress(address) : { top: 0, left: 0, ...wb.usedSize(sheet) };
    return Array.from({ length: box.rows }, (_, i) => Array.from({ length: box.cols }, (_, j) => of(wb.cell(sheet, box.top + i, box.left + j))));
  };
  return {
    sheetNames: () => wb.sheets.map((s) => s.name),
    activeSheet: () => wb.selection.sheet,
    setValues(sheet, topLeftAddress, values) {
      const { top, left } = parseAddress(topLeftAddress);
      wb.setValues(sheet, top, left, values, { byUser: true, formulas: true });
    },
    getValues(sheet, address) {
      return grid(sheet, address, (c) => c?.value ?? '');
    },
    getFormulas(sheet, address) {
      return grid(sheet, address, (c) => c?.formula ?? c?.value ?? '');
    },
    getFill(sheet, address) {
      const { top, left } = parseAddress(address);
      return wb.cell(sheet, top, left)?.fill?.toUpperCase() ?? null;
    },
    getNote(sheet, address) {
      const { top, left } = parseAddress(address);
      return wb.cell(sheet, top, left)?.note ?? null;
    },
    select(sheet, address) {
      wb.select({ sheet, ...parseAddress(address) });
    },
    addSheet(name) {
      const s = wb.addSheet(name);
      wb.select({ sheet: s.name, top: 0, left: 0, rows: 1, cols: 1 });
      return s.name;
    },
    tables: (sheet) => (wb.sheet(sheet).tables ?? []).map((t) => ({ address: t.address, columns: [...t.columns] })),
    selection() {
      const { sheet, top, left, rows, cols } = wb.selection;
      return { sheet, address: rangeAddress(top, left, rows, cols) };
    },
  };
}
