import { describe, expect, it } from 'vitest';
import type { ReportSheet } from '../workbook/port';
import { HOSTILE, lotTrace, movement, recallAnswer } from './fixtures';
import { lotTraceSheet } from './lot-trace';
import { lotList, recallSheet } from './recall';
import { genealogySheet, MAX_INDENT, treeLines } from './genealogy';
import type { GenealogyAnswer, Hold, LinkedLot, Warranty } from '../../shared/recall-answers';
import type { RecallAnswer } from '../../shared/report-answers';
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

  it('says what was asked and when, then the lot, where it came from and what it was made from, where it went and what was made from it, what came back, who holds it, what is here, and the record', () => {
    expect(sheet.name).toBe('Trace VAC-10 FLU-A');
    expect(outline(sheet)).toEqual([
      { row: 0, text: 'Lot trace of VAC-10 lot FLU-A · pulled 2026-11-24 08:05 UTC' },
      { row: 2, text: 'The lot' },
      { row: 3, text: '[SKU | Lot | Expiry | First received | Received | Shipped | Returned | On hand | On hold] × 1' },
      { row: 6, text: 'Where it came from' },
      { row: 7, text: '[Date | Supplier | PO | Qty | Received into | Note | Ledger batch] × 1' },
      { row: 10, text: 'Made from' },
      { row: 11, text: 'Not made from other lots.' },
      { row: 13, text: 'Where it went' },
      { row: 14, text: '[Date | Customer | Order | Qty | Shipped from | Note | Ledger batch] × 2' },
      { row: 18, text: 'Used in' },
      { row: 19, text: 'Nothing was made from it.' },
      { row: 21, text: 'Returns' },
      { row: 22, text: '[Date | Customer | RMA | Qty | Returned into | Note] × 1' },
      { row: 25, text: 'Who still holds it' },
      { row: 26, text: '[Customer | Still held | Shipped | Returned | Orders | Last shipped] × 2' },
      { row: 30, text: 'What is still here' },
      { row: 31, text: '[Location | Qty] × 2' },
      { row: 35, text: 'Every movement, voided ones and their reversals included' },
      { row: 36, text: expect.stringMatching(/^\[Date \| Type \| SKU \| Lot \| Serial \| Qty \| From \| To \| Party \| Ref \| Note \| Ledger batch/) },
    ]);
    expect(sheet.tables.at(-1)!.rows).toHaveLength(6);
    expect(sheet.freezeRows).toBe(1);
  });

  it('gives the lot its expiry as a date and its totals without the voided shipment', () => {
    expect(sheet.tables[0].rows).toEqual([['VAC-10', 'FLU-A', 46721, 46320, 100, 30, 3, 73, 'no']]);
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
    const s = recallSheet(recallAnswer(), 'VAC-10', ['FLU-A', '007'], [], NOW, false);
    expect(s.name).toBe('Recall VAC-10 2 lots');
    expect(s.lines[0].text).toBe('Recall of VAC-10 lots FLU-A, 007 · pulled 2026-11-24 08:05 UTC');
    expect(outline(s).map((o) => o.text)).toEqual([
      s.lines[0].text,
      'The lots', '[SKU | Lot | Expiry | First received | On hold | Hold reason | Hold placed by | Held since] × 2',
      'Made from these lots, to any depth: recall these too', 'Nothing was made from these lots.',
      'Who to call: customers who still hold it', '[Customer | Still held | Shipped | Returned | Orders | Last shipped | Lots they hold] × 1',
      'Still on our shelves: pull these', '[SKU | Location | Lot | Qty | On hold] × 2',
      'Serial units of these lots', 'No serial units.',
    ]);
    expect(s.tables[1].rows).toEqual([['Clinic North', 17, 20, 3, 'SO-1; SO-3', 46338, 'VAC-10 FLU-A: 17']]);
    expect(s.tables[2].rows[1]).toEqual(['VAC-10', 'WH1-A', '007', 2.5, 'no']);
    expect(recallSheet(recallAnswer(), 'VAC-10', ['FLU-A'], [], NOW, false).name).toBe('Recall VAC-10 FLU-A');
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
    expect(e.tables).toEqual([{ top: 1, columns: expect.any(Array), rows: [['SAL-500', 'S-2', 46350, 0, 'no', 'WH1-A', 3, 'no']] }]);
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

describe('a recall sheet says which lots are held', () => {
  it('marks a lot with an active hold, with its reason, who and since when; a released hold or a hold on one unit does not count', () => {
    const hold = (h: Partial<Hold>): Hold => ({ sku: 'VAC-10', lot: 'FLU-A', serial: null, reason: 'Supplier recall R-7', heldAt: '2026-11-23T10:00:00.000Z', heldBy: 'ann', releasedAt: null, releasedBy: null, releaseReason: null, ...h });
    const holds = [
      hold({}),
      hold({ lot: '007', reason: 'old', releasedAt: '2026-11-23T12:00:00.000Z', releasedBy: 'bob', releaseReason: 'cleared' }),
      hold({ lot: '007', serial: 'P-1', reason: 'one unit' }),
      hold({ sku: 'OTHER', lot: '007', reason: 'another item' }),
    ];
    const s = recallSheet(recallAnswer(), 'VAC-10', ['FLU-A', '007'], holds, NOW, false);
    expect(s.tables[0].rows).toEqual([
      ['VAC-10', 'FLU-A', 46721, 46320, 'yes', 'Supplier recall R-7', 'ann', 46349],
      ['VAC-10', '007', '', 46321, 'no', '', '', ''],
    ]);
  });
});

describe('a genealogy sheet lists the family tree, indented by depth', () => {
  const k = (sku: string, lot: string) => ({ sku, lot });
  // Two flours go into a dough; the dough and a filling go into two batches of pies; both are boxed together, the box palletised.
  const g: GenealogyAnswer = {
    nodes: [],
    edges: [
      { from: k('FLOUR', 'F1'), to: k('DOUGH', 'D1'), ref: 'WO-1', date: '2026-11-01' },
      { from: k('FLOUR', 'F2'), to: k('DOUGH', 'D1'), ref: 'WO-1', date: '2026-11-01' },
      { from: k('DOUGH', 'D1'), to: k('PIE', 'P2'), ref: 'WO-3', date: '2026-11-03' },
      { from: k('DOUGH', 'D1'), to: k('PIE', 'P1'), ref: 'WO-2', date: '2026-11-02' },
      { from: k('FILL', 'X1'), to: k('PIE', 'P1'), ref: 'WO-2', date: '2026-11-02' },
      { from: k('PIE', 'P1'), to: k('BOX', 'B1'), ref: 'WO-4', date: '2026-11-04' },
      { from: k('PIE', 'P2'), to: k('BOX', 'B1'), ref: 'WO-4', date: '2026-11-04' },
      { from: k('BOX', 'B1'), to: k('PALLET', 'PL1'), ref: 'WO-5', date: '2026-11-05' },
    ],
  };

  it('down from an input: each output under the lot it was made from, by date, with its work order', () => {
    const s = genealogySheet(g, k('FLOUR', 'F1'), 'down', NOW, false);
    expect(s.name).toBe('Genealogy down FLOUR F1');
    expect(s.lines[0].text).toBe('Genealogy of FLOUR lot F1: every lot made from it, to any depth · pulled 2026-11-24 08:05 UTC');
    expect(s.tables[0].columns.map((c) => c.header)).toEqual(['Tree', 'Depth', 'SKU', 'Lot', 'Made by work order', 'Date']);
    expect(s.tables[0].rows.map((r) => [r[0], r[1], r[4]])).toEqual([
      ['FLOUR F1', 0, ''],
      ['  DOUGH D1', 1, 'WO-1'],
      ['    PIE P1', 2, 'WO-2'],
      ['      BOX B1', 3, 'WO-4'],
      ['        PALLET PL1', 4, 'WO-5'],
      ['    PIE P2', 2, 'WO-3'],
      // The box was reached again through the second pie: written, not expanded twice.
      ['      BOX B1 (see above)', 3, 'WO-4'],
    ]);
  });

  it('up from an output: every lot that went into it', () => {
    const lines = treeLines(g, k('PIE', 'P1'), 'up');
    expect(lines.map((l) => `${l.depth} ${l.sku} ${l.lot}${l.repeated ? '*' : ''}`)).toEqual(['0 PIE P1', '1 DOUGH D1', '2 FLOUR F1', '2 FLOUR F2', '1 FILL X1']);
  });

  it('a lot never transformed is the tree alone', () => {
    expect(genealogySheet({ nodes: [{ sku: 'A', lot: '1', depth: 0 }], edges: [] }, k('A', '1'), 'up', NOW, false).tables[0].rows)
      .toEqual([['A 1', 0, 'A', '1', '', '']]);
  });

  it('a chain of 20,000 work orders is written without overflowing the stack', () => {
    const edges = Array.from({ length: 20_000 }, (_, i) => ({ from: k('A', `L${i}`), to: k('A', `L${i + 1}`), ref: `WO-${i}`, date: '2026-11-01' }));
    const lines = treeLines({ nodes: [], edges }, k('A', 'L0'), 'down');
    expect(lines).toHaveLength(20_001);
    expect(lines.at(-1)).toMatchObject({ lot: 'L20000', depth: 20_000 });
    const last = genealogySheet({ nodes: [], edges }, k('A', 'L0'), 'down', NOW, false).tables[0].rows.at(-1)!;
    expect([last[0], last[1]]).toEqual([`${'  '.repeat(MAX_INDENT)}A L20000`, 20_000]);
  });
});

describe('transformations on the trace and recall sheets, and the warranty line', () => {
  const linked = (sku: string, lot: string, qty: number, ref: string): LinkedLot => ({ sku, lot, serial: null, qty, ref, date: '2026-11-20' });

  it('a lot made by a work order shows what it was made from, what was made from it, and that it is on hold', () => {
    const t = lotTrace();
    t.lot.held = true;
    t.receipts = [];
    t.movements = [movement({ type: 'produce', date: '2026-11-20', qty: 8, to: 'WH1-B', ref: 'WO-7' }), movement({ type: 'consume', date: '2026-11-21', qty: 2, from: 'WH1-B', ref: 'WO-8' })];
    t.madeFrom = [linked('FLOUR', 'F1', 10, 'WO-7'), linked('SALT', '007', 0.5, 'WO-7')];
    t.usedIn = [linked('PIE', 'P1', 40, 'WO-8')];
    const s = lotTraceSheet(t, NOW, false);
    const texts = outline(s).map((o) => o.text);
    expect(texts.slice(1, 7)).toEqual([
      'The lot', '[SKU | Lot | Expiry | First received | Received | Produced | Shipped | Consumed | Returned | On hand | On hold] × 1',
      'Where it came from', 'Not received from a supplier: made here (see Made from).',
      'Made from', '[SKU | Lot | Serial | Qty consumed | Work order | Date] × 2',
    ]);
    expect(texts.indexOf('Used in')).toBe(texts.indexOf('Where it went') + 2);
    expect(s.tables[0].rows[0].slice(4)).toEqual([0, 8, 30, 2, 3, 73, 'yes']);
    expect(s.tables[1].rows).toEqual([['FLOUR', 'F1', '', 10, 'WO-7', 46346], ['SALT', '007', '', 0.5, 'WO-7', 46346]]);
    expect(s.tables[3].rows).toEqual([['PIE', 'P1', '', 40, 'WO-8', 46346]]);
  });

  it('a lot never transformed says so in both parts, and its lot part has no Produced or Consumed', () => {
    const t = { ...lotTrace(), madeFrom: [], usedIn: [] };
    const s = lotTraceSheet(t, NOW, false);
    expect(s.lines.map((l) => l.text)).toEqual(expect.arrayContaining(['Not made from other lots.', 'Nothing was made from it.']));
    expect(s.tables[0].columns.map((c) => c.header)).not.toContain('Produced');
  });

  it('a recall lists the lots made from the recalled ones, who holds what of each, and what is held', () => {
    const r: RecallAnswer = {
      ...recallAnswer(),
      derived: [{ sku: 'KIT-1', lot: 'K1', depth: 1, via: 'WO-7' }, { sku: 'BOX-1', lot: 'B1', depth: 2, via: 'WO-9' }],
      customers: [
        { party: 'Clinic North', shipped: 25, returned: 3, qty: 22, refs: ['SO-1', 'SO-8'], lastShipped: '2026-11-22', lots: [{ sku: 'VAC-10', lot: 'FLU-A', qty: 17 }, { sku: 'KIT-1', lot: 'K1', qty: 5 }, { sku: 'BOX-1', lot: 'B1', qty: 0 }] },
      ],
      onHand: [{ sku: 'KIT-1', location: 'WH1-B', lot: 'K1', qty: 3, held: true }],
      units: [],
    };
    const holds: Hold[] = [{ sku: 'KIT-1', lot: 'K1', serial: null, reason: 'R-7', heldAt: '2026-11-23T10:00:00.000Z', heldBy: 'ann', releasedAt: null, releasedBy: null, releaseReason: null }];
    const s = recallSheet(r, 'VAC-10', ['FLU-A'], holds, NOW, false);
    const texts = outline(s).map((o) => o.text);
    expect(texts.slice(3, 9)).toEqual([
      'Made from these lots, to any depth: recall these too', '[SKU | Lot | Depth | Made by work order | On hold] × 2',
      'Who to call: customers who still hold them or what was made from them', '[Customer | Still held | Shipped | Returned | Orders | Last shipped | Lots they hold] × 1',
      'Still on our shelves: pull these', '[SKU | Location | Lot | Qty | On hold] × 1',
    ]);
    expect(s.tables[1].rows).toEqual([['KIT-1', 'K1', 1, 'WO-7', 'yes'], ['BOX-1', 'B1', 2, 'WO-9', 'no']]);
    expect(s.tables[2].rows[0].at(-1)).toBe('VAC-10 FLU-A: 17; KIT-1 K1: 5');
    expect(s.tables[3].rows).toEqual([['KIT-1', 'WH1-B', 'K1', 3, 'yes']]);
  });

  it('a serial history gives the warranty: until when, active or expired, or that there is none', () => {
    const unit = { sku: 'PUMP-3', serial: 'P-001', lot: null, state: 'shipped' as const, location: null, party: 'Clinic North' };
    const warranty = (w: Warranty | null) => serialHistorySheet({ unit, movements: [], warranty: w }, NOW, false);
    const active = warranty({ shippedOn: '2026-11-09', until: '2027-11-09', active: true });
    expect(outline(active).map((o) => o.text).slice(3, 5)).toEqual(['Warranty', '[Shipped on | Until | Status] × 1']);
    expect(active.tables[1].rows).toEqual([[46335, 46700, 'active']]);
    expect(warranty({ shippedOn: '2025-01-09', until: '2026-01-09', active: false }).tables[1].rows[0][2]).toBe('expired');
    expect(warranty(null).lines.map((l) => l.text)).toContain('No warranty: the item has none, or the unit was never shipped to a customer.');
  });
});
