import { describe, expect, it } from 'vitest';
import type { RawRow } from '../../shared/rows';
import { ROW_FIELDS } from '../../shared/rows';
import { batchHash, canonicalRow } from './batches';
import type { PostInput } from '../ledger/post';

// 1,201 rows: three parts of the hash, the last one short.
const rows = (): RawRow[] => Array.from({ length: 1201 }, (_, i) => ({
  type: 'receive', date: '2026-11-20', sku: 'PUMP-3', lot: `L-${Math.floor(i / 100)}`, serial: `SN-${i}`, qty: 1, to: 'WH1-A', ref: 'PO-1',
}));
const input = (r: RawRow[], source: PostInput['source'] = null): PostInput => ({ rows: r, dryRun: false, source });

describe('the idempotency hash of a batch', () => {
  it('reads every row field, in ROW_FIELDS order', () => {
    const full = Object.fromEntries(ROW_FIELDS.map((f, i) => [f, `v${i}`])) as RawRow;
    expect(canonicalRow(full)).toEqual(ROW_FIELDS.map((f) => full[f]));
  });

  it('hashes a row without the trace fields as before they existed, and tells them apart when given', () => {
    const row: RawRow = { type: 'receive', sku: 'PUMP-3', qty: 1 };
    expect(canonicalRow(row)).toHaveLength(13);
    expect(canonicalRow({ ...row, refType: 'BOL' })).toEqual([...canonicalRow(row), null, null, 'BOL']);
  });

  it('is the same for the same rows, whatever order their fields are written in and whether a blank is absent or null', async () => {
    const reordered = rows().map((r) => ({ ...Object.fromEntries(Object.entries(r).reverse()), note: null }) as RawRow);
    expect(await batchHash(input(reordered))).toBe(await batchHash(input(rows())));
  });

  it('changes when one row of a later part changes, when a row is added, and when the source changes', async () => {
    const base = await batchHash(input(rows()));
    const changed = rows();
    changed[1100] = { ...changed[1100], serial: 'SN-other' };
    const longer = [...rows(), rows()[0]];
    expect(await batchHash(input(changed))).not.toBe(base);
    expect(await batchHash(input(longer))).not.toBe(base);
    expect(await batchHash(input(rows(), { workbook: 'a.xlsx', sheet: 'Receiving', range: 'A1:J1202' }))).not.toBe(base);
  });

  it('tells apart two rows swapped across the boundary of two parts', async () => {
    const swapped = rows();
    [swapped[499], swapped[500]] = [swapped[500], swapped[499]];
    expect(await batchHash(input(swapped))).not.toBe(await batchHash(input(rows())));
  });
});
