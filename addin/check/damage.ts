/**
 * Excel's own damage: what Excel did to a pasted value before the pane ever saw it. Excel
 * keeps 15 significant digits of a number, shows long numbers as 1.23457E+15, drops leading
 * zeros from anything that looks like a number, and leaves dates it cannot read as text.
 * Lost digits cannot be undone from the cell, so each is an error that says how to paste again;
 * a lot or serial that is merely held as a number is a warning (its zeros may be gone).
 */
import { parseDate } from '../../shared/dates';
import type { CellValue } from './cells';

export interface SheetCell {
  value: CellValue;
  text: string;
}

export interface Damage {
  /** Index of the cell in the column given. */
  index: number;
  message: string;
  severity: 'error' | 'warning';
}

const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?E[+-]?\d+$/i;
const DIGITS = /^\d+$/;

/** True when Excel holds an identifier as a number that lost digits or is shown in E notation. */
export function lostDigits(cell: SheetCell): boolean {
  const shown = cell.text.trim();
  if (typeof cell.value === 'number') return Math.abs(cell.value) >= 1e15 || SCIENTIFIC.test(shown);
  return SCIENTIFIC.test(String(cell.value).trim());
}

/**
 * The length that a column's zero-padded numeric identifiers share, or null when the column
 * has none (or they disagree, so no rule is evident).
 * @example paddedLength([{ value: '000123', text: '000123' }, { value: 124, text: '124' }]) // 6
 */
export function paddedLength(cells: readonly SheetCell[]): number | null {
  const counts = new Map<number, number>();
  for (const c of cells) {
    const t = c.text.trim();
    if (DIGITS.test(t) && t.startsWith('0') && t.length > 1) counts.set(t.length, (counts.get(t.length) ?? 0) + 1);
  }
  if (counts.size !== 1) return null;
  return [...counts.keys()][0];
}

/**
 * True for a number shown as Excel's General (or Text) format shows it: nothing keeps its
 * zeros. A number under a zero-padding format ('000000' shows 123 as 000123) is read as shown.
 */
const plainNumber = (cell: SheetCell, format: string | undefined): boolean =>
  typeof cell.value === 'number' && !/^0\d/.test(cell.text.trim()) && (format === undefined || format === 'General' || format === '@' || format === '');

/**
 * Finds the damaged cells of one identifier column (sku, lot, serial, ref, scan, GTIN). With
 * `numbersWarned` (lot and serial columns), a cell holding a plain number is a warning too.
 * @example identifierDamage('Lot #', [{ value: 1.2345678901234568e21, text: '1.23457E+21' }])[0].index // 0
 */
export function identifierDamage(header: string, cells: readonly SheetCell[], opts: { numbersWarned?: boolean; formats?: readonly string[] } = {}): Damage[] {
  const fix = `format the “${header}” column as Text and paste the sheet again`;
  const padded = paddedLength(cells);
  const found: Damage[] = [];
  cells.forEach((cell, index) => {
    const shown = cell.text.trim();
    if (shown === '') return;
    if (lostDigits(cell)) {
      found.push({ index, severity: 'error', message: `${shown} in “${header}” was turned into a number by Excel and lost digits; ${fix}.` });
    } else if (padded !== null && typeof cell.value === 'number' && DIGITS.test(shown) && shown.length < padded) {
      found.push({
        index, severity: 'error',
        message: `${shown} in “${header}” looks like ${shown.padStart(padded, '0')} with its leading zeros lost when Excel read it as a number; ${fix}.`,
      });
    } else if (opts.numbersWarned && plainNumber(cell, opts.formats?.[index])) {
      found.push({
        index, severity: 'warning',
        message: `${shown} in “${header}” is a number, not text: if the label reads 0${shown} or similar, Excel dropped its leading zeros. Format the “${header}” column as Text (the pane offers it), then retype the value or paste it again as text.`,
      });
    }
  });
  return found;
}

/**
 * Finds date cells that Excel left as text because they are no date it could read, and that
 * LotLedger cannot read either (it reads YYYY-MM-DD and other year-first forms).
 * @example dateDamage('Exp. date', [{ value: '31.10.2027', text: '31.10.2027' }]).length // 1
 */
export function dateDamage(header: string, cells: readonly SheetCell[]): Damage[] {
  const found: Damage[] = [];
  cells.forEach((cell, index) => {
    if (typeof cell.value !== 'string' || cell.value.trim() === '') return;
    if (parseDate(cell.value) !== null) return;
    found.push({
      index, severity: 'error',
      message: `“${cell.value.trim()}” in “${header}” is text, not a date Excel or LotLedger could read; type it as a real date in YYYY-MM-DD form (or format the column as Date and paste again).`,
    });
  });
  return found;
}
