/**
 * Finds lone UTF-16 surrogates in a parsed JSON body. Text decoded from UTF-8 bytes never
 * holds one, so only a `\uD800`–`\uDFFF` escape can make one. Two scans of the text clear
 * nearly every body without looking at its values: one for any surrogate escape (most bodies
 * have none), one for an escape that is not half of a pair (an ASCII-only JSON writer, such as
 * Python's, escapes every emoji as a pair). Only a body that fails both is walked, to name
 * the place.
 */

const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
// An escape of a high surrogate with no low one after it, or of a low one with no high one
// before it; the backslash that starts it must follow an even run of backslashes (`\\ud800`
// is text). The literal `\u` comes first so the engine skips ahead to it.
const REAL_BACKSLASH = String.raw`\\(?<=(?:^|[^\\])(?:\\\\)*\\)`;
const PAIR_BEFORE = String.raw`(?<!(?:^|[^\\])(?:\\\\)*\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2})`;
const LONE_ESCAPE = new RegExp(String.raw`${REAL_BACKSLASH}u[dD](?:[89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|[c-fC-F][0-9a-fA-F]{2}${PAIR_BEFORE})`);

const wellFormed: (s: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (s) => (s as unknown as { isWellFormed(): boolean }).isWellFormed()
    : (s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/**
 * Whether the text may hold a lone surrogate (both scans matched); false clears it without parsing.
 * @example mayHoldLoneSurrogate('{"note":"x"}') // false
 */
export const mayHoldLoneSurrogate = (text: string): boolean => SURROGATE_ESCAPE.test(text) && LONE_ESCAPE.test(text);

/**
 * Where the first lone surrogate sits, as a JSON path (`rows[3].note`, a key shown as `key "…"`),
 * or null when the body has none.
 * @example loneSurrogateAt('{"note":"x\\ud800"}', { note: 'x\ud800' }) // 'note'
 */
export function loneSurrogateAt(text: string, parsed: unknown): string | null {
  if (!mayHoldLoneSurrogate(text)) return null;
  return walk(parsed, '');
}

function walk(v: unknown, path: string): string | null {
  if (typeof v === 'string') return wellFormed(v) ? null : path || 'the top level';
  if (typeof v !== 'object' || v === null) return null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const found = walk(v[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, value] of Object.entries(v)) {
    if (!wellFormed(key)) return `a key of ${path || 'the top level'}`;
    const found = walk(value, path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}
