/** The workbook port over the preview workbook: what the pane uses when no Excel is around. */
import { MARK_FILL, safeText, type CellMark, type CellValue, type Region, type RegionData, type SheetTemplate, type WorkbookPort } from '../port';
import { addPreviewReport } from './report';
import type { PreviewWorkbook } from './workbook';

export function previewPort(wb: PreviewWorkbook): WorkbookPort {
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
      t.textColumns.forEach((c) => s.columnFormats.set(c, '@'));
      t.dateColumns.forEach((c) => s.columnFormats.set(c, 'yyyy-mm-dd'));
      t.lists.forEach((l) => s.lists.set(l.col, l.values));
      wb.setValues(s.name, 0, 0, [t.headers], { byUser: false, asTyped: true });
      t.headers.forEach((_, c) => wb.setFormat(s.name, 0, c, '@'));
      wb.select({ sheet: s.name, top: 1, left: 0, rows: 1, cols: 1 });
      return s.name;
    },
    async selection() {
      return { ...wb.selection };
    },
    async addReportSheet(report, onProgress) {
      return addPreviewReport(wb, report, onProgress);
    },
    onEdit(listener) {
      return wb.onEdit(listener);
    },
    async getSetting(key) {
      return wb.settings.get(key) ?? null;
    },
    async setSetting(key, value) {
      wb.settings.set(key, value);
    },
  };
}
