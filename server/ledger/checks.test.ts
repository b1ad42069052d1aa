import { describe, expect, it } from 'vitest';
import type { CheckedRow, Item } from '../../shared/rows';
import { checkLedger, lotKey, Simulation, stockKey, unitKey, type LedgerState } from './checks';
import { reversalBlocker, type Original } from './void';

const item = (sku: string, lotTracked: boolean, serialTracked: boolean): Item =>
  ({ sku, name: sku, unit: 'each', lotTracked, serialTracked, requiresExpiry: false, gtin: null });
const items = new Map([['VAC', item('VAC', true, false)], ['PUMP', item('PUMP', false, true)], ['IMP', item('IMP', true, true)]]);
const row = (r: Partial<CheckedRow>): CheckedRow => ({
  type: 'receive', date: '2026-11-20', sku: 'VAC', lot: null, serial: null, expiry: null, qtyMilli: 1000,
  from: null, to: null, party: null, ref: null, note: null, ...r,
});
const empty = (): LedgerState => ({ units: new Map(), lots: new Map(), stock: new Map() });
const codes = (r: { problems: { row: number; code: string }[] }) => r.problems.map((p) => `${p.row} ${p.code}`);

describe('ledger checks', () => {
  it('skips rows that failed the field rules', () => {
    expect(checkLedger([null, row({ lot: 'L', to: 'A' })], items, empty()).problems).toEqual([]);
  });

  it('sums a batch into net stock changes per item, lot and place', () => {
    const { effects } = checkLedger([
      row({ lot: 'L', to: 'A', qtyMilli: 5000 }),
      row({ type: 'transfer', lot: 'L', from: 'A', to: 'B', qtyMilli: 2000 }),
      row({ type: 'ship', lot: 'L', from: 'B', qtyMilli: 2000, party: 'P' }),
    ], items, empty());
    expect([...effects.stock.values()].map((s) => [s.location, s.delta])).toEqual([['A', 3000], ['B', 0]]);
    expect([...effects.newLots.values()]).toEqual([{ sku: 'VAC', code: 'L', expiry: null, firstReceived: '2026-11-20' }]);
  });

  it('leaves a refused row out of the state later rows see', () => {
    const r = checkLedger([
      row({ type: 'ship', lot: 'L', from: 'A', party: 'P' }), // nothing there: refused
      row({ lot: 'L', to: 'A' }),
      row({ type: 'ship', lot: 'L', from: 'A', party: 'P' }),
    ], items, empty());
    expect(codes(r)).toEqual(['0 insufficient_stock']);
  });

  it('takes a lot expiry from the first row that names one, and holds later rows to it', () => {
    const r = checkLedger([
      row({ lot: 'L', to: 'A' }), row({ lot: 'L', to: 'A', expiry: '2027-01-31' }), row({ lot: 'L', to: 'A', expiry: '2027-02-28' }),
    ], items, empty());
    expect(codes(r)).toEqual(['2 expiry_conflict']);
    expect(r.effects.newLots.get(lotKey('VAC', 'L'))?.expiry).toBe('2027-01-31');
  });

  it('fills in the expiry of a known lot that had none', () => {
    const state = empty();
    state.lots.set(lotKey('VAC', 'L'), { expiry: null });
    const r = checkLedger([row({ lot: 'L', to: 'A', expiry: '2027-01-31' })], items, state);
    expect([...r.effects.lotExpiries.values()]).toEqual([{ sku: 'VAC', code: 'L', expiry: '2027-01-31' }]);
  });

  it('refuses a serial moved under another lot than its own', () => {
    const state = empty();
    state.units.set(unitKey('IMP', 'S1'), { state: 'in_stock', location: 'A', party: null, lot: 'L1' });
    state.lots.set(lotKey('IMP', 'L1'), { expiry: null });
    state.lots.set(lotKey('IMP', 'L2'), { expiry: null });
    state.stock.set(stockKey('IMP', 'L1', 'A'), 1000);
    const r = checkLedger([row({ type: 'transfer', sku: 'IMP', lot: 'L2', serial: 'S1', from: 'A', to: 'B' })], items, state);
    expect(r.problems.map((p) => [p.field, p.code, p.message])).toEqual([['lot', 'invalid', 'Serial S1 of IMP belongs to lot L1, not L2.']]);
  });
});

describe('void checks', () => {
  const original = (m: Partial<Original>): Original => ({
    id: 1, rowIndex: 0, type: 'receive', date: '2026-11-20', sku: 'PUMP', lot: null, serial: 'S1', qtyMilli: 1000,
    from: null, to: 'A', party: null, ref: null, note: null, serialTracked: true, ...m,
  });

  it('undoes a receipt whose serial is still where it arrived, removing the unit', () => {
    const state = empty();
    state.units.set(unitKey('PUMP', 'S1'), { state: 'in_stock', location: 'A', party: null, lot: null });
    state.stock.set(stockKey('PUMP', null, 'A'), 1000);
    const sim = new Simulation(state);
    expect(reversalBlocker(sim, [original({})])).toBeNull();
    expect(sim.effects.units.get(unitKey('PUMP', 'S1'))).toBeNull();
  });

  it('puts a shipped serial back on the shelf it left', () => {
    const state = empty();
    state.units.set(unitKey('PUMP', 'S1'), { state: 'shipped', location: null, party: 'P', lot: null });
    const sim = new Simulation(state);
    expect(reversalBlocker(sim, [original({ type: 'ship', from: 'A', to: null, party: 'P' })])).toBeNull();
    expect(sim.effects.units.get(unitKey('PUMP', 'S1'))).toMatchObject({ state: 'in_stock', location: 'A' });
  });

  it('is blocked when the serial has moved on since', () => {
    const state = empty();
    state.units.set(unitKey('PUMP', 'S1'), { state: 'in_stock', location: 'B', party: null, lot: null });
    expect(reversalBlocker(new Simulation(state), [original({})])).toMatch(/moved on since this batch \(it is at B\)/);
  });
});
