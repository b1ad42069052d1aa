/**
 * Finds lone UTF-16 surrogates in a parsed JSON body. Text decoded from UTF-8 bytes never
 * holds one, so only a `\uD800`–`\uDFFF` escape can make one: a body without such an escape
 * (nearly every body) is cleared by one scan of its text, and only the rest are walked.
 */

// Any surrogate escape, paired or not; an escaped backslash before it (`\\ud800`) is a false
// alarm that the walk then clears.
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

const wellFormed: (s: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (s) => (s as unknown as { isWellFormed(): boolean }).isWellFormed()
    : (s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/**
 * Where the first lone surrogate sits, as a JSON path (`rows[3].note`, a key shown as `key "…"`),
 * or null when the body has none.
 * @example loneSurrogateAt('{"note":"x\\ud800"}', { note: 'x\ud800' }) // 'note'
 */
export function loneSurrogateAt(text: string, parsed: unknown): string | null {
  if (!SURROGATE_ESCAPE.test(text)) return null;
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
