/**
 * Quantities: exact decimal text in, integer thousandths out — never through float arithmetic.
 */

export const QTY_MAX = 1e9;

export type QtyResult = { ok: true; milli: number } | { ok: false; reason: string };

/**
 * Reads a quantity (a JSON number or plain decimal text such as "12" or "12.5") as integer
 * thousandths. Numbers are read at 15 significant digits, Excel's own precision, so a formula's
 * 0.30000000000000004 counts as the 0.3 the sheet shows.
 * @example parseQtyMilli('12.345') // { ok: true, milli: 12345 }
 */
export function parseQtyMilli(v: string | number): QtyResult {
  let s: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { ok: false, reason: 'is not a number' };
    if (v <= 0) return { ok: false, reason: 'must be more than 0' };
    if (v > QTY_MAX) return { ok: false, reason: `is more than ${QTY_MAX.toLocaleString('en-US')}` };
    // A whole number is exact as it is: no need to go through its text (most quantities are).
    if (Number.isInteger(v)) return { ok: true, milli: v * 1000 };
    s = plainDecimal(Number(v.toPrecision(15)));
  } else {
    s = v.trim();
    if (/^[-−]\s*\d/.test(s)) return { ok: false, reason: 'must be more than 0' };
    if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) return { ok: false, reason: 'has a thousands separator; write the digits alone' };
    if (/^\d*,\d+$/.test(s)) return { ok: false, reason: 'has a decimal comma; write decimals with a point' };
  }
  const m = /^\+?(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === '' && !m[2])) return { ok: false, reason: 'is not a number' };
  const whole = m[1].replace(/^0+(?=\d)/, '') || '0';
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > 3) return { ok: false, reason: 'has more than 3 decimals' };
  if (whole.length > 10) return { ok: false, reason: `is more than ${QTY_MAX.toLocaleString('en-US')}` };
  const milli = Number(whole) * 1000 + Number(fraction.padEnd(3, '0'));
  if (milli <= 0) return { ok: false, reason: 'must be more than 0' };
  if (milli > QTY_MAX * 1000) return { ok: false, reason: `is more than ${QTY_MAX.toLocaleString('en-US')}` };
  return { ok: true, milli };
}

// Positive finite numbers as plain decimal text (no exponent), e.g. 1e-7 → "0.0000001".
function plainDecimal(n: number): string {
  const s = String(n);
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const digits = m[1] + (m[2] ?? '');
  const exp = Number(m[3]);
  return exp < 0 ? `0.${'0'.repeat(-exp - 1)}${digits}` : digits.padEnd(exp + 1, '0');
}
