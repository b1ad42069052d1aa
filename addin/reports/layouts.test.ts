import { describe, expect, it } from 'vitest';
import type { ReportSheet } from '../workbook/port';
import { HOSTILE, lotTrace, movement, recallAnswer } from './fixtures';
import { lotTraceSheet } from './lot-trace';
import { lotList, recallSheet } from './recall';
import { serialHistorySheet } from './serial-history';
import { expiringSheet, movementsSheet, onHandSheet, windowName } from './stock';

const NOW = new Date('2026-11-24T08:05:30Z');

/** The sheet as a list of lines and tables, top to bottom, for reading in a test. */
function outline(s: ReportSheet): { row: number; text: string }[] {
  return [
    ...s.lines.map((l) => ({ row: l.row, text: l.text })),
    ...s.tables.map((t) => ({ row: t.top, text: `[${t.columns.map((c) => c.header).join(' | ')}] × ${t.rows.length}` })),
  ].sort((a, b) => a.row - b.row);
}

describe('a lot trace sheet reads top to bottom as a recall coordinator works', () => {
  const sheet = lotTraceSheet(lotTrace(), NOW, false);

  it('says what was asked and when, then the lot, where it came from, where it went, what came back, who holds it, what is here, and the record', () => {
    expect(sheet.name).toBe('Trace VAC-10 FLU-A');
    expect(outline(sheet)).toEqual([
      { row: 0, text: 'Lot trace of VAC-10 lot FLU-A · pulled 2026-11-24 08:05 UTC' },
      { row: 2, text: 'The lot' },
      { row: 3, text: '[SKU | Lot | Expiry | First received | Received | Shipped | Returned | On hand] × 1' },
      { row: 6, text: 'Where it came from' },
      { row: 7, text: '[Date | Supplier | PO | Qty | Received into | Note | Ledger batch] × 1' },
      { row: 10, text: 'Where it went' },
      { row: 11, text: '[Date | Customer | Order | Qty | Shipped from | Note | Ledger batch] × 2' },
      { row: 15, text: 'Returns' },
      { row: 16, text: '[Date | Customer | RMA | Qty | Returned into | Note] × 1' },
      { row: 19, text: 'Who still holds it' },
      { row: 20, text: '[Customer | Still held | Shipped | Returned | Orders | Last shipped] × 2' },
      { row: 24, text: 'What is still here' },
      { row: 25, text: '[Location | Qty] × 2' },
      { row: 29, text: 'Every movement, voided ones and their reversals included' },
      { row: 30, text: expect.stringMatching(/^\[Date \| Type \| SKU \| Lot \| Serial \| Qty \| From \| To \| Party \| Ref \| Note \| Ledger batch/) },
    ]);
    expect(sheet.tables.at(-1)!.rows).toHaveLength(6);
    expect(sheet.freezeRows).toBe(1);
  });

  it('gives the lot its expiry as a date and its totals without the voided shipment', () => {
    expect(sheet.tables[0].rows).toEqual([['VAC-10', 'FLU-A', 46721, 46320, 100, 30, 3, 73]]);
  });

  it('names the supplier and PO, keeping the PO\'s leading zeros', () => {
    expect(sheet.tables[1].rows[0]).toEqual([46320, 'Acme Pharma', '000123', 100, 'COLD-1', '', 'B-1']);
  });

  it('lists each customer and order of the lot, hostile names written as text', () => {
    expect(sheet.tables[2].rows.map((r) => [r[1], r[2], r[3], r[5]])).toEqual([
      ['Clinic North', 'SO-1', 20, ''],
      [`'${HOSTILE.party}`, "'+1", 10, "'-2"],
    ]);
  });

  it('says so in words when a part is empty, instead of an empty table', () => {
    const t = lotTrace();
    t.shipments = [];
    t.returns = [];
    const s = lotTraceSheet(t, NOW, false);
    expect(s.lines.map((l) => l.text)).toEqual(expect.arrayContaining(['Never shipped.', 'Nothing came back.']));
    expect(s.tables.some((x) => x.columns.some((c) => c.header === 'RMA'))).toBe(false);
  });
});

describe('the other report sheets', () => {
  it('a recall names its lots, whom to call, what to pull off the shelves, and says there are no serial units', () => {
    const s = recallSheet(recallAnswer(), 'VAC-10', ['FLU-A', '007'], NOW, false);
    expect(s.name).toBe('Recall VAC-10 2 lots');
    expect(s.lines[0].text).toBe('Recall of VAC-10 lots FLU-A, 007 · pulled 2026-11-24 08:05 UTC');
    expect(outline(s).map((o) => o.text)).toEqual([
      s.lines[0].text,
      'The lots', '[Lot | Expiry | First received] × 2',
      'Who to call: customers who still hold it', '[Customer | Still held | Shipped | Returned | Orders | Last shipped] × 1',
      'Still on our shelves: pull these', '[Location | Lot | Qty] × 2',
      'Serial units of these lots', 'No serial units.',
    ]);
    expect(s.tables[1].rows).toEqual([['Clinic North', 17, 20, 3, 'SO-1; SO-3', 46338]]);
    expect(s.tables[2].rows[1]).toEqual(['WH1-A', '007', 2.5]);
    expect(recallSheet(recallAnswer(), 'VAC-10', ['FLU-A'], NOW, false).name).toBe('Recall VAC-10 FLU-A');
    expect(lotList(['A', 'B', 'C', 'D', 'E', 'F', 'G'])).toBe('A, B, C, D, E and 2 more');
  });

  it('a serial history shows where the unit is, in words, and everywhere it has been', () => {
    const s = serialHistorySheet({
      unit: { sku: 'PUMP-3', serial: 'P-001', lot: null, state: 'in_stock', location: 'QUAR', party: null },
      warranty: null,
      movements: [movement({ type: 'receive', date: '2026-10-25', qty: 1, sku: 'PUMP-3', lot: null, serial: 'P-001', to: 'WH1-B' })],
    }, NOW, false);
    expect(s.name).toBe('Serial P-001');
    expect(s.tables[0].rows).toEqual([['PUMP-3', 'P-001', '', 'in stock', 'QUAR', '']]);
    expect(s.tables[1].rows[0].slice(0, 8)).toEqual([46320, 'receive', 'PUMP-3', '', 'P-001', 1, '', 'WH1-B']);
  });

  it('list reports have one table with its header frozen under the title', () => {
    const e = expiringSheet({ today: '2026-11-24', days: 30, lots: [{ sku: 'SAL-500', lot: 'S-2', expiry: '2026-11-24', daysLeft: 0, expired: false, location: 'WH1-A', qty: 3, held: false }] }, 30, NOW, false);
    expect(e).toMatchObject({ name: 'Expiring 30 days', freezeRows: 2 });
    expect(e.tables).toEqual([{ top: 1, columns: expect.any(Array), rows: [['SAL-500', 'S-2', 46350, 0, 'no', 'WH1-A', 3]] }]);
    const o = onHandSheet({ asOf: '2026-11-20', rows: [] }, { sku: 'VAC-10', asOf: '2026-11-20' }, NOW, false);
    expect(o.name).toBe('On hand 2026-11-20');
    expect(o.lines[0].text).toBe('On hand at the end of 2026-11-20 · item VAC-10 · pulled 2026-11-24 08:05 UTC');
    expect(o.tables[0].rows).toEqual([]);
    const m = movementsSheet([], { from: '2026-11-01', to: '2026-11-24' }, NOW, false);
    expect(m.name).toBe('Movements 2026-11-01–11-24');
    expect(windowName({ from: '2025-12-01', to: '2026-01-31' })).toBe('2025-12-01–2026-01-31');
    expect(`Movements ${windowName({ from: '2025-12-01', to: '2026-01-31' })}`.length).toBeLessThanOrEqual(31);
  });
});
