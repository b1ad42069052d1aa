import type { LedgerStore, Value } from '../../db/port';
import { csvHeader, csvRecords } from '../csv';
import { MOVEMENT_COLUMNS } from '../movement-rows';
import { movementPage, type MovementKey } from './movements';

/** Rows fetched per read while streaming; small enough to keep memory flat. */
export const CSV_PAGE = 5_000;

/**
 * A movement window as a CSV byte stream: the header, then one page of rows per pull,
 * so a window of millions of movements never sits in memory at once.
 * @example c.body(streamMovementsCsv(db, filter, null), 200, { 'Content-Type': CSV_CONTENT_TYPE })
 */
export function streamMovementsCsv(
  db: LedgerStore,
  filter: { where: string; args: Value[] },
  start: MovementKey | null,
  pageSize = CSV_PAGE,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = start;
  let headerSent = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvHeader(MOVEMENT_COLUMNS)));
        return;
      }
      if (done) { controller.close(); return; }
      const page = await movementPage(db, filter, pageSize, after);
      if (page.movements.length > 0) controller.enqueue(encoder.encode(csvRecords(MOVEMENT_COLUMNS, page.movements)));
      after = page.next;
      if (!after) { done = true; controller.close(); }
    },
  }, { highWaterMark: 1 });
}
