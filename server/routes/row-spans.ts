/**
 * Where the rows of a batch body are in its text, found without parsing them: a post thread then
 * parses the rows a part at a time as the post needs them (batch-text.ts), so SQLite starts on
 * the first part while the rest are still text (JSON.parse of a 100,000-row body alone took
 * 85 ms before anything could be written).
 *
 * Only the plain shape is taken: a top-level object whose one `rows` member is an array of
 * objects. Anything else (no rows, rows twice, an element that is no object) answers null, and
 * the body is parsed whole as before, which says what is wrong with it. The spans are exact for
 * any JSON: strings are skipped by their quotes and escapes, so braces and commas inside them
 * count for nothing; whether each element is valid JSON is left to JSON.parse of its part.
 */

export interface RowSpans {
  /** The body with its rows array emptied (`"rows":[]`), to be parsed for its other members. */
  rest: string;
  /** Where row i's text begins (its `{`) and ends (just after its `}`). */
  starts: Int32Array;
  ends: Int32Array;
  count: number;
}

const QUOTE = 34, BACKSLASH = 92, OPEN_BRACE = 123, CLOSE_BRACE = 125, OPEN_BRACKET = 91, CLOSE_BRACKET = 93;
const COMMA = 44, COLON = 58;

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Just past the string that opens at `i` (its `"`); -1 when it does not end. */
function skipString(text: string, i: number): number {
  for (let from = i + 1; ;) {
    const q = text.indexOf('"', from);
    if (q < 0) return -1;
    // Escaped when an odd number of backslashes stand before it.
    let b = q - 1;
    while (text.charCodeAt(b) === BACKSLASH) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
    from = q + 1;
  }
}

/** Just past the object or array that opens at `i`; -1 when it does not end. */
function skipComposite(text: string, i: number): number {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === QUOTE) {
      j = skipString(text, j) - 1;
      if (j < 0) return -1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (--depth === 0) return j + 1;
    }
  }
  return -1;
}

/** Just past the value that begins at `i` (a string, object, array, number or literal). */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return skipString(text, i);
  if (c === OPEN_BRACE || c === OPEN_BRACKET) return skipComposite(text, i);
  let j = i;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || isSpace(d)) break;
    j++;
  }
  return j > i ? j : -1;
}

/**
 * The spans of the `rows` elements of a batch body, or null when its shape is not the plain one.
 * @example rowSpans('{"rows":[{"a":1},{"b":"}"}]}')!.count // 2
 */
export function rowSpans(text: string): RowSpans | null {
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== OPEN_BRACE) return null;
  i = skipSpace(text, i + 1);
  let spans: { open: number; close: number; starts: number[]; ends: number[] } | null = null;
  if (text.charCodeAt(i) !== CLOSE_BRACE) {
    for (;;) {
      if (text.charCodeAt(i) !== QUOTE) return null;
      const keyEnd = skipString(text, i);
      if (keyEnd < 0) return null;
      const key = text.slice(i, keyEnd);
      i = skipSpace(text, keyEnd);
      if (text.charCodeAt(i) !== COLON) return null;
      i = skipSpace(text, i + 1);
      if (key === '"rows"') {
        if (spans !== null || text.charCodeAt(i) !== OPEN_BRACKET) return null;
        spans = { open: i, close: -1, starts: [], ends: [] };
        i = skipSpace(text, i + 1);
        if (text.charCodeAt(i) !== CLOSE_BRACKET) {
          for (;;) {
            if (text.charCodeAt(i) !== OPEN_BRACE) return null;
            const end = skipComposite(text, i);
            if (end < 0) return null;
            spans.starts.push(i);
            spans.ends.push(end);
            i = skipSpace(text, end);
            if (text.charCodeAt(i) === COMMA) i = skipSpace(text, i + 1);
            else if (text.charCodeAt(i) === CLOSE_BRACKET) break;
            else return null;
          }
        }
        spans.close = i;
        i++;
      } else {
        i = skipValue(text, i);
        if (i < 0) return null;
      }
      i = skipSpace(text, i);
      if (text.charCodeAt(i) === COMMA) i = skipSpace(text, i + 1);
      else if (text.charCodeAt(i) === CLOSE_BRACE) break;
      else return null;
    }
  }
  if (spans === null || skipSpace(text, i + 1) !== text.length) return null;
  return {
    rest: `${text.slice(0, spans.open)}[]${text.slice(spans.close + 1)}`,
    starts: Int32Array.from(spans.starts),
    ends: Int32Array.from(spans.ends),
    count: spans.starts.length,
  };
}
