import type { CustomerExposure, RecallCustomer } from '../../shared/report-answers';
import { counts, type Movement } from './movement-rows';
import { qtyOf } from './reports/qty';

export type { CustomerExposure };

// Totals in bigint: a customer's shipments of a lot over the years are not capped as stock is.
const milli = (qty: number): bigint => BigInt(Math.round(qty * 1000));

/**
 * Nets shipments and returns per customer, counting neither voided movements nor reversals.
 * Customers are sorted by name.
 * @example customersOf(lotTrace.movements) // → [{party: 'Clinic A', shipped: 10, returned: 2, qty: 8, …}]
 */
export function customersOf(movements: readonly Movement[]): CustomerExposure[] {
  const byParty = new Map<string, { shipped: bigint; returned: bigint; refs: string[]; lastShipped: string | null }>();
  for (const m of movements) {
    if (!counts(m) || m.party === null || (m.type !== 'ship' && m.type !== 'return')) continue;
    let c = byParty.get(m.party);
    if (!c) byParty.set(m.party, (c = { shipped: 0n, returned: 0n, refs: [], lastShipped: null }));
    if (m.type === 'ship') {
      c.shipped += milli(m.qty);
      if (m.ref !== null && !c.refs.includes(m.ref)) c.refs.push(m.ref);
      if (c.lastShipped === null || m.date > c.lastShipped) c.lastShipped = m.date;
    } else {
      c.returned += milli(m.qty);
    }
  }
  return [...byParty.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([party, c]) => ({
      party,
      shipped: qtyOf(c.shipped),
      returned: qtyOf(c.returned),
      qty: qtyOf(c.shipped - c.returned),
      refs: c.refs,
      lastShipped: c.lastShipped,
    }));
}

/**
 * `customersOf`, each party adding what it still holds of each lot (by sku and lot, in that order).
 * @example customersWithLots(recallMovements)[0].lots // → [{sku: 'VAC-10', lot: 'L1', qty: 8}, {sku: 'KIT-1', lot: 'K1', qty: 2}]
 */
export function customersWithLots(movements: readonly Movement[]): RecallCustomer[] {
  const held = new Map<string, Map<string, { sku: string; lot: string; milli: bigint }>>();
  for (const m of movements) {
    if (!counts(m) || m.party === null || m.lot === null || (m.type !== 'ship' && m.type !== 'return')) continue;
    let lots = held.get(m.party);
    if (!lots) held.set(m.party, (lots = new Map()));
    const k = `${m.sku}\u0000${m.lot}`;
    let h = lots.get(k);
    if (!h) lots.set(k, (h = { sku: m.sku, lot: m.lot, milli: 0n }));
    h.milli += m.type === 'ship' ? milli(m.qty) : -milli(m.qty);
  }
  const order = (a: { sku: string; lot: string }, b: { sku: string; lot: string }) =>
    (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.lot < b.lot ? -1 : a.lot > b.lot ? 1 : 0);
  return customersOf(movements).map((c) => ({
    ...c,
    lots: [...(held.get(c.party)?.values() ?? [])].sort(order).map((h) => ({ sku: h.sku, lot: h.lot, qty: qtyOf(h.milli) })),
  }));
}
