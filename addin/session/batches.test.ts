import { describe, expect, it } from 'vitest';
import type { BatchSummary } from '../../shared/api-types';
import { ApiRequestError, type ApiClient } from '../api/client';
import { previewPort } from '../workbook/preview/port';
import { PreviewWorkbook } from '../workbook/preview/workbook';
import { BatchesView } from './batches';
import { POSTED_SETTING, PostedRows } from './posted';

const summary = (batchId: string, extra: Partial<BatchSummary> = {}): BatchSummary => ({
  batchId, postedAt: '2026-12-01T09:00:00Z', postedBy: 'desk', rows: 3, source: { workbook: 'Other.xlsx', sheet: 'S', range: 'A1:F4' },
  voidedBy: null, voids: null, reason: null, ...extra,
});

function setup(api: Partial<ApiClient>) {
  const wb = new PreviewWorkbook('Book.xlsx', ['Sheet1', 'Receiving']);
  wb.settings.set(POSTED_SETTING, JSON.stringify({ batches: [
    { batchId: 'B-MINE', postedAt: '2026-12-01T08:00:00Z', postedBy: 'desk', sheet: 'Receiving', range: 'B3:G8', rows: 5, keys: 'a b c d e', voidedBy: null },
  ] }));
  const port = previewPort(wb);
  const view = new BatchesView(port, () => api as ApiClient, new PostedRows(port), () => new Date('2026-12-05T12:00:00Z'));
  return { wb, view };
}

describe('the Batches section', () => {
  it('lists this workbook\'s posts apart from the workspace\'s latest, reversals left out, and goes to a batch\'s rows', async () => {
    const { wb, view } = setup({
      batches: async () => ({ batches: [summary('B-VOID', { voids: 'B-OTHER', reason: 'twice' }), summary('B-OTHER', { voidedBy: 'B-VOID' }), summary('B-MINE')] }),
    });
    await view.refresh();
    expect(view.state.mine.map((b) => [b.batchId, b.sheet, b.range, b.here])).toEqual([['B-MINE', 'Receiving', 'B3:G8', true]]);
    expect(view.state.latest.map((b) => [b.batchId, b.voidedBy, b.here])).toEqual([['B-OTHER', 'B-VOID', false]]);
    await view.goTo(view.state.mine[0]);
    // the rows below the header
    expect(wb.selection).toEqual({ sheet: 'Receiving', top: 3, left: 1, rows: 5, cols: 6 });
  });

  it('voids with a reason and remembers the batch as voided; a refusal says what depends on it', async () => {
    const voids: [string, string][] = [];
    let voided = false;
    const { wb, view } = setup({
      batches: async () => ({ batches: [summary('B-MINE', { voidedBy: voided ? 'B-REV' : null })] }),
      voidBatch: async (id: string, reason: string) => {
        voids.push([id, reason]);
        if (id === 'B-STUCK') throw new ApiRequestError(409, 'void_blocked', 'Serial SN-1 of PUMP-3 has moved on since this batch (it is at WH1-B); void the later batch first.');
        voided = true;
        return { batchId: 'B-REV' };
      },
    });
    expect(await view.void('B-MINE', '  ')).toBe(false);
    expect(view.state.notice?.title).toBe('A reason is needed');
    expect(await view.void('B-MINE', ' posted twice ')).toBe(true);
    expect(voids).toEqual([['B-MINE', 'posted twice']]);
    expect(view.state.mine[0].voidedBy).toBe('B-REV');
    expect(JSON.parse(wb.settings.get(POSTED_SETTING)!).batches[0].voidedBy).toBe('B-REV');
    expect(await view.void('B-STUCK', 'wrong')).toBe(false);
    expect(view.state.notice).toMatchObject({ intent: 'error', title: 'Batch B-STUCK cannot be voided' });
    expect(view.state.notice!.text).toBe('Later movements depend on it: Serial SN-1 of PUMP-3 has moved on since this batch (it is at WH1-B); void the later batch first.');
  });
});
