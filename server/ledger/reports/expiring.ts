import type { LedgerStore } from '../../db/port';
import type { ExpiringLot } from '../../../shared/report-answers';
import { exactMilli, qtyOf } from './qty';
import { LOT_HELD } from '../holds';

const DAY_MS = 86_400_000;
const dayNumber = (isoDate: string): number => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
const isoDay = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/**
 * Lots with stock on hand that expire within `days` of `today`, already expired ones
 * included, soonest first; one row per lot and location.
 * @example await expiringLots(db, 1, { days: 30, today: '2026-11-24' })
 */
export async function expiringLots(db: LedgerStore, workspaceId: number, q: { days: number; today: string }): Promise<ExpiringLot[]> {
  const today = dayNumber(q.today);
  const rs = await db.read({
    sql: `SELECT i.sku, l.code AS lot, l.expiry, loc.code AS location, ${exactMilli('s.qty_milli')} AS qty_milli, ${LOT_HELD('l.id')} AS held
          FROM lot l JOIN item i ON i.id = l.item_id
          JOIN stock s ON s.item_id = l.item_id AND s.lot_id = l.id
          JOIN location loc ON loc.id = s.location_id
          WHERE l.workspace_id = ? AND l.expiry IS NOT NULL AND l.expiry <= ? AND s.qty_milli > 0
          ORDER BY l.expiry, i.sku, l.code, loc.code`,
    args: [workspaceId, isoDay(today + q.days)],
  });
  return rs.rows.map((r) => {
    const daysLeft = dayNumber(String(r.expiry)) - today;
    return {
      sku: String(r.sku), lot: String(r.lot), expiry: String(r.expiry), daysLeft, expired: daysLeft < 0,
      location: String(r.location), qty: qtyOf(r.qty_milli), held: Number(r.held) === 1,
    };
  });
}
