import { describe, expect, it } from 'vitest';
import { cellsBeyond, footprintOf } from './footprint';
import { recordOf, RECORD_KEY } from './report-record';

describe('a report\'s own cells', () => {
  it('are its lines in column A and its tables with their headers', () => {
    expect(footprintOf({
      name: 'R', freezeRows: 1,
      lines: [{ row: 0, text: 'T', style: 'title' }, { row: 2, text: 'H', style: 'heading' }],
      tables: [{ top: 3, columns: [{ header: 'A', kind: 'id' }, { header: 'B', kind: 'number' }], rows: [['x', 1], ['y', 2]] }],
    })).toEqual([{ top: 0, rows: 1, cols: 1 }, { top: 2, rows: 1, cols: 1 }, { top: 3, rows: 3, cols: 2 }]);
  });

  it('beyond the old ones: rows a table grew by, columns it widened by, nothing where the old covered it', () => {
    const old = [{ top: 0, rows: 1, cols: 1 }, { top: 2, rows: 4, cols: 3 }];
    expect(cellsBeyond(old, old)).toEqual([]);
    expect(cellsBeyond([{ top: 0, rows: 1, cols: 1 }, { top: 2, rows: 6, cols: 3 }], old)).toEqual([{ top: 6, left: 0, rows: 2, cols: 3 }]);
    expect(cellsBeyond([{ top: 0, rows: 1, cols: 4 }, { top: 2, rows: 4, cols: 5 }], old)).toEqual([
      { top: 0, left: 1, rows: 1, cols: 3 }, { top: 2, left: 3, rows: 4, cols: 2 },
    ]);
    expect(cellsBeyond([{ top: 0, rows: 3, cols: 2 }], [])).toEqual([{ top: 0, left: 0, rows: 3, cols: 2 }]);
  });
});

describe('a report record read back', () => {
  const record = { query: { kind: 'recall', params: { sku: 'VAC-10', lots: ['L1', 'L2'] } }, footprint: [{ top: 0, rows: 1, cols: 1 }] };

  it('is what was kept, under its key in any case', () => {
    expect(recordOf([{ key: 'Other', value: 'x' }, { key: RECORD_KEY, value: JSON.stringify(record) }])).toEqual(record);
    expect(recordOf([{ key: RECORD_KEY.toUpperCase(), value: JSON.stringify(record) }])).toEqual(record);
  });

  it('is none when the key is missing, the JSON is broken or it is not a record', () => {
    expect(recordOf([{ key: 'Other', value: JSON.stringify(record) }])).toBeNull();
    expect(recordOf([{ key: RECORD_KEY, value: JSON.stringify(record).slice(0, -3) }])).toBeNull();
    expect(recordOf([{ key: RECORD_KEY, value: '{"query":{"kind":"x"}}' }])).toBeNull();
    expect(recordOf([{ key: RECORD_KEY, value: JSON.stringify({ ...record, footprint: [{ top: -1, rows: 1, cols: 1 }] }) }])).toBeNull();
  });
});
