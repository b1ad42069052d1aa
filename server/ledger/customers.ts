import type { CustomerExposure } from '../../shared/report-answers';
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
