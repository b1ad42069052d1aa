import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from './target';
import { day, dryRun, freshWorkspace, postOk } from './fixtures';
import type { SerialTraceAnswer } from '../../shared/report-answers';

let target: Target;
beforeAll(async () => { target = await startTarget(); });
afterAll(() => target?.stop());

const vac = (type: string, qty: number, party: string, extra: Record<string, unknown> = {}) =>
  ({ type, date: day(-1), sku: 'VAC-10', lot: 'L1', qty, party, ref: 'SO-1', ...(type === 'ship' ? { from: 'COLD-1' } : { to: 'QUAR' }), ...extra });
const gloves = (type: string, qty: number, party: string) =>
  ({ type, date: day(-1), sku: 'GLV-M', qty, party, ref: 'SO-2', ...(type === 'ship' ? { from: 'WH1-A' } : { to: 'WH1-A' }) });
const pump = (type: string, serial: string, party: string, date = day(-1)) =>
  ({ type, date, sku: 'PUMP-3', serial, party, ref: 'SO-3', ...(type === 'ship' ? { from: 'WH1-A' } : { to: 'QUAR' }) });
const codes = (problems: { row: number; field: string; code: string }[]) => problems.map((p) => `${p.row} ${p.field} ${p.code}`);

async function stocked() {
  const ws = await freshWorkspace(target, 'returns');
  await postOk(ws.admin, [
    { type: 'receive', date: day(-5), sku: 'VAC-10', lot: 'L1', qty: 100, expiry: day(300), to: 'COLD-1', ref: 'PO-1' },
    { type: 'receive', date: day(-5), sku: 'GLV-M', qty: 100, to: 'WH1-A', ref: 'PO-1' },
    { type: 'receive', date: day(-5), sku: 'PUMP-3', serial: 'P-1', to: 'WH1-A', ref: 'PO-1' },
    { type: 'receive', date: day(-5), sku: 'PUMP-3', serial: 'P-2', to: 'WH1-A', ref: 'PO-1' },
  ]);
  return ws;
}

describe('returns tied to the sale', () => {
  it('takes back no more of a lot or untracked item than the party still holds, saying how much it holds', async () => {
    const ws = await stocked();
    await postOk(ws.admin, [vac('ship', 10, 'Clinic A'), gloves('ship', 5, 'Clinic A'), vac('return', 4, 'Clinic A')]);
    const { problems } = await dryRun(ws.admin, [vac('return', 7, 'Clinic A'), vac('return', 1, 'Clinic B'), gloves('return', 6, 'Clinic A')]);
    expect(codes(problems)).toEqual(['0 qty return_exceeds_shipped', '1 qty return_exceeds_shipped', '2 qty return_exceeds_shipped']);
    expect(problems[0].message).toBe('Clinic A holds only 6 of VAC-10 lot L1; this return brings back 7.');
    expect(problems[1].message).toContain('Clinic B holds no VAC-10 lot L1');
    expect(problems[2].message).toContain('holds only 5 of GLV-M');
    // Up to what it holds, counting the batch's own rows in order.
    const inBatch = await dryRun(ws.admin, [vac('return', 6, 'Clinic A'), vac('return', 1, 'Clinic A'), vac('ship', 3, 'Clinic B'), vac('return', 3, 'Clinic B')]);
    expect(codes(inBatch.problems)).toEqual(['1 qty return_exceeds_shipped']);
    await postOk(ws.admin, [vac('return', 6, 'Clinic A'), gloves('return', 5, 'Clinic A')]);
  });

  it('counts no voided shipment, and will not void a shipment the party has sent back', async () => {
    const ws = await stocked();
    const voided = await postOk(ws.admin, [vac('ship', 10, 'Clinic A')]);
    expect((await ws.admin.post(`/v1/batches/${voided}/void`, { reason: 'wrong customer' })).status).toBe(200);
    expect(codes((await dryRun(ws.admin, [vac('return', 1, 'Clinic A')])).problems)).toEqual(['0 qty return_exceeds_shipped']);
    const shipped = await postOk(ws.admin, [vac('ship', 10, 'Clinic A')]);
    const back = await postOk(ws.admin, [vac('return', 4, 'Clinic A')]);
    const blocked = await ws.admin.post(`/v1/batches/${shipped}/void`, { reason: 'late' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toContain('void the return first');
    expect((await ws.admin.post(`/v1/batches/${back}/void`, { reason: 'no return' })).status).toBe(200);
    expect((await ws.admin.post(`/v1/batches/${shipped}/void`, { reason: 'late' })).status).toBe(200);
  });

  it('takes back a serial only from the party it was shipped to, naming who has it', async () => {
    const ws = await stocked();
    await postOk(ws.admin, [pump('ship', 'P-1', 'Clinic A')]);
    const { problems } = await dryRun(ws.admin, [pump('return', 'P-1', 'Clinic B')]);
    expect(codes(problems)).toEqual(['0 party serial_not_with_party']);
    expect(problems[0].message).toContain('was shipped to Clinic A, not Clinic B');
    await postOk(ws.admin, [pump('return', 'P-1', 'Clinic A')]);
  });
});

describe('warranty', () => {
  it('runs from the last shipment to a customer for the item\'s warrantyDays; null without a warranty or a shipment', async () => {
    const ws = await stocked();
    const items = [{ sku: 'PUMP-3', name: 'Infusion pump P3', lotTracked: 'no', serialTracked: 'yes', warrantyDays: 365 }];
    expect((await ws.admin.post('/v1/items', { items })).status).toBe(200);
    expect((await ws.admin.get('/v1/items')).body.items.find((i: { sku: string }) => i.sku === 'PUMP-3').warrantyDays).toBe(365);
    expect((await ws.admin.get<SerialTraceAnswer>('/v1/trace/serial?serial=P-2')).body.warranty).toBeNull();
    await postOk(ws.admin, [pump('ship', 'P-1', 'Clinic A', day(-3)), pump('return', 'P-1', 'Clinic A', day(-2))]);
    await postOk(ws.admin, [{ ...pump('transfer', 'P-1', ''), party: undefined, from: 'QUAR', to: 'WH1-A' }, pump('ship', 'P-1', 'Clinic B', day(-1))]);
    const trace = (await ws.admin.get<SerialTraceAnswer>('/v1/trace/serial?serial=P-1')).body;
    expect(trace.warranty).toEqual({ shippedOn: day(-1), until: day(364), active: true });
    await ws.admin.post('/v1/items', { items: [{ ...items[0], warrantyDays: 0 }] });
    expect((await ws.admin.get<SerialTraceAnswer>('/v1/trace/serial?serial=P-1')).body.warranty).toEqual({ shippedOn: day(-1), until: day(-1), active: false });
    await ws.admin.post('/v1/items', { items: [{ ...items[0], warrantyDays: '' }] });
    expect((await ws.admin.get<SerialTraceAnswer>('/v1/trace/serial?serial=P-1')).body.warranty).toBeNull();
  });
});
