import type { LedgerStore } from '../../db/port';
import type { RecallAnswer, UnitState } from '../../../shared/report-answers';
import type { DerivedLot } from '../../../shared/recall-answers';
import { customersWithLots } from '../customers';
import { selectMovements } from '../movement-rows';
import { findItem, findLot } from '../lookups';
import { edgesFrom, lotKeys } from '../transformation';
import { exactMilli, qtyOf } from './qty';
import { LOT_HELD, UNIT_HELD } from '../holds';

/**
 * Everyone to call and everything to pull for a recall of some lots of one item and of every
 * lot made from them, directly or not, of any item (transformation.ts). Voided movements and
 * reversals count in no figure, and voided transformations derive nothing.
 * @example await recall(db, 1, { sku: 'VAC-10', lots: ['L2611A', 'L2611B'] })
 */
export async function recall(db: LedgerStore, workspaceId: number, q: { sku: string; lots: string[] }): Promise<RecallAnswer> {
  const item = await findItem(db, workspaceId, q.sku);
  const lots = [];
  for (const code of new Set(q.lots)) lots.push(await findLot(db, item, code));
  const roots = new Set(lots.map((l) => l.id));
  const reached = new Map<number, { depth: number; via: string }>();
  // Edges come shallowest first: the first to reach a lot gives its depth and work order.
  for (const e of await edgesFrom(db, [...roots], 'down')) {
    if (!roots.has(e.to) && !reached.has(e.to)) reached.set(e.to, { depth: e.depth, via: e.ref });
  }
  const keys = await lotKeys(db, [...reached.keys()]);
  const derived: DerivedLot[] = [...reached.entries()].map(([id, r]) => ({ ...keys.get(id)!, depth: r.depth, via: r.via }));
  const ids = JSON.stringify([...roots, ...reached.keys()]);
  const [movements, [stock, units]] = await Promise.all([
    selectMovements(db, 'WHERE m.lot_id IN (SELECT value FROM json_each(?)) ORDER BY m.id', [ids]),
    db.read([
      {
        sql: `SELECT i.sku, loc.code AS location, l.code AS lot, ${exactMilli('s.qty_milli')} AS qty_milli, ${LOT_HELD('l.id')} AS held
              FROM json_each(?) k JOIN stock s ON s.lot_id = k.value AND s.qty_milli > 0
              JOIN item i ON i.id = s.item_id JOIN location loc ON loc.id = s.location_id JOIN lot l ON l.id = s.lot_id
              ORDER BY i.sku, loc.code, l.code`,
        args: [ids],
      },
      {
        sql: `SELECT i.sku, u.serial, l.code AS lot, u.state, loc.code AS location, u.party, ${UNIT_HELD('u.item_id', 'u.serial', 'u.lot_id')} AS held
              FROM json_each(?) k JOIN unit u ON u.lot_id = k.value JOIN item i ON i.id = u.item_id
              LEFT JOIN lot l ON l.id = u.lot_id LEFT JOIN location loc ON loc.id = u.location_id
              ORDER BY i.sku, u.serial`,
        args: [ids],
      },
    ]),
  ]);
  const text = (v: unknown) => (v === null ? null : String(v));
  return {
    sku: item.sku,
    lots: lots.map((l) => ({ lot: l.code, expiry: l.expiry, firstReceived: l.firstReceived })),
    derived,
    customers: customersWithLots(movements),
    onHand: stock.rows.map((r) => ({
      sku: String(r.sku), location: String(r.location), lot: String(r.lot), qty: qtyOf(r.qty_milli), held: Number(r.held) === 1,
    })),
    units: units.rows.map((r) => ({
      sku: String(r.sku), serial: String(r.serial), lot: text(r.lot), state: String(r.state) as UnitState, location: text(r.location),
      party: text(r.party), held: Number(r.held) === 1,
    })),
  };
}
