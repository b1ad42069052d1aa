/**
 * Laying out a template sheet in Excel through Office.js: the hint line, the header, formats
 * below it set before anyone pastes, and list data validation. Each runs inside the adapter's
 * writing batch (events off).
 */
import { columnName } from './address';
import { TEMPLATE_HEADER_ROW, type SheetTemplate } from './port';

/** Longest inline list source Excel accepts; longer lists (or values with commas) go to a hidden sheet. */
export const LIST_SOURCE_MAX = 255;
const LAST_ROW = 1_048_576;

/** Column `col` from sheet row `top` (0-based) to the sheet's last row. */
const columnFrom = (ws: Excel.Worksheet, col: number, top: number): Excel.Range =>
  ws.getRange(`${columnName(col)}${top + 1}:${columnName(col)}${LAST_ROW}`);

/** One format for every cell of a range: Office.js takes a single value for the whole range. */
const formatAll = (r: Excel.Range, format: string): void => {
  r.numberFormat = format as unknown as string[][];
};

export async function writeTemplateSheet(ctx: Excel.RequestContext, t: SheetTemplate): Promise<string> {
  const sheets = ctx.workbook.worksheets;
  sheets.load('items/name');
  await ctx.sync();
  const taken = new Set(sheets.items.map((s) => s.name.toLowerCase()));
  let name = t.name;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${t.name} (${i})`;
  const ws = sheets.add(name);
  const hint = ws.getRange('A1');
  hint.numberFormat = [['@']];
  hint.values = [[t.hint]];
  hint.format.font.italic = true;
  const header = ws.getRangeByIndexes(TEMPLATE_HEADER_ROW, 0, 1, t.headers.length);
  header.numberFormat = [t.headers.map(() => '@')];
  header.values = [t.headers];
  header.format.font.bold = true;
  ws.freezePanes.freezeRows(TEMPLATE_HEADER_ROW + 1);
  for (const c of t.textColumns) formatAll(columnFrom(ws, c, TEMPLATE_HEADER_ROW + 1), '@');
  for (const c of t.dateColumns) formatAll(columnFrom(ws, c, TEMPLATE_HEADER_ROW + 1), 'yyyy-mm-dd');
  header.format.autofitColumns();
  ws.activate();
  ws.getRangeByIndexes(TEMPLATE_HEADER_ROW + 1, 0, 1, 1).select();
  await ctx.sync();
  return name;
}

export async function writeListValidation(ctx: Excel.RequestContext, sheet: string, col: number, top: number, values: string[]): Promise<void> {
  const ws = ctx.workbook.worksheets.getItem(sheet);
  const target = columnFrom(ws, col, top);
  target.dataValidation.clear();
  let source = values.join(',');
  if (source.length > LIST_SOURCE_MAX || values.some((v) => v.includes(','))) {
    // Long lists live on a hidden sheet, one column per validated column, referred to by range.
    const listName = `${sheet} lists`.slice(0, 31);
    let lists = ctx.workbook.worksheets.getItemOrNullObject(listName);
    await ctx.sync();
    if (lists.isNullObject) {
      lists = ctx.workbook.worksheets.add(listName);
      lists.visibility = 'Hidden';
    }
    const cells = lists.getRangeByIndexes(0, col, values.length, 1);
    cells.numberFormat = values.map(() => ['@']);
    cells.values = values.map((v) => [v]);
    source = `='${listName.replace(/'/g, "''")}'!$${columnName(col)}$1:$${columnName(col)}$${values.length}`;
  }
  target.dataValidation.rule = { list: { inCellDropDown: true, source } };
  await ctx.sync();
}

export async function writeTextFormat(ctx: Excel.RequestContext, sheet: string, col: number, top: number): Promise<void> {
  formatAll(columnFrom(ctx.workbook.worksheets.getItem(sheet), col, top), '@');
  await ctx.sync();
}
