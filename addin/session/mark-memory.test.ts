import { describe, expect, it } from 'vitest';
import { ApiRequestError, NetworkError, type ApiClient } from '../api/client';
import { previewPort } from '../workbook/preview/port';
import { PreviewWorkbook } from '../workbook/preview/workbook';
import { MARKS_SETTING } from './mark-memory';
import { notices } from './notices';
import { SheetSession } from './session';

const api = {
  items: async () => [{ sku: 'VAC-10', name: 'Vaccine', unit: 'box', lotTracked: true, serialTracked: false, requiresExpiry: false }],
  locations: async () => [{ code: 'COLD-1', name: 'Cold room' }],
  dryRun: async () => ({ ok: true, problems: [] }),
  batches: async () => ({ batches: [] }),
} as unknown as ApiClient;

const ITEMS = [['SKU', 'Name', 'Unit', 'Lot tracked'], ['TAPE-5', 'Tape', 'roll', 'perhaps']];
const MOVES = [['PO #', 'Item code', 'Lot #', 'Qty', 'Location'], ['PO-1', 'VAC-10', 'L1', 5, 'COLD-1']];
const session = (wb: PreviewWorkbook) => new SheetSession(previewPort(wb), () => api, { defaultType: () => 'receive', today: () => '2026-11-24' });

describe('marks an earlier check left', () => {
  it('are taken away when the sheet is checked as another kind, by a pane opened afresh', async () => {
    const wb = new PreviewWorkbook();
    wb.setValues('Sheet1', 0, 0, ITEMS, { byUser: false });
    wb.select({ sheet: 'Sheet1', top: 1, left: 0, rows: 1, cols: 1 });
    const first = session(wb);
    await first.check('items');
    expect(wb.cell('Sheet1', 1, 3)?.note).toBeTruthy();
    expect(wb.settings.get(MARKS_SETTING)).toBe('{"Sheet1":"1,3"}');
    first.dispose();

    // The pane is opened again (or the page reloaded); the sheet is reused for a receiving table.
    wb.setValues('Sheet1', 0, 0, MOVES, { byUser: false });
    const second = session(wb);
    await second.check('movements');
    expect(wb.cell('Sheet1', 1, 3)?.fill).toBeUndefined();
    expect(wb.cell('Sheet1', 1, 3)?.note).toBeUndefined();
    expect(second.state.problems).toEqual([]);
    expect(wb.settings.get(MARKS_SETTING)).toBe('{}');
    second.dispose();
  });

  it('on another sheet stay theirs: only the sheet checked is cleared', async () => {
    const wb = new PreviewWorkbook('B.xlsx', ['Sheet1', 'Sheet2']);
    wb.setValues('Sheet1', 0, 0, ITEMS, { byUser: false });
    wb.setValues('Sheet2', 0, 0, MOVES, { byUser: false });
    wb.select({ sheet: 'Sheet1', top: 1, left: 0, rows: 1, cols: 1 });
    await session(wb).check('items');
    wb.select({ sheet: 'Sheet2', top: 1, left: 0, rows: 1, cols: 1 });
    await session(wb).check('movements');
    expect(wb.cell('Sheet1', 1, 3)?.fill).toBe('#FFC7CE');
  });
});

describe('a lost connection is told with what to do', () => {
  it('no answer: check the server and the network; a refused token: connect again', () => {
    expect(notices.failed(new NetworkError('Could not reach the LotLedger server.'), 'Checking stopped')).toMatchObject({ lost: 'network', text: expect.stringContaining('Check that the server is running') });
    expect(notices.failed(new ApiRequestError(401, 'unauthorized', 'The token is not valid.', [], true), 'Checking stopped')).toMatchObject({ lost: 'token', text: expect.stringContaining('connect with a valid token') });
    expect(notices.failed(new ApiRequestError(403, 'forbidden', 'Clerks only.', [], true), 'x').lost).toBeUndefined();
  });

  it('a check that cannot reach the server leaves a notice saying the last counts are not current', async () => {
    const wb = new PreviewWorkbook();
    wb.setValues('Sheet1', 0, 0, MOVES, { byUser: false });
    wb.select({ sheet: 'Sheet1', top: 1, left: 0, rows: 1, cols: 1 });
    let down = false;
    const flaky = { ...api, items: async () => { if (down) throw new NetworkError('Could not reach the LotLedger server.'); return api.items(); } } as unknown as ApiClient;
    const s = new SheetSession(previewPort(wb), () => flaky, { defaultType: () => 'receive', today: () => '2026-11-24' });
    await s.check('movements');
    expect(s.state.notice?.lost).toBeUndefined();
    down = true;
    await s.check('movements');
    expect(s.state.notice).toMatchObject({ intent: 'error', lost: 'network' });
  });
});
