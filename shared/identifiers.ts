/**
 * Identifiers (sku, lot, serial, location codes) as clerks type, paste and scan them.
 * Invisible junk at the edges (a trailing space, a non-breaking space copied from a web
 * page, a zero-width joiner, a scanner's CR) is stripped; anything inside is left as it is
 * and reported, because silently changing "P3 001003" could merge two real serials.
 * One identifier is one sequence of characters: the text is put in Unicode NFC (a typed
 * "Á" and an "A" + combining accent are the same lot), and an invisible or direction-changing
 * character inside (issue 19) is refused by name, since two codes that look alike must be alike.
 */
import { invisibleCharacter } from './invisible';

// Whitespace (incl. NBSP U+00A0 and BOM U+FEFF via \s), zero-width U+200B–U+200D, word joiner
// U+2060, and C0/C1 control characters.
const EDGE_JUNK = /^[\s\u200B-\u200D\u2060\u0000-\u001F\u007F-\u009F]+|[\s\u200B-\u200D\u2060\u0000-\u001F\u007F-\u009F]+$/g;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const NOT_ASCII = /[^\u0000-\u007F]/;
// Spelled out in messages: controls, NBSP, and the invisible and direction-changing characters
// (a right-to-left override inside a message would turn the rest of the sentence around).
const SHOWN_ESCAPED = /[\u0000-\u001F\u007F-\u00A0\p{Cf}\p{Default_Ignorable_Code_Point}\p{Variation_Selector}]/gu;
const SPACE = /\s/;

/**
 * Turns a cell or JSON value into an identifier string with invisible junk stripped from both
 * ends, in Unicode NFC.
 * @example cleanIdentifier('\u00A0LOT-7\u200B ') // 'LOT-7'
 * @example cleanIdentifier('A\u0301X') // '\u00C1X'
 */
export function cleanIdentifier(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // Most cells start and end with a printable ASCII character, which is never junk: skip the
  // regex (it ran on every field of every row; a 100,000-row check spent a tenth of its time here).
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  const trimmed = first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f ? s : s.replace(EDGE_JUNK, '');
  // ASCII is its own NFC: only other text pays for normalize().
  return NOT_ASCII.test(trimmed) ? trimmed.normalize('NFC') : trimmed;
}

/**
 * Says what is wrong with a cleaned identifier, as the end of a sentence, or null if it is fine.
 * An identifier that is not in NFC is not refused: cleanIdentifier already made it so.
 * @example identifierProblem('P3 001003', 40) // 'has a space inside'
 */
export function identifierProblem(value: string, maxLength: number): string | null {
  if (CONTROL.test(value)) return 'has a control character inside';
  const invisible = invisibleProblem(value);
  if (invisible) return invisible;
  if (SPACE.test(value)) return 'has a space inside';
  // Code points never outnumber UTF-16 units, so only a long text needs counting.
  const length = value.length <= maxLength ? value.length : [...value].length;
  if (length > maxLength) return `is ${length} characters long; at most ${maxLength} are allowed`;
  return null;
}

/**
 * Names an invisible or direction-changing character inside an identifier, as the end of a
 * sentence, or null when it has none.
 * @example invisibleProblem('SN\u202E88') // 'has an invisible or direction-changing character inside (U+202E RIGHT-TO-LEFT OVERRIDE)'
 */
export function invisibleProblem(value: string): string | null {
  const invisible = invisibleCharacter(value);
  return invisible ? `has an invisible or direction-changing character inside (${invisible})` : null;
}

/**
 * Shows a value inside a message: invisible characters spelled out, long values shortened.
 * @example shownValue('A\u0007B') // 'A\\u0007B'
 */
export function shownValue(value: string, max = 60): string {
  const visible = value.replace(SHOWN_ESCAPED, (c) => {
    const hex = c.codePointAt(0)!.toString(16).toUpperCase();
    return hex.length > 4 ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
  });
  const chars = [...visible];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : visible;
}

/**
 * True when a number cannot be an identifier's exact digits: Excel keeps 15 significant digits, so
 * an integer of 16 or more digits (or one shown with an exponent) has already lost some.
 * @example lostDigits(1234567890123456789) // true
 */
export function lostDigits(v: number): boolean {
  if (!Number.isFinite(v)) return true;
  return Number.isInteger(v) ? Math.abs(v) >= 1e15 : /e/i.test(String(v));
}
