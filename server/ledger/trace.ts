import type { LedgerStore } from '../db/port';
import { LedgerError } from './errors';
import { findItem, findLot } from './lookups';
import { customersOf } from './customers';
import { counts, selectMovements, type Movement } from './movement-rows';
import { addDays } from '../../shared/dates';
import type { Warranty } from '../../shared/recall-answers';
import { exactMilli, qtyOf } from './reports/qty';
import { LOT_HELD } from './holds';
import { linkedLots } from './transformation';
import type { LotTraceAnswer, SerialTraceAnswer, UnitState } from '../../shared/report-answers';

/** The SQL tail that lists one lot's movements: a search of `movement_lot`, never a scan. */
export const LOT_MOVEMENTS_TAIL = 'WHERE m.lot_id = ? ORDER BY m.id';
/** The SQL tail that lists one serial's movements: a search of `movement_serial`, never a scan. */
export const SERIAL_MOVEMENTS_TAIL = 'WHERE m.item_id = ? AND m.serial = ? ORDER BY m.id';

/** The items holding a serial, by the unit projection: one search of `unit_serial`. */
export const ITEMS_OF_SERIAL_BY_UNIT =
  'SELECT i.id, i.sku FROM unit u JOIN item i ON i.id = u.item_id WHERE u.workspace_id = ? AND u.serial = ? ORDER BY i.sku';
/** The items whose movements name a serial: one search of `movement_serial` per item of the workspace. */
export const ITEMS_OF_SERIAL_BY_MOVEMENT = `SELECT i.id, i.sku FROM item i WHERE i.workspace_id = ?
  AND EXISTS (SELECT 1 FROM movement m WHERE m.item_id = i.id AND m.serial = ?) ORDER BY i.sku`;

/**
 * Where a lot came from and where it went: receipts, shipments, returns, on hand, what it was
 * made from and what was made from it, and every movement in posting order.
 * @example await traceLot(db, 1, { sku: 'VAC-10', lot: 'L2611A' })
 */
export async function traceLot(db: LedgerStore, workspaceId: number, q: { sku: string; lot: string }): Promise<LotTraceAnswer> {
  const item = await findItem(db, workspaceId, q.sku);
  const lot = await findLot(db, item, q.lot);
  const [movements, stock, held, links] = await Promise.all([
    selectMovements(db, LOT_MOVEMENTS_TAIL, [lot.id]),
    db.read({
      sql: `SELECT loc.code, ${exactMilli('s.qty_milli')} AS qty_milli FROM stock s JOIN location loc ON loc.id = s.location_id
            WHERE s.item_id = ? AND s.lot_id = ? AND s.qty_milli > 0 ORDER BY loc.code`,
      args: [item.id, lot.id],
    }),
    db.read({ sql: `SELECT ${LOT_HELD('?')} AS held`, args: [lot.id] }),
    linkedLots(db, lot.id),
  ]);
  return {
    lot: { sku: item.sku, lot: lot.code, expiry: lot.expiry, firstReceived: lot.firstReceived, held: Number(held.rows[0].held) === 1 },
    onHand: stock.rows.map((r) => ({ location: String(r.code), qty: qtyOf(r.qty_milli) })),
    receipts: movements.filter((m) => m.type === 'receive'),
    shipments: movements.filter((m) => m.type === 'ship'),
    returns: movements.filter((m) => m.type === 'return'),
    customers: customersOf(movements),
    madeFrom: links.madeFrom,
    usedIn: links.usedIn,
    movements,
  };
}

/**
 * Where a serial unit is now, everywhere it has been, and its warranty as of `today`. Without
 * `sku`, a serial that two items share is a 409 naming the items.
 * @example await traceSerial(db, 1, { serial: 'SN0001' })
 */
export async function traceSerial(
  db: LedgerStore, workspaceId: number, q: { serial: string; sku?: string }, today: string,
): Promise<SerialTraceAnswer> {
  const item = await itemOfSerial(db, workspaceId, q.serial, q.sku);
  const [movements, unitRs, itemRs] = await Promise.all([
    selectMovements(db, SERIAL_MOVEMENTS_TAIL, [item.id, q.serial]),
    db.read({
      sql: `SELECT u.state, l.code AS lot, loc.code AS location, u.party FROM unit u
            LEFT JOIN lot l ON l.id = u.lot_id LEFT JOIN location loc ON loc.id = u.location_id
            WHERE u.item_id = ? AND u.serial = ?`,
      args: [item.id, q.serial],
    }),
    db.read({ sql: 'SELECT warranty_days FROM item WHERE id = ?', args: [item.id] }),
  ]);
  const u = unitRs.rows[0];
  // No unit row: its receipt was voided (or its item tracks no serials), so it stands nowhere.
  const unit = u
    ? { state: String(u.state) as UnitState, lot: nullable(u.lot), location: nullable(u.location), party: nullable(u.party) }
    : { state: null, lot: null, location: null, party: null };
  const days = itemRs.rows[0]?.warranty_days;
  return {
    unit: { sku: item.sku, serial: q.serial, lot: unit.lot, state: unit.state, location: unit.location, party: unit.party },
    warranty: days === null || days === undefined ? null : warrantyOf(movements, Number(days), today),
    movements,
  };
}

/**
 * The warranty of a unit from its movements: from the last shipment to a customer that counts,
 * for `days` days; null when it was never shipped.
 * @example warrantyOf(movements, 365, '2026-12-05') // { shippedOn: '2026-11-20', until: '2027-11-20', active: true }
 */
export function warrantyOf(movements: readonly Movement[], days: number, today: string): Warranty | null {
  let shippedOn: string | null = null;
  for (const m of movements) if (m.type === 'ship' && counts(m) && (shippedOn === null || m.date > shippedOn)) shippedOn = m.date;
  if (shippedOn === null) return null;
  const until = addDays(shippedOn, days);
  return { shippedOn, until, active: today <= until };
}

const nullable = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

async function itemOfSerial(db: LedgerStore, workspaceId: number, serial: string, sku?: string) {
  const notFound = () =>
    new LedgerError('not_found', sku === undefined
      ? `Serial ${serial} is not in this workspace.`
      : `Serial ${serial} of ${sku} is not in this workspace.`);
  if (sku !== undefined) {
    const item = await findItem(db, workspaceId, sku).catch((e: unknown) => {
      throw e instanceof LedgerError && e.code === 'not_found' ? notFound() : e;
    });
    const rs = await db.read({ sql: 'SELECT 1 FROM movement m WHERE m.item_id = ? AND m.serial = ? LIMIT 1', args: [item.id, serial] });
    if (rs.rows.length === 0) throw notFound();
    return item;
  }
  // The unit projection answers in one index probe; items whose serial has no unit
  // (a voided receipt, a serial on an item that tracks none) are found item by item.
  let rs = await db.read({ sql: ITEMS_OF_SERIAL_BY_UNIT, args: [workspaceId, serial] });
  if (rs.rows.length === 0) rs = await db.read({ sql: ITEMS_OF_SERIAL_BY_MOVEMENT, args: [workspaceId, serial] });
  if (rs.rows.length === 0) throw notFound();
  if (rs.rows.length > 1) {
    const skus = rs.rows.map((r) => String(r.sku));
    throw new LedgerError('ambiguous_serial',
      `Serial ${serial} belongs to ${skus.length} items (${skus.join(', ')}); add sku= to say which one.`);
  }
  return { id: Number(rs.rows[0].id), sku: String(rs.rows[0].sku) };
}
