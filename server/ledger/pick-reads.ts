/**
 * The reads of a pick list (pick-lists.ts), each set-wise over the items named: a pass reads
 * the soonest lots of each item with their stock and holds, and its serial units not on hold
 * counted by lot and place; the serials themselves are read only for the places a pick list takes from.
 */
import type { Rows, Statement } from '../db/port';

/**
 * The lots a pass reads of each item: those of the soonest expiries, at least `?3` of them
 * when the item has that many (a whole prefix of the pick order: expiry, first receipt, code), every lot when it has fewer (then its lots without expiry too),
 * and its untracked stock (lot id NULL: stock lot 0, or units of no lot). `cut.last` is NULL
 * for an item read whole.
 */
/** Whether lot `l` is on hold now. */
const HELD_LOT = `EXISTS (SELECT 1 FROM hold h WHERE h.lot_id = l.id AND h.serial IS NULL AND h.released_at IS NULL) AS held`;

const PASS_CTE = `k AS MATERIALIZED (SELECT value AS item_id FROM json_each(?1)),
  cut AS MATERIALIZED (SELECT k.item_id, e.expiry AS last, e.first_received AS last_received, e.code AS last_code
    FROM k LEFT JOIN lot e ON e.id = (SELECT l.id FROM lot l WHERE l.item_id = k.item_id AND l.expiry >= ?2
      ORDER BY l.expiry, l.first_received, l.code LIMIT 1 OFFSET ?3)),
  lots AS MATERIALIZED (
    SELECT l.id, l.item_id, l.code, l.expiry, l.first_received, ${HELD_LOT} FROM cut
      CROSS JOIN lot l ON l.item_id = cut.item_id AND l.expiry >= ?2
        AND (cut.last IS NULL OR (l.expiry, l.first_received, l.code) <= (cut.last, cut.last_received, cut.last_code))
    UNION ALL SELECT l.id, l.item_id, l.code, l.expiry, l.first_received, ${HELD_LOT} FROM cut
      CROSS JOIN lot l ON l.item_id = cut.item_id AND l.expiry IS NULL WHERE cut.last IS NULL)`;

const WHOLE = '(SELECT json_group_array(item_id) FROM cut WHERE last IS NULL) AS whole';

/** A row of a pass: [item id, lot code, location id, qty (thousandths) or units, expiry, first received, held]. */
export type PassRow = [number, string | null, number, number, string | null, string | null, number];

/**
 * One pass over lot-and-untracked items (`stockIds`) and serial-tracked items (`unitIds`):
 * stock rows, and units counted by lot and location.
 */
export function passReads(stockIds: number[], unitIds: number[], minExpiry: string, lots: number): Statement[] {
  return [
    {
      sql: `WITH ${PASS_CTE}, c AS (
              SELECT lots.item_id, lots.code, s.location_id, s.qty_milli, lots.expiry, lots.first_received, lots.held
              FROM lots CROSS JOIN stock s ON s.item_id = lots.item_id AND s.lot_id = lots.id AND s.qty_milli > 0
              UNION ALL SELECT s.item_id, NULL, s.location_id, s.qty_milli, NULL, NULL, 0
              FROM k CROSS JOIN stock s ON s.item_id = k.item_id AND s.lot_id = 0 AND s.qty_milli > 0)
            SELECT json_group_array(json_array(item_id, code, location_id, qty_milli, expiry, first_received, held)) AS j, ${WHOLE} FROM c`,
      args: [JSON.stringify(stockIds), minExpiry, lots],
    },
    {
      // Held units are counted from the holds (few) and taken off their place's count.
      sql: `WITH ${PASS_CTE},
            held AS MATERIALIZED (SELECT u.item_id, u.lot_id, u.location_id, COUNT(*) AS n FROM k
              CROSS JOIN hold h ON h.item_id = k.item_id AND h.released_at IS NULL AND h.serial IS NOT NULL
              CROSS JOIN unit u ON u.item_id = h.item_id AND u.serial = h.serial AND u.state = 'in_stock'
              GROUP BY u.item_id, u.lot_id, u.location_id),
            g AS (
              SELECT lots.item_id, lots.id AS lot_id, lots.code, u.location_id, COUNT(*) AS n, lots.expiry, lots.first_received, lots.held
              FROM lots CROSS JOIN unit u ON u.item_id = lots.item_id AND u.lot_id = lots.id AND u.state = 'in_stock'
              GROUP BY lots.id, u.location_id
              UNION ALL SELECT u.item_id, NULL, NULL, u.location_id, COUNT(*), NULL, NULL, 0
              FROM k CROSS JOIN unit u INDEXED BY unit_in_stock ON u.item_id = k.item_id AND u.lot_id IS NULL AND u.state = 'in_stock'
              GROUP BY u.item_id, u.location_id),
            c AS (SELECT g.*, g.n - COALESCE(held.n, 0) AS free FROM g
              LEFT JOIN held ON held.item_id = g.item_id AND held.lot_id IS g.lot_id AND held.location_id = g.location_id)
            SELECT json_group_array(json_array(item_id, code, location_id, free, expiry, first_received, held)) AS j, ${WHOLE}
            FROM c WHERE free > 0`,
      args: [JSON.stringify(unitIds), minExpiry, lots],
    },
  ];
}

/** A place a pick list takes units from: item, lot code (null: none), location, and how many. */
export type UnitTake = [itemId: number, lot: string | null, locationId: number, take: number];

/** The first serials (by serial) not on hold of each place, as many as it takes: [item id, lot code, location id, serial]. */
export function serialReads(takes: UnitTake[]): Statement {
  return {
    sql: `WITH t AS MATERIALIZED (SELECT j.key AS g, j.value->>0 AS item_id, j.value->>1 AS code, j.value->>2 AS location_id, j.value->>3 AS take
            FROM json_each(?) j),
          ranked AS (SELECT t.g, t.take, t.item_id, t.code, t.location_id, u.serial,
              ROW_NUMBER() OVER (PARTITION BY t.g ORDER BY u.serial) AS n
            FROM t LEFT JOIN lot l ON l.item_id = t.item_id AND l.code = t.code
            JOIN unit u ON u.item_id = t.item_id AND u.lot_id IS l.id AND u.location_id = t.location_id AND u.state = 'in_stock'
            WHERE NOT EXISTS (SELECT 1 FROM hold h WHERE h.item_id = u.item_id AND h.serial = u.serial AND h.released_at IS NULL))
          SELECT json_group_array(json_array(item_id, code, location_id, serial)) AS j FROM ranked WHERE n <= take`,
    args: [JSON.stringify(takes)],
  };
}

export const rowsOf = <T>(rs: Rows): T[] => JSON.parse(String(rs.rows[0].j)) as T[];
export const wholeOf = (rs: Rows): number[] => JSON.parse(String(rs.rows[0].whole)) as number[];
