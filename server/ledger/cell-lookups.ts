/**
 * Answers for many spreadsheet cells at once (POST /v1/lookup): on-hand figures, lots and
 * serial units, each list read by one set-based statement (the keys passed as one JSON
 * parameter joined with json_each), all three of one snapshot. A key that names nothing known
 * answers `found: false`, never an error: a sheet asks about anything a cell holds.
 */
import type { LedgerStore, Rows, Statement } from '../db/port';
import type { LookupAnswer, LookupRequest, LotFound, OnHandFound, SerialFound } from '../../shared/lookup-answers';
import type { UnitState } from '../../shared/report-answers';
import { LOT_HELD } from './holds';
import { exactMilli, qtyOf } from './reports/qty';

/**
 * The keys of a list, each distinct one once (a column of formulas repeats itself), and for
 * each entry asked the index of its distinct key.
 */
function distinct<T>(list: readonly T[], keyOf: (x: T) => unknown[]): { keys: unknown[][]; at: number[] } {
  const index = new Map<string, number>();
  const keys: unknown[][] = [];
  const at = list.map((x) => {
    const key = keyOf(x);
    const k = JSON.stringify(key);
    let i = index.get(k);
    if (i === undefined) {
      i = keys.length;
      index.set(k, i);
      keys.push(key);
    }
    return i;
  });
  return { keys, at };
}


const sumOf = (where: string) => `(SELECT ${exactMilli('COALESCE(SUM(s.qty_milli), 0)')} FROM stock s WHERE ${where})`;

function onHandRead(workspaceId: number, keys: unknown[][]): Statement {
  // One sum per shape of key, each a search of stock's primary key (item, lot, location) or its prefix.
  return {
    sql: `WITH k AS MATERIALIZED (SELECT j.key AS i, j.value->>0 AS sku, j.value->>1 AS lot, j.value->>2 AS loc FROM json_each(?) j),
          r AS MATERIALIZED (
            SELECT k.i, k.lot, k.loc, it.id AS item_id, l.id AS lot_id, loc.id AS location_id FROM k
            LEFT JOIN item it ON it.workspace_id = ? AND it.sku = k.sku
            LEFT JOIN lot l ON l.item_id = it.id AND l.code = k.lot
            LEFT JOIN location loc ON loc.workspace_id = ? AND loc.code = k.loc)
          SELECT r.i, r.item_id IS NOT NULL AND (r.lot IS NULL OR r.lot_id IS NOT NULL) AND (r.loc IS NULL OR r.location_id IS NOT NULL) AS found,
            CASE
              WHEN r.item_id IS NULL OR (r.lot IS NOT NULL AND r.lot_id IS NULL) OR (r.loc IS NOT NULL AND r.location_id IS NULL) THEN '0'
              WHEN r.lot IS NOT NULL AND r.loc IS NOT NULL THEN ${sumOf('s.item_id = r.item_id AND s.lot_id = r.lot_id AND s.location_id = r.location_id')}
              WHEN r.lot IS NOT NULL THEN ${sumOf('s.item_id = r.item_id AND s.lot_id = r.lot_id')}
              WHEN r.loc IS NOT NULL THEN ${sumOf('s.item_id = r.item_id AND s.location_id = r.location_id')}
              ELSE ${sumOf('s.item_id = r.item_id')}
            END AS qty_milli
          FROM r ORDER BY r.i`,
    args: [JSON.stringify(keys), workspaceId, workspaceId],
  };
}

