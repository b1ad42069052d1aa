/**
 * What Excel shows for a cell: the preview must show (and the pane must read) the same text
 * Excel would, because identifiers are read from displayed text.
 */
import { excelSerialToIso } from '../../shared/dates';
import type { CellValue } from './cells';

/**
 * A number as Excel's General format shows it in a default-width column: up to 11
 * characters, large and tiny numbers in scientific notation with 6 significant digits.
 * @example generalText(1234567890123456) // '1.23457E+15'
 */
export function generalText(n: number): string {
  if (!Number.isFinite(n)) return '#NUM!';
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1e11 || abs < 1e-9) return scientific(n);
  const intDigits = String(Math.trunc(abs)).length + (n < 0 ? 1 : 0);
  if (Number.isInteger(n)) return String(n);
  const decimals = Math.max(0, 11 - intDigits - 1);
  const fixed = trimZeros(n.toFixed(decimals));
  if (abs < 1e-4 && significant(fixed) < 3) return scientific(n);
  return fixed;
}

const trimZeros = (s: string): string => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
const significant = (s: string): number => s.replace(/[-.]/g, '').replace(/^0+/, '').length;

function scientific(n: number): string {
  const [mantissa, exp] = n.toExponential(5).split('e');
  const e = Number(exp);
  return `${trimZeros(mantissa)}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** True for number formats that show a date (they name days or years outside quotes). */
export function isDateFormat(format: string): boolean {
  const bare = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return bare !== '@' && /[dy]/i.test(bare);
}

function dateText(iso: string, format: string): string {
  const [y, m, d] = iso.split('-');
  return format.replace(/"[^"]*"|yyyy|yy|mm|m|dd|d/gi, (t) => {
    switch (t.toLowerCase()) {
      case 'yyyy': return y;
      case 'yy': return y.slice(2);
      case 'mm': return m;
      case 'm': return String(Number(m));
      case 'dd': return d;
      case 'd': return String(Number(d));
      default: return t.slice(1, -1);
    }
  });
}

/**
 * The text Excel shows for a value under a number format.
 * @example displayText(46350, 'yyyy-mm-dd', false) // '2026-11-24'
 */
export function displayText(value: CellValue, format: string, date1904: boolean): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (format === '@' || format === 'General' || format === '') return generalText(value);
  if (isDateFormat(format)) {
    const iso = excelSerialToIso(value, date1904);
    return iso === null ? '#'.repeat(8) : dateText(iso, format);
  }
  // Zero-padded codes ('000000' shows 1002 as 001002): Excel's way to keep a fixed width.
  if (/^0{2,}$/.test(format) && Number.isInteger(value)) return String(Math.abs(value)).padStart(format.length, '0').replace(/^/, value < 0 ? '-' : '');
  const fixed = /^0(?:\.(0+))?$/.exec(format);
  if (fixed) return value.toFixed(fixed[1]?.length ?? 0);
  return generalText(value);
}
