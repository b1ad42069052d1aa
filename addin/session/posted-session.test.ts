import { describe, expect, it } from 'vitest';
import { checkItemRows, checkLocationRows } from '../../shared/master';
import type { BatchRequest, BatchSummary } from '../../shared/api-types';
import type { Problem } from '../../shared/problems';
import type { ApiClient } from '../api/client';
import type { CellValue } from '../workbook/port';
import { FakeExcel } from '../workbook/fake-excel';
import { officePort } from '../workbook/office';
import { previewPort } from '../workbook/preview/port';
import { PreviewWorkbook } from '../workbook/preview/workbook';
import { POSTED_SETTING } from './posted';
import { SheetSession } from './session';

const { items } = checkItemRows([{ sku: 'VAC-10', name: 'Vaccine', unit: 'EA', lotTracked: 'yes', serialTracked: 'no', requiresExpiry: 'no' }]);
const { locations } = checkLocationRows([{ code: 'COLD-1', name: 'Cold room' }]);
const OLD: BatchSummary = { batchId: 'B-OLD', postedAt: '2026-12-01T09:00:00Z', postedBy: 'desk', rows: 2, source: null, voidedBy: null, voids: null, reason: null };

/** A ledger stub: rows of PO-OLD repeat batch B-OLD unless confirmed; posts get B-1, B-2, … */
function ledger() {
  const posts: BatchRequest[] = [];
  const list: BatchSummary[] = [OLD];
  const api = {
    items: async () => items,
    locations: async () => locations,
    batches: async () => ({ batches: list }),
    dryRun: async (body: BatchRequest) => ({ ok: true, problems: repeats(body) }),
    postBatch: async (body: BatchRequest) => {
      posts.push(body);
      const batchId = `B-${posts.length}`;
      list.unshift({ ...OLD, batchId, rows: body.rows.length });
      return { batchId, posted: body.rows.length, warnings: [] };
    },
  } as unknown as ApiClient;
  return { api, posts, list };
}
const repeats = (body: BatchRequest): Problem[] => body.rows.flatMap((r, row) => (r.ref === 'PO-OLD'
  ? [{ row, field: 'ref', code: 'possible_duplicate' as const, severity: body.duplicatesConfirmed ? 'warning' as const : 'error' as const, message: 'repeats', batchId: 'B-OLD' }]
  : []));

const HEADER = ['PO #', 'Item code', 'Lot #', 'Qty', 'Location'];
const rows = (ref: string, lots: string[]): CellValue[][] => lots.map((l) => [ref, 'VAC-10', l, 5, 'COLD-1']);

function open(wb: PreviewWorkbook, api: ApiClient, sheet = 'Sheet1') {
  wb.select({ sheet, top: 1, left: 0, rows: 1, cols: 1 });
  return new SheetSession(previewPort(wb), () => api, { defaultType: () => 'receive', today: () => '2026-12-05', who: () => 'desk' });
}
const status = (wb: PreviewWorkbook, sheet: string, n: number) => Array.from({ length: n }, (_, i) => wb.text(sheet, i + 1, 5));

