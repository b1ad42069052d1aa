import { describe, expect, it } from 'vitest';
import { PAYLOAD_LIMIT_BYTES } from '../workbook/chunks';
import { FakeExcel } from '../workbook/fake-excel';
import { officePort } from '../workbook/office';
import type { ReportSheet } from '../workbook/port';
import { previewPort } from '../workbook/preview/port';
import { TABLE_HEADER_FILL } from '../workbook/preview/report';
import { PreviewWorkbook } from '../workbook/preview/workbook';
import { HOSTILE, lotTrace } from './fixtures';
import { lotTraceSheet } from './lot-trace';
import { onHandSheet } from './stock';

const NOW = new Date('2026-11-24T08:05:30Z');

/** A report whose cells carry no apostrophe: only the Text format set before the values keeps them text. */
const bare: ReportSheet = {
  name: 'Bare',
  lines: [{ row: 0, text: 'Bare report', style: 'title' }],
  tables: [{ top: 1, columns: [{ header: 'Lot', kind: 'id' }, { header: 'Customer', kind: 'text' }, { header: 'Qty', kind: 'number' }], rows: [['=1+1', '@SUM(A1)', 5]] }],
  freezeRows: 2,
};

describe('a report sheet written through the Office.js adapter (fake Excel)', () => {
  it('writes a lot trace with hostile text as text, identifiers as Text, dates as dates and numbers as numbers', async () => {
    const excel = new FakeExcel({ sheets: ['Sheet1', 'Trace VAC-10 FLU-A'] });
    const name = await officePort(excel.host()).addReportSheet(lotTraceSheet(lotTrace(), NOW, false));
    expect(name).toBe('Trace VAC-10 FLU-A (2)');
    const cell = (r: number, c: number) => excel.book.cell(name, r, c);
    expect(cell(0, 0)?.value).toBe('Lot trace of VAC-10 lot FLU-A · pulled 2026-11-24 08:05 UTC');
    // The lot: expiry a real date under a date format, totals numbers
    expect([cell(4, 2)?.value, excel.book.formatOf(name, 4, 2), excel.book.text(name, 4, 2)]).toEqual([46721, 'yyyy-mm-dd', '2027-11-30']);
    expect(cell(4, 7)?.value).toBe(73);
    // Where it came from: the PO keeps its leading zeros in a Text cell
    expect([cell(8, 2)?.value, excel.book.formatOf(name, 8, 2)]).toEqual(['000123', '@']);
    // Where it went: the hostile customer, order and note are text, not formulas
    expect(cell(13, 1)).toMatchObject({ value: HOSTILE.party });
    expect(cell(13, 2)).toMatchObject({ value: '+1' });
    expect(cell(13, 5)).toMatchObject({ value: '-2' });
    for (const s of excel.book.sheet(name).cells.values()) expect(s.formula).toBeUndefined();
    expect(excel.tables.filter((t) => t.sheet === name).map((t) => t.address)).toEqual(['A4:H5', 'A8:G9', 'A12:G14', 'A17:F18', 'A21:F23', 'A26:B28', 'A31:Q37']);
    expect(excel.tables.every((t) => t.hasHeaders && t.style === 'TableStyleMedium2')).toBe(true);
    expect(excel.frozenRows.get(name)).toBe(1);
    expect(excel.book.selection).toMatchObject({ sheet: name, top: 0, left: 0 });
    expect(excel.events).toEqual([]);
  });

  it('sets the Text format before the values, so even unmarked =… text stays text', async () => {
    const excel = new FakeExcel();
    const name = await officePort(excel.host()).addReportSheet(bare);
    expect(excel.book.cell(name, 2, 0)?.value).toBe('=1+1');
    expect(excel.book.cell(name, 2, 1)?.value).toBe('@SUM(A1)');
    for (const c of excel.book.sheet(name).cells.values()) expect(c.formula).toBeUndefined();
    expect(excel.book.cell(name, 2, 2)?.value).toBe(5);
    expect(excel.frozenRows.get(name)).toBe(2);
  });

  it('writes a 100,000-row report in chunks under 5 MB each, with progress, and the sheet is a table with its header frozen at the end', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ sku: 'VAC-10', lot: `FLU26${String(i).padStart(6, '0')}`, serial: null, location: `COLD-${i % 9}`, qty: 1 + (i % 40), held: false }));
    const excel = new FakeExcel();
    const progress: [number, number][] = [];
    const started = performance.now();
    const name = await officePort(excel.host()).addReportSheet(onHandSheet({ asOf: '2026-11-24', rows }, {}, NOW, false), (d, t) => progress.push([d, t]));
    const ms = performance.now() - started;
    expect(excel.maxRequestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every(([, t]) => t === 100_000)).toBe(true);
    expect(progress.map(([d]) => d)).toEqual([...progress.map(([d]) => d)].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual([100_000, 100_000]);
    expect(excel.book.cell(name, 100_001, 1)?.value).toBe('FLU26099999');
    expect(excel.book.text(name, 100_001, 4)).toBe('40');
    expect(excel.tables).toEqual([{ sheet: name, address: 'A2:E100002', hasHeaders: true, style: 'TableStyleMedium2' }]);
    expect(excel.frozenRows.get(name)).toBe(2);
    expect(excel.events).toEqual([]);
    expect(excel.eventsEnabled).toBe(true);
    console.info(`100,000-row report: ${excel.syncs.length} syncs, largest request ${(excel.maxRequestBytes / 2 ** 20).toFixed(2)} MiB, ${Math.round(ms)} ms against the fake`);
  }, 60_000);
});

describe('a report sheet in the preview workbook', () => {
  it('lands as a new sheet with Text identifiers, hostile text as text, its tables and frozen rows', async () => {
    const wb = new PreviewWorkbook();
    const port = previewPort(wb);
    const name = await port.addReportSheet(lotTraceSheet(lotTrace(), NOW, false));
    expect(wb.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Trace VAC-10 FLU-A']);
    expect(wb.cell(name, 13, 1)?.value).toBe(HOSTILE.party);
    for (const c of wb.sheet(name).cells.values()) expect(c.formula).toBeUndefined();
    expect(wb.text(name, 8, 2)).toBe('000123');
    expect(wb.text(name, 4, 2)).toBe('2027-11-30');
    expect(wb.sheet(name).tables?.map((t) => t.address)).toEqual(['A4:H5', 'A8:G9', 'A12:G14', 'A17:F18', 'A21:F23', 'A26:B28', 'A31:Q37']);
    expect(wb.sheet(name).frozenRows).toBe(1);
    expect(wb.cell(name, 3, 0)?.fill).toBe(TABLE_HEADER_FILL);
    expect(wb.selection.sheet).toBe(name);
    const again = await port.addReportSheet(bare);
    expect(wb.cell(again, 2, 0)?.value).toBe('=1+1');
    expect(wb.cell(again, 2, 0)?.formula).toBeUndefined();
  });
});
