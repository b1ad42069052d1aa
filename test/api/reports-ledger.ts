/**
 * The seeded ledger the trace and report tests read: posted through the real API, so the
 * figures come from the one write path. Dates are relative to today (UTC), since a row may
 * not be dated after tomorrow and "expiring" counts from today.
 *
 * Workspace A, lot FLU-A of VAC-10 (100 received into COLD-1):
 *   d-20 transfer 30 COLD-1 → WH1-A
 *   d-15 ship 20 from COLD-1 to Clinic North (SO-1); ship 10 from WH1-A to Clinic South (SO-2)
 *   d-12 ship 5 from COLD-1 to Clinic North (SO-3)
 *   d-10 Clinic North returns 3 into QUAR (RMA-1); 2 of them scrapped from QUAR
 *   d-8  ship 7 from COLD-1 to Clinic East (SO-9) and 4 GLV-M — a batch later voided
 *   now: COLD-1 45, QUAR 1, WH1-A 20; Clinic North holds 22, Clinic South 10, Clinic East 0.
 * Lot S-2 of SAL-500 (3 in WH1-A) expires today: on the edge of every expiry window.
 * Today's batch also brings a late-entered receipt of 2 GLV-M into WH1-B dated d-25.
 * The hostile lot (5 received, 1 shipped d-10) carries formula-like text in lot, party, ref, note.
 * The voided batch also received serial P-VOID, which therefore never stood anywhere.
 * Serial P-001 exists on PUMP-3 and on IMP-7 (409 without sku). Workspace B has its own
 * FLU-A and a lot and serial A never sees.
 */
import { expect } from 'vitest';
import { api, type Api } from './http';
import { day, freshWorkspace, postOk } from './fixtures';
import type { Target } from './target';

export const HOSTILE = {
  lot: '@SUM(A1)',
  party: '=HYPERLINK("http://evil.example","click")',
  ref: '+1',
  note: '-2',
};

export interface SeededLedger {
  a: Api;
  viewer: Api;
  b: Api;
  /** ISO day n days from today. */
  d: (n: number) => string;
  batches: { receipts: string; transfers: string; shipments: string; returns: string; voided: string; voidedBy: string; today: string };
}

