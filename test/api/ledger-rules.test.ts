import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from './target';
import { day, dryRun, freshWorkspace, postOk, type Workspace } from './fixtures';

let target: Target;
beforeAll(async () => { target = await startTarget(); });
afterAll(() => target?.stop());

/** Each test gets its own workspace, so its ledger starts empty. */
const fresh = () => freshWorkspace(target, 'ledger');

const pump = (type: string, serial: string, places: Record<string, string>, extra: Record<string, unknown> = {}) =>
  ({ type, date: day(0), sku: 'PUMP-3', serial, ...places, ...extra });
const receivePump = (serial: string, to = 'WH1-A') => pump('receive', serial, { to }, { ref: 'PO-1' });
const vac = (type: string, lot: string, qty: number, places: Record<string, string>, extra: Record<string, unknown> = {}) =>
  ({ type, date: day(0), sku: 'VAC-10', lot, qty, ...places, ...extra });
const receiveVac = (lot: string, qty: number, expiry = day(200), to = 'COLD-1') =>
  vac('receive', lot, qty, { to }, { expiry, ref: 'PO-2' });

const codes = (problems: { row: number; field: string; code: string; severity: string }[]) =>
  problems.map((p) => `${p.row} ${p.field} ${p.code}${p.severity === 'warning' ? ' (warning)' : ''}`);

describe('serials', () => {
  it('receives a serial once: a second receipt is refused, in a later batch or the same one', async () => {
    const ws = await fresh();
    await postOk(ws.admin, [receivePump('SN-1')]);
    const later = await ws.admin.post('/v1/batches', { rows: [receivePump('SN-1', 'WH1-B')] });
    expect(later.status).toBe(422);
    expect(codes(later.body.problems)).toEqual(['0 serial serial_exists']);
    expect(later.body.problems[0].message).toContain('WH1-A');
    const same = await dryRun(ws.admin, [receivePump('SN-2'), receivePump('SN-2', 'WH1-B')]);
    expect(codes(same.problems)).toEqual(['1 serial duplicate_serial']);
  });

  it('refuses to receive again a serial that was shipped', async () => {
    const ws = await fresh();
    await postOk(ws.admin, [receivePump('SN-3'), pump('ship', 'SN-3', { from: 'WH1-A' }, { party: 'St Mary', ref: 'SO-1' })]);
    const { problems } = await dryRun(ws.admin, [receivePump('SN-3')]);
    expect(codes(problems)).toEqual(['0 serial serial_exists']);
    expect(problems[0].message).toContain('shipped to St Mary');
  });

  it('moves, ships and scraps a serial only from where it is, saying where it is', async () => {
    const ws = await fresh();
    await postOk(ws.admin, [receivePump('SN-88', 'WH1-B')]);
    const { problems } = await dryRun(ws.admin, [
      pump('transfer', 'SN-88', { from: 'WH1-A', to: 'RCV' }),
      pump('ship', 'SN-88', { from: 'WH1-A' }, { party: 'X', ref: 'SO-1' }),
      pump('scrap', 'SN-88', { from: 'WH1-A' }),
      pump('transfer', 'SN-NONE', { from: 'WH1-A', to: 'RCV' }),
    ]);
    expect(codes(problems)).toEqual(['0 serial serial_not_at_location', '1 serial serial_not_at_location',
      '2 serial serial_not_at_location', '3 serial serial_not_at_location']);
    expect(problems[0].message).toBe('Serial SN-88 is at WH1-B, not WH1-A.');
  });

  it('lets a batch receive a serial and then move and ship it, in row order', async () => {
    const ws = await fresh();
    const rows = [receivePump('SN-5'), pump('transfer', 'SN-5', { from: 'WH1-A', to: 'WH1-B' }),
      pump('ship', 'SN-5', { from: 'WH1-B' }, { party: 'Clinic', ref: 'SO-2' })];
    await postOk(ws.admin, rows);
    // A row order that cannot be true is refused: the ship comes before the serial gets there.
    const wrong = await dryRun(ws.admin, [receivePump('SN-6'), pump('ship', 'SN-6', { from: 'WH1-B' }, { party: 'C', ref: 'SO-3' }),
      pump('transfer', 'SN-6', { from: 'WH1-A', to: 'WH1-B' })]);
    expect(codes(wrong.problems)).toEqual(['1 serial serial_not_at_location']);
  });

  it('takes back a serial only if it is out with a customer', async () => {
    const ws = await fresh();
    await postOk(ws.admin, [receivePump('SN-7'), receivePump('SN-8'), pump('ship', 'SN-8', { from: 'WH1-A' }, { party: 'C', ref: 'SO-4' })]);
    const { problems } = await dryRun(ws.admin, [
      pump('return', 'SN-7', { to: 'WH1-A' }, { party: 'C' }),
      pump('return', 'SN-8', { to: 'QUAR' }, { party: 'C' }),
      pump('return', 'SN-8', { to: 'QUAR' }, { party: 'C' }),
    ]);
    expect(codes(problems)).toEqual(['0 serial serial_not_shipped', '2 serial serial_not_shipped']);
  });
});

