import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from './target';
import { day, dryRun, freshWorkspace, postOk, type Workspace } from './fixtures';
import type { GenealogyAnswer } from '../../shared/recall-answers';
import type { LotTraceAnswer, RecallAnswer } from '../../shared/report-answers';

let target: Target;
beforeAll(async () => { target = await startTarget(); });
afterAll(() => target?.stop());

const receive = (sku: string, lot: string, qty: number) =>
  ({ type: 'receive', date: day(-10), sku, lot, qty, expiry: day(300), to: 'WH1-A', ref: 'PO-1' });
const consume = (sku: string, lot: string, qty: number, ref: string) => ({ type: 'consume', date: day(-5), sku, lot, qty, from: 'WH1-A', ref });
const produce = (sku: string, lot: string, qty: number, ref: string) =>
  ({ type: 'produce', date: day(-5), sku, lot, qty, expiry: day(200), to: 'WH1-A', ref });
const ship = (sku: string, lot: string, qty: number, party: string) => ({ type: 'ship', date: day(-1), sku, lot, qty, from: 'WH1-A', party, ref: `SO-${party}` });
const codes = (problems: { row: number; field: string; code: string }[]) => problems.map((p) => `${p.row} ${p.field} ${p.code}`);
const key = (l: { sku: string; lot: string | null }) => `${l.sku}/${l.lot}`;

/**
 * Three levels: VAC-10 V1 and SAL-500 S1 make SAL-500 MIX-1 (WO-1); MIX-1 makes VAC-10 V2 (WO-2);
 * V2 makes SAL-500 S3 (WO-3). MIX-1 goes to Clinic A, S3 to Clinic B, V1 itself to Clinic A.
 */
async function chain(): Promise<{ ws: Workspace; made: string }> {
  const ws = await freshWorkspace(target, 'made');
  await postOk(ws.admin, [receive('VAC-10', 'V1', 100), receive('SAL-500', 'S1', 100), receive('VAC-10', 'OTHER', 5)]);
  const made = await postOk(ws.admin, [consume('VAC-10', 'V1', 30, 'WO-1'), consume('SAL-500', 'S1', 20, 'WO-1'), produce('SAL-500', 'MIX-1', 40, 'WO-1')]);
  await postOk(ws.admin, [consume('SAL-500', 'MIX-1', 10, 'WO-2'), produce('VAC-10', 'V2', 10, 'WO-2')]);
  await postOk(ws.admin, [consume('VAC-10', 'V2', 4, 'WO-3'), produce('SAL-500', 'S3', 8, 'WO-3')]);
  await postOk(ws.admin, [ship('SAL-500', 'MIX-1', 5, 'Clinic A'), ship('SAL-500', 'S3', 3, 'Clinic B'), ship('VAC-10', 'V1', 2, 'Clinic A')]);
  return { ws, made };
}

