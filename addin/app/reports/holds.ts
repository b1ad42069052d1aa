/**
 * What Hold these lots and Release send and say: the recalled lots, and when asked the lots made
 * from them, as one request per item (the ledger holds lots of one item a request).
 */
import type { HoldRequest, LotKey } from '../../../shared/recall-answers';

/** The recall last pulled: the lots Hold and Release act on, and the sheet that shows them. */
export interface Recalled {
  sku: string;
  lots: string[];
  /** Every lot made from the recalled ones, to any depth. */
  derived: LotKey[];
  sheet: string;
}

/**
 * The hold (or release) requests for a recall, one per item, the recalled item first.
 * @example holdRequests({ sku: 'A', lots: ['1'], derived: [{ sku: 'B', lot: '9' }], sheet: 'x' }, true, 'R-7')
 *   // [{ sku: 'A', lots: ['1'], reason: 'R-7' }, { sku: 'B', lots: ['9'], reason: 'R-7' }]
 */
export function holdRequests(r: Recalled, withDerived: boolean, reason: string): HoldRequest[] {
  const bySku = new Map<string, Set<string>>([[r.sku, new Set(r.lots)]]);
  if (withDerived) {
    for (const d of r.derived) {
      if (!bySku.has(d.sku)) bySku.set(d.sku, new Set());
      bySku.get(d.sku)!.add(d.lot);
    }
  }
  return [...bySku].map(([sku, lots]) => ({ sku, lots: [...lots], reason }));
}

const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : `${one}s`}`;

/**
 * The lots a hold acts on, in words.
 * @example lotsWords({ sku: 'A', lots: ['1', '2'], derived: [{ sku: 'B', lot: '9' }], sheet: 'x' }, true) // '2 lots of A and 1 lot made from them'
 */
export function lotsWords(r: Recalled, withDerived: boolean): string {
  const made = withDerived ? r.derived.length : 0;
  return `${plural(r.lots.length, 'lot')} of ${r.sku}${made ? ` and ${plural(made, 'lot')} made from ${r.lots.length === 1 ? 'it' : 'them'}` : ''}`;
}

export const heldSaid = (r: Recalled, withDerived: boolean, n: number): string => `${lotsWords(r, withDerived)} on hold (${n} newly held).`;
export const releasedSaid = (r: Recalled, withDerived: boolean, n: number): string => `${plural(n, 'hold')} on ${lotsWords(r, withDerived)} released.`;
