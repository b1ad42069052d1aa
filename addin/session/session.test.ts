import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkItemRows, checkLocationRows } from '../../shared/master';
import type { Problem } from '../../shared/problems';
import type { CellValue } from '../workbook/port';
import { MARK_FILL } from '../workbook/port';
import type { BatchBody } from '../../shared/api-types';
import { ApiRequestError, NetworkError, type ApiClient } from '../api/client';
import { previewPort } from '../workbook/preview/port';
import { PreviewWorkbook } from '../workbook/preview/workbook';
import { MAPPING_SETTING } from './read-sheet';
import { SheetSession } from './session';

const samples = path.resolve(import.meta.dirname, '../../test/fixtures/samples');
const csv = (name: string): string[][] => readFileSync(path.join(samples, name), 'utf8').trim().split(/\r?\n/).map((l) => l.split(','));
const pasted = (rows: string[][]): CellValue[][] => rows.map((r) => r.map((c) => (/^-?\d+(\.\d+)?$/.test(c) && !/^0\d/.test(c) ? Number(c) : c)));

const { items } = checkItemRows(csv('items.csv').slice(1).map(([sku, name, unit, lotTracked, serialTracked, requiresExpiry, gtin]) => ({ sku, name, unit, lotTracked, serialTracked, requiresExpiry, gtin })));
const { locations } = checkLocationRows(csv('locations.csv').slice(1).map(([code, name]) => ({ code, name })));

/** An API stub with the sample master data; records posts and can fail the first one (on the network, by default). */
function stubApi(opts: { dryRunProblems?: Problem[]; dropFirstPost?: boolean; firstPostFails?: () => Error } = {}) {
  const posts: { body: BatchBody; key: string }[] = [];
  const saved: unknown[] = [];
  let dropped = false;
  const api = {
    items: async () => items,
    locations: async () => locations,
    batches: async () => ({ batches: [] }),
    dryRun: async () => ({ ok: true, problems: opts.dryRunProblems ?? [] }),
    postBatch: async (body: BatchBody, key: string) => {
      posts.push({ body, key });
      if (opts.dropFirstPost && !dropped) {
        dropped = true;
        throw opts.firstPostFails?.() ?? new NetworkError('Could not reach the LotLedger server (connection reset).');
      }
      return { batchId: 'B-TEST1', posted: body.rows.length, warnings: [] };
    },
    postItems: async (list: unknown[]) => { saved.push(...list); return { upserted: list.length }; },
    postLocations: async (list: unknown[]) => { saved.push(...list); return { upserted: list.length }; },
  } as unknown as ApiClient;
  return { api, posts, saved };
}

function setup(values: CellValue[][], api: ApiClient) {
  const wb = new PreviewWorkbook();
  wb.setValues('Sheet1', 0, 0, values, { byUser: true });
  wb.select({ sheet: 'Sheet1', top: 1, left: 1, rows: 1, cols: 1 });
  let n = 0;
  const session = new SheetSession(previewPort(wb), () => api, { defaultType: () => 'receive', today: () => '2026-11-24', newKey: () => `key-${++n}` });
  const fill = (a: [number, number]) => wb.cell('Sheet1', ...a)?.fill ?? null;
  const edit = async (r: number, c: number, v: CellValue) => {
    wb.setValues('Sheet1', r, c, [[v]], { byUser: true });
    await session.idle();
  };
  return { wb, session, fill, edit };
}

const CLEAN: CellValue[][] = [['PO #', 'Item code', 'Lot #', 'Exp. date', 'Qty', 'Location', 'Note'], ['PO-1', 'VAC-10', 'L1', '2027-10-31', 5, 'COLD-1', 'first pallet'], ['PO-1', 'GLV-M', '', '', 3, 'WH1-A', '']];

