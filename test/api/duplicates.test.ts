import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from './target';
import { day, freshWorkspace, postOk, type Workspace } from './fixtures';
import type { Problem } from '../../shared/problems';

let target: Target;
beforeAll(async () => { target = await startTarget(); });
afterAll(() => target?.stop());

const fresh = () => freshWorkspace(target, 'dup');
const receiveVac = (lot: string, qty: number, ref = 'PO-7') =>
  ({ type: 'receive', date: day(0), sku: 'VAC-10', lot, qty, expiry: day(200), to: 'COLD-1', ref });
const gloves = (qty: number, ref: string | null = 'PO-8') => ({ type: 'receive', date: day(0), sku: 'GLV-M', qty, to: 'WH1-A', ref });
const pump = (serial: string) => ({ type: 'receive', date: day(0), sku: 'PUMP-3', serial, to: 'WH1-A', ref: 'PO-9' });

const post = (ws: Workspace, body: Record<string, unknown>, key?: string) =>
  ws.admin.post('/v1/batches', body, key ? { 'idempotency-key': key } : {});
const duplicates = (problems: Problem[]) => problems.filter((p) => p.code === 'possible_duplicate');

describe('duplicate protection', () => {
  it('refuses rows repeating a posted batch, naming the batch, its date and who posted it', async () => {
    const ws = await fresh();
    const first = await postOk(ws.admin, [receiveVac('D1', 10), gloves(5)]);
    const posted = (await ws.admin.get(`/v1/batches/${first}`)).body;
    // row 1 differs in qty, row 2 in lot, row 3 in type: only rows 0 and 4 repeat
    const res = await post(ws, { rows: [receiveVac('D1', 10), receiveVac('D1', 11), receiveVac('D2', 10), gloves(5), { ...receiveVac('D1', 10), ref: 'PO-other' }] });
    expect(res.status).toBe(422);
    const found = duplicates(res.body.problems);
    expect(found.map((p) => [p.row, p.field, p.severity, p.batchId])).toEqual([[0, 'ref', 'error', first], [3, 'ref', 'error', first]]);
    expect(found[0].message).toContain(first);
    expect(found[0].message).toContain(posted.postedAt.slice(0, 10));
    expect(found[0].message).toContain(posted.postedBy);
  });

  it('reports them the same way in a dry run', async () => {
    const ws = await fresh();
    const first = await postOk(ws.admin, [gloves(5)]);
    const res = await post(ws, { rows: [gloves(5), gloves(6)], dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(duplicates(res.body.problems).map((p) => [p.row, p.severity, p.batchId])).toEqual([[0, 'error', first]]);
    const confirmed = await post(ws, { rows: [gloves(5)], dryRun: true, duplicatesConfirmed: true });
    expect(confirmed.body.ok).toBe(true);
    expect(duplicates(confirmed.body.problems).map((p) => p.severity)).toEqual(['warning']);
  });

  it('posts them when confirmed, still listing them as warnings', async () => {
    const ws = await fresh();
    const first = await postOk(ws.admin, [receiveVac('D3', 4)]);
    const res = await post(ws, { rows: [receiveVac('D3', 4), gloves(1)], duplicatesConfirmed: true });
    expect(res.status).toBe(201);
    expect(res.body.posted).toBe(2);
    expect(res.body.warnings.map((p: Problem) => [p.row, p.code, p.severity, p.batchId])).toEqual([[0, 'possible_duplicate', 'warning', first]]);
  });

  it('does not count a voided batch, nor the reversal a void posts', async () => {
    const ws = await fresh();
    const first = await postOk(ws.admin, [gloves(3)]);
    expect((await ws.admin.post(`/v1/batches/${first}/void`, { reason: 'posted twice' })).status).toBe(200);
    const again = await post(ws, { rows: [gloves(3)] });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.warnings).toEqual([]);
    // and the batch posted after the void is an earlier batch like any other
    expect(duplicates((await post(ws, { rows: [gloves(3)], dryRun: true })).body.problems).map((p) => p.batchId)).toEqual([again.body.batchId]);
  });

  it('lets rows repeat each other inside one batch', async () => {
    const ws = await fresh();
    const res = await post(ws, { rows: [receiveVac('D4', 2), receiveVac('D4', 2), gloves(2), gloves(2)] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.warnings).toEqual([]);
  });

  it('never takes serial rows or rows without a ref for repeats', async () => {
    const ws = await fresh();
    const move = { type: 'transfer', date: day(0), sku: 'GLV-M', qty: 1, from: 'WH1-A', to: 'WH1-B' };
    await postOk(ws.admin, [pump('DS-1'), gloves(7), move]);
    // another pump of the same PO (same type, ref, item, no lot, qty 1) is no repeat
    const res = await post(ws, { rows: [pump('DS-1'), move, pump('DS-2')], dryRun: true });
    expect(res.body.problems.map((p: Problem) => [p.row, p.code])).toEqual([[0, 'serial_exists']]);
  });

  it('answers a replay under the same Idempotency-Key as the first answer, never as a duplicate', async () => {
    const ws = await fresh();
    const first = await post(ws, { rows: [gloves(9)] }, 'dup-replay');
    expect(first.status).toBe(201);
    const again = await post(ws, { rows: [gloves(9)] }, 'dup-replay');
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    // a new key is a new post: a repeat
    expect((await post(ws, { rows: [gloves(9)] }, 'dup-new')).status).toBe(422);
  });

  it('refuses a duplicatesConfirmed that is not true or false', async () => {
    const ws = await fresh();
    const res = await post(ws, { rows: [gloves(1)], duplicatesConfirmed: 'yes' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
  });
});
