/**
 * CSV for reports: RFC 4180 (comma, CRLF, quotes doubled) with OWASP's CSV-injection
 * defence, so a lot code or customer name typed by someone else never runs as a formula
 * in the reader's spreadsheet. Numbers are written as numbers.
 */

export type CsvValue = string | number | boolean | null | undefined;

/** One column of a CSV answer: its header and how to read it from a record. */
export interface CsvColumn<T> {
  header: string;
  value: (record: T) => CsvValue;
}

// Characters a spreadsheet reads as the start of a formula (OWASP "CSV Injection").
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One cell: text starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`; text with
 * a comma, quote or line break is quoted. Null is an empty cell.
 * @example csvCell('=HYPERLINK("x")') // → `"'=HYPERLINK(""x"")"`
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record line, CRLF-terminated. @example csvLine(['a', 1]) // → 'a,1\r\n' */
export function csvLine(cells: readonly CsvValue[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The header line of a set of columns. */
export function csvHeader<T>(columns: readonly CsvColumn<T>[]): string {
  return csvLine(columns.map((c) => c.header));
}

/** The lines of some records (no header). */
export function csvRecords<T>(columns: readonly CsvColumn<T>[], records: readonly T[]): string {
  let out = '';
  for (const record of records) out += csvLine(columns.map((c) => c.value(record)));
  return out;
}

/** A whole CSV document: header then records. @example csv([{header: 'qty', value: (r) => r}], [1]) */
export function csv<T>(columns: readonly CsvColumn<T>[], records: readonly T[]): string {
  return csvHeader(columns) + csvRecords(columns, records);
}

/** The Content-Type every CSV answer carries. */
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/**
 * Reads RFC 4180 text (CRLF or LF line ends) back into rows of strings (the inverse of `csv`,
 * neutralising aside):
 * used by tests and scripts that check a report as a spreadsheet would load it.
 * @example parseCsv('a,"b,c"\r\n') // → [['a', 'b,c']]
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      // CRLF as RFC 4180 writes it, or a bare LF as most files saved on Linux and Mac have
      row.push(cell); rows.push(row); row = []; cell = '';
      if (ch === '\r') i++;
    }
    else cell += ch;
  }
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  return rows;
}
