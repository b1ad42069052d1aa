import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from './target';
import { api } from './http';
import { day, dryRun, freshWorkspace, postOk, type Workspace } from './fixtures';
import type { HoldList } from '../../shared/recall-answers';

let target: Target;
beforeAll(async () => { target = await startTarget(); });
afterAll(() => target?.stop());

/** A workspace whose QUAR location is a quarantine location, with lot L1 of VAC-10 at COLD-1 and two IMP-7 units of lot K1. */
async function stocked(): Promise<Workspace> {
  const ws = await freshWorkspace(target, 'holds');
  expect((await ws.admin.post('/v1/locations', { locations: [{ code: 'QUAR', name: 'Quarantine', quarantine: true }] })).status).toBe(200);
  await postOk(ws.admin, [
    { type: 'receive', date: day(-3), sku: 'VAC-10', lot: 'L1', expiry: day(20), qty: 50, to: 'COLD-1', ref: 'PO-1' },
    { type: 'receive', date: day(-3), sku: 'VAC-10', lot: 'L2', expiry: day(20), qty: 50, to: 'COLD-1', ref: 'PO-1' },
    { type: 'receive', date: day(-3), sku: 'IMP-7', lot: 'K1', serial: 'S-1', expiry: day(300), to: 'WH1-A', ref: 'PO-2' },
    { type: 'receive', date: day(-3), sku: 'IMP-7', lot: 'K1', serial: 'S-2', expiry: day(300), to: 'WH1-A', ref: 'PO-2' },
    { type: 'receive', date: day(-3), sku: 'PUMP-3', serial: 'P-1', to: 'WH1-A', ref: 'PO-3' },
    { type: 'ship', date: day(-2), sku: 'VAC-10', lot: 'L1', qty: 10, from: 'COLD-1', party: 'Clinic A', ref: 'SO-1' },
  ]);
  return ws;
}

const ship = (sku: string, lot: string | null, serial: string | null, extra: Record<string, unknown> = {}) =>
  ({ type: 'ship', date: day(0), sku, lot, serial, qty: 1, from: sku === 'VAC-10' ? 'COLD-1' : 'WH1-A', party: 'Clinic B', ref: 'SO-2', ...extra });
const codes = (problems: { row: number; field: string; code: string }[]) => problems.map((p) => `${p.row} ${p.field} ${p.code}`);