describe('transformation', () => {
  it('shows what a lot was made from and what was made from it, with the quantities and work orders', async () => {
    const { ws } = await chain();
    const mix = (await ws.admin.get<LotTraceAnswer>('/v1/trace/lot?sku=SAL-500&lot=MIX-1')).body;
    expect(mix.madeFrom).toEqual([
      { sku: 'VAC-10', lot: 'V1', serial: null, qty: 30, ref: 'WO-1', date: day(-5) },
      { sku: 'SAL-500', lot: 'S1', serial: null, qty: 20, ref: 'WO-1', date: day(-5) },
    ]);
    expect(mix.usedIn).toEqual([{ sku: 'VAC-10', lot: 'V2', serial: null, qty: 10, ref: 'WO-2', date: day(-5) }]);
    expect(mix.onHand).toEqual([{ location: 'WH1-A', qty: 25 }]);
    const v1 = (await ws.admin.get<LotTraceAnswer>('/v1/trace/lot?sku=VAC-10&lot=V1')).body;
    expect(v1.madeFrom).toEqual([]);
    expect(v1.usedIn.map(key)).toEqual(['SAL-500/MIX-1']);
    expect(v1.onHand).toEqual([{ location: 'WH1-A', qty: 68 }]);
  });

  it('gives the family tree of a lot down and up', async () => {
    const { ws } = await chain();
    const down = (await ws.admin.get<GenealogyAnswer>('/v1/trace/genealogy?sku=VAC-10&lot=V1&direction=down')).body;
    expect(down.nodes.map((n) => `${key(n)}@${n.depth}`)).toEqual(['VAC-10/V1@0', 'SAL-500/MIX-1@1', 'VAC-10/V2@2', 'SAL-500/S3@3']);
    expect(down.edges.map((e) => `${key(e.from)}>${key(e.to)} ${e.ref}`)).toEqual(['VAC-10/V1>SAL-500/MIX-1 WO-1', 'SAL-500/MIX-1>VAC-10/V2 WO-2', 'VAC-10/V2>SAL-500/S3 WO-3']);
    const up = (await ws.admin.get<GenealogyAnswer>('/v1/trace/genealogy?sku=SAL-500&lot=S3&direction=up')).body;
    expect(up.nodes.map((n) => `${key(n)}@${n.depth}`)).toEqual(['SAL-500/S3@0', 'VAC-10/V2@1', 'SAL-500/MIX-1@2', 'VAC-10/V1@3', 'SAL-500/S1@3']);
    expect(up.edges).toHaveLength(4);
    expect((await ws.admin.get('/v1/trace/genealogy?sku=VAC-10&lot=V1&direction=sideways')).status).toBe(400);
    expect((await ws.admin.get('/v1/trace/genealogy?sku=VAC-10&lot=NOPE&direction=up')).status).toBe(404);
  });

  it('recalls every lot made from a recalled lot, to any depth and across items, with who holds each', async () => {
    const { ws } = await chain();
    const r = (await ws.admin.get<RecallAnswer>('/v1/reports/recall?sku=VAC-10&lot=V1')).body;
    expect(r.derived).toEqual([
      { sku: 'SAL-500', lot: 'MIX-1', depth: 1, via: 'WO-1' },
      { sku: 'VAC-10', lot: 'V2', depth: 2, via: 'WO-2' },
      { sku: 'SAL-500', lot: 'S3', depth: 3, via: 'WO-3' },
    ]);
    expect(r.customers.map((c) => [c.party, c.qty, c.lots.map((l) => `${key(l)}:${l.qty}`)])).toEqual([
      ['Clinic A', 7, ['SAL-500/MIX-1:5', 'VAC-10/V1:2']],
      ['Clinic B', 3, ['SAL-500/S3:3']],
    ]);
    expect(r.onHand.map((o) => `${o.sku}/${o.lot}@${o.location}:${o.qty}`)).toEqual([
      'SAL-500/MIX-1@WH1-A:25', 'SAL-500/S3@WH1-A:5', 'VAC-10/V1@WH1-A:68', 'VAC-10/V2@WH1-A:6',
    ]);
    // A lot of the chain's middle recalls only what lies below it.
    const mid = (await ws.admin.get<RecallAnswer>('/v1/reports/recall?sku=VAC-10&lot=V2')).body;
    expect(mid.derived.map(key)).toEqual(['SAL-500/S3']);
    expect(mid.customers.map((c) => c.party)).toEqual(['Clinic B']);
  });

  it('refuses a production without inputs (no_inputs) and one into a lot that exists (lot_exists)', async () => {
    const ws = await freshWorkspace(target, 'made');
    await postOk(ws.admin, [receive('VAC-10', 'V1', 100), receive('SAL-500', 'S1', 100)]);
    const { problems } = await dryRun(ws.admin, [
      produce('SAL-500', 'NEW-1', 5, 'WO-9'),
      consume('VAC-10', 'V1', 1, 'WO-8'),
      produce('SAL-500', 'S1', 5, 'WO-8'),
      produce('SAL-500', 'NEW-2', 5, 'WO-8'),
      produce('SAL-500', 'NEW-2', 5, 'WO-8'),
      produce('SAL-500', 'NEW-2', 5, 'WO-7'),
      consume('VAC-10', 'V1', 1, 'WO-7'),
    ]);
    expect(codes(problems)).toEqual(['0 ref no_inputs', '2 lot lot_exists', '5 lot lot_exists']);
    expect(problems[0].message).toContain('WO-9');
    // The inputs may come after the outputs in the batch; a consume alone is plain use.
    await postOk(ws.admin, [produce('SAL-500', 'NEW-3', 5, 'WO-6'), consume('VAC-10', 'V1', 1, 'WO-6'), consume('VAC-10', 'V1', 1, 'WO-5')]);
    expect((await ws.admin.get<LotTraceAnswer>('/v1/trace/lot?sku=VAC-10&lot=V1')).body.onHand).toEqual([{ location: 'WH1-A', qty: 98 }]);
  });

  it('voids a transformation on both sides: the inputs come back, the output goes, and no list, tree or recall counts it', async () => {
    const ws = await freshWorkspace(target, 'made');
    await postOk(ws.admin, [receive('VAC-10', 'V1', 100), receive('SAL-500', 'S1', 100)]);
    const made = await postOk(ws.admin, [consume('VAC-10', 'V1', 30, 'WO-1'), consume('SAL-500', 'S1', 20, 'WO-1'), produce('SAL-500', 'MIX-1', 40, 'WO-1')]);
    expect((await ws.admin.post(`/v1/batches/${made}/void`, { reason: 'wrong lots' })).status).toBe(200);
    const v1 = (await ws.admin.get<LotTraceAnswer>('/v1/trace/lot?sku=VAC-10&lot=V1')).body;
    expect(v1.onHand).toEqual([{ location: 'WH1-A', qty: 100 }]);
    expect(v1.usedIn).toEqual([]);
    const mix = (await ws.admin.get<LotTraceAnswer>('/v1/trace/lot?sku=SAL-500&lot=MIX-1')).body;
    expect(mix.onHand).toEqual([]);
    expect(mix.madeFrom).toEqual([]);
    expect((await ws.admin.get<RecallAnswer>('/v1/reports/recall?sku=VAC-10&lot=V1')).body.derived).toEqual([]);
    expect((await ws.admin.get<GenealogyAnswer>('/v1/trace/genealogy?sku=SAL-500&lot=MIX-1&direction=up')).body.edges).toEqual([]);
    // The output lot code is free again for the corrected work order.
    await postOk(ws.admin, [consume('VAC-10', 'V1', 30, 'WO-1b'), produce('SAL-500', 'MIX-1', 40, 'WO-1b')]);
    expect((await ws.admin.get<LotTraceAnswer>('/v1/trace/lot?sku=SAL-500&lot=MIX-1')).body.madeFrom.map(key)).toEqual(['VAC-10/V1']);
  });

  it('refuses to void a transformation whose output has moved on', async () => {
    const { ws, made } = await chain();
    const res = await ws.admin.post(`/v1/batches/${made}/void`, { reason: 'late' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('void_blocked');
  });
});
