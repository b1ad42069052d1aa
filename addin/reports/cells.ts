/**
 * Report cells by column kind: identifiers and free text are Text cells so nothing the server
 * returns can become a formula or lose its leading zeros, dates are real Excel dates, quantities
 * are numbers. The formats themselves belong to the workbook (workbook/cell-formats.ts).
 */
import { isoToExcelSerial } from '../../shared/dates';
import type { CellValue, ReportColumnKind } from '../workbook/port';
import { textCell } from '../workbook/cell-formats';

/** What the server answers in a report field. */
export type ReportValue = string | number | boolean | null | undefined;

/**
 * The value to write for one report field under its column's kind.
 * @example reportCell('date', '2026-11-24', false) // 46350
 * @example reportCell('id', 7, false) // '7'
 */
export function reportCell(kind: ReportColumnKind, value: ReportValue, date1904: boolean): CellValue {
  if (value === null || value === undefined || value === '') return '';
  switch (kind) {
    case 'number':
      return typeof value === 'number' ? value : Number.isFinite(Number(value)) ? Number(value) : textCell(String(value));
    case 'date': {
      const iso = String(value).slice(0, 10);
      return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? isoToExcelSerial(iso, date1904) : textCell(String(value));
    }
    default:
      return textCell(typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value));
  }
}
