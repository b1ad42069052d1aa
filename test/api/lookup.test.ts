/**
 * POST /v1/lookup (docs/API.md "Lookups for many cells at once") against the seeded ledger of
 * reports-ledger.ts: answers in the order asked, unknown keys found false, never an error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LookupAnswer, OnHandKey } from '../../shared/lookup-answers';
import type { OnHandAnswer } from '../../shared/report-answers';
import { HOSTILE, seedLedger, type SeededLedger } from './reports-ledger';
import { startTarget, type Target } from './target';

let target: Target;
let s: SeededLedger;

beforeAll(async () => {
  target = await startTarget();
  s = await seedLedger(target);
});
afterAll(() => target?.stop());

const ask = async (body: unknown) => {
  const res = await s.viewer.post<LookupAnswer>('/v1/lookup', body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe('POST /v1/lookup', () => {
  it('answers on-hand figures in the order asked: by item, lot, location, and unknown keys found false', async () => {
    const keys: OnHandKey[] = [
      { sku: 'VAC-10', lot: 'FLU-A' },
      { sku: 'VAC-10', lot: 'FLU-A', location: 'COLD-1' },
      { sku: 'VAC-10', location: 'WH1-A' },
      { sku: 'GLV-M' },
      { sku: 'NOPE' },
      { sku: 'VAC-10', lot: 'NOPE' },
      { sku: 'VAC-10', location: 'NOPE' },
      { sku: 'VAC-10', lot: 'FLU-A', location: 'RCV' },
      { sku: 'VAC-10', lot: 'ONLY-B' }, // workspace B's lot: unknown here
      { sku: 'SAL-500', lot: 'FLU-A' }, // a lot of another item
      { sku: 'VAC-10', lot: 'FLU-A' }, // asked twice, answered twice
      { sku: 'PUMP-3', location: 'QUAR' },
    ];
    const { onHand, lots, serials } = await ask({ onHand: keys });
    expect(onHand).toEqual([
      { qty: 66, found: true }, { qty: 45, found: true }, { qty: 20, found: true }, { qty: 12, found: true },
      { qty: 0, found: false }, { qty: 0, found: false }, { qty: 0, found: false },
      { qty: 0, found: true }, // a known place with none of the lot
      { qty: 0, found: false }, { qty: 0, found: false }, { qty: 66, found: true }, { qty: 1, found: true },
    ]);
    expect(lots).toEqual([]);
    expect(serials).toEqual([]);
  });

  it('matches the on-hand report, item by item, with SKUs and numbers as cells hold them', async () => {
    const report = (await s.viewer.get<OnHandAnswer>('/v1/reports/on-hand')).body.rows;
    const bySku = new Map<string, number>();
    for (const r of report) bySku.set(r.sku, (bySku.get(r.sku) ?? 0) + r.qty);
    const skus = [...bySku.keys()];
    const { onHand } = await ask({ onHand: skus.map((sku) => ({ sku: ` ${sku} ` })) });
    expect(onHand.map((a) => a.qty)).toEqual(skus.map((k) => bySku.get(k)));
    expect(onHand.every((a) => a.found)).toBe(true);
  });

  it('answers a known SKU with no stock as 0, found', async () => {
    const added = await s.a.post('/v1/items', { items: [{ sku: 'IDLE-1', name: 'Never received', lotTracked: true, serialTracked: false }] });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const { onHand, lots } = await ask({ onHand: [{ sku: 'IDLE-1' }, { sku: 'IDLE-1', location: 'COLD-1' }], lots: [{ sku: 'IDLE-1', lot: 'L1' }] });
    expect(onHand).toEqual([{ qty: 0, found: true }, { qty: 0, found: true }]);
    expect(lots).toEqual([{ expiry: null, held: false, onHand: 0, found: false }]);
  });

  it('answers lots: expiry, held, what is on hand, found', async () => {
    const { lots } = await ask({
      lots: [{ sku: 'VAC-10', lot: 'FLU-B' }, { sku: 'VAC-10', lot: HOSTILE.lot }, { sku: 'VAC-10', lot: 'X' }, { sku: 'GLV-M', lot: 'FLU-A' }, { sku: 'VAC-10', lot: 'FLU-A' }],
    });
    expect(lots).toEqual([
      { expiry: s.d(-5), held: false, onHand: 40, found: true },
      { expiry: s.d(300), held: false, onHand: 4, found: true },
      { expiry: null, held: false, onHand: 0, found: false },
      { expiry: null, held: false, onHand: 0, found: false },
      { expiry: s.d(10), held: false, onHand: 66, found: true },
    ]);
  });

  it('answers held for a lot under an active hold, and not once it is released or when only a unit of it is held', async () => {
    const held = async () => (await ask({ lots: [{ sku: 'SAL-500', lot: 'S-2' }, { sku: 'IMP-7', lot: 'IMP-L1' }] })).lots.map((l) => l.held);
    expect(await held()).toEqual([false, false]);
    const placed = await s.a.post('/v1/holds', { sku: 'SAL-500', lots: ['S-2'], reason: 'supplier recall' });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const unit = await s.a.post('/v1/holds', { sku: 'IMP-7', serials: ['P-001'], reason: 'dented' });
    expect(unit.status, JSON.stringify(unit.body)).toBe(201);
    expect(await held()).toEqual([true, false]);
    const released = await s.a.post('/v1/holds/release', { sku: 'SAL-500', lots: ['S-2'], reason: 'cleared' });
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    expect(await s.a.post('/v1/holds/release', { sku: 'IMP-7', serials: ['P-001'], reason: 'cleared' })).toMatchObject({ status: 200 });
    expect(await held()).toEqual([false, false]);
  });

  it('answers serials: where each unit is, whom it went to, with or without the SKU', async () => {
    const { serials } = await ask({
      serials: [
        { serial: 'P-002' }, { serial: 'I-002', sku: 'IMP-7' }, { serial: 'P-001', sku: 'PUMP-3' }, { serial: 'P-001', sku: 'IMP-7' },
        { serial: 'P-001' }, { serial: 'P-VOID' }, { serial: 'B-ONLY-1' }, { serial: 'P-002', sku: 'IMP-7' },
      ],
    });
    const none = { state: null, location: null, party: null, lot: null, sku: null, found: false };
    expect(serials).toEqual([
      { state: 'in_stock', location: 'WH1-A', party: null, lot: null, sku: 'PUMP-3', found: true },
      { state: 'shipped', location: null, party: 'Clinic South', lot: 'IMP-L1', sku: 'IMP-7', found: true },
      { state: 'in_stock', location: 'QUAR', party: null, lot: null, sku: 'PUMP-3', found: true },
      { state: 'in_stock', location: 'WH1-B', party: null, lot: 'IMP-L1', sku: 'IMP-7', found: true },
      // Two items hold P-001: without a SKU, the first by SKU.
      { state: 'in_stock', location: 'WH1-B', party: null, lot: 'IMP-L1', sku: 'IMP-7', found: true },
      none, none, none,
    ]);
  });

  it('answers all three lists of one request, and empty lists for lists not asked', async () => {
    expect(await ask({})).toEqual({ onHand: [], lots: [], serials: [] });
    const all = await ask({ onHand: [{ sku: 'GLV-M', lot: '' }], lots: [{ sku: 'SAL-500', lot: 'S-2' }], serials: [{ serial: 'I-002' }] });
    expect(all.onHand).toEqual([{ qty: 12, found: true }]);
    expect(all.lots).toEqual([{ expiry: s.d(0), held: false, onHand: 3, found: true }]);
    expect(all.serials[0].party).toBe('Clinic South');
  });

  it('takes 10,000 entries in all and refuses 10,001 with 413 too_large', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ sku: i % 2 ? 'VAC-10' : `NO-${i}` }));
    const ok = await ask({ onHand: many, lots: many.map((k) => ({ sku: k.sku, lot: 'FLU-A' })) });
    expect(ok.onHand).toHaveLength(5000);
    expect(ok.lots[1]).toEqual({ expiry: s.d(10), held: false, onHand: 66, found: true });
    expect(ok.onHand[4999]).toEqual({ qty: 66 + 40 + 4, found: true });
    const res = await s.viewer.post('/v1/lookup', { onHand: many, lots: many, serials: [{ serial: 'x' }] });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('too_large');
  });

  it('refuses a body of the wrong shape with 400 naming the place', async () => {
    const cases: [unknown, RegExp][] = [
      [{ onHand: {} }, /onHand must be a list/],
      [{ stock: [] }, /unknown field 'stock'/],
      [{ onHand: ['VAC-10'] }, /onHand\[0\] must be an object/],
      [{ lots: [{ sku: 'VAC-10' }] }, /lots\[0\] needs lot/],
      [{ serials: [{ serial: { a: 1 } }] }, /serials\[0\]\.serial must be text or a number/],
      [{ onHand: [{ sku: 'VAC-10', qty: 1 }] }, /onHand\[0\] has an unknown field 'qty'/],
    ];
    for (const [body, message] of cases) {
      const res = await s.viewer.post('/v1/lookup', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      expect(res.body.error.message).toMatch(message);
    }
  });

  it('needs a token', async () => {
    const res = await fetch(`${target.baseUrl}/v1/lookup`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(401);
  });
});