describe('rows a workbook posted stay posted', () => {
  it('a re-check marks them posted, counts them apart and offers only the new rows; a copy on another sheet is recognised', async () => {
    const { api, posts } = ledger();
    const wb = new PreviewWorkbook();
    wb.setValues('Sheet1', 0, 0, [HEADER, ...rows('PO-1', ['A', 'B', 'C'])], { byUser: true });
    let session = open(wb, api);
    await session.check();
    await session.post();
    expect(posts[0].rows).toHaveLength(3);
    expect(JSON.parse(wb.settings.get(POSTED_SETTING)!).batches[0]).toMatchObject({ batchId: 'B-1', sheet: 'Sheet1', range: 'A1:E4', rows: 3, voidedBy: null });

    await session.check();
    expect(session.state).toMatchObject({ postedEarlier: 3, toPost: 0, errors: 0 });
    expect(session.canPost).toBe(false);
    expect(status(wb, 'Sheet1', 3)).toEqual(['Posted B-1', 'Posted B-1', 'Posted B-1']);
    expect(session.state.notice?.title).toBe('Nothing to post');

    // the same rows and one more, on another sheet; a new pane session (the workbook opened again)
    wb.addSheet('Copy');
    wb.setValues('Copy', 0, 0, [HEADER, ...rows('PO-1', ['A', 'B', 'D', 'C'])], { byUser: true });
    session = open(wb, api, 'Copy');
    await session.check();
    expect(session.state).toMatchObject({ postedEarlier: 3, toPost: 1 });
    expect(status(wb, 'Copy', 4)).toEqual(['Posted B-1', 'Posted B-1', 'OK', 'Posted B-1']);
    await session.post();
    expect(posts[1].rows.map((r) => r.lot)).toEqual(['D']);
    expect(status(wb, 'Copy', 4)).toEqual(['Posted B-1', 'Posted B-1', 'Posted B-2', 'Posted B-1']);
  });

  it('rows of a batch the ledger lists as voided are postable again and say which batch voided them', async () => {
    const { api, list } = ledger();
    const wb = new PreviewWorkbook();
    wb.setValues('Sheet1', 0, 0, [HEADER, ...rows('PO-1', ['A', 'B'])], { byUser: true });
    const session = open(wb, api);
    await session.check();
    await session.post();
    list[0] = { ...list[0], voidedBy: 'B-9' };
    await session.check();
    expect(session.state).toMatchObject({ postedEarlier: 0, toPost: 2 });
    expect(status(wb, 'Sheet1', 2)).toEqual(['Voided by B-9. OK', 'Voided by B-9. OK']);
    expect(session.canPost).toBe(true);
  });
});

describe('the memory in an Excel workbook', () => {
  it('is kept in the workbook\'s settings through Office.js: the pane opened again recognises the rows', async () => {
    const { api, posts } = ledger();
    const excel = new FakeExcel();
    excel.seed('Sheet1', 'A1', [HEADER, ...rows('PO-1', ['A', 'B'])]);
    excel.selectRange('Sheet1', 'B2');
    const options = { defaultType: () => 'receive' as const, today: () => '2026-12-05' };
    const first = new SheetSession(officePort(excel.host()), () => api, options);
    await first.check();
    await first.post();
    first.dispose();
    expect(posts).toHaveLength(1);
    const again = new SheetSession(officePort(excel.host()), () => api, options);
    await again.check();
    expect(again.state).toMatchObject({ postedEarlier: 2, toPost: 0 });
    expect(excel.book.text('Sheet1', 1, 5)).toBe('Posted B-1');
  });
});

describe('rows that repeat an earlier batch', () => {
  const sheet = () => [HEADER, ...rows('PO-OLD', ['A', 'B']), ...rows('PO-2', ['C'])];

  it('close Post until the clerk chooses; Skip leaves them out and says so in Status', async () => {
    const { api, posts } = ledger();
    const wb = new PreviewWorkbook();
    wb.setValues('Sheet1', 0, 0, sheet(), { byUser: true });
    const session = open(wb, api);
    await session.check();
    expect(session.state.duplicates).toEqual([{ batchId: 'B-OLD', postedAt: OLD.postedAt, postedBy: 'desk', rows: 2 }]);
    expect(session.canPost).toBe(false);
    await session.skipDuplicates();
    expect(session.state).toMatchObject({ duplicates: [], toPost: 1, errors: 0 });
    expect(status(wb, 'Sheet1', 3)).toEqual(['Skipped: repeats batch B-OLD', 'Skipped: repeats batch B-OLD', 'OK']);
    await session.post();
    expect(posts.map((p) => [p.rows.map((r) => r.lot), p.duplicatesConfirmed])).toEqual([[['C'], undefined]]);
  });

  it('Post anyway posts them all with duplicatesConfirmed, the repeats then warnings', async () => {
    const { api, posts } = ledger();
    const wb = new PreviewWorkbook();
    wb.setValues('Sheet1', 0, 0, sheet(), { byUser: true });
    const session = open(wb, api);
    await session.check();
    await session.confirmDuplicates();
    expect(session.state).toMatchObject({ duplicates: [], toPost: 3, errors: 0, warnings: 2 });
    expect(session.canPost).toBe(true);
    await session.post();
    expect(posts.map((p) => [p.rows.length, p.duplicatesConfirmed])).toEqual([[3, true]]);
  });
});
