/** A1-style addresses <-> 0-based row and column numbers. */

/**
 * The letters of a 0-based column.
 * @example columnName(27) // 'AB'
 */
export function columnName(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** @example cellAddress(0, 2) // 'C1' */
export const cellAddress = (row: number, col: number): string => `${columnName(col)}${row + 1}`;

/** @example rangeAddress(0, 0, 2, 3) // 'A1:C2' */
export const rangeAddress = (top: number, left: number, rows: number, cols: number): string =>
  rows === 1 && cols === 1 ? cellAddress(top, left) : `${cellAddress(top, left)}:${cellAddress(top + rows - 1, left + cols - 1)}`;

export interface Box { top: number; left: number; rows: number; cols: number }

/**
 * Parses 'B3', 'A1:C5', "Sheet1!A1:C5" or "'My sheet'!B2" (the sheet part is dropped).
 * @example parseAddress('B2:C3') // { top: 1, left: 1, rows: 2, cols: 2 }
 */
export function parseAddress(address: string): Box {
  const a = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const [first, last = first] = a.replace(/\$/g, '').toUpperCase().split(':');
  const p = (s: string): [number, number] => {
    const m = /^([A-Z]{1,3})(\d{1,7})$/.exec(s);
    if (!m) throw new Error(`Not a cell address: ${address}`);
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return [Number(m[2]) - 1, col];
  };
  const [r1, c1] = p(first);
  const [r2, c2] = p(last);
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}
