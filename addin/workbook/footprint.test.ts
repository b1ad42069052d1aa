import { describe, expect, it } from 'vitest';
import { cellsBeyond, footprintOf } from './footprint';
import { recordOf, recordProperties } from './report-record';

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

describe('a report record kept in pieces', () => {
  const record = { query: { kind: 'recall', params: { sku: 'VAC-10', lots: Array.from({ length: 60 }, (_, i) => `L${i}`) } }, footprint: [{ top: 0, rows: 1, cols: 1 }] };

  it('reads back what was kept, whatever order the pieces come in', () => {
    const pieces = recordProperties(record);
    expect(pieces.length).toBeGreaterThan(1);
    expect(recordOf([...pieces].reverse())).toEqual(record);
  });

  it('is none when a piece is missing, the JSON is broken or it is not a record', () => {
    const pieces = recordProperties(record);
    expect(recordOf(pieces.slice(1))).toBeNull();
    expect(recordOf(pieces.slice(0, -1))).toBeNull();
    expect(recordOf([{ key: 'LotLedger.Report.0', value: '{"query":{"kind":"x"}}' }])).toBeNull();
    expect(recordOf([{ key: 'Other', value: '{}' }])).toBeNull();
  });
});
