import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from './target';
import { api, type Api } from './http';
import { day, freshWorkspace, postOk, type Workspace } from './fixtures';
import type { PickListAnswer, PickListRequest } from '../../shared/pick-answers';

let target: Target;
let ws: Workspace;
let clerk: Api;

/**
 * VAC-10 lots, in pick order: H (held), Q (at the quarantine), F (expires in 5 days), C and D
 * (same expiry and first receipt: by code), B (same expiry, received later; at two places),
 * A (latest expiry); E has expired. PUMP-3 units P-1, P-2 at WH1-A, P-3 at WH1-B, P-4 held;
 * IMP-7 units S-5 (lot K2, sooner) and S-1, S-2 (lot K1). TAPE has a lot with and one without
 * expiry; GLV-M is untracked.
 */
beforeAll(async () => {
  target = await startTarget();
  ws = await freshWorkspace(target, 'picks');
  clerk = api(target, (await ws.admin.post('/v1/tokens', { name: 'picker', role: 'clerk' })).body.token);
  expect((await ws.admin.post('/v1/locations', { locations: [{ code: 'QUAR', name: 'Quarantine', quarantine: true }] })).status).toBe(200);
  expect((await ws.admin.post('/v1/items', { items: [{ sku: 'TAPE', name: 'Tape', lotTracked: true, serialTracked: false }] })).status).toBe(200);
  const vac = (lot: string, expiry: string, received: number, qty: number, to: string) =>
    ({ type: 'receive', date: day(received), sku: 'VAC-10', lot, expiry, qty, to, party: 'Acme', ref: `PO-${lot}` });
  await postOk(ws.admin, [
    vac('A', day(30), -10, 10, 'COLD-1'),
    vac('B', day(20), -5, 5, 'WH1-A'), vac('B', day(20), -5, 5, 'COLD-1'),
    vac('C', day(20), -8, 4, 'WH1-B'), vac('D', day(20), -8, 3, 'WH1-A'),
    vac('E', day(-1), -20, 10, 'COLD-1'), vac('F', day(5), -3, 10, 'COLD-1'),
    vac('H', day(1), -3, 10, 'COLD-1'), vac('Q', day(2), -3, 10, 'QUAR'),
    ...['P-1', 'P-2', 'P-4'].map((serial) => ({ type: 'receive', date: day(-3), sku: 'PUMP-3', serial, qty: 1, to: 'WH1-A', ref: 'PO-P' })),
    { type: 'receive', date: day(-3), sku: 'PUMP-3', serial: 'P-3', qty: 1, to: 'WH1-B', ref: 'PO-P' },
    { type: 'receive', date: day(-3), sku: 'IMP-7', lot: 'K1', serial: 'S-1', expiry: day(300), qty: 1, to: 'WH1-A', ref: 'PO-I' },
    { type: 'receive', date: day(-3), sku: 'IMP-7', lot: 'K1', serial: 'S-2', expiry: day(300), qty: 1, to: 'WH1-A', ref: 'PO-I' },
    { type: 'receive', date: day(-3), sku: 'IMP-7', lot: 'K2', serial: 'S-5', expiry: day(100), qty: 1, to: 'WH1-B', ref: 'PO-I' },
    { type: 'receive', date: day(-20), sku: 'TAPE', lot: 'N1', qty: 5, to: 'WH1-A', ref: 'PO-T' },
    { type: 'receive', date: day(-1), sku: 'TAPE', lot: 'N0', expiry: day(40), qty: 5, to: 'WH1-A', ref: 'PO-T' },
    { type: 'receive', date: day(-3), sku: 'GLV-M', qty: 5, to: 'WH1-B', ref: 'PO-G' },
    { type: 'receive', date: day(-3), sku: 'GLV-M', qty: 5, to: 'WH1-A', ref: 'PO-G' },
  ]);
  expect((await clerk.post('/v1/holds', { sku: 'VAC-10', lots: ['H'], reason: 'Recall R-1' })).status).toBe(201);
  expect((await clerk.post('/v1/holds', { sku: 'PUMP-3', serials: ['P-4'], reason: 'Complaint C-1' })).status).toBe(201);
});
afterAll(() => target?.stop());

