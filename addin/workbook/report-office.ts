/**
 * Writing a report sheet through Office.js: number formats first (Text for identifiers and
 * free text, a date format for dates), then the values in chunks under Excel's request limit,
 * one sync each, then the Excel tables, the frozen rows and the column widths — so the sheet
 * is usable the moment the last chunk lands.
 */
import { KIND_FORMAT, textCell } from './cell-formats';
import { splitRowsBySize } from './row-runs';
import { uniqueSheetName } from './sheet-name';
import type { Progress, ReportSheet } from './port';

/** A whole column's format in one assignment (Office.js applies a single value to every cell). */
const everyCell = (format: string) => format as unknown as string[][];

/** Adds the report's sheet in an open context (events already off); answers the name it got. */
export async function writeReportSheet(ctx: Excel.RequestContext, report: ReportSheet, onProgress?: Progress): Promise<string> {
  const sheets = ctx.workbook.worksheets;
  sheets.load('items/name');
  await ctx.sync();
  const name = uniqueSheetName(report.name, sheets.items.map((s) => s.name));
  const ws = sheets.add(name);

  for (const line of report.lines) {
    const cell = ws.getRangeByIndexes(line.row, 0, 1, 1);
    cell.numberFormat = [['@']];
    cell.values = [[textCell(line.text)]];
    if (line.style !== 'plain') cell.format.font.bold = true;
    if (line.style === 'title') cell.format.font.size = 14;
  }
  for (const t of report.tables) {
    const header = ws.getRangeByIndexes(t.top, 0, 1, t.columns.length);
    header.numberFormat = [t.columns.map(() => '@')];
    header.values = [t.columns.map((c) => textCell(c.header))];
    // Formats before values: '=…' lands in a Text cell as text, '00123' keeps its zeros.
    if (t.rows.length > 0) t.columns.forEach((c, j) => { ws.getRangeByIndexes(t.top + 1, j, t.rows.length, 1).numberFormat = everyCell(KIND_FORMAT[c.kind]); });
  }
  await ctx.sync();

  const total = report.tables.reduce((n, t) => n + t.rows.length, 0);
  let done = 0;
  for (const t of report.tables) {
    for (const run of splitRowsBySize(t.rows)) {
      ws.getRangeByIndexes(t.top + 1 + run.start, 0, run.end - run.start, t.columns.length).values = t.rows.slice(run.start, run.end);
      ctx.application.suspendScreenUpdatingUntilNextSync();
      await ctx.sync();
      done += run.end - run.start;
      onProgress?.(done, total);
    }
  }

  for (const t of report.tables) {
    // A Range (not an address string): a string without a sheet would land on the active sheet.
    const area = ws.getRangeByIndexes(t.top, 0, t.rows.length + 1, t.columns.length);
    const table = ws.tables.add(area, true);
    table.style = 'TableStyleMedium2';
    area.format.autofitColumns();
  }
  ws.freezePanes.freezeRows(report.freezeRows);
  ws.activate();
  ws.getRange('A1').select();
  await ctx.sync();
  onProgress?.(total, total);
  return name;
}
