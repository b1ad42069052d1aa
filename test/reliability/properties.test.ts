/**
 * Property tests: random sequences of batches, good and bad, and voids, posted to the real
 * server. The server must take exactly the batches a plain model of the ledger takes, and
 * afterwards the on-hand report, each serial's trace and the file's invariants must agree
 * with that model.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startLedgerTarget, type LedgerTarget } from './support/ledger-target';
import { ledgerViolations } from './support/ledger-invariants';
import { LedgerModel, sortRows, type ModelRow } from './support/ledger-model';
import { day, figure, scale } from './support/soak';

let t: LedgerTarget;
beforeAll(async () => { t = await startLedgerTarget(); });
afterAll(() => t?.stop());

const loc = fc.constantFrom('A', 'A', 'B', 'C');
const party = fc.constantFrom('Clinic North', 'Clinic South');
// Mostly the right shape for its type, so that the ledger rules (not only the field rules) decide.
const goods = fc.oneof(
  { weight: 3, arbitrary: fc.record({ sku: fc.constant('LOT-A'), lot: fc.constantFrom('L1', 'L2'), qty: fc.constantFrom(1, 2, 3, 5, 0.5) }) },
  { weight: 3, arbitrary: fc.record({ sku: fc.constant('SER-B'), serial: fc.constantFrom('S1', 'S2', 'S3') }) },
  { weight: 2, arbitrary: fc.record({ sku: fc.constant('BULK-C'), qty: fc.constantFrom(1, 4, 10) }) },
  { weight: 2, arbitrary: fc.record({ sku: fc.constant('LOTSER-D'), lot: fc.constantFrom('L1', 'L2'), serial: fc.constantFrom('D1', 'D2') }) },
  // now and then a row that is wrong in itself
  { weight: 1, arbitrary: fc.constantFrom<Partial<ModelRow>>({ sku: 'NOPE', qty: 1 }, { sku: 'LOT-A', qty: 1 }, { sku: 'SER-B', serial: 'S1', qty: 2 },
    { sku: 'BULK-C', qty: -1 }, { sku: 'BULK-C', qty: 0.0001 }) },
);
const places = fc.oneof(
  fc.record({ type: fc.constant('receive' as const), to: loc, ref: fc.constant('PO-1') }),
  fc.record({ type: fc.constant('receive' as const), to: loc, ref: fc.constant('PO-1') }),
  fc.record({ type: fc.constant('receive' as const), to: loc, ref: fc.constant('PO-1') }),
  fc.record({ type: fc.constant('transfer' as const), from: loc, to: loc }),
  fc.record({ type: fc.constant('ship' as const), from: loc, party, ref: fc.constant('SO-1') }),
  fc.record({ type: fc.constant('return' as const), to: loc, party }),
  fc.record({ type: fc.constant('scrap' as const), from: loc }),
  fc.record({ type: fc.constant('adjust' as const), from: loc, ref: fc.constant('count') }),
  fc.record({ type: fc.constant('adjust' as const), to: loc, ref: fc.constant('count') }),
  fc.record({ type: fc.constant('transfer' as const), from: loc, to: fc.constant('NOWHERE') }),
);
const row = fc.tuple(goods, places).map(([g, p]) => ({ ...g, ...p }) as ModelRow);
// A batch that receives something and moves it on at once: its void must undo both, last first.
const chain = fc.tuple(fc.constantFrom('S1', 'S2', 'D1'), loc, loc, party).map(([serial, a, b, p]) => {
  const sku = serial.startsWith('D') ? 'LOTSER-D' : 'SER-B';
  const lot = sku === 'LOTSER-D' ? { lot: 'L1' } : {};
  const rows: ModelRow[] = [{ type: 'receive', sku, serial, to: a, ref: 'PO-2', ...lot }];
  rows.push(a === b ? { type: 'ship', sku, serial, from: a, party: p, ref: 'SO-2', ...lot } : { type: 'transfer', sku, serial, from: a, to: b, ...lot });
  return { rows };
});
const op = fc.oneof(
  { weight: 4, arbitrary: fc.array(row, { minLength: 1, maxLength: 3 }).map((rows) => ({ rows })) },
  { weight: 1, arbitrary: chain },
  { weight: 1, arbitrary: fc.nat(20).map((n) => ({ void: n })) },
);

let runs = 0;
const tally = { posted: 0, refused: 0, voided: 0, voidRefused: 0 };

describe('random sequences of batches and voids', () => {
  it('are taken or refused as the model of the ledger says, and leave reports that agree with it', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 16 }), async (ops) => {
      const ws = await t.workspace(`prop-${runs++}`);
      const model = new LedgerModel();
      const batchIds: string[] = [];
      for (const o of ops) {
        if ('rows' in o) {
          const rows = o.rows.map((r) => ({ ...r, date: day(0) }));
          // the model knows no duplicate protection (test/api/duplicates.test.ts has it): repeats are meant here
          const res = await ws.admin.post('/v1/batches', { rows, duplicatesConfirmed: true });
          const expected = model.post(o.rows);
          expect(res.status, JSON.stringify({ rows, answer: res.body })).toBe(expected ? 201 : 422);
          if (expected) { batchIds.push(res.body.batchId); tally.posted++; } else tally.refused++;
        } else if (batchIds.length > 0) {
          const index = o.void % batchIds.length;
          const res = await ws.admin.post(`/v1/batches/${batchIds[index]}/void`, { reason: 'property test' });
          const expected = model.void(index);
          if (expected === 'ok') {
            expect(res.status, JSON.stringify(res.body)).toBe(200);
            batchIds.push(res.body.batchId);
            tally.voided++;
          } else {
            expect(res.status, JSON.stringify(res.body)).toBe(409);
            expect(res.body.error.code).toBe(expected);
            tally.voidRefused++;
          }
        }
      }
      const live = await ws.admin.get('/v1/reports/on-hand');
      expect(sortRows(live.body.rows)).toEqual(model.onHand());
      // Replaying the movements (asOf) must give what the projections give.
      const replayed = await ws.admin.get(`/v1/reports/on-hand?asOf=${day(0)}`);
      expect(sortRows(replayed.body.rows)).toEqual(model.onHand());
      for (const [sku, serial] of [['SER-B', 'S1'], ['SER-B', 'S2'], ['SER-B', 'S3'], ['LOTSER-D', 'D1'], ['LOTSER-D', 'D2']]) {
        const trace = await ws.admin.get(`/v1/trace/serial?serial=${serial}&sku=${sku}`);
        const u = model.unit(sku, serial);
        if (trace.status === 404) {
          expect(u).toBeNull();
          continue;
        }
        expect(trace.status).toBe(200);
        const { state, location, party, lot } = trace.body.unit;
        expect({ state, location, party, lot }, `${sku} ${serial}`).toEqual(u ?? { state: null, location: null, party: null, lot: null });
      }
      expect(await ledgerViolations(t.db)).toEqual([]);
    }), { numRuns: scale(80, 2000) });
    figure('property runs', { runs, ...tally });
  });
});

// Issue 19: rows dated anywhere in the last week, so most batches reach back before movements
// already posted. Every day's on hand (replayed by the server from movement dates) must be what
// the model's replay by date says, so no day shows stock that was never there or a serial twice.
const lastWeek = fc.nat(6).map((n) => day(-n));
type DatedOp = { rows: ModelRow[] } | { void: number } | { voidBack: number };
const datedOp: fc.Arbitrary<DatedOp> = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.tuple(row, lastWeek).map(([r, date]) => ({ ...r, date })), { minLength: 1, maxLength: 3 }).map((rows) => ({ rows })) },
  { weight: 1, arbitrary: fc.tuple(chain, lastWeek, lastWeek).map(([c, a, b]) => ({ rows: [{ ...c.rows[0], date: a }, { ...c.rows[1], date: b }] })) },
  { weight: 1, arbitrary: fc.nat(20).map((n) => ({ void: n })) },
);
// Stock brought in, taken out, brought in again, each its own batch on its own day, then perhaps
// a void of one of them: the takes and voids that only the dates decide.
const lotOrBulk = fc.constantFrom<Partial<ModelRow>>({ sku: 'LOT-A', lot: 'L1' }, { sku: 'BULK-C' });
const take = fc.constantFrom<Partial<ModelRow>>({ type: 'ship', party: 'Clinic North', ref: 'SO-3' }, { type: 'scrap' }, { type: 'transfer', to: 'C' });
const story = fc.tuple(lotOrBulk, take, fc.constantFrom('A', 'B'), fc.constantFrom(2, 5), fc.constantFrom(1, 3, 5), fc.constantFrom(1, 4),
  lastWeek, lastWeek, lastWeek, fc.option(fc.nat(2), { nil: undefined }))
  .map(([goods, t, at, qin, qout, qagain, d1, d2, d3, back]): DatedOp[] => [
    { rows: [{ ...goods, type: 'receive', qty: qin, to: at, ref: 'PO-3', date: d1 } as ModelRow] },
    { rows: [{ ...goods, ...t, qty: qout, from: at, date: d2 } as ModelRow] },
    { rows: [{ ...goods, type: 'receive', qty: qagain, to: at, ref: 'PO-4', date: d3 } as ModelRow] },
    ...(back === undefined ? [] : [{ voidBack: back }]),
  ]);
const datedOps = fc.array(fc.oneof({ weight: 2, arbitrary: datedOp.map((o) => [o]) }, { weight: 1, arbitrary: story }), { minLength: 1, maxLength: 10 })
  .map((groups) => groups.flat());
const datedTally = { posted: 0, refused: 0, voided: 0, voidRefused: 0 };

describe('random back-dated sequences of batches and voids', () => {
  it('are taken or refused as the model says, and on hand as of every day is the model\'s replay by date', async () => {
    await fc.assert(fc.asyncProperty(datedOps, async (ops) => {
      const ws = await t.workspace(`dated-${runs++}`);
      const model = new LedgerModel();
      const batchIds: string[] = [];
      for (const o of ops) {
        if ('rows' in o) {
          const res = await ws.admin.post('/v1/batches', { rows: o.rows, duplicatesConfirmed: true }); // repeats are meant, as above
          const expected = model.post(o.rows);
          expect(res.status, JSON.stringify({ rows: o.rows, answer: res.body })).toBe(expected ? 201 : 422);
          if (expected) { batchIds.push(res.body.batchId); datedTally.posted++; } else datedTally.refused++;
        } else if (batchIds.length > 0) {
          // A void of the batch `voidBack` before the latest, or of any batch.
          const index = 'voidBack' in o ? Math.max(0, batchIds.length - 1 - o.voidBack) : o.void % batchIds.length;
          const res = await ws.admin.post(`/v1/batches/${batchIds[index]}/void`, { reason: 'property test' });
          const expected = model.void(index);
          expect(res.status === 200 ? 'ok' : res.body.error?.code, JSON.stringify(res.body)).toBe(expected);
          if (expected === 'ok') { batchIds.push(res.body.batchId); datedTally.voided++; } else datedTally.voidRefused++;
        }
      }
      expect(sortRows((await ws.admin.get('/v1/reports/on-hand')).body.rows)).toEqual(model.onHand());
      for (let n = 7; n >= 0; n--) {
        const asOf = await ws.admin.get(`/v1/reports/on-hand?asOf=${day(-n)}`);
        expect(sortRows(asOf.body.rows), `as of ${day(-n)}`).toEqual(model.onHandAsOf(day(-n)));
      }
      expect(await ledgerViolations(t.db)).toEqual([]);
    }), { numRuns: scale(60, 1500) });
    figure('back-dated property runs', datedTally);
  });
});

describe('the record a void leaves', () => {
  it('reads as one true story: a serial received and moved on in one batch is moved back before its receipt is taken back', async () => {
    const ws = await t.workspace('void-order');
    const posted = await ws.admin.post('/v1/batches', { rows: [
      { type: 'receive', date: day(0), sku: 'SER-B', serial: 'S9', to: 'A', ref: 'PO-9' },
      { type: 'transfer', date: day(0), sku: 'SER-B', serial: 'S9', from: 'A', to: 'B' },
    ] });
    const voided = await ws.admin.post(`/v1/batches/${posted.body.batchId}/void`, { reason: 'wrong sheet' });
    expect(voided.status).toBe(200);
    const trace = await ws.admin.get('/v1/trace/serial?serial=S9&sku=SER-B');
    expect(trace.body.movements.map((m: { type: string; from: string | null; to: string | null; reverses: number | null }) =>
      `${m.type} ${m.from ?? '-'}→${m.to ?? '-'}${m.reverses ? ' (reversal)' : ''}`)).toEqual([
      'receive -→A', 'transfer A→B', 'transfer B→A (reversal)', 'receive A→- (reversal)',
    ]);
    expect(await ledgerViolations(t.db)).toEqual([]);
  });
});
