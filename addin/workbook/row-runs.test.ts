import { describe, expect, it } from 'vitest';
import { PAYLOAD_LIMIT_BYTES, payloadBytes } from '../workbook/chunks';
import type { CellValue } from '../workbook/port';
import { splitRowsBySize } from './row-runs';

describe('chunks of a large report write', () => {
  it('splits 100,000 rows into runs each under half of Excel\'s 5 MB request limit, covering every row once', () => {
    const rows: CellValue[][] = Array.from({ length: 100_000 }, (_, i) => [46300 + (i % 30), 'ship', 'VAC-10', `FLU26${i}`, '', 5, 'COLD-1', '', `Clinic ${i % 40}`, `SO-${i}`, 'a note that takes some room', `B-${i}`]);
    const runs = splitRowsBySize(rows);
    expect(runs.length).toBeGreaterThan(2);
    expect(runs[0].start).toBe(0);
    expect(runs.at(-1)!.end).toBe(100_000);
    runs.slice(1).forEach((r, i) => expect(r.start).toBe(runs[i].end));
    for (const r of runs) {
      const bytes = payloadBytes(rows.slice(r.start, r.end));
      expect(r.bytes).toBe(bytes);
      expect(bytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES / 2);
    }
  });

  it('counts bytes, not characters: rows of accented text make smaller chunks', () => {
    const plain = Array.from({ length: 2_000 }, () => ['e'.repeat(500)]);
    const accented = Array.from({ length: 2_000 }, () => ['é'.repeat(500)]);
    expect(splitRowsBySize(accented, 100_000).length).toBeGreaterThan(splitRowsBySize(plain, 100_000).length);
  });

  it('keeps a row bigger than a chunk whole, in a run of its own', () => {
    const runs = splitRowsBySize([['a'], ['x'.repeat(5_000)], ['b']], 1_000);
    expect(runs.map((r) => [r.start, r.end])).toEqual([[0, 1], [1, 2], [2, 3]]);
  });

  it('writes nothing for no rows', () => {
    expect(splitRowsBySize([])).toEqual([]);
  });
});
