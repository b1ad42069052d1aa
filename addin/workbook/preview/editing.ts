/**
 * What the clerk does to the preview grid with the keyboard and the clipboard, as Excel does
 * it: typing into a cell, pasting tab-separated text at the selection, copying it, clearing it.
 */
import type { CellValue } from '../port';
import { parseTsv, toTsv } from './clipboard';
import { typedValue } from './typing';
import type { PreviewWorkbook, Selection } from './workbook';

/** Writes rows of typed text from (top, left): each cell as Excel would take it; one edit event. */
export function typeRows(wb: PreviewWorkbook, sheet: string, top: number, left: number, rows: readonly (readonly string[])[]): void {
  const values: CellValue[][] = rows.map((row, i) => row.map((text, j) => {
    const t = typedValue(text, wb.formatOf(sheet, top + i, left + j), wb.date1904);
    if (t.format) wb.setFormat(sheet, top + i, left + j, t.format);
    return t.value;
  }));
  wb.setValues(sheet, top, left, values, { byUser: true, asTyped: true });
}

/**
 * Pastes clipboard text at the selection: a block from its top-left cell; one value copied
 * over a larger selection fills all of it (as Excel does). Answers the region pasted.
 */
export function pasteText(wb: PreviewWorkbook, text: string): Selection | null {
  const rows = parseTsv(text);
  if (rows.length === 0) return null;
  const sel = wb.selection;
  const one = rows.length === 1 && rows[0].length === 1;
  const block = one && (sel.rows > 1 || sel.cols > 1)
    ? Array.from({ length: sel.rows }, () => Array.from({ length: sel.cols }, () => rows[0][0]))
    : rows;
  typeRows(wb, sel.sheet, sel.top, sel.left, block);
  const pasted = { sheet: sel.sheet, top: sel.top, left: sel.left, rows: block.length, cols: Math.max(...block.map((r) => r.length)) };
  wb.select(pasted);
  return pasted;
}

/** The selection as clipboard text: what the cells show, tab-separated. */
export function copyText(wb: PreviewWorkbook): string {
  const sel = wb.selection;
  return toTsv(Array.from({ length: sel.rows }, (_, i) =>
    Array.from({ length: sel.cols }, (_, j) => wb.text(sel.sheet, sel.top + i, sel.left + j))));
}

/** Delete: the selection's values go; its formats, fills and notes stay, as in Excel. */
export function clearSelection(wb: PreviewWorkbook): void {
  wb.clearValues({ ...wb.selection });
}
