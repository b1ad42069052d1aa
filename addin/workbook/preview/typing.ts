/**
 * What Excel makes of text typed or pasted into a cell: in a Text ('@') cell it stays text;
 * elsewhere a plain number becomes a number (losing leading zeros and digits past the 15th),
 * TRUE/FALSE a boolean, a YYYY-MM-DD date a date serial under a date format. A leading
 * apostrophe keeps the rest as text (the workbook takes it away).
 */
import { isIsoDate, isoToExcelSerial } from '../../../shared/dates';
import type { CellValue } from '../port';

export interface Typed {
  value: CellValue;
  /** A number format Excel gives the cell with the value (a date typed into a General cell). */
  format?: string;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * @example typedValue('000123', 'General', false) // { value: 123 }
 * @example typedValue('000123', '@', false) // { value: '000123' }
 */
export function typedValue(text: string, format: string, date1904: boolean): Typed {
  if (format === '@' || text.startsWith("'")) return { value: text };
  const t = text.trim();
  if (t === '') return { value: '' };
  if (NUMBER.test(t)) return { value: Number(t) };
  if (/^(true|false)$/i.test(t)) return { value: t.toUpperCase() === 'TRUE' };
  if (isIsoDate(t)) return { value: isoToExcelSerial(t, date1904), format: format === 'General' ? 'yyyy-mm-dd' : undefined };
  return { value: text };
}