function lotsRead(workspaceId: number, keys: unknown[][]): Statement {
  return {
    sql: `WITH k AS MATERIALIZED (SELECT j.key AS i, j.value->>0 AS sku, j.value->>1 AS lot FROM json_each(?) j)
          SELECT k.i, l.id IS NOT NULL AS found, l.expiry, CASE WHEN l.id IS NULL THEN 0 ELSE ${LOT_HELD('l.id')} END AS held,
            CASE WHEN l.id IS NULL THEN '0' ELSE ${sumOf('s.item_id = l.item_id AND s.lot_id = l.id')} END AS qty_milli
          FROM k
          LEFT JOIN item it ON it.workspace_id = ? AND it.sku = k.sku
          LEFT JOIN lot l ON l.item_id = it.id AND l.code = k.lot
          ORDER BY k.i`,
    args: [JSON.stringify(keys), workspaceId],
  };
}

function serialsRead(workspaceId: number, keys: unknown[][]): Statement {
  // Without a SKU a serial two items share answers the first item by SKU (name the SKU to choose).
  return {
    sql: `WITH k AS MATERIALIZED (SELECT j.key AS i, j.value->>0 AS serial, j.value->>1 AS sku FROM json_each(?) j)
          SELECT k.i, u.state, loc.code AS location, u.party, l.code AS lot, it.sku
          FROM k
          LEFT JOIN unit u ON u.id = (
            SELECT u2.id FROM unit u2 JOIN item i2 ON i2.id = u2.item_id
            WHERE u2.workspace_id = ? AND u2.serial = k.serial AND (k.sku IS NULL OR i2.sku = k.sku)
            ORDER BY i2.sku LIMIT 1)
          LEFT JOIN item it ON it.id = u.item_id
          LEFT JOIN lot l ON l.id = u.lot_id
          LEFT JOIN location loc ON loc.id = u.location_id
          ORDER BY k.i`,
    args: [JSON.stringify(keys), workspaceId],
  };
}

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

const toOnHand = (rs: Rows): OnHandFound[] => rs.rows.map((r) => ({ qty: qtyOf(r.qty_milli), found: Number(r.found) === 1 }));

const toLot = (rs: Rows): LotFound[] => rs.rows.map((r) => ({
  expiry: text(r.expiry), held: Number(r.held) === 1, onHand: qtyOf(r.qty_milli), found: Number(r.found) === 1,
}));

const toSerial = (rs: Rows): SerialFound[] => rs.rows.map((r) => ({
  state: text(r.state) as UnitState | null, location: text(r.location), party: text(r.party), lot: text(r.lot), sku: text(r.sku),
  found: r.state !== null,
}));

/**
 * The answers to a lookup whose keys are checked (texts, trimmed; absent parts undefined).
 * @example await lookup(db, 1, { onHand: [{ sku: 'VAC-10' }] }) // { onHand: [{ qty: 40, found: true }], lots: [], serials: [] }
 */
export async function lookup(db: LedgerStore, workspaceId: number, q: LookupRequest): Promise<LookupAnswer> {
  const onHand = distinct(q.onHand ?? [], (k) => [k.sku, k.lot ?? null, k.location ?? null]);
  const lots = distinct(q.lots ?? [], (k) => [k.sku, k.lot]);
  const serials = distinct(q.serials ?? [], (k) => [k.serial, k.sku ?? null]);
  const parts = [
    { d: onHand, read: onHandRead },
    { d: lots, read: lotsRead },
    { d: serials, read: serialsRead },
  ];
  const wanted = parts.filter((p) => p.d.keys.length > 0);
  const answers = wanted.length === 0 ? [] : await db.read(wanted.map((p) => p.read(workspaceId, p.d.keys)));
  const rowsOf = (i: number): Rows | null => {
    const w = wanted.indexOf(parts[i]);
    return w < 0 ? null : answers[w];
  };
  const spread = <T>(d: { at: number[] }, rs: Rows | null, to: (rs: Rows) => T[]): T[] => {
    if (rs === null) return [];
    const distinctAnswers = to(rs);
    return d.at.map((i) => distinctAnswers[i]);
  };
  return {
    onHand: spread(onHand, rowsOf(0), toOnHand),
    lots: spread(lots, rowsOf(1), toLot),
    serials: spread(serials, rowsOf(2), toSerial),
  };
}
