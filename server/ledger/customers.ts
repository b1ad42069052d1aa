import type { CustomerExposure } from '../../shared/report-answers';
import { counts, type Movement } from './movement-rows';

export type { CustomerExposure };

const milli = (qty: number): number => Math.round(qty * 1000);

/**
 * Nets shipments and returns per customer, counting neither voided movements nor reversals.
 * Customers are sorted by name.
 * @example customersOf(lotTrace.movements) // → [{party: 'Clinic A', shipped: 10, returned: 2, qty: 8, …}]
 */
export function customersOf(movements: readonly Movement[]): CustomerExposure[] {
  const byParty = new Map<string, { shipped: number; returned: number; refs: string[]; lastShipped: string | null }>();
  for (const m of movements) {
    if (!counts(m) || m.party === null || (m.type !== 'ship' && m.type !== 'return')) continue;
    let c = byParty.get(m.party);
    if (!c) byParty.set(m.party, (c = { shipped: 0, returned: 0, refs: [], lastShipped: null }));
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
      shipped: c.shipped / 1000,
      returned: c.returned / 1000,
      qty: (c.shipped - c.returned) / 1000,
      refs: c.refs,
      lastShipped: c.lastShipped,
    }));
}
