/**
 * The preview workbook: sheets of cells held in the page, modelled on what Excel holds —
 * values (numbers, text, booleans; dates as serial numbers), number formats, fills, notes,
 * a selection, and change events for edits made by the user (not by the pane).
 */
import type { CellValue, EditKind, Region, ReportRecord } from '../port';
import { displayText } from '../../check/number-format';

export interface Cell {
  value: CellValue;
  /** Set when text starting with `=` was written unguarded: Excel would have made a formula. */
  formula?: string;
  /** The message of a formula's error value (#N/A, #VALUE!), as Excel shows it on the cell. */
  error?: string;
  format?: string;
  fill?: string;
  note?: string;
}

export interface Sheet {
  name: string;
  cells: Map<string, Cell>;
  /** Column-wide number formats ('@' for text columns of a template). */
  columnFormats: Map<number, string>;
  /** Drop-down lists per column (Excel's list data validation), from row `top` down. */
  lists: Map<number, { top: number; values: string[] }>;
  /** Excel tables on the sheet (report sheets), by address and header. */
  tables?: { address: string; columns: string[] }[];
  /** Rows frozen at the top. */
  frozenRows?: number;
  /** A report sheet's record, kept beside the sheet as Excel keeps it in custom properties. */
  report?: ReportRecord;
}

export interface Selection { sheet: string; top: number; left: number; rows: number; cols: number }

const key = (r: number, c: number): string => `${r},${c}`;

export class PreviewWorkbook {
  readonly name: string;
  date1904 = false;
  readonly sheets: Sheet[] = [];
  selection: Selection;
  readonly settings = new Map<string, string>();
  private editListeners = new Set<(region: Region, change: EditKind) => void>();
  private renderListeners = new Set<() => void>();
  private selectListeners = new Set<(sel: Selection) => void>();
  /** Bumped on every change, so a grid can tell it must repaint. */
  version = 0;
  /** Computes formulas just written (preview/formulas.ts); without it a formula shows #NAME?. */
  calculate?: (sheet: string, cells: { row: number; col: number }[]) => void;

  constructor(name = 'Preview workbook.xlsx', sheetNames = ['Sheet1']) {
    this.name = name;
    for (const n of sheetNames) this.addSheet(n);
    this.selection = { sheet: sheetNames[0], top: 0, left: 0, rows: 1, cols: 1 };
  }

