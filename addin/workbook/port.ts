/**
 * The one door from the pane to a workbook. React components and the session talk to this
 * interface only; `office.ts` implements it over Office.js inside Excel and `preview/` over
 * a grid in the page. Rows and columns are 0-based sheet coordinates.
 */

import type { CellMark, CellValue, MarkSeverity, Region, RegionData } from '../check/cells';

// The cell types are check/'s plain ones (it reads them and plans marks in them); the port re-uses them.
export type { CellMark, CellValue, MarkSeverity, Region, RegionData } from '../check/cells';

/** Fills the pane uses — Excel's own "light red" and "yellow" conditional-format fills. */
export const MARK_FILL: Record<MarkSeverity, string> = { error: '#FFC7CE', warning: '#FFEB9C' };

/** Sheet row of a template's header: its hint line is row 0, the data starts below the header. */
export const TEMPLATE_HEADER_ROW = 1;

/** A new sheet laid out before anyone pastes into it. */
export interface SheetTemplate {
  name: string;
  /** One line above the table (row 0) saying what goes in it. */
  hint: string;
  /** The table's header, in row TEMPLATE_HEADER_ROW. */
  headers: string[];
  /** Columns formatted as Text ('@') below the header, so identifiers keep their leading zeros. */
  textColumns: number[];
  /** Columns formatted as dates (yyyy-mm-dd) below the header. */
  dateColumns: number[];
}

/** What a report column holds; it decides the column's number format, set before its values. */
export type ReportColumnKind = 'id' | 'text' | 'date' | 'number';

export interface ReportColumn {
  header: string;
  kind: ReportColumnKind;
}

/** One Excel table of a report sheet. */
export interface ReportTable {
  /** Sheet row of the table's header. */
  top: number;
  columns: ReportColumn[];
  /** Ready to write: text for id and text columns, serial numbers for dates, numbers; '' when empty. */
  rows: CellValue[][];
}

/** A report laid out for a new sheet (addin/reports/ builds these). */
export interface ReportSheet {
  /** A valid sheet name; the adapter makes it unique in the workbook. */
  name: string;
  /** Lines of text in column A: the title (row 0) and the headings above tables. */
  lines: { row: number; text: string; style: 'title' | 'heading' | 'plain' }[];
  tables: ReportTable[];
  /** Rows kept in view when scrolling. */
  freezeRows: number;
  /** Cells to mark once the sheet is written (a key data element a record lacks), each with its note. */
  marks?: CellMark[];
}

/** What pulled a report sheet: its kind (addin/reports/kinds.ts) and parameters, as plain JSON. */
export interface ReportQuery { kind: string; params: Record<string, unknown> }

/** Rows a report wrote from column A: `rows` rows of `cols` cells from row `top` (0-based). */
export interface RowRun { top: number; rows: number; cols: number }

/**
 * What a report sheet remembers in the workbook (beside the sheet, not in cells a user can
 * break): the query that pulled it, and which cells are the report's own.
 */
export interface ReportRecord { query: ReportQuery; footprint: RowRun[] }

export type EditKind = 'values' | 'structure';

/** Chunked work reports how far it got, so the pane can show a progress bar. */
export type Progress = (done: number, total: number) => void;

export interface WorkbookInfo {
  name: string;
  /** True when the workbook counts days from 1904 (old Mac workbooks). */
  date1904: boolean;
}

export interface WorkbookPort {
  readonly host: 'excel' | 'preview';
  /** The workbook's name and date system. */
  info(): Promise<WorkbookInfo>;
  /** The selected range, or the region around the active cell when one cell is selected. */
  tableRegion(): Promise<Region | null>;
  /** Reads values, displayed text and number formats of a region, in chunks. */
  read(region: Region, onProgress?: Progress): Promise<RegionData>;
  /** Writes one column of text downward from (top, col); text never becomes a formula. */
  writeColumn(sheet: string, top: number, col: number, texts: string[], onProgress?: Progress): Promise<void>;
  /** Fills and annotates bad cells. */
  mark(sheet: string, marks: CellMark[], onProgress?: Progress): Promise<void>;
  /** Removes the fill and note of cells the pane marked before. */
  clearMarks(sheet: string, cells: { row: number; col: number }[]): Promise<void>;
  /** The selected range (cut to the used cells when whole columns are selected). */
  selection(): Promise<Region>;
  /** Selects one cell (or `rows` × `cols` cells from it), as a click would, and brings its sheet to the front. */
  select(sheet: string, row: number, col: number, rows?: number, cols?: number): Promise<void>;
  /** Adds a sheet laid out by the template; answers the name it got (made unique). */
  addSheet(template: SheetTemplate): Promise<string>;
  /**
   * Offers a drop-down list of allowed values (Excel's list data validation) in one column,
   * from sheet row `top` to the sheet's end, replacing any rule there.
   */
  setListValidation(sheet: string, col: number, top: number, values: string[]): Promise<void>;
  /** Formats one column as Text ('@') from sheet row `top` to the sheet's end; values already there are kept. */
  formatAsText(sheet: string, col: number, top: number): Promise<void>;
  /**
   * Calls back when the selection changes (read it with `selection()`, after a pause when
   * following a moving cursor); answers a function that stops listening.
   */
  onSelect(listener: () => void): () => void;
  /**
   * Adds a report sheet: Excel tables, formats before values, written in chunks under the host's
   * request limits; answers the name it got (made unique). Text never becomes a formula.
   */
  addReportSheet(report: ReportSheet, onProgress?: Progress, query?: ReportQuery): Promise<string>;
  /** The report sheets of the workbook (those that remember a query), in sheet order. */
  reportSheets(): Promise<{ sheet: string; record: ReportRecord }[]>;
  /**
   * Rewrites a report sheet in place: the cells of its old record cleared (every other cell
   * kept), the report written as `addReportSheet` writes it, the new record kept.
   */
  replaceReportSheet(sheet: string, report: ReportSheet, query: ReportQuery, onProgress?: Progress): Promise<void>;
  /**
   * Calls back when the user changes cells (`values`) or inserts or deletes rows, columns or
   * cells (`structure`: the table may have moved); answers a function that stops listening.
   */
  onEdit(listener: (region: Region, change: EditKind) => void): () => void;
  /** Settings saved in the workbook (the remembered column mapping), never secrets. */
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;
}

/**
 * Text that Excel would take for a formula or a number sign gets a leading apostrophe, which
 * Excel keeps as a "text" marker and does not show.
 * @example safeText('=HYPERLINK("x")') // "'=HYPERLINK(\"x\")"
 */
export function safeText(text: string): string {
  return /^[=+\-@]/.test(text) ? `'${text}` : text;
}
