/**
 * Loads what a post needs to know, in two read batches (one round trip each on Workers):
 * the ledger version with the master data, then the units, lots, stock and active holds the rows name,
 * found set-wise by passing the keys as one JSON parameter joined with json_each.
 */
import type { LedgerStore, Rows, Statement } from '../db/port';
import { ITEM_SELECT, LOCATION_SELECT, toItem, toLocation, type ItemRecord, type LocationRecord } from './master-data';
import { lotKey, stockKey, unitKey, type LedgerState } from './checks';
import { partyKey } from './keys';
import type { CheckedRow } from '../../shared/rows';
import type { UnitState } from '../../shared/report-answers';
import { emptyHistory } from './history';
import { addHistory, historyNeeds, historyReads } from './history-reads';

export interface Master {
  version: number;
  items: ItemRecord[];
  locations: LocationRecord[];
  itemsBySku: Map<string, ItemRecord>;
  locationIds: Map<string, number>;
}

/** The workspace's ledger version and master data, read together. */
export async function loadMaster(db: LedgerStore, workspaceId: number): Promise<Master> {
  const [ver, items, locations] = await db.read([
    { sql: 'SELECT ledger_version FROM workspace WHERE id = ?', args: [workspaceId] },
    { sql: ITEM_SELECT, args: [workspaceId] },
    { sql: LOCATION_SELECT, args: [workspaceId] },
  ]);
  const itemList = items.rows.map(toItem);
  const locationList = locations.rows.map(toLocation);
  return {
    version: Number(ver.rows[0].ledger_version),
    items: itemList,
    locations: locationList,
    itemsBySku: new Map(itemList.map((i) => [i.sku, i])),
    locationIds: new Map(locationList.map((l) => [l.code, l.id])),
  };
}

/**
 * The keys of a batch: its (item, serial) pairs, and its (item, lot) pairs, lot '' for an
 * item's untracked stock.
 */
export interface StateKeys {
  serials: [number, string][];
  lots: [number, string][];
  items: number[];
  /** (item, lot '' for none, party) of the rows that bring lots or untracked stock back from a party. */
  parties: [number, string, string][];
}

/**
 * Collects the distinct keys rows `from` to `to` name. Lot keys already in `seenLots` are
 * left out and the new ones added, so a batch read a part at a time reads each lot once.
 */
export function keysOf(
  rows: readonly ({ type: string; sku: string; lot: string | null; serial: string | null; party: string | null } | null)[], master: Master,
  from = 0, to = rows.length, seenLots = new Set<string>(),
): StateKeys {
  // Serials are not deduplicated: a batch names each one once when it is clean, a repeat only
  // reads the same unit twice, and a 100,000-serial map of keys cost a tenth of a post's checks.
  const serials: [number, string][] = [];
  const lots: [number, string][] = [];
  const items = new Set<number>();
  const parties: [number, string, string][] = [];
  let last: ItemRecord | undefined;
  for (let i = from; i < to; i++) {
    const row = rows[i];
    const item = row && master.itemsBySku.get(row.sku);
    if (!row || !item) continue;
    if (item !== last) { items.add(item.id); last = item; }
    if (row.serial !== null && item.serialTracked) serials.push([item.id, row.serial]);
    else if (row.type === 'return' && row.party !== null) parties.push([item.id, row.lot ?? '', row.party]);
    const lot = row.lot ?? '';
    const k = lotKey(row.sku, lot);
    if (!seenLots.has(k)) {
      seenLots.add(k);
      lots.push([item.id, lot]);
    }
  }
  return { serials, lots, items: [...items], parties };
}

/**
 * The reads of the units, lots and stock for the keys. Each answer is one JSON text
 * (json_group_array) rather than a row per unit: for a batch of 100,000 serials that is one
 * string to parse instead of 100,000 row objects to build.
 */
export function stateReads(keys: StateKeys, batchId = ''): Statement[] {
  return [
    {
      sql: `SELECT json_group_array(json_array(u.item_id, u.serial, u.state, u.location_id, u.party, l.code, u.last_date)) AS j
            FROM json_each(?) k
            JOIN unit u ON u.item_id = k.value->>0 AND u.serial = k.value->>1
            LEFT JOIN lot l ON l.id = u.lot_id`,
      args: [JSON.stringify(keys.serials)],
    },
    {
      // A lot and its stock in one pass over the keys: a row per lot and place it is on hand
      // at, or one with no place for a lot on hand nowhere. Lot '' is the item's untracked
      // stock (lot_id 0); a lot code not in the ledger has no row at all.
      sql: `WITH k AS MATERIALIZED (SELECT j.value->>0 AS item_id, j.value->>1 AS code FROM json_each(?) j)
            SELECT json_group_array(json_array(k.item_id, k.code, l.id IS NOT NULL, l.expiry, s.location_id, s.qty_milli,
              s.last_date, l.first_received)) AS j
            FROM k
            LEFT JOIN lot l ON l.item_id = k.item_id AND l.code = k.code
            LEFT JOIN stock s ON s.item_id = k.item_id AND s.lot_id = COALESCE(l.id, CASE WHEN k.code = '' THEN 0 END)
              AND s.qty_milli <> 0
            WHERE l.id IS NOT NULL OR s.item_id IS NOT NULL`,
      args: [JSON.stringify(keys.lots)],
    },
    {
      // The active holds of the batch's items: few (a recall's lots), by a partial index.
      sql: `SELECT json_group_array(json_array(h.item_id, l.code, h.serial, h.reason)) AS j
            FROM json_each(?) k JOIN hold h ON h.item_id = k.value AND h.released_at IS NULL
            LEFT JOIN lot l ON l.id = h.lot_id`,
      args: [JSON.stringify(keys.items)],
    },
    partyHoldingsRead(keys.parties, batchId),
  ];
}

