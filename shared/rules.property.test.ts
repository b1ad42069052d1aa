import fc from 'fast-check';
import { expect, test } from 'vitest';
import { PROBLEM_CODES } from './problems';
import { ROW_FIELDS, type Item, type RawRow } from './rows';
import { checkRowFields, masterData } from './rules';
import { isIsoDate } from './dates';

const items: Item[] = [
  { sku: 'VAC-10', name: 'Vaccine', unit: 'box', lotTracked: true, serialTracked: false, requiresExpiry: true, gtin: '09506000134352' },
  { sku: 'PUMP-3', name: 'Pump', unit: 'each', lotTracked: false, serialTracked: true, requiresExpiry: false, gtin: null },
  { sku: 'IMP-7', name: 'Implant', unit: 'each', lotTracked: true, serialTracked: true, requiresExpiry: true, gtin: null },
  { sku: 'GLV-M', name: 'Gloves', unit: 'box', lotTracked: false, serialTracked: false, requiresExpiry: false, gtin: null },
];
const master = masterData(items, ['WH1-A', 'WH1-B', 'COLD-1'].map((code) => ({ code, name: null })));
const today = '2026-11-24';

// Plausible cell values, near misses and junk, so the rules see both passing and failing rows.
const cell = fc.oneof(
  fc.constantFrom(null, '', ' ', 'receive', 'Ship', 'transfer', 'adjust', 'return', 'scrap', 'bogus',
    '2026-11-20', '2026-11-25', '2026-11-26', '1999-12-31', '2026-02-30', '2027-10-31',
    'VAC-10', 'PUMP-3', 'IMP-7', 'GLV-M', 'WH1-A', 'WH1-B', 'COLD-1', 'WH1A', 'L 1', 'L1', '\u00A0L2\u200B', 'SN-1',
    '1', '2', '0', '-1', '1.0005', '12.5', '1,200', 'PO-1', 'Acme',
    '(01)09506000134352(17)271031(10)FLU1', ']d2010950600013435217271031' + '10FLU2', '(01)09506000134353(10)X', '(10)X'),
  fc.string({ maxLength: 45 }),
  fc.double(),
  fc.integer(),
  fc.constantFrom(true, {}, [], 1e16) as fc.Arbitrary<unknown>,
);
const anyRow = fc.record(Object.fromEntries(ROW_FIELDS.map((f) => [f, cell])) as Record<string, fc.Arbitrary<unknown>>, { requiredKeys: [] });
// Good rows with one or two fields swapped for something else: the edge of every rule.
const goodRows: RawRow[] = [
  { type: 'receive', date: '2026-11-20', sku: 'VAC-10', lot: 'L1', expiry: '2027-10-31', qty: 5, to: 'COLD-1', ref: 'PO-1' },
  { type: 'ship', date: '2026-11-20', sku: 'PUMP-3', serial: 'SN-1', from: 'WH1-A', party: 'Acme', ref: 'SO-1' },
  { type: 'transfer', date: '2026-11-20', sku: 'IMP-7', lot: 'L1', serial: 'SN-2', qty: 1, from: 'WH1-A', to: 'WH1-B' },
  { type: 'adjust', date: '2026-11-20', sku: 'GLV-M', qty: 3, from: 'WH1-B', ref: 'count' },
  { type: 'receive', date: '2026-11-20', gs1: '(01)09506000134352(17)271031(10)FLU1', qty: 5, to: 'COLD-1', ref: 'PO-1' },
];
const nearlyGoodRow = fc.tuple(fc.constantFrom(...goodRows), fc.array(fc.tuple(fc.constantFrom(...ROW_FIELDS), cell), { maxLength: 2 }))
  .map(([base, changes]) => ({ ...base, ...Object.fromEntries(changes) }));
const rawRow = fc.oneof(anyRow, nearlyGoodRow);

test('any row, however odd, gets an answer: a checked row exactly when no problem is an error, and problems that point at real fields', () => {
  fc.assert(fc.property(rawRow, fc.nat(100_000), (raw, index) => {
    const { row, problems } = checkRowFields(raw as RawRow, index, master, { today });
    const errors = problems.filter((p) => p.severity === 'error');
    expect(row === null).toBe(errors.length > 0);
    for (const p of problems) {
      expect(p.row).toBe(index);
      expect(ROW_FIELDS as readonly string[]).toContain(p.field);
      expect(PROBLEM_CODES).toContain(p.code);
      expect(p.message).toMatch(/^\S.*[.?]$/s);
    }
    if (row) {
      expect(isIsoDate(row.date) && row.date >= '2000-01-01' && row.date <= '2026-11-25').toBe(true);
      expect(master.items.has(row.sku)).toBe(true);
      expect(Number.isSafeInteger(row.qtyMilli) && row.qtyMilli > 0 && row.qtyMilli <= 1e12).toBe(true);
      for (const place of [row.from, row.to]) if (place !== null) expect(master.locations.has(place)).toBe(true);
      for (const id of [row.lot, row.serial]) if (id !== null) expect(id).toMatch(/^[^\s\u0000-\u001F\u007F-\u009F\u200B-\u200D\uFEFF]{1,40}$/);
      const item = master.items.get(row.sku)!;
      if (item.serialTracked) expect(row.qtyMilli).toBe(1000);
      if (item.lotTracked) expect(row.lot).not.toBeNull();
      if (!item.lotTracked) expect(row.lot).toBeNull();
    }
  }), { numRuns: 3000 });
});
