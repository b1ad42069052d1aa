/**
 * Writing a report sheet into the preview workbook, by the same rules as in Excel: formats
 * first, then values typed as Excel takes them (so '=…' in a Text cell stays text), tables
 * and frozen rows recorded on the sheet, the header filled as Excel's table style fills it.
 */
import { KIND_FORMAT, textCell } from '../cell-formats';
import { splitRowsBySize } from '../row-runs';
import { uniqueSheetName } from '../sheet-name';
import { rangeAddress } from '../address';
import { footprintOf } from '../footprint';
import type { Progress, ReportQuery, ReportSheet } from '../port';
import type { PreviewWorkbook, Sheet } from './workbook';

/** The header fill of Excel's default table style, so a report looks like a table in the preview. */
export const TABLE_HEADER_FILL = '#DDEBF7';

export async function addPreviewReport(wb: PreviewWorkbook, report: ReportSheet, onProgress?: Progress, query?: ReportQuery): Promise<string> {
  const s = wb.addSheet(uniqueSheetName(report.name, wb.sheets.map((x) => x.name)));
  await writeReport(wb, s, report, onProgress);
  if (query) s.report = { query, footprint: footprintOf(report) };
  wb.select({ sheet: s.name, top: 0, left: 0, rows: 1, cols: 1 });
  return s.name;
}

/** Rewrites a report sheet in place: its old cells and tables cleared, every other cell kept. */
export async function replacePreviewReport(wb: PreviewWorkbook, sheet: string, report: ReportSheet, query: ReportQuery, onProgress?: Progress): Promise<void> {
  const s = wb.sheet(sheet);
  for (const run of s.report?.footprint ?? []) wb.clearCells(sheet, { top: run.top, left: 0, rows: run.rows, cols: run.cols });
  await writeReport(wb, s, report, onProgress);
  s.report = { query, footprint: footprintOf(report) };
}

async function writeReport(wb: PreviewWorkbook, s: Sheet, report: ReportSheet, onProgress?: Progress): Promise<void> {
  const write = (row: number, values: (string | number | boolean)[][]) => wb.setValues(s.name, row, 0, values, { byUser: false, asTyped: true });
  for (const line of report.lines) {
    wb.setFormat(s.name, line.row, 0, '@');
    write(line.row, [[textCell(line.text)]]);
  }
  const total = report.tables.reduce((n, t) => n + t.rows.length, 0);
  let done = 0;
  s.tables = [];
  for (const t of report.tables) {
    t.columns.forEach((c, j) => {
      wb.setFormat(s.name, t.top, j, '@');
      for (let i = 0; i < t.rows.length; i++) wb.setFormat(s.name, t.top + 1 + i, j, KIND_FORMAT[c.kind]);
    });
    write(t.top, [t.columns.map((c) => textCell(c.header))]);
    t.columns.forEach((_, j) => wb.setFill(s.name, t.top, j, TABLE_HEADER_FILL));
    for (const run of splitRowsBySize(t.rows)) {
      write(t.top + 1 + run.start, t.rows.slice(run.start, run.end));
      done += run.end - run.start;
      onProgress?.(done, total);
      await new Promise((r) => setTimeout(r, 0)); // lets the page paint the progress bar
    }
    s.tables.push({ address: rangeAddress(t.top, 0, t.rows.length + 1, t.columns.length), columns: t.columns.map((c) => c.header) });
  }
  s.frozenRows = report.freezeRows;
  onProgress?.(total, total);
}
