/**
 * The dated history a post reads only for rows dated before the latest movement of their key
 * (the projections keep that date: stock.last_date, unit.last_date). A row dated on or after it,
 * the common case, needs nothing more than the projections; the others name few keys, read
 * here in one more round trip: the counted movements (not voided, not reversals, not of this
 * batch) of each such stock key after the earliest date a row asks about, and all of each such
 * serial's.
 */
import type { Rows, Statement } from '../db/port';
import type { CheckedRow } from '../../shared/rows';
import { stockLedgerDate, unitLedgerDate, type LedgerState } from './checks';
import { makesLot, stockKey, unitKey } from './keys';
import { byDateThenId, emptyHistory, type SerialMove, type StockMove } from './history';
import type { Master } from './state';

export interface HistoryNeeds {
  /** [item id, lot code ('' for none), location id, since] and the stock key. */
  stock: { args: [number, string, number, string]; key: string }[];
  /** [item id, serial] and the unit key. */
  serials: { args: [number, string]; key: string }[];
}

/** The keys rows `from` to `to` need the history of that `state` does not hold yet; null when none. */
export function historyNeeds(
  state: LedgerState, rows: readonly (CheckedRow | null)[], master: Master, from: number, to: number,
): HistoryNeeds | null {
  const history = (state.history ??= emptyHistory());
  const stock = new Map<string, HistoryNeeds['stock'][number]>();
  const serials = new Map<string, HistoryNeeds['serials'][number]>();
  for (let i = from; i < to; i++) {
    const row = rows[i];
    const item = row && master.itemsBySku.get(row.sku);
    if (!row || !item) continue;
    const creates = makesLot(row);
    if (item.serialTracked && row.serial !== null) {
      if (creates || (row.from === null && row.type !== 'return')) continue;
      const uk = unitKey(row.sku, row.serial);
      if (unitLedgerDate(state, uk) > row.date && !history.serials.has(uk) && !serials.has(uk)) {
        serials.set(uk, { args: [item.id, row.serial], key: uk });
      }
    } else if (row.from !== null) {
      const sk = stockKey(row.sku, row.lot, row.from);
      if (stockLedgerDate(state, sk) <= row.date) continue;
      const known = history.stock.get(sk);
      if (known && known.since <= row.date) continue;
      const need = stock.get(sk);
      if (need) { if (row.date < need.args[3]) need.args[3] = row.date; } else {
        stock.set(sk, { args: [item.id, row.lot ?? '', master.locationIds.get(row.from)!, row.date], key: sk });
      }
    }
  }
  return stock.size + serials.size === 0 ? null : { stock: [...stock.values()], serials: [...serials.values()] };
}

const COUNTED = `m.reverses IS NULL AND m.batch_id <> ?2 AND NOT EXISTS (SELECT 1 FROM batch v WHERE v.voids = m.batch_id)`;

/** The reads of `needs`, leaving out the movements of batch `batchId` (a post reads inside its own write). */
export function historyReads(needs: HistoryNeeds, batchId: string): Statement[] {
  return [
    {
      sql: `WITH k AS MATERIALIZED (SELECT j.key AS n, j.value->>0 AS item_id, j.value->>1 AS code, j.value->>2 AS loc,
              j.value->>3 AS since FROM json_each(?1) j)
            SELECT json_group_array(json_array(k.n, m.id, m.date,
              CASE WHEN m.to_location_id = k.loc THEN m.qty_milli ELSE -m.qty_milli END, m.batch_id)) AS j
            FROM k LEFT JOIN lot l ON l.item_id = k.item_id AND l.code = k.code
            JOIN movement m ON m.item_id = k.item_id AND m.date > k.since AND m.lot_id IS l.id
              AND (m.from_location_id = k.loc OR m.to_location_id = k.loc)
            WHERE (k.code = '' OR l.id IS NOT NULL) AND ${COUNTED}`,
      args: [JSON.stringify(needs.stock.map((n) => n.args)), batchId],
    },
    {
      sql: `WITH k AS MATERIALIZED (SELECT j.key AS n, j.value->>0 AS item_id, j.value->>1 AS serial FROM json_each(?1) j)
            SELECT json_group_array(json_array(k.n, m.id, m.date, m.type, m.from_location_id, m.to_location_id, m.party, m.batch_id)) AS j
            FROM k JOIN movement m ON m.item_id = k.item_id AND m.serial = k.serial
            WHERE ${COUNTED}`,
      args: [JSON.stringify(needs.serials.map((n) => n.args)), batchId],
    },
  ];
}

/** Adds the answers of `historyReads(needs)` to `state.history`. */
export function addHistory(state: LedgerState, master: Master, needs: HistoryNeeds, [stock, serials]: Rows[]): void {
  const history = (state.history ??= emptyHistory());
  const codeOf = new Map(master.locations.map((l) => [l.id, l.code]));
  const list = (rs: Rows) => JSON.parse(String(rs.rows[0].j)) as unknown[][];
  const stockMoves = needs.stock.map((): StockMove[] => []);
  for (const [n, id, date, delta, batchId] of list(stock)) {
    stockMoves[n as number].push({ id: id as number, date: date as string, delta: delta as number, batchId: batchId as string });
  }
  needs.stock.forEach((need, n) => history.stock.set(need.key, { since: need.args[3], moves: stockMoves[n].sort(byDateThenId) }));
  const serialMoves = needs.serials.map((): SerialMove[] => []);
  for (const [n, id, date, type, fromId, toId, party, batchId] of list(serials)) {
    serialMoves[n as number].push({
      id: id as number, date: date as string, type: type as string, party: party as string | null, batchId: batchId as string,
      from: fromId === null ? null : codeOf.get(fromId as number) ?? null, to: toId === null ? null : codeOf.get(toId as number) ?? null,
    });
  }
  needs.serials.forEach((need, n) => history.serials.set(need.key, serialMoves[n].sort(byDateThenId)));
}
