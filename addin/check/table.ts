/**
 * Finding the table in what the pane read: its header row, the meaning of each column, and
 * its data rows turned into plain rows for the shared rules — identifiers from the displayed
 * text, numbers and dates from the values.
 */
import { detectHeader, type ColumnMap, type ColumnOf, type SheetKind } from '../../shared/columns';
import { excelSerialToIso } from '../../shared/dates';
import { problem, type Problem } from '../../shared/problems';
import type { MovementType, RawRow, RowField } from '../../shared/rows';
import { movementType } from '../../shared/types';
import type { CellValue, RegionData } from './cells';
import { displayText, isDateFormat } from './number-format';
import { dateDamage, identifierDamage, type SheetCell } from './damage';

export type { ColumnOf } from '../../shared/columns';

/** A table found on a sheet: where its header and data are and what each column means. */
export interface Table<K extends SheetKind = SheetKind> {
  kind: K;
  sheet: string;
  /** Sheet row of the header. */
  headerRow: number;
  /** Sheet column of the table's first column. */
  left: number;
  headers: string[];
  columns: ColumnMap<ColumnOf<K>>;
  /** Sheet rows of the data, below the header, in order. */
  dataTop: number;
  dataRows: number;
  /** Sheet column of the Status column: the one headed Status, else the first right of the table. */
  statusCol: number;
}

/**
 * Finds the header in a region read from the sheet and maps its columns. A remembered mapping
 * (the user's correction) wins when it was made for the same headers.
 */
export function locateTable<K extends SheetKind>(kind: K, data: RegionData, remembered?: ColumnMap<ColumnOf<K>> | null): Table<K> | null {
  const found = detectHeader(kind, data.text);
  if (!found) return null;
  const headers = data.text[found.row].map((t) => t.trim());
  // A remembered mapping applies column by column; columns it does not cover (the Status
  // column the pane added since) keep what their headers say.
  const detected = found.columns as ColumnMap<ColumnOf<K>>;
  const columns = remembered ? detected.map((c, i) => (i < remembered.length ? remembered[i] : c)) : detected;
  const status = columns.indexOf('status' as ColumnOf<K>);
  return {
    kind,
    sheet: data.sheet,
    headerRow: data.top + found.row,
    left: data.left,
    headers,
    columns,
    dataTop: data.top + found.row + 1,
    dataRows: data.rows - found.row - 1,
    statusCol: status >= 0 ? data.left + status : data.left + data.cols,
  };
}

/**
 * Excel shows ##### for a number too wide for its column, and Range.text answers just that.
 * Such cells get the text their number format would show in a wide enough column.
 */
