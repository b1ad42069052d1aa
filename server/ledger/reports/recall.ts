import type { LedgerStore } from '../../db/port';
import type { RecallAnswer, UnitState } from '../../../shared/report-answers';
import { customersOf } from '../customers';
import { selectMovements } from '../movement-rows';
import { findItem, findLot } from '../lookups';
import { exactMilli, qtyOf } from './qty';

/**
 * Everyone to call and everything to pull for a recall of some lots of one item.
 * Voided movements and reversals count in no figure.
 * @example await recall(db, 1, { sku: 'VAC-10', lots: ['L2611A', 'L2611B'] })
 */
export async function recall(db: LedgerStore, workspaceId: number, q: { sku: string; lots: string[] }): Promise<RecallAnswer> {
  const item = await findItem(db, workspaceId, q.sku);
  const lots = [];
  for (const code of new Set(q.lots)) lots.push(await findLot(db, item, code));
  const ids = lots.map((l) => l.id);
  const marks = ids.map(() => '?').join(', ');
  const [movements, stock, units] = await Promise.all([
    selectMovements(db, `WHERE m.lot_id IN (${marks}) ORDER BY m.id`, ids),
    db.read({
      sql: `SELECT loc.code AS location, l.code AS lot, ${exactMilli('s.qty_milli')} AS qty_milli FROM stock s
            JOIN location loc ON loc.id = s.location_id JOIN lot l ON l.id = s.lot_id
            WHERE s.item_id = ? AND s.lot_id IN (${marks}) AND s.qty_milli > 0 ORDER BY loc.code, l.code`,
      args: [item.id, ...ids],
    }),
    db.read({
      sql: `SELECT u.serial, l.code AS lot, u.state, loc.code AS location, u.party FROM unit u
            LEFT JOIN lot l ON l.id = u.lot_id LEFT JOIN location loc ON loc.id = u.location_id
            WHERE u.lot_id IN (${marks}) ORDER BY u.serial`,
      args: ids,
    }),
  ]);
  const text = (v: unknown) => (v === null ? null : String(v));
  return {
    sku: item.sku,
    lots: lots.map((l) => ({ lot: l.code, expiry: l.expiry, firstReceived: l.firstReceived })),
    customers: customersOf(movements),
    onHand: stock.rows.map((r) => ({ location: String(r.location), lot: String(r.lot), qty: qtyOf(r.qty_milli) })),
    units: units.rows.map((r) => ({
      serial: String(r.serial), lot: text(r.lot), state: String(r.state) as UnitState, location: text(r.location), party: text(r.party),
    })),
  };
}