/**
 * What each party still holds of an item's lot (or untracked stock): its counted shipments less
 * its counted returns, by the movement_party index; the movements of batch `batchId` (a post
 * reading inside its own write) are left out, the batch's own rows being the checks' business.
 */
export function partyHoldingsRead(parties: readonly [number, string, string][], batchId: string): Statement {
  return {
    sql: `WITH k AS MATERIALIZED (SELECT j.value->>0 AS item_id, j.value->>1 AS code, j.value->>2 AS party,
            (SELECT l.id FROM lot l WHERE l.item_id = j.value->>0 AND l.code = j.value->>1) AS lot_id FROM json_each(?1) j)
          SELECT json_group_array(json_array(k.item_id, k.code, k.party,
            (SELECT COALESCE(SUM(CASE m.type WHEN 'ship' THEN m.qty_milli ELSE -m.qty_milli END), 0) FROM movement m
             WHERE m.item_id = k.item_id AND m.party = k.party AND m.lot_id IS k.lot_id AND m.type IN ('ship', 'return')
               AND m.reverses IS NULL AND m.batch_id <> ?2 AND NOT EXISTS (SELECT 1 FROM batch v WHERE v.voids = m.batch_id)))) AS j
          FROM k WHERE k.code = '' OR k.lot_id IS NOT NULL`,
    args: [JSON.stringify(parties), batchId],
  };
}

export const emptyState = (): LedgerState => ({
  units: new Map(), lots: new Map(), stock: new Map(), stockDates: new Map(), history: emptyHistory(), heldLots: new Map(), heldUnits: new Map(),
});

/** Adds the answers of `stateReads` to `state`, as the pure checks want it (by sku and codes). */
export function addState(state: LedgerState, master: Master, [units, lots, holds, parties]: Rows[]): LedgerState {
  const skuOf = new Map(master.items.map((i) => [i.id, i.sku]));
  const codeOf = new Map(master.locations.map((l) => [l.id, l.code]));
  const list = (rs: Rows) => JSON.parse(String(rs.rows[0].j)) as unknown[][];
  const stockDates = (state.stockDates ??= new Map());
  for (const [itemId, serial, unitState, locationId, party, lot, lastDate] of list(units)) {
    state.units.set(unitKey(skuOf.get(itemId as number)!, serial as string), {
      state: unitState as UnitState,
      location: locationId === null ? null : codeOf.get(locationId as number) ?? null,
      party: party as string | null,
      lot: lot as string | null,
      lastDate: lastDate as string | null,
    });
  }
  for (const [itemId, code, known, expiry, locationId, qty, lastDate, firstReceived] of list(lots)) {
    const sku = skuOf.get(itemId as number)!;
    if (known) state.lots.set(lotKey(sku, code as string), { expiry: expiry as string | null, firstReceived: firstReceived as string });
    if (locationId !== null) {
      const k = stockKey(sku, code === '' ? null : (code as string), codeOf.get(locationId as number)!);
      state.stock.set(k, qty as number);
      stockDates.set(k, lastDate as string | null);
    }
  }
  const heldLots = (state.heldLots ??= new Map());
  const heldUnits = (state.heldUnits ??= new Map());
  for (const [itemId, lot, serial, reason] of list(holds)) {
    const sku = skuOf.get(itemId as number)!;
    if (serial !== null) heldUnits.set(unitKey(sku, serial as string), reason as string);
    else heldLots.set(lotKey(sku, lot as string), reason as string);
  }
  const holdings = (state.holdings ??= new Map());
  for (const [itemId, lot, party, milli] of list(parties)) {
    holdings.set(partyKey(skuOf.get(itemId as number)!, lot === '' ? null : (lot as string), party as string), milli as number);
  }
  state.quarantine ??= new Set(master.locations.filter((l) => l.quarantine).map((l) => l.code));
  return state;
}

/** Reads the units, lots and stock for the keys, and the dated history rows `from` to `to` need (history-reads.ts). */
export async function loadLedgerState(
  db: LedgerStore, master: Master, keys: StateKeys, rows: readonly (CheckedRow | null)[] = [], batchId = '',
): Promise<LedgerState> {
  const state = addState(emptyState(), master, await db.read(stateReads(keys, batchId)));
  const needs = historyNeeds(state, rows, master, 0, rows.length);
  if (needs) addHistory(state, master, needs, await db.read(historyReads(needs, batchId)));
  return state;
}