export async function seedLedger(target: Target): Promise<SeededLedger> {
  const d = day;
  const ws = await freshWorkspace(target, 'reports');
  const a = ws.admin;
  const receipts = await postOk(a, [
    { type: 'receive', date: d(-30), sku: 'VAC-10', lot: 'FLU-A', expiry: d(10), qty: 100, to: 'COLD-1', party: 'Acme Pharma', ref: 'PO-1' },
    { type: 'receive', date: d(-30), sku: 'VAC-10', lot: 'FLU-B', expiry: d(-5), qty: 40, to: 'COLD-1', party: 'Acme Pharma', ref: 'PO-1' },
    { type: 'receive', date: d(-30), sku: 'SAL-500', lot: 'S-1', expiry: d(400), qty: 50.5, to: 'WH1-A', party: 'Saline Co', ref: 'PO-2' },
    { type: 'receive', date: d(-30), sku: 'PUMP-3', serial: 'P-001', to: 'WH1-B', ref: 'PO-3' },
    { type: 'receive', date: d(-30), sku: 'PUMP-3', serial: 'P-002', to: 'WH1-B', ref: 'PO-3' },
    { type: 'receive', date: d(-30), sku: 'IMP-7', lot: 'IMP-L1', serial: 'P-001', expiry: d(20), to: 'WH1-B', ref: 'PO-4' },
    { type: 'receive', date: d(-30), sku: 'IMP-7', lot: 'IMP-L1', serial: 'I-002', expiry: d(20), to: 'WH1-B', ref: 'PO-4' },
    { type: 'receive', date: d(-30), sku: 'GLV-M', qty: 10, to: 'WH1-A', ref: 'PO-5' },
    { type: 'receive', date: d(-30), sku: 'SAL-500', lot: 'S-2', expiry: d(0), qty: 3, to: 'WH1-A', party: 'Saline Co', ref: 'PO-2' },
    { type: 'receive', date: d(-30), sku: 'VAC-10', lot: HOSTILE.lot, expiry: d(300), qty: 5, to: 'COLD-1', party: HOSTILE.party, ref: HOSTILE.ref, note: HOSTILE.note },
  ]);
  const transfers = await postOk(a, [
    { type: 'transfer', date: d(-20), sku: 'VAC-10', lot: 'FLU-A', qty: 30, from: 'COLD-1', to: 'WH1-A' },
    { type: 'transfer', date: d(-20), sku: 'PUMP-3', serial: 'P-002', from: 'WH1-B', to: 'WH1-A' },
  ]);
  const shipments = await postOk(a, [
    { type: 'ship', date: d(-15), sku: 'VAC-10', lot: 'FLU-A', qty: 20, from: 'COLD-1', party: 'Clinic North', ref: 'SO-1' },
    { type: 'ship', date: d(-15), sku: 'VAC-10', lot: 'FLU-A', qty: 10, from: 'WH1-A', party: 'Clinic South', ref: 'SO-2' },
    { type: 'ship', date: d(-15), sku: 'PUMP-3', serial: 'P-001', from: 'WH1-B', party: 'Clinic North', ref: 'SO-4' },
    { type: 'ship', date: d(-15), sku: 'IMP-7', lot: 'IMP-L1', serial: 'I-002', from: 'WH1-B', party: 'Clinic South', ref: 'SO-5' },
    { type: 'ship', date: d(-12), sku: 'VAC-10', lot: 'FLU-A', qty: 5, from: 'COLD-1', party: 'Clinic North', ref: 'SO-3' },
  ]);
  const returns = await postOk(a, [
    { type: 'return', date: d(-10), sku: 'VAC-10', lot: 'FLU-A', qty: 3, to: 'QUAR', party: 'Clinic North', ref: 'RMA-1' },
    { type: 'scrap', date: d(-10), sku: 'VAC-10', lot: 'FLU-A', qty: 2, from: 'QUAR', ref: 'damaged' },
    { type: 'return', date: d(-10), sku: 'PUMP-3', serial: 'P-001', to: 'QUAR', party: 'Clinic North', ref: 'RMA-2' },
    { type: 'ship', date: d(-10), sku: 'VAC-10', lot: HOSTILE.lot, qty: 1, from: 'COLD-1', party: HOSTILE.party, ref: HOSTILE.ref },
  ]);
  const voided = await postOk(a, [
    { type: 'ship', date: d(-8), sku: 'VAC-10', lot: 'FLU-A', qty: 7, from: 'COLD-1', party: 'Clinic East', ref: 'SO-9' },
    { type: 'ship', date: d(-8), sku: 'GLV-M', qty: 4, from: 'WH1-A', party: 'Clinic East', ref: 'SO-9' },
    { type: 'receive', date: d(-8), sku: 'PUMP-3', serial: 'P-VOID', to: 'RCV', ref: 'PO-9' },
  ]);
  const v = await a.post(`/v1/batches/${voided}/void`, { reason: 'shipped to the wrong clinic' });
  expect(v.status, JSON.stringify(v.body)).toBe(200);
  const today = await postOk(a, [
    { type: 'ship', date: d(0), sku: 'SAL-500', lot: 'S-1', qty: 0.5, from: 'WH1-A', party: 'Clinic South', ref: 'SO-6' },
    // Entered late: posted last, dated d-25, so posting order and date order differ.
    { type: 'receive', date: d(-25), sku: 'GLV-M', qty: 2, to: 'WH1-B', ref: 'PO-LATE' },
  ]);
  const t = await a.post('/v1/tokens', { name: 'quality', role: 'viewer' });
  expect(t.status, JSON.stringify(t.body)).toBeLessThan(300);
  const viewer = api(target, t.body.token);

  const other = await freshWorkspace(target, 'reports-b');
  const b = other.admin;
  await postOk(b, [
    { type: 'receive', date: d(-3), sku: 'VAC-10', lot: 'FLU-A', expiry: d(200), qty: 999, to: 'RCV', ref: 'PO-B1' },
    { type: 'receive', date: d(-3), sku: 'VAC-10', lot: 'ONLY-B', expiry: d(5), qty: 7, to: 'RCV', ref: 'PO-B1' },
    { type: 'receive', date: d(-3), sku: 'PUMP-3', serial: 'B-ONLY-1', to: 'RCV', ref: 'PO-B2' },
    { type: 'ship', date: d(-2), sku: 'VAC-10', lot: 'FLU-A', qty: 9, from: 'RCV', party: 'Clinic North', ref: 'SO-B1' },
  ]);
  return { a, viewer, b, d, batches: { receipts, transfers, shipments, returns, voided, voidedBy: v.body.batchId, today } };
}
