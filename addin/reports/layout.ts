/**
 * A report's sheet, laid out top to bottom: a title line saying what was asked and when, then
 * each part as a heading over an Excel table. A report of one table keeps its header frozen
 * under the title; a report of several parts keeps the title in view.
 */
import type { ReportColumn, ReportColumnKind, ReportSheet, ReportTable } from '../workbook/port';
import { reportCell, type ReportValue } from './cells';

/** A report column: its header, its kind, and how a record fills it. */
export interface Column<T> extends ReportColumn {
  value: (record: T) => ReportValue;
}

export const column = <T>(header: string, kind: ReportColumnKind, value: (record: T) => ReportValue): Column<T> => ({ header, kind, value });

/** One part of a report: a heading, and its records as a table (or a line saying there are none). */
export interface Part<T = never> {
  heading: string;
  columns: Column<T>[];
  records: readonly T[];
  /** Written instead of an empty table. */
  none: string;
}

export const part = <T>(heading: string, columns: Column<T>[], records: readonly T[], none: string): Part<T> =>
  ({ heading, columns, records, none }) as Part<T>;

/**
 * "pulled 2026-11-24 08:05 UTC": when a report was asked, in the words of its title line.
 * @example pulledAt(new Date('2026-11-24T08:05:09Z')) // 'pulled 2026-11-24 08:05 UTC'
 */
export const pulledAt = (now: Date): string => `pulled ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function table<T>(top: number, columns: Column<T>[], records: readonly T[], date1904: boolean): ReportTable {
  return {
    top,
    columns: columns.map(({ header, kind }) => ({ header, kind })),
    rows: records.map((r) => columns.map((c) => reportCell(c.kind, c.value(r), date1904))),
  };
}

/**
 * A report of one table: title in row 1, header in row 2 (frozen with the title), data below.
 * @example tableSheet('On hand', 'On hand …', [column('SKU', 'id', (r: {sku: string}) => r.sku)], [{ sku: 'VAC-10' }], false).tables[0].rows // [['VAC-10']]
 */
export function tableSheet<T>(name: string, title: string, columns: Column<T>[], records: readonly T[], date1904: boolean): ReportSheet {
  return { name, lines: [{ row: 0, text: title, style: 'title' }], tables: [table(1, columns, records, date1904)], freezeRows: 2 };
}

/** A report of several parts, one under another with a blank row between. */
export function partsSheet(name: string, title: string, parts: Part<any>[], date1904: boolean): ReportSheet { // eslint-disable-line @typescript-eslint/no-explicit-any
  const sheet: ReportSheet = { name, lines: [{ row: 0, text: title, style: 'title' }], tables: [], freezeRows: 1 };
  let row = 2;
  for (const p of parts) {
    sheet.lines.push({ row, text: p.heading, style: 'heading' });
    if (p.records.length === 0) {
      sheet.lines.push({ row: row + 1, text: p.none, style: 'plain' });
      row += 3;
    } else {
      sheet.tables.push(table(row + 1, p.columns, p.records, date1904));
      row += p.records.length + 3;
    }
  }
  return sheet;
}
