/**
 * A batch request read from its text a part at a time: the post thread's way (server/post-thread),
 * where the body arrives as text and SQLite can start on the first 5,000 rows while the rest are
 * still text. The rows are found with rowSpans (row-spans.ts), parsed and shape-checked as the
 * post, the dry run or the hash asks for them (PostInput.fill).
 */
import type { PostInput } from '../ledger/post';
import type { RawRow } from '../../shared/rows';
import { ApiError } from '../errors';
import { jsonObjectOf } from './body';
import { checkRowShapes, parseBatchRequest } from './batches';
import { rowSpans } from './row-spans';
import { mayHoldLoneSurrogate } from './surrogates';

/** Rows parsed at a time: a part of the post (post.ts PART_ROWS). */
const FILL_ROWS = 5000;

/**
 * The batch request `text` holds, its rows parsed part by part; the same answers as parsing it
 * whole (parseBatchRequest of jsonObjectOf), each refusal once its part is reached. A body of
 * another shape, or one that may hold a lone surrogate, is parsed whole, to say what is wrong.
 * @example const input = batchRequestOfText(text, 100_000); input.fill?.(5000);
 */
export function batchRequestOfText(text: string, maxRows: number): PostInput {
  const spans = mayHoldLoneSurrogate(text) ? null : rowSpans(text);
  if (spans === null) return parseBatchRequest(jsonObjectOf(text), maxRows);
  const { count, starts, ends } = spans;
  const rows: RawRow[] = new Array(count);
  const input = parseBatchRequest({ ...jsonObjectOf(spans.rest), rows }, maxRows, false);
  // The text is let go once every row is parsed (the hash reads them all early in the post).
  let source: string | null = text;
  let filled = 0;
  input.fill = (to) => {
    while (filled < Math.min(to, count) && source !== null) {
      const upto = Math.min(count, filled + FILL_ROWS);
      let part: unknown[];
      try {
        part = JSON.parse(`[${source.slice(starts[filled], ends[upto - 1])}]`) as unknown[];
      } catch {
        throw new ApiError('invalid_json', 'The request body is not valid JSON.');
      }
      checkRowShapes(part, filled);
      for (let k = 0; k < part.length; k++) rows[filled + k] = part[k] as RawRow;
      filled = upto;
      if (filled === count) source = null;
    }
  };
  return input;
}
