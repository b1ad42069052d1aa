/**
 * Writing a report sheet through Office.js: number formats first (Text for identifiers and
 * free text, a date format for dates), then the values in chunks under Excel's request limit,
 * one sync each, then the Excel tables, the frozen rows and the column widths — so the sheet
 * is usable the moment the last chunk lands.
 */
import { KIND_FORMAT, textCell } from './cell-formats';
import { splitRowsBySize } from './row-runs';
import { uniqueSheetName } from './sheet-name';
import { footprintOf } from './footprint';
import { RECORD_KEY, recordOf } from './report-record';
import type { Progress, ReportQuery, ReportRecord, ReportSheet } from './port';

/** A whole column's format in one assignment (Office.js applies a single value to every cell). */
const everyCell = (format: string) => format as unknown as string[][];

/** Adds the report's sheet in an open context (events already off); answers the name it got. */
export async function writeReportSheet(ctx: Excel.RequestContext, report: ReportSheet, onProgress?: Progress, query?: ReportQuery): Promise<string> {
  const sheets = ctx.workbook.worksheets;
  sheets.load('items/name');
  await ctx.sync();
  const name = uniqueSheetName(report.name, sheets.items.map((s) => s.name));
  const ws = sheets.add(name);
  await writeReport(ctx, ws, report, onProgress);
  if (query) keepRecord(ws, { query, footprint: footprintOf(report) });
  ws.activate();
  ws.getRange('A1').select();
  await ctx.sync();
  return name;
}

/**
 * Rewrites a report sheet in place (events already off): the report's tables turned back into
 * ranges and its old cells cleared — cells outside them are the user's and stay — then the
 * report written and its record replaced.
 */
export async function rewriteReportSheet(ctx: Excel.RequestContext, sheet: string, report: ReportSheet, query: ReportQuery, onProgress?: Progress): Promise<void> {
  const ws = ctx.workbook.worksheets.getItem(sheet);
  const props = ws.customProperties;
  props.load('items/key,items/value');
  ws.tables.load('items/name');
  await ctx.sync();
  const old = recordOf(props.items);
  const footprint = old?.footprint ?? [];
  const ranges = ws.tables.items.map((t) => ({ t, r: t.getRange().load('rowIndex,columnIndex') }));
  await ctx.sync();
  // The report's own tables start at column A on a row it wrote; another table is the user's.
  for (const { t, r } of ranges) if (r.columnIndex === 0 && footprint.some((f) => f.top === r.rowIndex)) t.convertToRange();
  for (const f of footprint) ws.getRangeByIndexes(f.top, 0, f.rows, f.cols).clear('All');
  await ctx.sync();
  await writeReport(ctx, ws, report, onProgress);
  keepRecord(ws, { query, footprint: footprintOf(report) });
  await ctx.sync();
}

/** The report sheets of the workbook and their records, in sheet order. */
export async function reportSheetRecords(ctx: Excel.RequestContext): Promise<{ sheet: string; record: ReportRecord }[]> {
  const sheets = ctx.workbook.worksheets;
  sheets.load('items/name');
  await ctx.sync();
  const props = sheets.items.map((ws) => ws.customProperties.load('items/key,items/value'));
  await ctx.sync();
  return sheets.items.flatMap((ws, i) => {
    const record = recordOf(props[i].items);
    return record ? [{ sheet: ws.name, record }] : [];
  });
}

/** Keeps a sheet's record in its custom property (add replaces the value of a key that exists). */
function keepRecord(ws: Excel.Worksheet, record: ReportRecord): void {
  ws.customProperties.add(RECORD_KEY, JSON.stringify(record));
}

/** Writes the report's lines and tables into a sheet, formats first, rows in chunks. */
async function writeReport(ctx: Excel.RequestContext, ws: Excel.Worksheet, report: ReportSheet, onProgress?: Progress): Promise<void> {
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
  await ctx.sync();
  onProgress?.(total, total);
}