describe('holds', () => {
  it('holds and releases lots and units, keeping every hold with who, when and why', async () => {
    const ws = await stocked();
    const held = await ws.admin.post('/v1/holds', { sku: 'VAC-10', lots: ['L1'], reason: 'Recall R-7' });
    expect(held.status).toBe(201);
    expect(held.body).toEqual({ held: 1 });
    // Held again: it keeps its first hold and counts 0.
    expect((await ws.admin.post('/v1/holds', { sku: 'VAC-10', lots: ['L1', 'L2'], reason: 'Second' })).body).toEqual({ held: 1 });
    expect((await ws.admin.post('/v1/holds', { sku: 'PUMP-3', serials: ['P-1'], reason: 'Complaint C-3' })).body).toEqual({ held: 1 });
    const released = await ws.admin.post('/v1/holds/release', { sku: 'VAC-10', lots: ['L2'], reason: 'Lab cleared it' });
    expect(released.status).toBe(200);
    expect(released.body).toEqual({ released: 1 });
    expect((await ws.admin.post('/v1/holds/release', { sku: 'VAC-10', lots: ['L2'], reason: 'Again' })).body).toEqual({ released: 0 });

    const all = (await ws.admin.get<HoldList>('/v1/holds')).body.holds;
    expect(all.map((h) => [h.sku, h.lot, h.serial, h.reason, h.releaseReason])).toEqual([
      ['PUMP-3', null, 'P-1', 'Complaint C-3', null],
      ['VAC-10', 'L2', null, 'Second', 'Lab cleared it'],
      ['VAC-10', 'L1', null, 'Recall R-7', null],
    ]);
    expect(all[1]).toMatchObject({ heldBy: 'admin', releasedBy: 'admin' });
    const active = (await ws.admin.get<HoldList>('/v1/holds?sku=VAC-10&active=true')).body.holds;
    expect(active.map((h) => h.lot)).toEqual(['L1']);
  });

  it('refuses an unknown lot or serial (404), a blank reason (422), a viewer (403) and names no lot (400)', async () => {
    const ws = await stocked();
    const unknown = await ws.admin.post('/v1/holds', { sku: 'VAC-10', lots: ['L1', 'NOPE'], reason: 'x' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('NOPE');
    expect((await ws.admin.post('/v1/holds', { sku: 'PUMP-3', serials: ['P-9'], reason: 'x' })).status).toBe(404);
    const blank = await ws.admin.post('/v1/holds', { sku: 'VAC-10', lots: ['L1'], reason: '  ' });
    expect(blank.status).toBe(422);
    expect(blank.body.problems).toMatchObject([{ field: 'reason', code: 'required' }]);
    expect((await ws.admin.post('/v1/holds', { sku: 'VAC-10', reason: 'x' })).status).toBe(400);
    expect((await ws.admin.get('/v1/holds?active=maybe')).status).toBe(400);
    const viewer = api(target, (await ws.admin.post('/v1/tokens', { name: 'quality', role: 'viewer' })).body.token);
    expect((await viewer.post('/v1/holds', { sku: 'VAC-10', lots: ['L1'], reason: 'x' })).status).toBe(403);
    expect((await viewer.get('/v1/holds')).status).toBe(200);
    // Nothing was held by any of them.
    expect((await ws.admin.get<HoldList>('/v1/holds')).body.holds).toEqual([]);
  });

  it('keeps held stock where it is: no shipment, consumption or move but into quarantine or to scrap, naming the reason', async () => {
    const ws = await stocked();
    await ws.admin.post('/v1/holds', { sku: 'VAC-10', lots: ['L1'], reason: 'Recall R-7' });
    await ws.admin.post('/v1/holds', { sku: 'IMP-7', lots: ['K1'], reason: 'Supplier notice' });
    await ws.admin.post('/v1/holds', { sku: 'PUMP-3', serials: ['P-1'], reason: 'Complaint C-3' });
    const refused = await dryRun(ws.admin, [
      ship('VAC-10', 'L1', null),
      { type: 'transfer', date: day(0), sku: 'VAC-10', lot: 'L1', qty: 1, from: 'COLD-1', to: 'WH1-B' },
      { type: 'consume', date: day(0), sku: 'VAC-10', lot: 'L1', qty: 1, from: 'COLD-1', ref: 'WO-1' },
      { type: 'adjust', date: day(0), sku: 'VAC-10', lot: 'L1', qty: 1, from: 'COLD-1', ref: 'count' },
      ship('IMP-7', 'K1', 'S-1'),
      ship('PUMP-3', null, 'P-1'),
      ship('VAC-10', 'L2', null),
    ]);
    expect(codes(refused.problems)).toEqual(['0 lot lot_on_hold', '1 lot lot_on_hold', '2 lot lot_on_hold', '3 lot lot_on_hold',
      '4 serial lot_on_hold', '5 serial lot_on_hold']);
    expect(refused.problems[0].message).toContain('Recall R-7');
    expect(refused.problems[4].message).toContain('Supplier notice');
    expect(refused.problems[5].message).toContain('Complaint C-3');

    await postOk(ws.admin, [
      { type: 'transfer', date: day(0), sku: 'VAC-10', lot: 'L1', qty: 30, from: 'COLD-1', to: 'QUAR' },
      { type: 'scrap', date: day(0), sku: 'VAC-10', lot: 'L1', qty: 5, from: 'COLD-1' },
      { type: 'transfer', date: day(0), sku: 'PUMP-3', serial: 'P-1', from: 'WH1-A', to: 'QUAR' },
      // A held lot may come back from a customer: the stock returns to be held.
      { type: 'return', date: day(0), sku: 'VAC-10', lot: 'L1', qty: 2, to: 'QUAR', party: 'Clinic A', ref: 'RMA-1' },
    ]);
    // Out of quarantine it is still held.
    const still = await dryRun(ws.admin, [{ type: 'transfer', date: day(0), sku: 'VAC-10', lot: 'L1', qty: 1, from: 'QUAR', to: 'COLD-1' }]);
    expect(codes(still.problems)).toEqual(['0 lot lot_on_hold']);

    // Released, it moves again.
    await ws.admin.post('/v1/holds/release', { sku: 'VAC-10', lots: ['L1'], reason: 'Cleared' });
    await postOk(ws.admin, [ship('VAC-10', 'L1', null)]);
  });

  it('says held on the lot trace, the recall, on hand and expiring (a unit is held when it or its lot is)', async () => {
    const ws = await stocked();
    await ws.admin.post('/v1/holds', { sku: 'VAC-10', lots: ['L1'], reason: 'Recall R-7' });
    await ws.admin.post('/v1/holds', { sku: 'IMP-7', serials: ['S-2'], reason: 'Dropped' });
    expect((await ws.admin.get('/v1/trace/lot?sku=VAC-10&lot=L1')).body.lot.held).toBe(true);
    expect((await ws.admin.get('/v1/trace/lot?sku=VAC-10&lot=L2')).body.lot.held).toBe(false);
    const recall = (await ws.admin.get('/v1/reports/recall?sku=VAC-10&lot=L1&lot=L2')).body;
    expect(recall.onHand.map((r: { lot: string; held: boolean }) => [r.lot, r.held])).toEqual([['L1', true], ['L2', false]]);
    const units = (await ws.admin.get('/v1/reports/recall?sku=IMP-7&lot=K1')).body.units;
    expect(units.map((u: { serial: string; held: boolean }) => [u.serial, u.held])).toEqual([['S-1', false], ['S-2', true]]);
    await ws.admin.post('/v1/holds', { sku: 'IMP-7', lots: ['K1'], reason: 'All of it' });
    const onHand = (await ws.admin.get('/v1/reports/on-hand')).body.rows;
    expect(onHand.map((r: { sku: string; lot: string; serial: string; held: boolean }) => [r.sku, r.lot, r.serial, r.held])).toEqual([
      ['IMP-7', 'K1', 'S-1', true], ['IMP-7', 'K1', 'S-2', true], ['PUMP-3', null, 'P-1', false],
      ['VAC-10', 'L1', null, true], ['VAC-10', 'L2', null, false],
    ]);
    const asOf = (await ws.admin.get(`/v1/reports/on-hand?sku=VAC-10&asOf=${day(0)}`)).body.rows;
    expect(asOf.map((r: { lot: string; held: boolean }) => [r.lot, r.held])).toEqual([['L1', true], ['L2', false]]);
    const expiring = (await ws.admin.get('/v1/reports/expiring?days=30')).body.lots;
    expect(expiring.map((r: { lot: string; held: boolean }) => [r.lot, r.held])).toEqual([['L1', true], ['L2', false]]);
  });
});
