import type { LedgerStore, Value } from '../../db/port';
import { findItem, findLocation } from '../lookups';
import type { OnHandRow } from '../../../shared/report-answers';
import { exactMilli, qtyOf } from './qty';
import { LOT_HELD, UNIT_HELD } from '../holds';

export interface OnHandQuery {
  sku?: string;
  location?: string;
  /** A date: stock as it stood at the end of that day, from movement dates. Absent: now. */
  asOf?: string;
}

/**
 * What we hold, by item, lot (or serial) and location, and whether it is on hold now. Now comes from the stock and unit
 * projections; `asOf` a date replays the movements dated up to it, skipping reversals and
 * voided batches: a voided batch counts on no day, even the days before its void — the
 * answer is the corrected record, not what the screen showed back then.
 * @example await onHand(db, 1, { sku: 'VAC-10', asOf: '2026-11-20' })
 */
export async function onHand(db: LedgerStore, workspaceId: number, q: OnHandQuery): Promise<OnHandRow[]> {
  const itemId = q.sku === undefined ? null : (await findItem(db, workspaceId, q.sku)).id;
  const locationId = q.location === undefined ? null : await findLocation(db, workspaceId, q.location);
  const { sql, args } = q.asOf === undefined ? fromProjections(workspaceId, itemId, locationId) : fromMovements(workspaceId, itemId, locationId, q.asOf);
  const rs = await db.read({ sql, args });
  return rs.rows.map((r) => ({
    sku: String(r.sku),
    lot: r.lot === null ? null : String(r.lot),
    serial: r.serial === null ? null : String(r.serial),
    location: String(r.location),
    qty: qtyOf(r.qty_milli),
    held: Number(r.held) === 1,
  }));
}

const ORDER = 'ORDER BY sku, lot, location, serial';

function fromProjections(workspaceId: number, itemId: number | null, locationId: number | null) {
  const args: Value[] = [workspaceId];
  let stockWhere = 's.workspace_id = ? AND s.qty_milli > 0 AND i.serial_tracked = 0';
  if (itemId !== null) { stockWhere += ' AND s.item_id = ?'; args.push(itemId); }
  if (locationId !== null) { stockWhere += ' AND s.location_id = ?'; args.push(locationId); }
  args.push(workspaceId);
  let unitWhere = "u.workspace_id = ? AND u.state = 'in_stock'";
  if (itemId !== null) { unitWhere += ' AND u.item_id = ?'; args.push(itemId); }
  if (locationId !== null) { unitWhere += ' AND u.location_id = ?'; args.push(locationId); }
  // Serial units stand one row each from the unit projection; everything else from stock.
  const sql = `
    SELECT i.sku, l.code AS lot, NULL AS serial, loc.code AS location, ${exactMilli('s.qty_milli')} AS qty_milli,
      ${LOT_HELD('l.id')} AS held
    FROM stock s JOIN item i ON i.id = s.item_id LEFT JOIN lot l ON l.id = s.lot_id
    JOIN location loc ON loc.id = s.location_id WHERE ${stockWhere}
    UNION ALL
    SELECT i.sku, l.code, u.serial, loc.code, 1000, ${UNIT_HELD('u.item_id', 'u.serial', 'u.lot_id')}
    FROM unit u JOIN item i ON i.id = u.item_id LEFT JOIN lot l ON l.id = u.lot_id
    JOIN location loc ON loc.id = u.location_id WHERE ${unitWhere}
    ${ORDER}`;
  return { sql, args };
}

function fromMovements(workspaceId: number, itemId: number | null, locationId: number | null, asOf: string) {
  const args: Value[] = [workspaceId, asOf];
  let where = 'm.workspace_id = ? AND m.date <= ?';
  if (itemId !== null) { where += ' AND m.item_id = ?'; args.push(itemId); }
  // Only movements that count: not a reversal, and not in a batch that was voided.
  where += ' AND m.reverses IS NULL AND NOT EXISTS (SELECT 1 FROM batch v WHERE v.voids = m.batch_id)';
  const legWhere = locationId === null ? '' : 'WHERE leg.location_id = ?';
  if (locationId !== null) args.push(locationId);
  const sql = `
    WITH counted AS (SELECT m.item_id, m.lot_id, m.serial, m.qty_milli, m.from_location_id, m.to_location_id FROM movement m WHERE ${where}),
    leg AS (
      SELECT item_id, lot_id, serial, to_location_id AS location_id, qty_milli AS q FROM counted WHERE to_location_id IS NOT NULL
      UNION ALL
      SELECT item_id, lot_id, serial, from_location_id, -qty_milli FROM counted WHERE from_location_id IS NOT NULL
    )
    SELECT i.sku, l.code AS lot, CASE WHEN i.serial_tracked = 1 THEN leg.serial END AS serial,
           loc.code AS location, ${exactMilli('SUM(leg.q)')} AS qty_milli,
           CASE WHEN i.serial_tracked = 1 THEN ${UNIT_HELD('leg.item_id', 'leg.serial', 'leg.lot_id')} ELSE ${LOT_HELD('leg.lot_id')} END AS held
    FROM leg JOIN item i ON i.id = leg.item_id LEFT JOIN lot l ON l.id = leg.lot_id
    JOIN location loc ON loc.id = leg.location_id
    ${legWhere}
    GROUP BY leg.item_id, leg.lot_id, CASE WHEN i.serial_tracked = 1 THEN leg.serial END, leg.location_id
    HAVING SUM(leg.q) > 0
    ${ORDER}`;
  return { sql, args };
}
