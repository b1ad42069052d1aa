/** The workbook port over the preview workbook: what the pane uses when no Excel is around. */
import { MARK_FILL, safeText, TEMPLATE_HEADER_ROW, type CellMark, type CellValue, type Region, type RegionData, type SheetTemplate, type WorkbookPort } from '../port';
import { addPreviewReport, replacePreviewReport } from './report';
import type { PreviewWorkbook } from './workbook';

export function previewPort(wb: PreviewWorkbook): WorkbookPort {
  /** A column's format from row `top` down: the cells there now, and the column for cells to come. */
  const formatFrom = (sheet: string, col: number, top: number, format: string) => {
    const s = wb.sheet(sheet);
    for (const k of s.cells.keys()) {
      const [r, c] = k.split(',').map(Number);
      if (c === col && r >= top) wb.setFormat(sheet, r, c, format);
    }
    // Rows above `top` keep what they show (the header, the hint): they get their format cell by cell.
    for (let r = 0; r < top; r++) if (!s.cells.get(`${r},${col}`)?.format) wb.setFormat(sheet, r, col, wb.formatOf(sheet, r, col));
    s.columnFormats.set(col, format);
  };
  return {
    host: 'preview',
    async info() {
      return { name: wb.name, date1904: wb.date1904 };
    },
    async tableRegion() {
      const sel = wb.selection;
      if (sel.rows > 1 || sel.cols > 1) return { ...sel };
      const region = wb.surroundingRegion(sel.sheet, sel.top, sel.left);
      const empty = region.rows === 1 && region.cols === 1 && wb.text(sel.sheet, sel.top, sel.left) === '';
      return empty ? null : region;
    },
    async read(region, onProgress) {
      const values: CellValue[][] = [];
      const text: string[][] = [];
      const numberFormat: string[][] = [];
      for (let i = 0; i < region.rows; i++) {
        const r = region.top + i;
        const vs: CellValue[] = [];
        const ts: string[] = [];
        const fs: string[] = [];
        for (let j = 0; j < region.cols; j++) {
          const c = region.left + j;
          vs.push(wb.cell(region.sheet, r, c)?.value ?? '');
          ts.push(wb.text(region.sheet, r, c));
          fs.push(wb.formatOf(region.sheet, r, c));
        }
        values.push(vs);
        text.push(ts);
        numberFormat.push(fs);
      }
      onProgress?.(region.rows, region.rows);
      return { ...region, values, text, numberFormat } satisfies RegionData;
    },
    async writeColumn(sheet, top, col, texts, onProgress) {
      // Status text is text: the column is formatted as Text first, as the Office adapter does.
      texts.forEach((_, i) => wb.setFormat(sheet, top + i, col, '@'));
      wb.setValues(sheet, top, col, texts.map((t) => [safeText(t)]), { byUser: false, asTyped: true });
      onProgress?.(texts.length, texts.length);
    },
    async mark(sheet, marks: CellMark[], onProgress) {
      marks.forEach((m) => wb.setFill(sheet, m.row, m.col, MARK_FILL[m.severity], m.note));
      onProgress?.(marks.length, marks.length);
    },
    async clearMarks(sheet, cells) {
      if (!wb.sheets.some((s) => s.name === sheet)) return;
      cells.forEach((c) => wb.setFill(sheet, c.row, c.col, undefined, undefined));
    },
    async select(sheet, row, col, rows = 1, cols = 1) {
      wb.select({ sheet, top: row, left: col, rows, cols });
    },
    async addSheet(t: SheetTemplate) {
      const s = wb.addSheet(t.name);
      const below = TEMPLATE_HEADER_ROW + 1;
      wb.setFormat(s.name, 0, 0, '@');
      wb.setValues(s.name, 0, 0, [[t.hint]], { byUser: false, asTyped: true });
      t.headers.forEach((_, c) => wb.setFormat(s.name, TEMPLATE_HEADER_ROW, c, '@'));
      wb.setValues(s.name, TEMPLATE_HEADER_ROW, 0, [t.headers], { byUser: false, asTyped: true });
      t.textColumns.forEach((c) => formatFrom(s.name, c, below, '@'));
      t.dateColumns.forEach((c) => formatFrom(s.name, c, below, 'yyyy-mm-dd'));
      s.frozenRows = below;
      wb.select({ sheet: s.name, top: below, left: 0, rows: 1, cols: 1 });
      return s.name;
    },
    async setListValidation(sheet, col, top, values) {
      wb.sheet(sheet).lists.set(col, { top, values: [...values] });
      wb.changed();
    },
    async formatAsText(sheet, col, top) {
      formatFrom(sheet, col, top, '@');
      wb.changed();
    },
    onSelect(listener) {
      return wb.onSelect(() => listener());
    },
    async selection() {
      return { ...wb.selection };
    },
    async addReportSheet(report, onProgress, query) {
      return addPreviewReport(wb, report, onProgress, query);
    },
    async reportSheets() {
      return wb.sheets.flatMap((s) => (s.report ? [{ sheet: s.name, record: s.report }] : []));
    },
    async replaceReportSheet(sheet, report, query, onProgress) {
      return replacePreviewReport(wb, sheet, report, query, onProgress);
    },
    onEdit(listener) {
      return wb.onEdit(listener);
    },
    async getSetting(key) {
      return wb.settings.get(key) ?? null;
    },
    async setSetting(key, value) {
      wb.settings.set(key, value);
      wb.changed();
    },
  };
}
