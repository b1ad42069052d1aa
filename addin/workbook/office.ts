/**
 * The workbook port over Office.js, inside Excel. Reads and writes go in chunks sized to stay
 * under Excel's request limits, one context.sync() per chunk, with events off and screen
 * updating suspended while the pane writes, so its own writes are not taken for edits.
 */
import { cellAddress, parseAddress } from './address';
import { FIRST_CHUNK_ROWS, isPayloadTooLarge, nextChunkRows, payloadBytes, splitBySize } from './chunks';
import { listenTo } from './office-events';
import { writeListValidation, writeTemplateSheet, writeTextFormat } from './template-office';
import { reportSheetRecords, rewriteReportSheet, writeReportSheet } from './report-office';
import { MARK_FILL, type CellMark, type EditKind, type CellValue, type Region, type RegionData, type SheetTemplate, type WorkbookPort } from './port';

/** What the adapter needs from the host: Excel.run, and whether notes (ExcelApi 1.18) exist. */
export interface OfficeHost {
  run: <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;
  notes: boolean;
}

const NOTE_PREFIX = 'LotLedger: ';
/** Marks per sync: each is a fill and a note on its own range. */
const MARKS_PER_CHUNK = 400;

/**
 * A cell's note with the pane's part replaced (or removed, when `ours` is null); the clerk's
 * own words before it are kept.
 * @example withOurNote('Checked by Ann', 'Lot is required.') // 'Checked by Ann\nLotLedger: Lot is required.'
 */
export function withOurNote(content: string, ours: string | null): string {
  const at = content.indexOf(NOTE_PREFIX);
  const theirs = (at >= 0 ? content.slice(0, at) : content).trimEnd();
  if (ours === null) return theirs;
  return theirs ? `${theirs}\n${NOTE_PREFIX}${ours}` : NOTE_PREFIX + ours;
}

export function defaultOfficeHost(): OfficeHost {
  return {
    run: (batch) => Excel.run(batch),
    notes: Office.context.requirements.isSetSupported('ExcelApi', '1.18'),
  };
}

