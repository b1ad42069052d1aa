/**
 * How a report column of each kind is written: identifiers and free text as Text ('@') cells,
 * dates under a date format, quantities as General numbers. Both workbook adapters format
 * report tables with these before writing their values.
 */
import type { ReportColumnKind } from './port';

/** The number format each kind of column gets before its values are written. */
export const KIND_FORMAT: Record<ReportColumnKind, string> = {
  id: '@',
  text: '@',
  date: 'yyyy-mm-dd',
  number: 'General',
};

/**
 * Text as it must be written: a leading apostrophe is Excel's "this is text" mark, which it
 * keeps out of the value. Text Excel could take for a formula (= + - @) gets one — a second
 * guard besides the Text format — and so does text that really starts with an apostrophe.
 * @example textCell('=HYPERLINK("x")') // "'=HYPERLINK(\"x\")"
 */
export function textCell(text: string): string {
  return /^[=+\-@']/.test(text) ? `'${text}` : text;
}
