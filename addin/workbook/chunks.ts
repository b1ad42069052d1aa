/**
 * Chunk sizes that keep each Office.js request under Excel's limits: 5 MB a request or
 * response (Excel on the web) and 5 million cells a read. Sizes adapt to the data seen: a
 * sheet of long texts gets smaller chunks than one of short codes.
 */

/** Excel on the web refuses a request or response over 5 MB. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
/** What a chunk aims at: half the limit, leaving room for the request's own envelope and escaping. */
export const CHUNK_TARGET_BYTES = 2.5 * 1024 * 1024;
/** Excel reads at most 5 million cells at once; a read loads three properties per cell. */
export const MAX_CELLS_PER_READ = 5_000_000;
/** Rows in the first chunk of a read, before the bytes per row are known. */
export const FIRST_CHUNK_ROWS = 500;

/** Bytes a value takes in a request or response (JSON, as Office.js sends it). */
export const payloadBytes = (v: unknown): number => new TextEncoder().encode(JSON.stringify(v)).length;

/**
 * Rows for the next chunk, from the bytes the last chunk took.
 * @example nextChunkRows(500, 1_000_000, 8, 100_000) // 1310
 */
export function nextChunkRows(lastRows: number, lastBytes: number, cols: number, remaining: number, propsPerCell = 3): number {
  const perRow = Math.max(1, lastBytes / Math.max(1, lastRows));
  const byBytes = Math.floor(CHUNK_TARGET_BYTES / perRow);
  const byCells = Math.floor(MAX_CELLS_PER_READ / Math.max(1, cols * propsPerCell));
  return Math.max(1, Math.min(remaining, byBytes, byCells));
}

/**
 * Splits rows of text to write into runs whose payload stays under the target.
 * @example splitBySize(['a', 'b'], 1_000).length // 1
 */
export function splitBySize(texts: readonly string[], target = CHUNK_TARGET_BYTES): { start: number; end: number }[] {
  const runs: { start: number; end: number }[] = [];
  let start = 0;
  let bytes = 0;
  texts.forEach((t, i) => {
    // a cell costs its UTF-8 JSON text plus the brackets of its row and the Text format beside it
    const cost = payloadBytes(t) + 10;
    if (bytes + cost > target && i > start) {
      runs.push({ start, end: i });
      start = i;
      bytes = 0;
    }
    bytes += cost;
  });
  if (start < texts.length) runs.push({ start, end: texts.length });
  return runs;
}

/** True for Excel's "payload too large" errors, after which a chunk is retried at half its size. */
export const isPayloadTooLarge = (e: unknown): boolean =>
  /PayloadSizeLimitExceeded|RequestPayloadSizeLimitExceeded|ResponsePayloadSizeLimitExceeded/.test(String((e as { code?: string })?.code ?? '') + String((e as Error)?.message ?? ''));
