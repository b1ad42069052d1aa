import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LedgerStore } from '../../db/port';
import { createApp } from '../../app';
import { openDatabase } from '../../db/client';
import { migrate } from '../../db/migrate';
import { createWorkspace } from '../../workspaces';
import { onHand } from './on-hand';

// On hand now comes from the projections the write path keeps; as of a date it is replayed
// from the movements. Whatever sequence of posts and voids happened, the two must agree —
// and as of any past day, the replay must equal what the projection said at the end of that
// day, unless a later void corrected that day's record (a voided batch counts on no day).
let dir: string;
let db: LedgerStore;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lotledger-onhand-'));
  db = await openDatabase(`file:${path.join(dir, 'ledger.db')}`);
  await migrate(db);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const LOCATIONS = ['A', 'B', 'C'];
const SKUS = ['LOT-1', 'SER-1', 'PLAIN'];
const DAYS = ['2030-01-01', '2030-01-02', '2030-01-03', '2030-01-04'];

interface RandomRow { type: string; sku: string; lot: string; serial: string; qty: number; from: string; to: string; inward: boolean }

const rowArb: fc.Arbitrary<RandomRow> = fc.record({
  // Weighted towards receipts, so that there is stock for the other types to move.
  type: fc.constantFrom('receive', 'receive', 'receive', 'transfer', 'transfer', 'ship', 'ship', 'return', 'scrap', 'adjust'),
  sku: fc.constantFrom(...SKUS),
  lot: fc.constantFrom('L1', 'L2'),
  serial: fc.constantFrom('S1', 'S2', 'S3'),
  qty: fc.integer({ min: 1, max: 5 }),
  from: fc.constantFrom(...LOCATIONS),
  to: fc.constantFrom(...LOCATIONS),
  inward: fc.boolean(),
});

type Step = { day: number; rows: RandomRow[] } | { day: number; voidOf: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ day: fc.integer({ min: 0, max: DAYS.length - 1 }), rows: fc.array(rowArb, { minLength: 1, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ day: fc.integer({ min: 0, max: DAYS.length - 1 }), voidOf: fc.nat(10) }) },
);

/** A random row shaped so that the ledger may accept it (places by type; serials qty 1). */
function toRow(r: RandomRow, date: string) {
  const row: Record<string, unknown> = { type: r.type, date, sku: r.sku, qty: r.sku === 'SER-1' ? 1 : r.qty, ref: 'R-1' };
  if (r.sku === 'LOT-1') { row.lot = r.lot; row.expiry = '2031-01-01'; }
  if (r.sku === 'SER-1') row.serial = r.serial;
  const party = 'Customer';
  if (r.type === 'receive') row.to = r.to;
  if (r.type === 'transfer') { row.from = r.from; row.to = r.to; }
  if (r.type === 'ship') { row.from = r.from; row.party = party; }
  if (r.type === 'return') { row.to = r.to; row.party = party; }
  if (r.type === 'scrap') row.from = r.from;
  if (r.type === 'adjust') row[r.inward ? 'to' : 'from'] = r.inward ? r.to : r.from;
  return row;
}

describe('on hand as of a date', () => {
  it('replayed from the movements always equals what the stock and unit projections hold', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 12 }), async (steps) => {
        // Days only move forward, as posting days do; rows may be dated any day up to today.
        const sorted = [...steps].sort((a, b) => a.day - b.day);
        const ws = await createWorkspace(db, `prop-${run++}-${Date.now()}`);
        const byDay = new Map<number, ReturnType<typeof onHand> extends Promise<infer T> ? T : never>();
        let today = 0;
        const app = createApp({ store: db, now: () => new Date(`${DAYS[today]}T12:00:00Z`) });
        const call = (p: string, body: unknown) => app.request(p, {
          method: 'POST', body: JSON.stringify(body),
          headers: { authorization: `Bearer ${ws.adminToken}`, 'content-type': 'application/json' },
        });
        await call('/v1/items', { items: [
          { sku: 'LOT-1', name: 'lot item', lotTracked: true, serialTracked: false },
          { sku: 'SER-1', name: 'serial item', lotTracked: false, serialTracked: true },
          { sku: 'PLAIN', name: 'untracked item', lotTracked: false, serialTracked: false },
        ] });
        await call('/v1/locations', { locations: LOCATIONS.map((code) => ({ code })) });
        const batches: string[] = [];
        let lastVoidDay = -1;
        for (const step of sorted) {
          // Record the projection at the end of each day before moving on.
          while (today < step.day) { byDay.set(today, await onHand(db, ws.workspaceId, {})); today++; }
          if ('rows' in step) {
            // One row a batch, so that a row the ledger refuses does not take the others with it.
            for (const r of step.rows) {
              const res = await call('/v1/batches', { rows: [toRow(r, DAYS[today])] });
              if (res.status === 201) batches.push((await res.json()).batchId);
              else expect(res.status).toBe(422);
            }
          } else if (batches.length > 0) {
            const id = batches[step.voidOf % batches.length];
            const res = await call(`/v1/batches/${id}/void`, { reason: 'property test' });
            expect([200, 409]).toContain(res.status);
            if (res.status === 200) lastVoidDay = today;
          }
        }
        while (today < DAYS.length) { byDay.set(today, await onHand(db, ws.workspaceId, {})); today++; }
        for (const [d, projected] of byDay) {
          if (d >= lastVoidDay) expect(await onHand(db, ws.workspaceId, { asOf: DAYS[d] })).toEqual(projected);
        }
        expect(await onHand(db, ws.workspaceId, { asOf: '2099-12-31' })).toEqual(byDay.get(DAYS.length - 1));
      }),
      { numRuns: 20 },
    );
  }, 60_000);
});