describe('lots and stock', () => {
  it('never takes more of a lot than is at a place, and says how much is there', async () => {
    const ws = await fresh();
    await postOk(ws.admin, [receiveVac('L1', 30)]);
    const { problems } = await dryRun(ws.admin, [
      vac('ship', 'L1', 20, { from: 'COLD-1' }, { party: 'P', ref: 'SO-1' }),
      vac('ship', 'L1', 20, { from: 'COLD-1' }, { party: 'P', ref: 'SO-2' }),
      vac('transfer', 'L1', 1, { from: 'WH1-A', to: 'COLD-1' }),
      vac('scrap', 'L-NONE', 1, { from: 'COLD-1' }),
    ]);
    expect(codes(problems)).toEqual(['1 qty insufficient_stock', '2 qty insufficient_stock', '3 qty insufficient_stock']);
    expect(problems[0].message).toBe('Only 10 of VAC-10 lot L1 is at COLD-1; this row takes 20.');
    // exactly what is there may go
    await postOk(ws.admin, [vac('ship', 'L1', 30, { from: 'COLD-1' }, { party: 'P', ref: 'SO-3' })]);
  });

  it('keeps untracked items at or above zero too, counting adjustments both ways', async () => {
    const ws = await fresh();
    const glove = (qty: number, places: Record<string, string>, type = 'adjust') =>
      ({ type, date: day(0), sku: 'GLV-M', qty, ...places, ref: 'count' });
    await postOk(ws.admin, [glove(10, { to: 'WH1-A' })]);
    const { problems } = await dryRun(ws.admin, [glove(4, { from: 'WH1-A' }), glove(6.5, { from: 'WH1-A' })]);
    expect(codes(problems)).toEqual(['1 qty insufficient_stock']);
    expect(problems[0].message).toContain('Only 6 of GLV-M');
  });

  it('gives a lot one expiry, whether the other one is in the ledger or an earlier row', async () => {
    const ws = await fresh();
    await postOk(ws.admin, [{ ...receiveVac('L2', 5, '2027-08-31'), ref: 'PO-earlier' }]);
    const { problems } = await dryRun(ws.admin, [
      receiveVac('L2', 5, '2027-09-30'), receiveVac('L3', 5, '2027-01-31'), receiveVac('L3', 5, '2027-02-28'), receiveVac('L2', 5, '2027-08-31'),
    ]);
    expect(codes(problems)).toEqual(['0 expiry expiry_conflict', '2 expiry expiry_conflict']);
    expect(problems[0].message).toContain('2027-08-31');
  });

  it('warns, but posts, when a lot ships past its expiry', async () => {
    const ws = await fresh();
    await postOk(ws.admin, [{ ...receiveVac('OLD', 5, day(-10)), date: day(-20) }]);
    const res = await ws.admin.post('/v1/batches', { rows: [vac('ship', 'OLD', 5, { from: 'COLD-1' }, { party: 'P', ref: 'SO-9' })] });
    expect(res.status).toBe(201);
    expect(codes(res.body.warnings)).toEqual(['0 lot expired (warning)']);
  });

  it('refuses the return of a lot that was never received', async () => {
    const ws = await fresh();
    const { problems } = await dryRun(ws.admin, [vac('return', 'L-GHOST', 1, { to: 'QUAR' }, { party: 'P' })]);
    expect(codes(problems)).toEqual(['0 lot invalid']);
  });
});

describe('the stored ledger', () => {
  it('records every posted row as a movement, with quantities exact to the thousandth', async () => {
    const ws = await fresh();
    const id = await postOk(ws.admin, [
      { type: 'receive', date: day(0), sku: 'GLV-M', qty: 0.1, to: 'WH1-A', ref: 'PO-1' },
      { type: 'receive', date: day(0), sku: 'GLV-M', qty: 0.2, to: 'WH1-A', ref: 'PO-1' },
    ]);
    // 0.1 + 0.2 as floats is 0.30000000000000004; the ledger holds 0.3 exactly
    await postOk(ws.admin, [{ type: 'ship', date: day(0), sku: 'GLV-M', qty: 0.3, from: 'WH1-A', party: 'P', ref: 'SO-1' }]);
    const batch = await ws.admin.get(`/v1/batches/${id}`);
    expect(batch.body.movements.map((m: { qty: number; to: string; type: string }) => [m.type, m.qty, m.to])).toEqual([
      ['receive', 0.1, 'WH1-A'], ['receive', 0.2, 'WH1-A'],
    ]);
  });
});
