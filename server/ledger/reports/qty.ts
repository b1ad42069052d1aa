/**
 * Quantities as reports answer them. Stored as integer thousandths; a sum of them (on hand as of a
 * date) or a total written before the post capped one place's stock (MAX_STOCK_MILLI) may pass
 * 2^53, which the client cannot read as a number: such columns are read as text (`exactMilli`)
 * and turned into the JSON number nearest the exact decimal. Below the cap that number is exact.
 */

/** A quantity column or sum, read as text. @example exactMilli('SUM(leg.q)') */
export const exactMilli = (expr: string) => `CAST(${expr} AS TEXT)`;

/**
 * Thousandths (text or number) as units: the double nearest the exact decimal.
 * @example qtyOf('9010000000000000') // 9010000000000
 */
export function qtyOf(milli: unknown): number {
  const s = String(milli);
  const negative = s.startsWith('-');
  const digits = (negative ? s.slice(1) : s).padStart(4, '0');
  return Number(`${negative ? '-' : ''}${digits.slice(0, -3)}.${digits.slice(-3)}`);
}