  sheet(name: string): Sheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`No sheet named ${name}`);
    return s;
  }

  addSheet(name: string): Sheet {
    let unique = name;
    for (let i = 2; this.sheets.some((s) => s.name.toLowerCase() === unique.toLowerCase()); i++) unique = `${name} (${i})`;
    const s: Sheet = { name: unique, cells: new Map(), columnFormats: new Map(), lists: new Map() };
    this.sheets.push(s);
    this.changed();
    return s;
  }

  cell(sheet: string, r: number, c: number): Cell | undefined {
    return this.sheet(sheet).cells.get(key(r, c));
  }

  private ensure(sheet: Sheet, r: number, c: number): Cell {
    let cell = sheet.cells.get(key(r, c));
    if (!cell) {
      cell = { value: '' };
      sheet.cells.set(key(r, c), cell);
    }
    return cell;
  }

  formatOf(sheet: string, r: number, c: number): string {
    const s = this.sheet(sheet);
    return s.cells.get(key(r, c))?.format ?? s.columnFormats.get(c) ?? 'General';
  }

  text(sheet: string, r: number, c: number): string {
    const cell = this.cell(sheet, r, c);
    if (!cell) return '';
    return displayText(cell.value, this.formatOf(sheet, r, c), this.date1904);
  }

  /**
   * Writes values as given. `asTyped` applies Excel's typing rules (a leading apostrophe marks
   * text; `=` starts a formula unless the cell is formatted as Text); `formulas` makes every
   * text starting with `=` a formula (what a range's formulas take in Excel); `byUser` fires
   * the edit event, as a paste or typing in Excel would.
   */
  setValues(sheet: string, top: number, left: number, values: CellValue[][], opts: { byUser: boolean; asTyped?: boolean; formulas?: boolean }): void {
    const s = this.sheet(sheet);
    let cols = 0;
    const entered: { row: number; col: number }[] = [];
    values.forEach((row, i) => {
      cols = Math.max(cols, row.length);
      row.forEach((v, j) => {
        const cell = this.ensure(s, top + i, left + j);
        delete cell.formula;
        delete cell.error;
        if (opts.asTyped && typeof v === 'string' && v.startsWith("'")) cell.value = v.slice(1);
        else if (typeof v === 'string' && v.startsWith('=') && (opts.formulas || (opts.asTyped && this.formatOf(sheet, top + i, left + j) !== '@'))) {
          cell.formula = v;
          cell.value = '#NAME?';
          entered.push({ row: top + i, col: left + j });
        } else cell.value = v ?? '';
      });
    });
    if (entered.length) this.calculate?.(sheet, entered);
    this.changed();
    if (opts.byUser && values.length > 0) this.emitEdit({ sheet, top, left, rows: values.length, cols });
  }

  /** A formula's computed value (its formula kept); `format` applies where the cell has none of its own. */
  setComputed(sheet: string, r: number, c: number, value: CellValue, opts: { error?: string; format?: string } = {}): void {
    const cell = this.ensure(this.sheet(sheet), r, c);
    cell.value = value;
    if (opts.error === undefined) delete cell.error;
    else cell.error = opts.error;
    if (opts.format && this.formatOf(sheet, r, c) === 'General') cell.format = opts.format;
    this.changed();
  }

  /** Empties cells: values, formats, fills and notes, as Excel's clear(All). */
  clearCells(sheet: string, box: { top: number; left: number; rows: number; cols: number }): void {
    const s = this.sheet(sheet);
    for (const k of [...s.cells.keys()]) {
      const [r, c] = k.split(',').map(Number);
      if (r >= box.top && r < box.top + box.rows && c >= box.left && c < box.left + box.cols) s.cells.delete(k);
    }
    this.changed();
  }

  setFormat(sheet: string, r: number, c: number, format: string): void {
    this.ensure(this.sheet(sheet), r, c).format = format;
  }

  setFill(sheet: string, r: number, c: number, fill: string | undefined, note?: string | undefined): void {
    const cell = this.ensure(this.sheet(sheet), r, c);
    cell.fill = fill;
    cell.note = note;
    this.changed();
  }

  /** The used range from A1: rows and columns up to the last non-empty cell. */
  usedSize(sheet: string): { rows: number; cols: number } {
    let rows = 0;
    let cols = 0;
    for (const [k, cell] of this.sheet(sheet).cells) {
      if (cell.value === '' && !cell.fill) continue;
      const [r, c] = k.split(',').map(Number);
      rows = Math.max(rows, r + 1);
      cols = Math.max(cols, c + 1);
    }
    return { rows, cols };
  }

  private filled(s: Sheet, r: number, c: number): boolean {
    const v = s.cells.get(key(r, c))?.value;
    return v !== undefined && v !== '';
  }

  /**
   * Excel's current region: the block around a cell bounded by empty rows and columns —
   * grown until no filled cell touches its edge (diagonals included, as Excel does).
   */
  surroundingRegion(sheet: string, r: number, c: number): Region {
    const s = this.sheet(sheet);
    let top = r, left = c, bottom = r, right = c;
    for (let grew = true; grew;) {
      grew = false;
      const rowHas = (row: number): boolean => {
        for (let j = Math.max(0, left - 1); j <= right + 1; j++) if (this.filled(s, row, j)) return true;
        return false;
      };
      const colHas = (col: number): boolean => {
        for (let i = Math.max(0, top - 1); i <= bottom + 1; i++) if (this.filled(s, i, col)) return true;
        return false;
      };
      // Rows are grown all the way first (cheap: a row is a few cells), then columns once.
      while (top > 0 && rowHas(top - 1)) { top--; grew = true; }
      while (rowHas(bottom + 1)) { bottom++; grew = true; }
      if (left > 0 && colHas(left - 1)) { left--; grew = true; }
      if (colHas(right + 1)) { right++; grew = true; }
    }
    return { sheet, top, left, rows: bottom - top + 1, cols: right - left + 1 };
  }

  select(sel: Selection): void {
    this.sheet(sel.sheet);
    const before = this.selection;
    this.selection = sel;
    this.changed();
    if (!before || Object.keys(sel).some((k) => sel[k as keyof Selection] !== before[k as keyof Selection])) {
      for (const l of this.selectListeners) l(sel);
    }
  }

  /** Calls back when the selection changes (a click, a key, the pane selecting a cell). */
  onSelect(listener: (sel: Selection) => void): () => void {
    this.selectListeners.add(listener);
    return () => this.selectListeners.delete(listener);
  }

  /** Renames a sheet, as double-clicking its tab does; answers false when the name is taken or empty. */
  renameSheet(from: string, to: string): boolean {
    const name = to.trim();
    const s = this.sheet(from);
    if (name === '' || this.sheets.some((x) => x !== s && x.name.toLowerCase() === name.toLowerCase())) return false;
    s.name = name;
    if (this.selection.sheet === from) this.selection = { ...this.selection, sheet: name };
    this.changed();
    return true;
  }

  /** Inserts (count > 0) or deletes (count < 0) whole rows at `row`: the cells below move, as in Excel. */
  shiftRows(sheet: string, row: number, count: number): void {
    const s = this.sheet(sheet);
    const moved = new Map<string, Cell>();
    for (const [k, cell] of s.cells) {
      const [r, c] = k.split(',').map(Number);
      if (r < row) moved.set(k, cell);
      else if (count > 0) moved.set(key(r + count, c), cell);
      else if (r >= row - count) moved.set(key(r + count, c), cell);
    }
    s.cells = moved;
    this.changed();
    this.emitEdit({ sheet, top: row, left: 0, rows: Math.abs(count), cols: 0 }, 'structure');
  }

  /** Empties the values of a region (fills, notes and formats stay), as the Delete key does. */
  clearValues(region: Region): void {
    const s = this.sheet(region.sheet);
    for (let i = 0; i < region.rows; i++) {
      for (let j = 0; j < region.cols; j++) {
        const cell = s.cells.get(key(region.top + i, region.left + j));
        if (cell) { cell.value = ''; delete cell.formula; }
      }
    }
    this.changed();
    this.emitEdit(region, 'values');
  }

  onEdit(listener: (region: Region, change: EditKind) => void): () => void {
    this.editListeners.add(listener);
    return () => this.editListeners.delete(listener);
  }

  onRender(listener: () => void): () => void {
    this.renderListeners.add(listener);
    return () => this.renderListeners.delete(listener);
  }

  private emitEdit(region: Region, change: EditKind = 'values'): void {
    for (const l of this.editListeners) l(region, change);
  }

  /** Repaints the grid and saves the workbook (called by every change). */
  changed(): void {
    this.version++;
    for (const l of this.renderListeners) l();
  }
}
