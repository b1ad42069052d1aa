import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LedgerStore } from '../db/port';
import { createApp } from '../app';
import { openDatabase } from '../db/client';
import { migrate } from '../db/migrate';
import { createWorkspace } from '../workspaces';
import type { RecallAnswer, LotTraceAnswer } from '../../shared/report-answers';

// Holds, transformation and returns against a plain model, over random sequences of receipts,
// productions, shipments, returns, moves, holds, releases and voids (one batch a step):
// - no held lot ever leaves its place but into quarantine or to scrap (the server refuses
//   exactly those rows, and every row it takes is one the model allows);
// - a recall's derived lots are the model's transitive closure of the unvoided productions,
//   each at its shortest depth;
// - no customer ever holds less than nothing of any lot.
let dir: string;
let db: LedgerStore;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lotledger-recall-prop-'));
  db = await openDatabase(`file:${path.join(dir, 'ledger.db')}`);
  await migrate(db);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const SKUS = ['RAW', 'MIX'];
const PLACES = ['A', 'B', 'Q'];
const QUARANTINE = 'Q';
const PARTIES = ['North', 'South'];
const DATE = '2030-01-02';

type Op =
  | { kind: 'receive'; sku: number; qty: number; to: number }
  | { kind: 'make'; inputs: number[]; qty: number; sku: number }
  | { kind: 'ship' | 'return'; lot: number; qty: number; place: number; party: number }
  | { kind: 'transfer'; lot: number; qty: number; from: number; to: number }
  | { kind: 'scrap'; lot: number; qty: number; from: number }
  | { kind: 'hold' | 'release'; lot: number }
  | { kind: 'void'; batch: number };

const n = (max: number) => fc.integer({ min: 0, max });
const qty = fc.integer({ min: 1, max: 6 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('receive' as const), sku: n(1), qty: fc.integer({ min: 5, max: 20 }), to: n(1) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('make' as const), inputs: fc.array(n(3), { minLength: 1, maxLength: 3 }), qty, sku: n(1) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('ship' as const, 'return' as const), lot: n(30), qty, place: n(2), party: n(1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('transfer' as const), lot: n(30), qty, from: n(2), to: n(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('scrap' as const), lot: n(30), qty, from: n(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('hold' as const, 'release' as const), lot: n(30) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), batch: n(30) }) },
);

interface Lot { sku: string; lot: string }
interface Row { type: string; sku: string; lot: string; qty: number; from?: string; to?: string; party?: string; ref?: string; expiry?: string; date: string }
/** A production the model knows: its inputs and its output, by lot key. */
interface Made { batch: string; inputs: string[]; output: string; ref: string }

const key = (l: Lot) => `${l.sku}/${l.lot}`;

/** The plain model: the lots, which are held, and the productions that count. */
class Model {
  lots: Lot[] = [];
  held = new Set<string>();
  made: Made[] = [];
  voided = new Set<string>();

  /** Whether a row takes held stock out other than into quarantine or to scrap. */
  breaksHold(r: Row): boolean {
    if (r.from === undefined || !this.held.has(key(r))) return false;
    return !(r.type === 'scrap' || (r.type === 'transfer' && r.to === QUARANTINE));
  }

  /** Every lot made, directly or not, from `root`, at its shortest depth (breadth first). */
  closure(root: string): Map<string, number> {
    const depth = new Map<string, number>([[root, 0]]);
    let frontier = [root];
    for (let d = 1; frontier.length > 0; d++) {
      const next: string[] = [];
      for (const m of this.made) {
        if (this.voided.has(m.batch) || depth.has(m.output) || !m.inputs.some((i) => frontier.includes(i))) continue;
        depth.set(m.output, d);
        next.push(m.output);
      }
      frontier = next;
    }
    depth.delete(root);
    return depth;
  }
}

