/**
 * Loads what a post needs to know, in two read batches (one round trip each on Workers):
 * the ledger version with the master data, then the units, lots and stock the rows name,
 * found set-wise by passing the keys as one JSON parameter joined with json_each.
 */
import type { LedgerStore, Rows, Statement } from '../db/port';
import { ITEM_SELECT, LOCATION_SELECT, toItem, toLocation, type ItemRecord, type LocationRecord } from './master-data';
import { lotKey, stockKey, unitKey, type LedgerState } from './checks';
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
export interface StateKeys { serials: [number, string][]; lots: [number, string][] }

/**
 * Collects the distinct keys rows `from` to `to` name. Lot keys already in `seenLots` are
 * left out and the new ones added, so a batch read a part at a time reads each lot once.
 */
export function keysOf(
  rows: readonly ({ sku: string; lot: string | null; serial: string | null } | null)[], master: Master,
  from = 0, to = rows.length, seenLots = new Set<string>(),
): StateKeys {
  // Serials are not deduplicated: a batch names each one once when it is clean, a repeat only
  // reads the same unit twice, and a 100,000-serial map of keys cost a tenth of a post's checks.
  const serials: [number, string][] = [];
  const lots: [number, string][] = [];
  for (let i = from; i < to; i++) {
    const row = rows[i];
    const item = row && master.itemsBySku.get(row.sku);
    if (!row || !item) continue;
    if (row.serial !== null && item.serialTracked) serials.push([item.id, row.serial]);
    const lot = row.lot ?? '';
    const k = lotKey(row.sku, lot);
    if (!seenLots.has(k)) {
      seenLots.add(k);
      lots.push([item.id, lot]);
    }
  }
  return { serials, lots };
}

/**
 * The reads of the units, lots and stock for the keys. Each answer is one JSON text
 * (json_group_array) rather than a row per unit: for a batch of 100,000 serials that is one
 * string to parse instead of 100,000 row objects to build.
 */
export function stateReads(keys: StateKeys): Statement[] {
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
  ];
}

export const emptyState = (): LedgerState => ({ units: new Map(), lots: new Map(), stock: new Map(), stockDates: new Map(), history: emptyHistory() });

/** Adds the answers of `stateReads` to `state`, as the pure checks want it (by sku and codes). */
export function addState(state: LedgerState, master: Master, [units, lots]: Rows[]): LedgerState {
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
  return state;
}

/** Reads the units, lots and stock for the keys, and the dated history rows `from` to `to` need (history-reads.ts). */
export async function loadLedgerState(
  db: LedgerStore, master: Master, keys: StateKeys, rows: readonly (CheckedRow | null)[] = [], batchId = '',
): Promise<LedgerState> {
  return (await loadStateWith(db, master, keys, rows, [], batchId))[0];
}

/** `loadLedgerState`, with more reads sent in the same round trip; answers the state and their answers. */
export async function loadStateWith(
  db: LedgerStore, master: Master, keys: StateKeys, rows: readonly (CheckedRow | null)[], also: Statement[], batchId = '',
): Promise<[LedgerState, Rows[]]> {
  const answers = await db.read([...stateReads(keys), ...also]);
  const state = addState(emptyState(), master, answers.slice(0, 2));
  const needs = historyNeeds(state, rows, master, 0, rows.length);
  if (needs) addHistory(state, master, needs, await db.read(historyReads(needs, batchId)));
  return [state, answers.slice(2)];
}
