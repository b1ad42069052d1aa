import { Hono } from 'hono';
import { requireRole } from '../auth/roles';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { CSV_CONTENT_TYPE, type CsvColumn } from '../ledger/csv';
import type { CustomerExposure } from '../ledger/customers';
import type { ExpiringLot, OnHandRow } from '../../shared/report-answers';
import { expiringLots } from '../ledger/reports/expiring';
import { streamMovementsCsv } from '../ledger/reports/movements-csv';
import { decodeCursor, encodeCursor, MAX_PAGE, movementFilter, movementPage } from '../ledger/reports/movements';
import { onHand } from '../ledger/reports/on-hand';
import { recall } from '../ledger/reports/recall';
import { answer, integer, optionalDate, optionalText, requiredText, texts, wantsCsv } from './report-query';

/** The UTC day of a clock reading. */
const utcDay = (d: Date) => d.toISOString().slice(0, 10);

const columns = <T>(keys: readonly (keyof T & string)[], cell: (r: T, k: keyof T & string) => unknown = (r, k) => r[k]): CsvColumn<T>[] =>
  keys.map((k) => ({ header: k, value: (r: T) => cell(r, k) as string | number | boolean | null }));

// A recall answers its customers as CSV: the list of whom to call. Refs are joined by "; ".
const CUSTOMER_COLUMNS = columns<CustomerExposure>(
  ['party', 'shipped', 'returned', 'qty', 'refs', 'lastShipped'],
  (r, k) => (k === 'refs' ? r.refs.join('; ') : r[k]),
);
const EXPIRING_COLUMNS = columns<ExpiringLot>(['sku', 'lot', 'expiry', 'daysLeft', 'expired', 'location', 'qty', 'held']);
const ON_HAND_COLUMNS = columns<OnHandRow>(['sku', 'lot', 'serial', 'location', 'qty', 'held']);

/** Lots a single recall may name at once (each is a bound SQL parameter). */
const MAX_RECALL_LOTS = 500;

/**
 * Recall, expiring, on-hand and movement reports; mounted under /v1 after auth. `now` is the
 * app's clock: "today" of the expiring report and the live on-hand answer is its UTC day.
 * @example v1.route('/', reportRoutesAt(() => new Date()))
 */
export function reportRoutesAt(now: () => Date): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get('/reports/recall', requireRole('viewer'), async (c) => {
    const csvWanted = wantsCsv(c);
    const sku = requiredText(c, 'sku');
    const lots = texts(c, 'lot');
    if (lots.length === 0) throw new ApiError('invalid_query', 'Query parameter lot is required (repeat it for several lots).');
    if (lots.length > MAX_RECALL_LOTS) throw new ApiError('invalid_query', `A recall names at most ${MAX_RECALL_LOTS} lots.`);
    const report = await recall(c.get('store'), c.get('auth').workspaceId, { sku, lots });
    return answer(c, report, CUSTOMER_COLUMNS, report.customers, csvWanted);
  });

  r.get('/reports/expiring', requireRole('viewer'), async (c) => {
    const csvWanted = wantsCsv(c);
    const days = integer(c, 'days', 0, 3650, 30);
    const today = utcDay(now());
    const lots = await expiringLots(c.get('store'), c.get('auth').workspaceId, { days, today });
    return answer(c, { today, days, lots }, EXPIRING_COLUMNS, lots, csvWanted);
  });

  r.get('/reports/on-hand', requireRole('viewer'), async (c) => {
    const csvWanted = wantsCsv(c);
    const q = { sku: optionalText(c, 'sku'), location: optionalText(c, 'location'), asOf: optionalDate(c, 'asOf') };
    const rows = await onHand(c.get('store'), c.get('auth').workspaceId, q);
    // Without asOf the figures are live: everything posted so far, as of today (UTC).
    const asOf = q.asOf ?? utcDay(now());
    return answer(c, { asOf, rows }, ON_HAND_COLUMNS, rows, csvWanted);
  });

  r.get('/reports/movements', requireRole('viewer'), async (c) => {
    const csvWanted = wantsCsv(c);
    const q = { from: optionalDate(c, 'from'), to: optionalDate(c, 'to'), sku: optionalText(c, 'sku'), lot: optionalText(c, 'lot') };
    if (q.from && q.to && q.from > q.to) throw new ApiError('invalid_query', `The window is empty: from ${q.from} is after to ${q.to}.`);
    const limit = integer(c, 'limit', 1, MAX_PAGE, MAX_PAGE);
    const cursorText = optionalText(c, 'cursor');
    const after = cursorText === undefined ? null : decodeCursor(cursorText);
    if (cursorText !== undefined && after === null) throw new ApiError('invalid_query', 'Query parameter cursor is not one this server gave out.');
    const db = c.get('store');
    const filter = await movementFilter(db, c.get('auth').workspaceId, q);
    if (csvWanted) {
      // The whole window, streamed page by page: a regulator's record may be millions of rows.
      return c.body(streamMovementsCsv(db, filter, after), 200, { 'Content-Type': CSV_CONTENT_TYPE });
    }
    const page = await movementPage(db, filter, limit, after);
    return c.json({ movements: page.movements, nextCursor: page.next ? encodeCursor(page.next) : null });
  });
  return r;
}

/** The reports on the system clock. */
export const reportRoutes = reportRoutesAt(() => new Date());