export function officePort(host: OfficeHost = defaultOfficeHost()): WorkbookPort {
  const { run } = host;

  /** Runs a writing batch with events off, so the pane's writes do not come back as edits. */
  async function writing<T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
    return run(async (ctx) => {
      ctx.runtime.enableEvents = false;
      try {
        return await batch(ctx);
      } finally {
        ctx.runtime.enableEvents = true;
        await ctx.sync();
      }
    });
  }

  return {
    host: 'excel',

    info: () => run(async (ctx) => {
      const wb = ctx.workbook;
      wb.load('name');
      // DATE(1904,1,1) is serial 0 in a 1904 workbook and 1462 in a 1900 one.
      const epoch = wb.functions.date(1904, 1, 1);
      epoch.load('value');
      await ctx.sync();
      return { name: wb.name, date1904: epoch.value === 0 };
    }),

    tableRegion: () => run(async (ctx) => {
      const sel = ctx.workbook.getSelectedRange();
      sel.load('cellCount');
      sel.worksheet.load('name');
      await ctx.sync();
      // One cell: the region around it. A range (even whole columns): cut to the used cells.
      const area = sel.cellCount === 1
        ? sel.getSurroundingRegion()
        : sel.getIntersectionOrNullObject(sel.worksheet.getUsedRange(true));
      // Only the size here: the values of a large table would not fit in one response.
      area.load('rowIndex,columnIndex,rowCount,columnCount');
      await ctx.sync();
      if ((area as Excel.Range & { isNullObject?: boolean }).isNullObject) return null;
      if (area.rowCount === 1 && area.columnCount === 1) {
        area.load('values');
        await ctx.sync();
        if (area.values[0][0] === '') return null;
      }
      return { sheet: sel.worksheet.name, top: area.rowIndex, left: area.columnIndex, rows: area.rowCount, cols: area.columnCount };
    }),

    read: (region, onProgress) => run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(region.sheet);
      const out: RegionData = { ...region, values: [], text: [], numberFormat: [] };
      let rows = Math.min(region.rows, FIRST_CHUNK_ROWS);
      for (let done = 0; done < region.rows;) {
        rows = Math.min(rows, region.rows - done);
        const r = ws.getRangeByIndexes(region.top + done, region.left, rows, region.cols);
        r.load('values,text,numberFormat');
        try {
          await ctx.sync();
        } catch (e) {
          if (!isPayloadTooLarge(e) || rows === 1) throw e;
          rows = Math.max(1, Math.floor(rows / 2));
          continue;
        }
        const chunk = { values: r.values as CellValue[][], text: r.text, numberFormat: r.numberFormat as string[][] };
        out.values.push(...chunk.values);
        out.text.push(...chunk.text);
        out.numberFormat.push(...chunk.numberFormat);
        done += rows;
        onProgress?.(done, region.rows);
        rows = nextChunkRows(rows, payloadBytes(chunk), region.cols, region.rows - done);
      }
      return out;
    }),

    writeColumn: (sheet, top, col, texts, onProgress) => writing(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      for (const { start, end } of splitBySize(texts)) {
        const n = end - start;
        const r = ws.getRangeByIndexes(top + start, col, n, 1);
        // Text format first: a message starting with '=' must land as text, never as a formula.
        r.numberFormat = Array.from({ length: n }, () => ['@']);
        r.values = texts.slice(start, end).map((t) => [t]);
        ctx.application.suspendScreenUpdatingUntilNextSync();
        await ctx.sync();
        onProgress?.(end, texts.length);
      }
    }),

    mark: (sheet, marks: CellMark[], onProgress) => writing(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      for (let i = 0; i < marks.length; i += MARKS_PER_CHUNK) {
        const chunk = marks.slice(i, i + MARKS_PER_CHUNK);
        const existing = host.notes ? chunk.map((m) => ws.notes.getItemOrNullObject(cellAddress(m.row, m.col))) : [];
        existing.forEach((n) => n.load('content'));
        if (host.notes) await ctx.sync();
        chunk.forEach((m, j) => {
          ws.getRangeByIndexes(m.row, m.col, 1, 1).format.fill.color = MARK_FILL[m.severity];
          if (!host.notes) return;
          const note = existing[j];
          if (note.isNullObject) ws.notes.add(ws.getRangeByIndexes(m.row, m.col, 1, 1), NOTE_PREFIX + m.note);
          else note.content = withOurNote(String(note.content), m.note);
        });
        ctx.application.suspendScreenUpdatingUntilNextSync();
        await ctx.sync();
        onProgress?.(Math.min(i + MARKS_PER_CHUNK, marks.length), marks.length);
      }
    }),

    clearMarks: (sheet, cells) => writing(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(sheet);
      await ctx.sync();
      if (ws.isNullObject) return;
      for (let i = 0; i < cells.length; i += MARKS_PER_CHUNK) {
        const chunk = cells.slice(i, i + MARKS_PER_CHUNK);
        const notes = host.notes ? chunk.map((c) => ws.notes.getItemOrNullObject(cellAddress(c.row, c.col))) : [];
        notes.forEach((n) => n.load('content'));
        chunk.forEach((c) => ws.getRangeByIndexes(c.row, c.col, 1, 1).format.fill.clear());
        await ctx.sync();
        // Only the pane's own words go; a note the clerk wrote stays as the clerk wrote it.
        const ours = notes.filter((n) => !n.isNullObject && String(n.content).includes(NOTE_PREFIX));
        ours.forEach((n) => {
          const kept = withOurNote(String(n.content), null);
          if (kept === '') n.delete();
          else n.content = kept;
        });
        if (ours.length) await ctx.sync();
      }
    }),

    select: (sheet, row, col, rows = 1, cols = 1) => run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRangeByIndexes(row, col, rows, cols).select();
      await ctx.sync();
    }),

    addSheet: (t: SheetTemplate) => writing((ctx) => writeTemplateSheet(ctx, t)),

    setListValidation: (sheet, col, top, values) => writing((ctx) => writeListValidation(ctx, sheet, col, top, values)),

    formatAsText: (sheet, col, top) => writing((ctx) => writeTextFormat(ctx, sheet, col, top)),

    onSelect: (listener) => listenTo(run, (ctx) => ctx.workbook.onSelectionChanged.add(async () => listener())),

    selection: () => run(async (ctx) => {
      const sel = ctx.workbook.getSelectedRange();
      sel.worksheet.load('name');
      // Whole columns selected: only the used cells count.
      const used = sel.getIntersectionOrNullObject(sel.worksheet.getUsedRange(true));
      sel.load('rowIndex,columnIndex,rowCount,columnCount');
      used.load('rowIndex,columnIndex,rowCount,columnCount');
      await ctx.sync();
      const r = used.isNullObject ? sel : used;
      return { sheet: sel.worksheet.name, top: r.rowIndex, left: r.columnIndex, rows: r.rowCount, cols: r.columnCount };
    }),

    addReportSheet: (report, onProgress, query) => writing((ctx) => writeReportSheet(ctx, report, onProgress, query)),
    reportSheets: () => run(reportSheetRecords),
    replaceReportSheet: (sheet, report, query, onProgress) => writing((ctx) => rewriteReportSheet(ctx, sheet, report, query, onProgress)),

    onEdit: (listener: (region: Region, change: EditKind) => void) => listenTo(run, (ctx) => ctx.workbook.worksheets.onChanged.add(async (e) => {
      // The pane's own writes run with events off; this also skips them where that is not honoured.
      if (e.triggerSource === 'ThisLocalAddin') return;
      const name = await run(async (c) => {
        const ws = c.workbook.worksheets.getItem(e.worksheetId);
        ws.load('name');
        await c.sync();
        return ws.name;
      });
      const box = parseBox(e.address);
      // Inserted or deleted rows, columns or cells move the table: the pane must read it again.
      const change: EditKind = e.changeType === 'RangeEdited' ? 'values' : 'structure';
      if (box) listener({ sheet: name, ...box }, change);
      else if (change === 'structure') listener({ sheet: name, top: 0, left: 0, rows: 0, cols: 0 }, change);
    })),

    getSetting: (key) => run(async (ctx) => {
      const s = ctx.workbook.settings.getItemOrNullObject(key);
      s.load('value');
      await ctx.sync();
      return s.isNullObject ? null : String(s.value);
    }),

    setSetting: (key, value) => run(async (ctx) => {
      ctx.workbook.settings.add(key, value);
      await ctx.sync();
    }),
  };
}

function parseBox(address: string): Omit<Region, 'sheet'> | null {
  try {
    return parseAddress(address);
  } catch {
    return null; // whole rows or columns: nothing the checker re-reads cell by cell
  }
}