describe('holds, transformation and returns against a plain model', () => {
  it('never lets held stock leave but into quarantine or to scrap, recalls the closure, and keeps every holding at or above zero', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 25 }), async (ops) => {
        const ws = await createWorkspace(db, `recall-prop-${run++}-${Date.now()}`);
        const app = createApp({ store: db, now: () => new Date(`${DATE}T12:00:00Z`) });
        const call = (method: string, p: string, body?: unknown) => app.request(p, {
          method, body: body === undefined ? undefined : JSON.stringify(body),
          headers: { authorization: `Bearer ${ws.adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        });
        await call('POST', '/v1/items', { items: SKUS.map((sku) => ({ sku, name: sku, lotTracked: true, serialTracked: false })) });
        await call('POST', '/v1/locations', { locations: PLACES.map((code) => ({ code, quarantine: code === QUARANTINE })) });
        const model = new Model();
        const batches: string[] = [];
        const lotAt = (i: number): Lot | undefined => model.lots[i % Math.max(1, model.lots.length)];
        let made = 0;

        for (const o of ops) {
          let rows: Row[] = [];
          if (o.kind === 'receive') {
            const lot = { sku: SKUS[o.sku], lot: `R${model.lots.length}` };
            rows = [{ type: 'receive', ...lot, qty: o.qty, to: PLACES[o.to], ref: 'PO', expiry: '2031-01-01', date: DATE }];
          } else if (o.kind === 'make') {
            // Inputs from the newest lots, so that productions chain into deep trees.
            const newest = (i: number) => model.lots[model.lots.length - 1 - (i % Math.max(1, model.lots.length))];
            const inputs = [...new Map(o.inputs.map(newest).filter((l): l is Lot => l !== undefined).map((l) => [key(l), l])).values()];
            if (inputs.length === 0) continue;
            const ref = `WO-${made++}`;
            rows = [
              ...inputs.map((l) => ({ type: 'consume', ...l, qty: 1, from: 'A', ref, date: DATE })),
              { type: 'produce', sku: SKUS[o.sku], lot: `P${made}`, qty: o.qty, to: 'A', ref, expiry: '2031-01-01', date: DATE },
            ];
          } else if (o.kind === 'hold' || o.kind === 'release') {
            const l = lotAt(o.lot);
            if (!l) continue;
            const res = await call('POST', o.kind === 'hold' ? '/v1/holds' : '/v1/holds/release', { sku: l.sku, lots: [l.lot], reason: 'property' });
            expect(res.status).toBe(o.kind === 'hold' ? 201 : 200);
            if (o.kind === 'hold') model.held.add(key(l)); else model.held.delete(key(l));
            continue;
          } else if (o.kind === 'void') {
            if (batches.length === 0) continue;
            const id = batches[o.batch % batches.length];
            const res = await call('POST', `/v1/batches/${id}/void`, { reason: 'property' });
            expect([200, 409]).toContain(res.status);
            if (res.status === 200) model.voided.add(id);
          } else {
            const l = lotAt(o.lot);
            if (!l) continue;
            if (o.kind === 'ship') rows = [{ type: 'ship', ...l, qty: o.qty, from: PLACES[o.place], party: PARTIES[o.party], ref: 'SO', date: DATE }];
            else if (o.kind === 'return') rows = [{ type: 'return', ...l, qty: o.qty, to: PLACES[o.place], party: PARTIES[o.party], date: DATE }];
            else if (o.kind === 'transfer') {
              if (o.from === o.to) continue; // refused by the field rules, before any hold is looked at
              rows = [{ type: 'transfer', ...l, qty: o.qty, from: PLACES[o.from], to: PLACES[o.to], date: DATE }];
            } else if (o.kind === 'scrap') rows = [{ type: 'scrap', ...l, qty: o.qty, from: PLACES[o.from], date: DATE }];
          }
          if (rows.length > 0) {
            const res = await call('POST', '/v1/batches', { rows });
            const body = await res.json() as { batchId?: string; problems?: { code: string }[] };
            const breaking = rows.some((r) => model.breaksHold(r));
            // Held stock never leaves: a row that would take it out is refused, for its hold.
            if (breaking) {
              expect(res.status).toBe(422);
              expect(body.problems!.map((p) => p.code)).toContain('lot_on_hold');
            }
            if (res.status === 201) {
              batches.push(body.batchId!);
              if (rows[0].type === 'receive') model.lots.push({ sku: rows[0].sku, lot: rows[0].lot });
              const produced = rows.find((r) => r.type === 'produce');
              if (produced) {
                model.lots.push({ sku: produced.sku, lot: produced.lot });
                model.made.push({ batch: body.batchId!, inputs: rows.filter((r) => r.type === 'consume').map(key), output: key(produced), ref: produced.ref! });
              }
            } else {
              expect(res.status).toBe(422);
            }
          }
        }

        for (const l of model.lots) {
          const recall = await (await call('GET', `/v1/reports/recall?sku=${l.sku}&lot=${l.lot}`)).json() as RecallAnswer;
          const want = model.closure(key(l));
          expect(new Map(recall.derived.map((d) => [key(d), d.depth])), `derived of ${key(l)}`).toEqual(want);
          const trace = await (await call('GET', `/v1/trace/lot?sku=${l.sku}&lot=${l.lot}`)).json() as LotTraceAnswer;
          for (const c of trace.customers) expect(c.qty, `${c.party} of ${key(l)}`).toBeGreaterThanOrEqual(0);
          for (const c of recall.customers) for (const h of c.lots) expect(h.qty, `${c.party} of ${key(h)}`).toBeGreaterThanOrEqual(0);
          expect(trace.lot.held).toBe(model.held.has(key(l)));
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