export function widenHashedText(data: RegionData, date1904: boolean): RegionData {
  data.text.forEach((row, i) => row.forEach((t, j) => {
    const v = data.values[i][j];
    if (typeof v === 'number' && /^#+$/.test(t)) row[j] = displayText(v, data.numberFormat[i][j], date1904);
  }));
  return data;
}

/** A key naming a header row, under which a corrected mapping is remembered. */
export const headerSignature = (headers: readonly string[]): string =>
  headers.map((h) => h.trim().toLowerCase()).filter((h) => h !== 'status').join('\u001f');

/** Rows read from a table, with the sheet row each came from and the damage Excel had done. */
export interface SheetRows<R> {
  rows: R[];
  /** Sheet row of rows[i]. */
  sheetRows: number[];
  /** Excel's own damage, as problems on rows[] indexes. */
  damage: Problem[];
  /** Sheet columns of lots or serials where a cell holds a plain number: the pane offers to format them as Text. */
  numberColumns: number[];
}

// Columns of codes, where Excel's number handling does damage (bins such as 0102 are codes too).
// A ZIP code or a GLN in a TLC source ref loses its leading zeros the same way.
const IDENTIFIERS = new Set<string>(['sku', 'lot', 'serial', 'ref', 'bol', 'gs1', 'gtin', 'code', 'from', 'to', 'location', 'tlcSourceRef', 'postalCode']);
const DATES = new Set<string>(['date', 'expiry']);

/** Cells of one table column for the data rows kept (blank rows are skipped). */
function columnCells(data: RegionData, table: Table, col: number, kept: number[]): SheetCell[] {
  const i0 = table.dataTop - data.top;
  return kept.map((r) => ({ value: data.values[i0 + r][col], text: data.text[i0 + r][col] }));
}

// Lots and serials are labels: a number there is worth a warning, even when nothing shows it lost zeros.
const LABELS = new Set<string>(['lot', 'serial']);

/** Which data rows hold anything in a mapped column (the status column and unread ones do not count). */
function keptRows(data: RegionData, table: Table): number[] {
  const i0 = table.dataTop - data.top;
  const kept: number[] = [];
  for (let r = 0; r < table.dataRows; r++) {
    const text = data.text[i0 + r];
    if (table.columns.some((f, c) => f !== null && f !== 'status' && text[c].trim() !== '')) kept.push(r);
  }
  return kept;
}

function damageOf(data: RegionData, table: Table, kept: number[]): { damage: Problem[]; numberColumns: number[] } {
  const found: Problem[] = [];
  const numberColumns: number[] = [];
  const i0 = table.dataTop - data.top;
  table.columns.forEach((f, c) => {
    if (f === null) return;
    const cells = columnCells(data, table, c, kept);
    const field = f === 'location' ? 'to' : f === 'bol' ? 'ref' : f;
    const formats = kept.map((r) => data.numberFormat[i0 + r][c]);
    const hits = IDENTIFIERS.has(f) ? identifierDamage(table.headers[c], cells, { numbersWarned: table.kind === 'movements' && LABELS.has(f), formats })
      : DATES.has(f) ? dateDamage(table.headers[c], cells) : [];
    for (const h of hits) found.push(problem(h.index, field, 'invalid', h.message, h.severity));
    if (hits.some((h) => h.severity === 'warning')) numberColumns.push(table.left + c);
  });
  return { damage: found, numberColumns };
}

/** A date cell as ISO text when Excel holds a serial number, else its text for the rules to read. */
function dateOf(value: CellValue, text: string, format: string, date1904: boolean): string | null {
  if (typeof value === 'number') {
    // A date-formatted cell holds a serial; an 8-digit number is YYYYMMDD typed without dashes.
    if (!isDateFormat(format) && /^\d{8}$/.test(String(value))) return String(value);
    return excelSerialToIso(value, date1904) ?? text;
  }
  return text.trim() === '' ? null : String(value);
}

export interface MovementOptions {
  date1904: boolean;
  /** The type for a sheet without a type column. */
  defaultType: MovementType;
  /** The date for a sheet without a date column (today, UTC). */
  today: string;
}

/** The types that take stock out of a place: a sheet's Location column is their `from`. */
const LEAVING: ReadonlySet<string> = new Set(['ship', 'scrap', 'consume']);

/** The place a sheet's one Location column names: where stock goes on a receipt, where it leaves on a shipment or use. */
export const locationField = (type: MovementType | null): 'from' | 'to' =>
  type !== null && LEAVING.has(type) ? 'from' : 'to';

/**
 * Reads a movement table into rows for the shared rules. Blank rows are skipped; a sheet
 * without a type or date column takes the pane's type and today.
 */
export function movementRows(data: RegionData, table: Table<'movements'>, opts: MovementOptions): SheetRows<RawRow> {
  const kept = keptRows(data, table);
  const i0 = table.dataTop - data.top;
  const hasDate = table.columns.includes('date');
  const rows = kept.map((r) => {
    const raw: RawRow = {};
    if (!hasDate) raw.date = opts.today;
    let location: string | null = null;
    let bol: string | null = null;
    table.columns.forEach((f, c) => {
      if (f === null || f === 'status') return;
      const value = data.values[i0 + r][c];
      const text = data.text[i0 + r][c];
      if (f === 'date' || f === 'expiry') raw[f] = dateOf(value, text, data.numberFormat[i0 + r][c], opts.date1904);
      else if (f === 'qty') raw.qty = typeof value === 'number' ? value : text.trim() === '' ? null : text;
      else if (f === 'location') location = text;
      else if (f === 'bol') bol = text.trim() === '' ? null : text;
      else raw[f as RowField] = text === '' ? null : text;
    });
    // A BOL column is the row's reference, of type BOL, where no Ref column gives one.
    if (bol !== null && (raw.ref === undefined || raw.ref === null)) {
      raw.ref = bol;
      if (raw.refType === undefined || raw.refType === null) raw.refType = 'BOL';
    }
    // A blank Type cell takes the pane's type, as a sheet without a Type column does.
    if (raw.type === undefined || raw.type === null) raw.type = opts.defaultType;
    if (location !== null) {
      const field = locationField(movementType(raw.type) ?? opts.defaultType);
      if (raw[field] === undefined || raw[field] === null) raw[field] = location;
    }
    return raw;
  });
  const found = damageOf(data, table, kept);
  const damage = found.damage.map((p) =>
    p.field === 'to' ? { ...p, field: locationField(movementType(rows[p.row].type) ?? opts.defaultType) } : p);
  return { rows, sheetRows: kept.map((r) => table.dataTop + r), damage, numberColumns: found.numberColumns };
}

/** Reads an item, location or party table into plain records for the shared master-data checks. */
export function masterRows(data: RegionData, table: Table<'items'> | Table<'locations'> | Table<'parties'>): SheetRows<Record<string, unknown>> {
  const kept = keptRows(data, table);
  const i0 = table.dataTop - data.top;
  const rows = kept.map((r) => {
    const rec: Record<string, unknown> = {};
    (table.columns as (string | null)[]).forEach((f, c) => {
      if (f === null || f === 'status') return;
      const value = data.values[i0 + r][c];
      // Yes/no flags may be real booleans; everything else is read as shown.
      rec[f] = typeof value === 'boolean' ? value : data.text[i0 + r][c];
    });
    return rec;
  });
  return { rows, sheetRows: kept.map((r) => table.dataTop + r), ...damageOf(data, table, kept) };
}

/**
 * The sheet cell a problem points at, or null when its field has no column (a type or date
 * the pane supplied): such problems are told in the Status column only.
 */
export function cellOf(table: Table, p: Problem, sheetRows: readonly number[]): { row: number; col: number } | null {
  const cols = table.columns as (string | null)[];
  let c = cols.indexOf(p.field);
  if (c < 0 && (p.field === 'from' || p.field === 'to')) c = cols.indexOf('location');
  if (c < 0 && (p.field === 'ref' || p.field === 'refType')) c = cols.indexOf('bol');
  // A scan stands in for sku, lot, serial and expiry: point at it when those have no column.
  if (c < 0 && ['sku', 'lot', 'serial', 'expiry'].includes(p.field)) c = cols.indexOf('gs1');
  if (c < 0 || sheetRows[p.row] === undefined) return null;
  return { row: sheetRows[p.row], col: table.left + c };
}
