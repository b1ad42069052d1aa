/**
 * Issue 19: the history is true at every date. A row holds as of its own date and breaks no
 * movement dated after it; on hand as of any day shows only what the ledger took; a lot's first
 * receipt is its earliest; a void undoes what its batch did to a lot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from './target';
import { day, dryRun, freshWorkspace, postOk } from './fixtures';
import type { Api } from './http';

let target: Target;
beforeAll(async () => { target = await startTarget(); });
afterAll(() => target?.stop());

const fresh = () => freshWorkspace(target, 'history');
const pump = (type: string, serial: string, date: string, places: Record<string, string>) =>
  ({ type, date, sku: 'PUMP-3', serial, ref: 'R-1', party: 'Clinic', ...places });
const vac = (type: string, lot: string, qty: number, date: string, places: Record<string, string>, expiry = day(300)) =>
  // a ref of its own per date, so receipts of one lot on several days are no repeats (possible_duplicate)
  ({ type, date, sku: 'VAC-10', lot, qty, expiry, ref: `R-2-${date}`, party: 'Clinic', ...places });
const codes = (problems: { row: number; field: string; code: string }[]) => problems.map((p) => `${p.row} ${p.field} ${p.code}`);

async function onHandAsOf(ws: { admin: Api }, date: string): Promise<string[]> {
  const res = await ws.admin.get(`/v1/reports/on-hand?asOf=${date}`);
  expect(res.status).toBe(200);
  return res.body.rows.map((r: { sku: string; lot: string | null; serial: string | null; location: string; qty: number }) =>
    `${r.sku} ${r.serial ?? r.lot ?? ''} ${r.location} ${r.qty}`);
}

describe('a serial moved on a date before its latest movement', () => {
  it('is refused when the serial was not there yet on that date, and as of that day it stands in one place', async () => {
    const ws = await fresh();
    await postOk(ws.admin, [pump('receive', 'H-1', day(-20), { to: 'WH1-A' })]);
    await postOk(ws.admin, [pump('transfer', 'H-1', day(-10), { from: 'WH1-A', to: 'WH1-B' })]);
    const res = await ws.admin.post('/v1/batches', { rows: [pump('transfer', 'H-1', day(-25), { from: 'WH1-B', to: 'RCV' })] });
    expect(res.status).toBe(422);
    expect(codes(res.body.problems)).toEqual(['0 serial serial_not_at_location']);
    expect(res.body.problems[0].message).toContain(`was not in the ledger yet on ${day(-25)}`);
    expect(await onHandAsOf(ws, day(-18))).toEqual(['PUMP-3 H-1 WH1-A 1']);
  });

  it('is refused when it would break a later movement of the serial, which the message names', async () => {
    const ws = await fresh();
    await postOk(ws.admin, [pump('receive', 'H-2', day(-20), { to: 'WH1-A' })]);
    const moved = await postOk(ws.admin, [pump('transfer', 'H-2', day(-10), { from: 'WH1-A', to: 'WH1-B' })]);
    // On day -15 the serial was at WH1-A, but the transfer of day -10 takes it from there.
    const { problems } = await dryRun(ws.admin, [pump('ship', 'H-2', day(-15), { from: 'WH1-A' })]);
    expect(codes(problems)).toEqual(['0 serial serial_not_at_location']);
    expect(problems[0].message).toContain(moved);
    // A return needs the serial with a customer on its date.
    await postOk(ws.admin, [pump('ship', 'H-2', day(-5), { from: 'WH1-B' })]);
    const back = await dryRun(ws.admin, [pump('return', 'H-2', day(-7), { to: 'WH1-A' })]);
    expect(codes(back.problems)).toEqual(['0 serial serial_not_shipped']);
    // Dated on or after its latest movement, as always.
    expect((await dryRun(ws.admin, [pump('return', 'H-2', day(-5), { to: 'WH1-A' })])).ok).toBe(true);
  });

  it('is refused when an earlier row of the same batch moves the serial on a later date', async () => {
    const ws = await fresh();
    const { problems } = await dryRun(ws.admin, [
      pump('receive', 'H-3', day(-10), { to: 'WH1-A' }),
      pump('transfer', 'H-3', day(-5), { from: 'WH1-A', to: 'WH1-B' }),
      pump('transfer', 'H-3', day(-8), { from: 'WH1-B', to: 'RCV' }),
    ]);
    expect(codes(problems)).toEqual(['2 serial serial_not_at_location']);
  });
});

describe('stock taken on a date before the latest movement at its place', () => {
  it('is refused when the stock was not there on that date, so on hand as of then shows nothing that never was', async () => {
    const ws = await fresh();
    await postOk(ws.admin, [vac('receive', 'HL1', 10, day(-10), { to: 'COLD-1' })]);
    const res = await ws.admin.post('/v1/batches', { rows: [vac('transfer', 'HL1', 10, day(-30), { from: 'COLD-1', to: 'WH1-B' })] });
    expect(res.status).toBe(422);
    expect(codes(res.body.problems)).toEqual(['0 qty insufficient_stock']);
    expect(res.body.problems[0].message).toContain(`There was no VAC-10 lot HL1 at COLD-1 on ${day(-30)}`);
    expect(await onHandAsOf(ws, day(-20))).toEqual([]);
  });

  it('is refused when it would leave a later balance below zero, naming that movement; taken when it would not', async () => {
    const ws = await fresh();
    await postOk(ws.admin, [vac('receive', 'HL2', 10, day(-20), { to: 'COLD-1' })]);
    const shipped = await postOk(ws.admin, [vac('ship', 'HL2', 8, day(-5), { from: 'COLD-1' })]);
    const { problems } = await dryRun(ws.admin, [vac('transfer', 'HL2', 5, day(-10), { from: 'COLD-1', to: 'WH1-A' })]);
    expect(codes(problems)).toEqual(['0 qty insufficient_stock']);
    expect(problems[0].message).toBe(`This row, dated ${day(-10)}, would leave VAC-10 lot HL2 at COLD-1 at -3 on ${day(-5)} `
      + `(batch ${shipped}); that later movement needs the stock this row takes.`);
    await postOk(ws.admin, [vac('transfer', 'HL2', 2, day(-10), { from: 'COLD-1', to: 'WH1-A' })]);
    expect(await onHandAsOf(ws, day(-10))).toEqual(['VAC-10 HL2 COLD-1 8', 'VAC-10 HL2 WH1-A 2']);
    expect(await onHandAsOf(ws, day(-5))).toEqual(['VAC-10 HL2 WH1-A 2']);
  });

  it('counts the rows of its own batch by date: a row dated before an earlier row that brought the stock is refused', async () => {
    const ws = await fresh();
    const { problems } = await dryRun(ws.admin, [
      vac('receive', 'HL3', 10, day(-5), { to: 'COLD-1' }),
      vac('ship', 'HL3', 4, day(-8), { from: 'COLD-1' }),
      { type: 'receive', date: day(-6), sku: 'GLV-M', qty: 5, to: 'RCV', ref: 'PO-3' },
      { type: 'ship', date: day(-3), sku: 'GLV-M', qty: 5, from: 'RCV', party: 'Clinic', ref: 'SO-3' },
      { type: 'receive', date: day(-2), sku: 'GLV-M', qty: 5, to: 'RCV', ref: 'PO-4' },
      { type: 'scrap', date: day(-4), sku: 'GLV-M', qty: 1, from: 'RCV' },
    ]);
    expect(codes(problems)).toEqual(['1 qty insufficient_stock', '5 qty insufficient_stock']);
    expect(problems[1].message).toContain(`at -1 on ${day(-3)} (row 3 of this batch)`);
  });

  it('orders a day by posting: a row dated on the day of a later dip below its quantity comes after it', async () => {
    const ws = await fresh();
    await postOk(ws.admin, [{ type: 'receive', date: day(-9), sku: 'GLV-M', qty: 5, to: 'RCV', ref: 'PO-5' }]);
    // Day -3: all 5 out, then 5 in; net nothing, but the day dips to zero in between.
    await postOk(ws.admin, [
      { type: 'ship', date: day(-3), sku: 'GLV-M', qty: 5, from: 'RCV', party: 'Clinic', ref: 'SO-5' },
      { type: 'receive', date: day(-3), sku: 'GLV-M', qty: 5, to: 'RCV', ref: 'PO-6' },
    ]);
    const { problems } = await dryRun(ws.admin, [{ type: 'scrap', date: day(-6), sku: 'GLV-M', qty: 1, from: 'RCV' }]);
    expect(codes(problems)).toEqual(['0 qty insufficient_stock']);
    expect(problems[0].message).toContain(`at -1 on ${day(-3)}`);
    // Dated that same day it comes after both, and holds.
    expect((await dryRun(ws.admin, [{ type: 'scrap', date: day(-3), sku: 'GLV-M', qty: 5, from: 'RCV' }])).ok).toBe(true);
  });
});

describe('a void', () => {
  it('is refused when, without its batch, a later-dated movement would have taken stock that was not there', async () => {
    const ws = await fresh();
    const first = await postOk(ws.admin, [vac('receive', 'HV1', 10, day(-20), { to: 'COLD-1' })]);
    const shipped = await postOk(ws.admin, [vac('ship', 'HV1', 8, day(-10), { from: 'COLD-1' })]);
    await postOk(ws.admin, [vac('receive', 'HV1', 100, day(-5), { to: 'COLD-1' })]);
    // On hand now (102) would cover taking the 10 back; on day -10 nothing would have been there.
    const res = await ws.admin.post(`/v1/batches/${first}/void`, { reason: 'wrong lot' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('void_blocked');
    expect(res.body.error.message).toContain(`at -8 on ${day(-10)}: batch ${shipped}`);
    expect((await ws.admin.post(`/v1/batches/${shipped}/void`, { reason: 'wrong customer' })).status).toBe(200);
    expect((await ws.admin.post(`/v1/batches/${first}/void`, { reason: 'wrong lot' })).status).toBe(200);
  });
});

describe('a lot', () => {
  it('was first received on its earliest receipt, whatever order the receipts were posted in', async () => {
    const ws = await fresh();
    await postOk(ws.admin, [vac('receive', 'HF1', 1, day(-5), { to: 'COLD-1' })]);
    await postOk(ws.admin, [vac('receive', 'HF1', 1, day(-30), { to: 'COLD-1' }), vac('receive', 'HF1', 1, day(-20), { to: 'COLD-1' })]);
    const trace = await ws.admin.get('/v1/trace/lot?sku=VAC-10&lot=HF1');
    expect(trace.body.lot.firstReceived).toBe(day(-30));
  });

  it('gets back from a void what its remaining receipts say: a mistyped expiry voided can be received right', async () => {
    const ws = await fresh();
    const wrong = await postOk(ws.admin, [vac('receive', 'EX', 5, day(-2), { to: 'COLD-1' }, '2072-01-01')]);
    expect((await ws.admin.post(`/v1/batches/${wrong}/void`, { reason: 'mistyped expiry' })).status).toBe(200);
    expect((await ws.admin.get('/v1/trace/lot?sku=VAC-10&lot=EX')).body.lot).toMatchObject({ expiry: null, firstReceived: null });
    await postOk(ws.admin, [vac('receive', 'EX', 5, day(-1), { to: 'COLD-1' }, day(400))]);
    const trace = await ws.admin.get('/v1/trace/lot?sku=VAC-10&lot=EX');
    expect(trace.body.lot, JSON.stringify(trace.body)).toMatchObject({ expiry: day(400), firstReceived: day(-1) });
  });

  it('keeps the expiry and first receipt its other receipts give when one batch of them is voided', async () => {
    const ws = await fresh();
    await postOk(ws.admin, [vac('receive', 'EY', 5, day(-9), { to: 'COLD-1' }, day(100))]);
    const early = await postOk(ws.admin, [vac('receive', 'EY', 5, day(-20), { to: 'COLD-1' }, day(100))]);
    expect((await ws.admin.get('/v1/trace/lot?sku=VAC-10&lot=EY')).body.lot.firstReceived).toBe(day(-20));
    expect((await ws.admin.post(`/v1/batches/${early}/void`, { reason: 'wrong date' })).status).toBe(200);
    expect((await ws.admin.get('/v1/trace/lot?sku=VAC-10&lot=EY')).body.lot).toMatchObject({ expiry: day(100), firstReceived: day(-9) });
  });
});

describe('the most one lot holds at one place', () => {
  it('is 1e12: a row past it is refused, and every report shows a place at it exactly, in JSON and CSV', async () => {
    const ws = await fresh();
    const big = (qty: number, date = day(-3)) => vac('receive', 'BIG', qty, date, { to: 'COLD-1' }, day(10));
    await postOk(ws.admin, [...Array.from({ length: 999 }, () => big(1e9)), big(999999999.999)]);
    const almost = await ws.admin.get('/v1/reports/on-hand?sku=VAC-10&format=csv');
    expect(almost.body).toContain('999999999999.999');
    expect((await ws.admin.get('/v1/reports/on-hand?sku=VAC-10')).body.rows[0].qty).toBe(999999999999.999);
    await postOk(ws.admin, [big(0.001, day(-2))]);
    const past = await ws.admin.post('/v1/batches', { rows: [big(0.001, day(-1))] });
    expect(past.status).toBe(422);
    expect(codes(past.body.problems)).toEqual(['0 qty invalid']);
    expect(past.body.problems[0].message).toContain('holds at most 1000000000000');

    const full = 1e12;
    const json = async (p: string) => {
      const res = await ws.admin.get(p);
      expect(res.status, `${p}: ${JSON.stringify(res.body)}`).toBe(200);
      return res.body;
    };
    expect((await json('/v1/reports/on-hand')).rows).toEqual([{ sku: 'VAC-10', lot: 'BIG', serial: null, location: 'COLD-1', qty: full, held: false }]);
    expect((await json(`/v1/reports/on-hand?asOf=${day(-2)}`)).rows[0].qty).toBe(full);
    expect((await json(`/v1/reports/on-hand?asOf=${day(-3)}`)).rows[0].qty).toBe(999999999999.999);
    expect((await json('/v1/reports/recall?sku=VAC-10&lot=BIG')).onHand).toEqual([{ sku: 'VAC-10', location: 'COLD-1', lot: 'BIG', qty: full, held: false }]);
    expect((await json('/v1/reports/expiring?days=30')).lots.map((l: { qty: number }) => l.qty)).toEqual([full]);
    expect((await json('/v1/trace/lot?sku=VAC-10&lot=BIG')).onHand).toEqual([{ location: 'COLD-1', qty: full }]);
    expect((await json('/v1/reports/movements?sku=VAC-10&lot=BIG')).movements).toHaveLength(1001);
    for (const p of ['/v1/reports/on-hand', `/v1/reports/on-hand?asOf=${day(0)}`, '/v1/reports/recall?sku=VAC-10&lot=BIG',
      '/v1/reports/expiring?days=30', '/v1/trace/lot?sku=VAC-10&lot=BIG']) {
      const csv = await ws.admin.get(`${p}${p.includes('?') ? '&' : '?'}format=csv`);
      expect(csv.status, p).toBe(200);
      // (recall and trace answer their customers and movements as CSV)
      if (!/recall|trace/.test(p)) expect(csv.body, p).toContain(',1000000000000');
    }
  });
});
