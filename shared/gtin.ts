/**
 * GS1 mod-10 check digits: GTIN-8/12/13/14 and SSCC-18 all end in one.
 */

/**
 * True when a digit string ends in its correct GS1 mod-10 check digit (any length ≥ 2).
 * @example mod10CheckDigitOk('123456789012345675') // true (an SSCC)
 */
export function mod10CheckDigitOk(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  return mod10CheckDigit(digits.slice(0, -1)) === Number(digits[digits.length - 1]);
}

/**
 * The GS1 check digit for the digits before it: weights 3,1,3,… from the right.
 * @example mod10CheckDigit('0950600013435') // 2
 */
export function mod10CheckDigit(body: string): number {
  let sum = 0;
  for (let i = body.length - 1, w = 3; i >= 0; i--, w = 4 - w) sum += Number(body[i]) * w;
  return (10 - (sum % 10)) % 10;
}

/** GTIN lengths GS1 defines. */
const GTIN_LENGTHS = new Set([8, 12, 13, 14]);

/**
 * True when the text is a GTIN-8, -12, -13 or -14 with a correct check digit.
 * @example gtinCheckDigitOk('09506000134352') // true
 */
export function gtinCheckDigitOk(gtin: string): boolean {
  return /^\d+$/.test(gtin) && GTIN_LENGTHS.has(gtin.length) && mod10CheckDigitOk(gtin);
}

/**
 * True when the text has a GTIN's shape (8, 12, 13 or 14 digits), whatever its check digit.
 * @example isGtinShaped('4006381333931') // true
 */
export function isGtinShaped(gtin: string): boolean {
  return /^\d+$/.test(gtin) && GTIN_LENGTHS.has(gtin.length);
}

/**
 * Pads a GTIN-8/12/13 to the 14-digit form that barcodes carry in AI (01); the check digit is unchanged.
 * @example normaliseGtin('4006381333931') // '04006381333931'
 */
export function normaliseGtin(gtin: string): string {
  return gtin.padStart(14, '0');
}
