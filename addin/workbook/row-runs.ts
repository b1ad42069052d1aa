/**
 * Large reports go to Excel in chunks: each chunk is one request, and Excel on the web
 * refuses a request over 5 MB. Chunks aim at half that, measured as the JSON Office.js sends.
 */
import { CHUNK_TARGET_BYTES, payloadBytes } from './chunks';
import type { CellValue } from './port';

export interface RowRun {
  start: number;
  end: number;
  bytes: number;
}

/**
 * Splits rows to write into runs of whole rows whose payload stays under the target (a single
 * row larger than the target is a run of its own).
 * @example splitRowsBySize([['a'], ['b']], 1_000) // [{ start: 0, end: 2, bytes: 13 }]
 */
export function splitRowsBySize(rows: readonly CellValue[][], target = CHUNK_TARGET_BYTES): RowRun[] {
  const runs: RowRun[] = [];
  let start = 0;
  let bytes = 1; // the outer brackets, less the comma the last row does not have
  rows.forEach((row, i) => {
    const cost = payloadBytes(row) + 1; // the row and its comma
    if (bytes + cost > target && i > start) {
      runs.push({ start, end: i, bytes });
      start = i;
      bytes = 1;
    }
    bytes += cost;
  });
  if (start < rows.length) runs.push({ start, end: rows.length, bytes });
  return runs;
}
