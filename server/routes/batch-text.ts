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
  const rows: RawRow[] = new Array(spans.count);
  const input = parseBatchRequest({ ...jsonObjectOf(spans.rest), rows }, maxRows, false);
  let filled = 0;
  input.fill = (to) => {
    while (filled < Math.min(to, spans.count)) {
      const upto = Math.min(spans.count, filled + FILL_ROWS);
      let part: unknown[];
      try {
        part = JSON.parse(`[${text.slice(spans.starts[filled], spans.ends[upto - 1])}]`) as unknown[];
      } catch {
        throw new ApiError('invalid_json', 'The request body is not valid JSON.');
      }
      checkRowShapes(part, filled);
      for (let k = 0; k < part.length; k++) rows[filled + k] = part[k] as RawRow;
      filled = upto;
    }
  };
  return input;
}
