import fc from 'fast-check';
import { expect, test } from 'vitest';
import { addDays } from './dates';
import { allocatePicks, type PickCandidate, type PickRules } from './pick-list';

const SKUS = ['VAC', 'GLV', 'PUMP'];
const PLACES = ['A-1', 'B-2', 'C-3', 'QUAR'];
const DAY = '2026-12-01';
const someDay = fc.integer({ min: -5, max: 15 }).map((n) => addDays(DAY, n));

// Lots with one expiry, first receipt and hold each, on hand at distinct places; PUMP as units.
const lotArb = fc.record({
  sku: fc.constantFrom(...SKUS), lot: fc.option(fc.constantFrom('L1', 'L2', 'L3', 'L4'), { nil: null }),
  expiry: fc.option(someDay, { nil: null }), firstReceived: fc.option(someDay, { nil: null }), held: fc.boolean(),
  at: fc.uniqueArray(fc.tuple(fc.constantFrom(...PLACES), fc.integer({ min: 1, max: 20_000 }), fc.boolean()), { selector: (t) => t[0], minLength: 1, maxLength: 3 }),
});
const stockArb = fc.uniqueArray(lotArb, { selector: (l) => `${l.sku}|${l.lot}`, maxLength: 8 }).map((lots) => {
  const out: PickCandidate[] = [];
  let n = 0;
  for (const l of lots) {
    for (const [location, qtyMilli, unitHeld] of l.at) {
      const base = { sku: l.sku, lot: l.lot, location, expiry: l.expiry, firstReceived: l.firstReceived, quarantine: location === 'QUAR' };
      if (l.sku === 'PUMP') {
        for (let u = 0; u < 1 + (qtyMilli % 3); u++) out.push({ ...base, serial: `S${n++}`, qtyMilli: 1000, held: l.held || (unitHeld && u === 0) });
      } else {
        out.push({ ...base, serial: null, qtyMilli, held: l.held });
      }
    }
  }
  return out;
});
const linesArb = fc.array(fc.record({ sku: fc.constantFrom(...SKUS, 'NONE'), qtyMilli: fc.integer({ min: 1, max: 30 }).map((q) => q * 1000) }), { minLength: 1, maxLength: 6 });
const rulesArb: fc.Arbitrary<PickRules> = fc.record({
  date: someDay, minShelfLifeDays: fc.integer({ min: 0, max: 5 }),
  from: fc.option(fc.uniqueArray(fc.constantFrom(...PLACES), { minLength: 1 }), { nil: null }),
});

/** The plain model's view of what may be picked: spelled out again, not borrowed from the code under test. */
const pickable = (c: PickCandidate, r: PickRules) => !c.held
  && (r.from === null ? !c.quarantine : r.from.includes(c.location))
  && (c.expiry === null || c.expiry >= addDays(r.date, r.minShelfLifeDays));
const keyOf = (sku: string, p: { lot: string | null; serial: string | null; location: string }) => `${sku}|${p.lot}|${p.serial}|${p.location}`;

test('a pick list never takes more than is on hand, nor anything held, expired, short-dated or from a place it may not', () => {
  fc.assert(fc.property(stockArb, linesArb, rulesArb, (stock, lines, rules) => {
    const byKey = new Map(stock.map((c) => [keyOf(c.sku, c), c]));
    const taken = new Map<string, number>();
    const answer = allocatePicks(lines, stock, rules);
    expect(answer.map((l) => l.line)).toEqual(lines.map((_, i) => i));
    for (const l of answer) {
      let got = 0;
      for (const p of l.picks) {
        const c = byKey.get(keyOf(l.sku, p));
        expect(c, 'a pick of stock that exists').toBeDefined();
        expect(pickable(c!, rules), `may pick ${keyOf(l.sku, p)}`).toBe(true);
        expect(p.qtyMilli).toBeGreaterThan(0);
        taken.set(keyOf(l.sku, p), (taken.get(keyOf(l.sku, p)) ?? 0) + p.qtyMilli);
        got += p.qtyMilli;
      }
      expect(got + l.shortMilli).toBe(l.qtyMilli);
      // Short only when the SKU's pickable stock is used up (a serial line: less than a unit left).
      if (l.shortMilli > 0) {
        const left = stock.filter((c) => c.sku === l.sku && pickable(c, rules)).reduce((s, c) => s + c.qtyMilli - (taken.get(keyOf(c.sku, c)) ?? 0), 0);
        expect(left).toBe(0);
      }
    }
    for (const [k, q] of taken) expect(q).toBeLessThanOrEqual(byKey.get(k)!.qtyMilli);
  }), { numRuns: 500 });
});

test('the same lines and stock give the same picks whatever order the stock comes in', () => {
  fc.assert(fc.property(stockArb, linesArb, rulesArb, fc.integer(), (stock, lines, rules, seed) => {
    const shuffled = [...stock].sort((a, b) => (((keyOf(a.sku, a).length * 31 + seed) % 7) - ((keyOf(b.sku, b).length * 17 + seed) % 7)));
    expect(allocatePicks(lines, shuffled.reverse(), rules)).toEqual(allocatePicks(lines, stock, rules));
  }), { numRuns: 300 });
});