describe('checking and posting a sheet', () => {
  it('marks the bad cells of the messy sample, writes Status beside the table, and leaves the Note column alone', async () => {
    const sheet = pasted(csv('receiving-messy.csv'));
    const { wb, session, fill } = setup(sheet, stubApi().api);
    await session.check();
    // the stub ledger finds nothing: the two ledger-only mistakes (same lot, same serial) are the e2e test's
    expect(session.state).toMatchObject({ errors: 9, warnings: 0, rows: 13, serverChecked: true });
    expect(fill([2, 2])).toBe(MARK_FILL.error);
    expect(fill([1, 2])).toBeNull();
    expect(wb.text('Sheet1', 0, 8)).toBe('Status');
    expect(wb.text('Sheet1', 1, 8)).toBe('OK');
    for (let r = 0; r < sheet.length; r++) {
      expect(wb.text('Sheet1', r, 7)).toBe(sheet[r][7]);
      expect(fill([r, 7])).toBeNull();
    }
    expect(session.state.problems[0]).toMatchObject({ address: 'C3', severity: 'error' });
    expect(session.canPost).toBe(false);
  });

  it('re-checks an edited row at once and clears its mark when the cell is right', async () => {
    const { session, fill, edit, wb } = setup(pasted(csv('receiving-messy.csv')), stubApi().api);
    await session.check();
    await edit(11, 6, 'WH1-A');
    expect(fill([11, 6])).toBeNull();
    expect(wb.text('Sheet1', 11, 8)).toBe('OK');
    expect(session.state.errors).toBe(8);
  });

  it('checking again clears marks that no longer apply, even those of a table elsewhere', async () => {
    const { session, fill, wb } = setup(pasted(csv('receiving-messy.csv')), stubApi().api);
    await session.check();
    wb.setValues('Sheet1', 2, 2, [['FLU-NEW']], { byUser: false }); // changed with events off, as a macro might
    await session.check();
    expect(fill([2, 2])).toBeNull();
  });

  it('shows server-only problems (the ledger rules) on their cells', async () => {
    const serverSays = [{ row: 1, field: 'lot', code: 'expiry_conflict', severity: 'error', message: 'Lot L1 has another expiry in the ledger.' } as Problem];
    const { session, fill, wb } = setup(CLEAN, stubApi({ dryRunProblems: serverSays }).api);
    await session.check();
    expect(fill([2, 2])).toBe(MARK_FILL.error);
    expect(wb.text('Sheet1', 2, 7)).toBe('Lot L1 has another expiry in the ledger.');
    expect(session.canPost).toBe(false);
  });

  it('a retry after a network failure posts with the same key; a change makes a new attempt with a new key', async () => {
    const stub = stubApi({ dropFirstPost: true });
    const { session, wb, edit } = setup(CLEAN, stub.api);
    await session.check();
    expect(session.canPost).toBe(true);
    await session.post();
    expect(session.state.notice).toMatchObject({ intent: 'warning', title: 'No answer from the server' });
    expect(session.state.notice!.text).toContain('press Post again to finish — it cannot post them twice');
    await session.post();
    expect(stub.posts.map((p) => p.key)).toEqual(['key-1', 'key-1']);
    expect(wb.text('Sheet1', 1, 7)).toBe('Posted B-TEST1');
    expect(session.canPost).toBe(false);

    await edit(1, 4, 6);
    await new Promise((r) => setTimeout(r, 700)); // the ledger re-check after the pause
    await session.idle();
    expect(session.canPost).toBe(true);
    await session.post();
    expect(stub.posts.map((p) => p.key)).toEqual(['key-1', 'key-1', 'key-2']);
    expect(stub.posts[2].body.rows[0]).toMatchObject({ qty: 6, note: 'first pallet', type: 'receive', date: '2026-11-24' });
    expect(stub.posts[2].body.source).toEqual({ workbook: 'Preview workbook.xlsx', sheet: 'Sheet1', range: 'A1:G3' });
  });

  it('after a gateway timeout says the outcome is unknown and posts again with the same key and rows; a refusal starts afresh', async () => {
    const timedOut = stubApi({ dropFirstPost: true, firstPostFails: () => new ApiRequestError(504, 'http_504', 'The server answered 504 Gateway Timeout.', [], false) });
    const { session } = setup(CLEAN, timedOut.api);
    await session.check();
    await session.post();
    expect(session.state.notice).toMatchObject({ intent: 'warning', title: 'No clear answer from the server' });
    expect(session.state.notice!.text).toContain('The server did not say whether the rows were posted; press Post again to finish — it cannot post them twice.');
    await session.post();
    expect(timedOut.posts.map((p) => p.key)).toEqual(['key-1', 'key-1']);
    expect(timedOut.posts[1].body).toEqual(timedOut.posts[0].body);
    expect(session.state.postedBatch).toBe('B-TEST1');

    const refused = stubApi({ dropFirstPost: true, firstPostFails: () => new ApiRequestError(409, 'idempotency_conflict', 'This Idempotency-Key was already used for a different request.') });
    const second = setup(CLEAN, refused.api);
    await second.session.check();
    await second.session.post();
    expect(second.session.state.notice).toMatchObject({ title: 'Nothing was posted' });
    await second.session.post();
    expect(refused.posts.map((p) => p.key)).toEqual(['key-1', 'key-2']);
  });

  it('remembers a corrected column mapping for this workbook and uses it on the next check', async () => {
    const rows: CellValue[][] = [['PO #', 'Item code', 'Batch ref', 'Qty', 'Location'], ['PO-1', 'VAC-10', 'L7', 5, 'COLD-1']];
    const { session, wb } = setup(rows, stubApi().api);
    await session.check();
    expect(session.state.problems.map((p) => p.message).join()).toContain('Lot is required');
    await session.check('movements', ['ref', 'sku', 'lot', 'qty', 'location']);
    expect(session.state.errors).toBe(1); // expiry, now that the lot is read
    expect(JSON.parse(wb.settings.get(MAPPING_SETTING)!)).toEqual({ 'po #\u001fitem code\u001fbatch ref\u001fqty\u001flocation': ['ref', 'sku', 'lot', 'qty', 'location'] });
    await session.check();
    expect(session.state.table!.columns).toEqual(['ref', 'sku', 'lot', 'qty', 'location', 'status']);
  });

  it('says so when the table has no header row, instead of guessing', async () => {
    const { session } = setup([['PO-1', 'VAC-10', 5]], stubApi().api);
    await session.check();
    expect(session.state.notice?.title).toBe('No header row found');
  });

  it('checks an item master sheet with the shared rules and saves it', async () => {
    const rows = pasted(csv('items.csv')).map((r, i) => (i === 2 ? r.map((c, j) => (j === 3 ? 'maybe' : c)) : r));
    const stub = stubApi();
    const { session, fill, edit } = setup(rows, stub.api);
    await session.check('items');
    expect(fill([2, 3])).toBe(MARK_FILL.error);
    expect(session.canPost).toBe(false);
    await edit(2, 3, 'yes');
    expect(session.canPost).toBe(true);
    await session.post();
    expect(stub.saved).toHaveLength(5);
    expect(session.state.notice?.title).toBe('Saved 5 items');
  });

  it('checks in the pane alone when the server cannot be reached, says so, and keeps Post off', async () => {
    const stub = stubApi();
    (stub.api as { dryRun: unknown }).dryRun = async () => { throw new NetworkError('Could not reach the LotLedger server (offline).'); };
    const { session, fill } = setup(pasted(csv('receiving-messy.csv')), stub.api);
    await session.check();
    expect(fill([2, 2])).toBe(MARK_FILL.error);
    expect(session.state.notice).toMatchObject({ intent: 'error', title: 'Checked in the pane only' });
    expect(session.state.notice!.text).toContain('offline');
    expect(session.canPost).toBe(false);
  });

  it('asks to connect before checking, since the rules need the item master', async () => {
    const wb = new PreviewWorkbook();
    const session = new SheetSession(previewPort(wb), () => null, { defaultType: () => 'receive' });
    await session.check();
    expect(session.state.notice?.title).toBe('Not connected');
  });

  it('reads a scanner export: the scans stand in for SKU, lot and expiry, and a bad check digit marks its scan', async () => {
    const { session, fill, wb } = setup(pasted(csv('receiving-scans.csv')), stubApi().api);
    await session.check();
    expect(session.state).toMatchObject({ rows: 3, errors: 1 });
    expect([fill([1, 0]), fill([2, 0]), fill([3, 0])]).toEqual([null, null, MARK_FILL.error]);
    expect(wb.text('Sheet1', 3, 4)).toMatch(/check digit/i);
    expect([wb.text('Sheet1', 1, 4), wb.text('Sheet1', 2, 4)]).toEqual(['OK', 'OK']);
  });

  it('makes a fresh, unguessable idempotency key for each attempt', async () => {
    const { newIdempotencyKey } = await import('./posting');
    const keys = new Set(Array.from({ length: 100 }, newIdempotencyKey));
    expect(keys.size).toBe(100);
    for (const k of keys) expect(k).toMatch(/^pane-[0-9a-f]{32}$/);
  });
});
