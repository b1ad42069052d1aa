/**
 * Pick-list allocation, first expiry first out (docs/API.md "Pick lists"): a pure function of
 * the order lines and the stock that could serve them, so the server, the property test and
 * any other caller allocate alike.
 */
import { addDays } from './dates';

/** Stock that might be picked: a lot (or untracked stock) at a location, or one serial unit. */
export interface PickCandidate {
  sku: string;
  lot: string | null;
  serial: string | null;
  location: string;
  /** On hand, in thousandths (a unit: 1000). */
  qtyMilli: number;
  expiry: string | null;
  firstReceived: string | null;
  /** The lot, or the unit, is on hold. */
  held: boolean;
  /** The location is a quarantine. */
  quarantine: boolean;
}

export interface PickLineIn {
  sku: string;
  qtyMilli: number;
}

export interface PickRules {
  /** The day of the pick (YYYY-MM-DD). */
  date: string;
  minShelfLifeDays: number;
  /** Location codes named by the request, or null for every non-quarantine location. */
  from: readonly string[] | null;
}

export interface PickOut {
  lot: string | null;
  serial: string | null;
  location: string;
  qtyMilli: number;
  expiry: string | null;
}

export interface PickedLineOut {
  line: number;
  sku: string;
  qtyMilli: number;
  picks: PickOut[];
  shortMilli: number;
}

/** The earliest expiry a picked lot may have: `date` + the shelf life it must still have. */
export const earliestExpiry = (rules: Pick<PickRules, 'date' | 'minShelfLifeDays'>): string =>
  addDays(rules.date, Math.max(0, rules.minShelfLifeDays));

/** Whether the candidate may be picked at all under the rules (place, hold, expiry). */
export function mayPick(c: PickCandidate, rules: PickRules, minExpiry = earliestExpiry(rules)): boolean {
  if (c.held || c.qtyMilli <= 0) return false;
  if (rules.from ? !rules.from.includes(c.location) : c.quarantine) return false;
  return c.expiry === null || c.expiry >= minExpiry;
}

// Plain code-unit order, as SQLite's BINARY collation compares, never the locale's.
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** Nulls after every value. */
const cmpLast = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : cmp(a, b);

/**
 * The order stock is taken in: earliest expiry (none last), earliest first receipt, lot code,
 * location code, then serial.
 */
export function pickOrder(a: PickCandidate, b: PickCandidate): number {
  return cmpLast(a.expiry, b.expiry) || cmpLast(a.firstReceived, b.firstReceived) || cmpLast(a.lot, b.lot)
    || cmp(a.location, b.location) || cmpLast(a.serial, b.serial);
}

/**
 * Allocates each line in order from what earlier lines left. Deterministic: the same lines and
 * stock give the same picks whatever order the candidates come in.
 * @example allocatePicks([{ sku: 'A', qtyMilli: 5000 }], stock, { date: '2026-12-01', minShelfLifeDays: 0, from: null })
 */
export function allocatePicks(lines: readonly PickLineIn[], candidates: readonly PickCandidate[], rules: PickRules): PickedLineOut[] {
  const minExpiry = earliestExpiry(rules);
  const bySku = new Map<string, { c: PickCandidate; left: number }[]>();
  for (const c of candidates) {
    if (!mayPick(c, rules, minExpiry)) continue;
    let list = bySku.get(c.sku);
    if (!list) bySku.set(c.sku, (list = []));
    list.push({ c, left: c.qtyMilli });
  }
  for (const list of bySku.values()) list.sort((x, y) => pickOrder(x.c, y.c));
  // Each SKU's list is used up from the front: where an earlier line stopped is kept.
  const start = new Map<string, number>();
  return lines.map((l, line) => {
    const list = bySku.get(l.sku) ?? [];
    const picks: PickOut[] = [];
    let need = l.qtyMilli;
    let i = start.get(l.sku) ?? 0;
    for (; i < list.length && need > 0; i++) {
      const s = list[i];
      const take = s.c.serial !== null ? (need >= 1000 ? s.left : 0) : Math.min(need, s.left);
      if (take <= 0) break;
      s.left -= take;
      need -= take;
      picks.push({ lot: s.c.lot, serial: s.c.serial, location: s.c.location, qtyMilli: take, expiry: s.c.expiry });
      if (s.left > 0) break;
    }
    start.set(l.sku, i);
    return { line, sku: l.sku, qtyMilli: l.qtyMilli, picks, shortMilli: need };
  });
}
