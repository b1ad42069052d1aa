import { describe, expect, it } from 'vitest';
import { parseMemory, recognise, rowKey, type PostedBatch } from './posted-rows';

const row = { type: 'receive', date: '2026-12-01', sku: 'VAC-10', lot: 'L1', qty: 5, to: 'COLD-1', ref: 'PO-1' };
const batch = (batchId: string, rows: object[], voidedBy: string | null = null): PostedBatch => ({
  batchId, postedAt: '2026-12-01T10:00:00Z', postedBy: 'desk', sheet: 'Sheet1', range: 'A1:F3', rows: rows.length,
  keys: rows.map(rowKey).join(' '), voidedBy,
});

describe('row keys', () => {
  it('are the same for the same content however it was typed (spaces, number or text, field order, NFC)', () => {
    expect(rowKey({ ...row, qty: '5 ', lot: ' L1' })).toBe(rowKey(row));
    expect(rowKey({ ref: 'PO-1', to: 'COLD-1', qty: 5, lot: 'L1', sku: 'VAC-10', date: '2026-12-01', type: 'receive' })).toBe(rowKey(row));
    expect(rowKey({ ...row, note: 'Cafe\u0301' })).toBe(rowKey({ ...row, note: 'Caf\u00e9' }));
    expect(rowKey({ ...row, note: null })).toBe(rowKey(row));
  });

  it('differ when any field differs', () => {
    for (const change of [{ qty: 6 }, { lot: 'L2' }, { ref: 'PO-2' }, { date: '2026-12-02' }, { to: 'COLD-2' }, { note: 'x' }, { serial: 'S1' }]) {
      expect(rowKey({ ...row, ...change }), JSON.stringify(change)).not.toBe(rowKey(row));
    }
  });
});

describe('recognising posted rows', () => {
  it('finds rows posted before, as many times as they were posted, and the batch that voided others', () => {
    const other = { ...row, lot: 'L2' };
    const third = { ...row, lot: 'L3' };
    const memory = { batches: [batch('B-1', [row, row]), batch('B-2', [other], 'B-3'), batch('B-4', [third], 'B-5'), batch('B-6', [third])] };
    const found = recognise([row, other, row, row, third].map(rowKey), memory);
    // two equal pallets posted: a third equal row is new
    expect([...found.posted]).toEqual([[0, 'B-1'], [2, 'B-1'], [4, 'B-6']]);
    expect([...found.voided]).toEqual([[1, 'B-3']]);
  });

  it('reads no memory from nothing or from text that is not its JSON', () => {
    expect(parseMemory(null)).toEqual({ batches: [] });
    expect(parseMemory('{not json')).toEqual({ batches: [] });
    expect(parseMemory('{"batches": [{"batchId": 1}]}')).toEqual({ batches: [] });
  });
});
