import { describe, expect, it } from 'vitest';
import { checkItemRows, checkLocationRows } from '../../shared/master';
import type { BatchBody } from '../../shared/api-types';
import type { ApiClient } from '../api/client';
import { FakeExcel } from '../workbook/fake-excel';
import { officePort } from '../workbook/office';
import { MARK_FILL, type CellValue } from '../workbook/port';
import { PAYLOAD_LIMIT_BYTES } from '../workbook/chunks';
import { SheetSession, type SessionState } from './session';

const { items } = checkItemRows([
  { sku: 'VAC-10', name: 'Vaccine', unit: 'box', lotTracked: 'yes', serialTracked: 'no', requiresExpiry: 'yes' },
  { sku: 'PUMP-3', name: 'Pump', unit: 'each', lotTracked: 'no', serialTracked: 'yes', requiresExpiry: 'no' },
]);
const { locations } = checkLocationRows([{ code: 'COLD-1' }, { code: 'WH1-B' }]);

describe('the pane in Excel, through the Office.js adapter over a fake Excel', () => {
  it('checks 20,000 rows through the Office.js adapter in chunks, with progress, marking only the bad cells', async () => {
    const excel = new FakeExcel();
    const n = 20_000;
    const rows: CellValue[][] = [['PO #', 'Item code', 'Lot #', 'Exp. date', 'Qty', 'Serial No.', 'Location']];
    for (let i = 0; i < n; i++) {
      rows.push(i % 2 === 0
        ? [`PO-${i}`, 'VAC-10', `L${i % 50}`, 47000, 10, '', 'COLD-1']
        : [`PO-${i}`, 'PUMP-3', '', '', 1, `SN-${String(i).padStart(6, '0')}`, 'WH1-B']);
    }
    rows[101][6] = 'WH9'; // one unknown location
    rows[5000][5] = 1.2345678901234567e18; // a serial Excel turned into a number
    excel.seed('Sheet1', 'A1', rows);
    for (let i = 1; i <= n; i++) excel.book.setFormat('Sheet1', i, 3, 'yyyy-mm-dd');
    excel.selectRange('Sheet1', 'B2');

    const posted: BatchBody[] = [];
    const api = {
      items: async () => items,
      locations: async () => locations,
    batches: async () => ({ batches: [] }),
      dryRun: async (body: BatchBody) => { posted.push(body); return { ok: true, problems: [] }; },
    } as unknown as ApiClient;
    const session = new SheetSession(officePort(excel.host()), () => api, { defaultType: () => 'receive', today: () => '2026-11-24' });
    const seen: SessionState['progress'][] = [];
    session.subscribe((s) => { if (s.progress) seen.push(s.progress); });

    const started = performance.now();
    await session.check();
    const ms = performance.now() - started;

    expect(session.state).toMatchObject({ rows: n, errors: 2, serverChecked: true });
    expect(excel.book.cell('Sheet1', 101, 6)?.fill).toBe(MARK_FILL.error);
    expect(excel.book.cell('Sheet1', 5000, 5)?.fill).toBe(MARK_FILL.error);
    expect(excel.book.cell('Sheet1', 5000, 5)?.note).toContain('Text');
    expect(excel.book.text('Sheet1', 0, 7)).toBe('Status');
    expect(excel.book.text('Sheet1', 2, 7)).toBe('OK');
    expect(posted[0].rows[1]).toMatchObject({ serial: 'SN-000001', sku: 'PUMP-3', expiry: null });
    expect(posted[0].rows[0]).toMatchObject({ expiry: '2028-09-04', qty: 10 });
    const reading = seen.filter((p) => p!.label === 'Reading the sheet');
    expect(reading.length).toBeGreaterThan(1);
    expect(reading.at(-1)).toMatchObject({ done: n + 1, total: n + 1 });
    expect(excel.maxRequestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
    expect(excel.maxResponseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
    expect(excel.events).toEqual([]);
    console.log(`checked ${n} rows through the fake Excel in ${Math.round(ms)} ms, ${excel.syncs.length} syncs`);
  }, 60_000);

  it('rows inserted in Excel after a check turn Post off until the sheet is checked again', async () => {
    const excel = new FakeExcel();
    excel.seed('Sheet1', 'A1', [['PO #', 'Item code', 'Lot #', 'Exp. date', 'Qty', 'Location'], ['PO-1', 'VAC-10', 'L1', '2027-10-31', 5, 'COLD-1']]);
    excel.selectRange('Sheet1', 'A1');
    const api = { items: async () => items, locations: async () => locations, batches: async () => ({ batches: [] }), dryRun: async () => ({ ok: true, problems: [] }) } as unknown as ApiClient;
    const session = new SheetSession(officePort(excel.host()), () => api, { defaultType: () => 'receive', today: () => '2026-11-24' });
    await new Promise((r) => setTimeout(r, 0)); // the change handler is registered in its own batch
    await session.check();
    expect(session.canPost).toBe(true);
    await excel.userInsertRows('Sheet1', 0, 2);
    await session.idle();
    expect(session.canPost).toBe(false);
    expect(session.state.notice?.title).toBe('The table has moved');
    excel.selectRange('Sheet1', 'A3');
    await session.check();
    expect(session.canPost).toBe(true);
    expect(excel.book.text('Sheet1', 2, 6)).toBe('Status');
  });
});