async function pick(req: PickListRequest): Promise<PickListAnswer> {
  const res = await clerk.post<PickListAnswer>('/v1/pick-lists', req);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
/** Each line's picks in one line: `lot/serial@location×qty`, and the short quantity. */
const shown = (a: PickListAnswer) => a.lines.map((l) => ({
  line: l.line, picks: l.picks.map((p) => `${p.lot ?? '-'}/${p.serial ?? '-'}@${p.location}x${p.qty}`).join(' '), short: l.short,
}));

describe('pick lists: first expiry, first out', () => {
  it('takes the soonest expiry first, ties by first receipt, lot code and location; skips held, quarantined and expired lots', async () => {
    const a = await pick({ lines: [{ sku: 'VAC-10', qty: 100, party: 'Clinic A', ref: 'SO-1' }] });
    expect(a.lines[0]).toMatchObject({ line: 0, sku: 'VAC-10', qty: 100, short: 63 });
    expect(shown(a)[0].picks).toBe('F/-@COLD-1x10 C/-@WH1-Bx4 D/-@WH1-Ax3 B/-@COLD-1x5 B/-@WH1-Ax5 A/-@COLD-1x10');
    expect(a.lines[0].picks[0]).toEqual({ lot: 'F', serial: null, location: 'COLD-1', qty: 10, expiry: day(5) });
  });

  it('leaves out lots with less shelf life than asked, and those expired on the day of the pick', async () => {
    expect(shown(await pick({ lines: [{ sku: 'VAC-10', qty: 5 }], minShelfLifeDays: 10 }))[0].picks).toBe('C/-@WH1-Bx4 D/-@WH1-Ax1');
    expect(shown(await pick({ lines: [{ sku: 'VAC-10', qty: 5 }], date: day(25) }))[0].picks).toBe('A/-@COLD-1x5');
    // Expiring on the day itself is still good that day.
    expect(shown(await pick({ lines: [{ sku: 'VAC-10', qty: 5 }], date: day(5) }))[0].picks).toBe('F/-@COLD-1x5');
  });

  it('picks only from the named locations, a quarantine too when it is named', async () => {
    expect(shown(await pick({ lines: [{ sku: 'VAC-10', qty: 20 }], from: ['WH1-A'] }))[0]).toMatchObject({ picks: 'D/-@WH1-Ax3 B/-@WH1-Ax5', short: 12 });
    expect(shown(await pick({ lines: [{ sku: 'VAC-10', qty: 3 }], from: ['QUAR', 'COLD-1'] }))[0].picks).toBe('Q/-@QUARx3');
  });

  it('serves lines in order: a later line of the same SKU takes what the earlier one left', async () => {
    const a = await pick({ lines: [{ sku: 'VAC-10', qty: 12 }, { sku: 'GLV-M', qty: 1 }, { sku: 'VAC-10', qty: 5 }] });
    expect(shown(a)).toEqual([
      { line: 0, picks: 'F/-@COLD-1x10 C/-@WH1-Bx2', short: 0 },
      { line: 1, picks: '-/-@WH1-Ax1', short: 0 },
      { line: 2, picks: 'C/-@WH1-Bx2 D/-@WH1-Ax3', short: 0 },
    ]);
  });

  it('takes serial units one by one in pick order, then by serial, skipping a held unit; short when they run out', async () => {
    const a = await pick({ lines: [{ sku: 'PUMP-3', qty: 4 }, { sku: 'IMP-7', qty: 2 }] });
    expect(shown(a)).toEqual([
      { line: 0, picks: '-/P-1@WH1-Ax1 -/P-2@WH1-Ax1 -/P-3@WH1-Bx1', short: 1 },
      { line: 1, picks: 'K2/S-5@WH1-Bx1 K1/S-1@WH1-Ax1', short: 0 },
    ]);
    // The held unit shares its place with the others: it counts for nothing there, so the third unit comes from WH1-B.
    expect(shown(await pick({ lines: [{ sku: 'PUMP-3', qty: 3 }] }))[0]).toMatchObject({ picks: '-/P-1@WH1-Ax1 -/P-2@WH1-Ax1 -/P-3@WH1-Bx1', short: 0 });
  });

  it('puts lots without expiry after those with one, and takes untracked stock by location', async () => {
    const a = await pick({ lines: [{ sku: 'TAPE', qty: 8 }, { sku: 'GLV-M', qty: 7 }] });
    expect(shown(a).map((l) => l.picks)).toEqual(['N0/-@WH1-Ax5 N1/-@WH1-Ax3', '-/-@WH1-Ax5 -/-@WH1-Bx2']);
  });

  it('is the same pick list every time, and reserves nothing', async () => {
    const req = { lines: [{ sku: 'VAC-10', qty: 30 }, { sku: 'PUMP-3', qty: 2 }, { sku: 'VAC-10', qty: 4 }] };
    const first = await pick(req);
    expect(await pick(req)).toEqual(first);
  });

  it('picks a lot again once its hold is released', async () => {
    const other = await freshWorkspace(target, 'picks-release');
    await postOk(other.admin, [
      { type: 'receive', date: day(-2), sku: 'VAC-10', lot: 'X1', expiry: day(10), qty: 5, to: 'COLD-1', ref: 'PO-1' },
      { type: 'receive', date: day(-2), sku: 'VAC-10', lot: 'X2', expiry: day(20), qty: 5, to: 'COLD-1', ref: 'PO-1' },
    ]);
    await other.admin.post('/v1/holds', { sku: 'VAC-10', lots: ['X1'], reason: 'Check' });
    const lots = async () => (await other.admin.post<PickListAnswer>('/v1/pick-lists', { lines: [{ sku: 'VAC-10', qty: 5 }] })).body.lines[0].picks.map((p) => p.lot);
    expect(await lots()).toEqual(['X2']);
    await other.admin.post('/v1/holds/release', { sku: 'VAC-10', lots: ['X1'], reason: 'Cleared' });
    expect(await lots()).toEqual(['X1']);
  });
});

describe('pick lists: refusals', () => {
  it('answers unknown SKUs and locations with 422 problems naming the line or the place in from', async () => {
    const res = await clerk.post('/v1/pick-lists', { lines: [{ sku: 'VAC-10', qty: 1 }, { sku: 'VAC-11', qty: 1 }], from: ['COLD-1', 'COLD-2'] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_rows');
    expect(res.body.problems.map((p: any) => `${p.row} ${p.field} ${p.code}`)).toEqual(['1 sku unknown_item', '1 from unknown_location']);
    expect(res.body.problems[0].message).toContain('VAC-10');
    const units = await clerk.post('/v1/pick-lists', { lines: [{ sku: 'PUMP-3', qty: 1.5 }, { sku: 'GLV-M', qty: 0 }] });
    expect(units.status).toBe(422);
    expect(units.body.problems.map((p: any) => `${p.row} ${p.field} ${p.code}`)).toEqual(['1 qty invalid']);
  });

  it('answers bad shapes with 400, a viewer with 403', async () => {
    for (const body of [
      {}, { lines: [] }, { lines: [{ sku: 'VAC-10' }] }, { lines: [{ qty: 1 }] }, { lines: [{ sku: 'VAC-10', qty: 1, lot: 'A' }] },
      { lines: [{ sku: 'VAC-10', qty: 1 }], from: 'COLD-1' }, { lines: [{ sku: 'VAC-10', qty: 1 }], minShelfLifeDays: -1 },
      { lines: [{ sku: 'VAC-10', qty: 1 }], date: '2026-02-30' }, { lines: [{ sku: 'VAC-10', qty: 1 }], extra: true }, { lines: ['VAC-10'] },
    ]) {
      const res = await clerk.post('/v1/pick-lists', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
    const viewer = api(target, (await ws.admin.post('/v1/tokens', { name: 'looker', role: 'viewer' })).body.token);
    expect((await viewer.post('/v1/pick-lists', { lines: [{ sku: 'VAC-10', qty: 1 }] })).status).toBe(403);
  });
});
