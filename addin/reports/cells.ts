/**
 * Report cells by column kind: identifiers and free text are Text ('@') cells so nothing the
 * server returns can become a formula or lose its leading zeros, dates are real Excel dates
 * under a date format, quantities are numbers.
 */
import { isoToExcelSerial } from '../../shared/dates';
import type { CellValue, ReportColumnKind } from '../workbook/port';

/** The number format each kind of column gets before its values are written. */
export const KIND_FORMAT: Record<ReportColumnKind, string> = {
  id: '@',
  text: '@',
  date: 'yyyy-mm-dd',
  number: 'General',
};

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

/**
 * Text as it must be written: a leading apostrophe is Excel's "this is text" mark, which it
 * keeps out of the value. Text Excel could take for a formula (= + - @) gets one — a second
 * guard besides the Text format — and so does text that really starts with an apostrophe.
 * @example textCell('=HYPERLINK("x")') // "'=HYPERLINK(\"x\")"
 */
export function textCell(text: string): string {
  return /^[=+\-@']/.test(text) ? `'${text}` : text;
}
