import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from './target';
import { day, dryRun, freshWorkspace, ledgerOf, postOk } from './fixtures';
import { voidBatch } from '../../server/ledger/void';
import { LedgerError } from '../../server/ledger/errors';
import { interferingBeforeFirstWrite } from '../support/racing-client';

let target: Target;
beforeAll(async () => { target = await startTarget(); });
afterAll(() => target?.stop());

const fresh = () => freshWorkspace(target, 'void');
const receiveVac = (lot: string, qty: number) =>
  ({ type: 'receive', date: day(0), sku: 'VAC-10', lot, qty, expiry: day(200), to: 'COLD-1', ref: 'PO-1' });
const shipVac = (lot: string, qty: number) =>
  ({ type: 'ship', date: day(0), sku: 'VAC-10', lot, qty, from: 'COLD-1', party: 'P', ref: 'SO-1' });
const pump = (type: string, serial: string, places: Record<string, string>) =>
  ({ type, date: day(0), sku: 'PUMP-3', serial, ref: 'R-1', party: 'C', ...places });

describe('voiding a batch', () => {
  it('posts one reversing movement per original, pointing at it, and gives the stock back', async () => {
    const ws = await fresh();
    await postOk(ws.admin, [receiveVac('V1', 10)]);
    const shipped = await postOk(ws.admin, [shipVac('V1', 10), pump('receive', 'VS-1', { to: 'WH1-A' })]);
    expect(codesOf(await dryRun(ws.admin, [shipVac('V1', 1)]))).toEqual(['insufficient_stock']);

    const res = await ws.admin.post(`/v1/batches/${shipped}/void`, { reason: 'posted to the wrong customer' });
    expect(res.status).toBe(200);
    const reversal = await ws.admin.get(`/v1/batches/${res.body.batchId}`);
    const original = await ws.admin.get(`/v1/batches/${shipped}`);
    expect(original.body.voidedBy).toBe(res.body.batchId);
    expect(reversal.body).toMatchObject({ voids: shipped, reason: 'posted to the wrong customer' });
    expect(reversal.body.movements.map((m: { reverses: number; from: string; to: string }) => [m.reverses, m.from, m.to])).toEqual(
      original.body.movements.map((m: { id: number; from: string; to: string }) => [m.id, m.to, m.from]).reverse());
    // the 10 are back on the shelf, and the serial is as if never received
    expect((await dryRun(ws.admin, [shipVac('V1', 10), pump('receive', 'VS-1', { to: 'WH1-A' })])).ok).toBe(true);
  });

  it('refuses to void a batch twice', async () => {
    const ws = await fresh();
    const id = await postOk(ws.admin, [receiveVac('V2', 3)]);
    expect((await ws.admin.post(`/v1/batches/${id}/void`, { reason: 'dup' })).status).toBe(200);
    const again = await ws.admin.post(`/v1/batches/${id}/void`, { reason: 'dup' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_voided');
  });

  it('answers already_voided when another void of the batch is written between its checks and its write', async () => {
    const ws = await fresh();
    const id = await postOk(ws.admin, [receiveVac('V9', 2)]);
    const { db, auth } = await ledgerOf(target, ws);
    try {
      // A void row that leaves the version alone, so only the batch's unique index (batch_voids_once) can stop ours.
      const racing = interferingBeforeFirstWrite(db, () => db.write([{
        sql: `INSERT INTO batch (id, workspace_id, posted_at, posted_by, rows, voids, reason) VALUES (?, ?, ?, 'other', 0, ?, 'first')`,
        args: [`${id}-V`, auth.workspaceId, new Date().toISOString(), id],
      }]));
      const refused = await voidBatch(racing, auth, id, 'second', new Date()).catch((e: unknown) => e);
      expect(racing.interfered()).toBe(true);
      expect(refused).toBeInstanceOf(LedgerError);
      expect([(refused as LedgerError).code, (refused as LedgerError).message]).toEqual(['already_voided', `Batch ${id} was voided already.`]);
      const { body } = await ws.admin.get(`/v1/batches/${id}`);
      expect(body.voidedBy).toBe(`${id}-V`);
    } finally {
      db.close();
    }
  });

  it('refuses to void a receipt whose stock has moved on, or whose serial has', async () => {
    const ws = await fresh();
    const lots = await postOk(ws.admin, [receiveVac('V3', 5)]);
    await postOk(ws.admin, [shipVac('V3', 2)]);
    const blocked = await ws.admin.post(`/v1/batches/${lots}/void`, { reason: 'x' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('void_blocked');
    expect(blocked.body.error.message).toContain('Only 3 of VAC-10 lot V3 is left at COLD-1');

    const serial = await postOk(ws.admin, [pump('receive', 'VS-2', { to: 'WH1-A' })]);
    await postOk(ws.admin, [pump('transfer', 'VS-2', { from: 'WH1-A', to: 'WH1-B' })]);
    const moved = await ws.admin.post(`/v1/batches/${serial}/void`, { reason: 'x' });
    expect(moved.status).toBe(409);
    expect(moved.body.error.message).toContain('is at WH1-B');
  });

  it('needs a reason, and answers an unknown batch as not found', async () => {
    const ws = await fresh();
    const id = await postOk(ws.admin, [receiveVac('V4', 1)]);
    for (const body of [{}, { reason: '  ' }, { reason: 3 }]) {
      expect((await ws.admin.post(`/v1/batches/${id}/void`, body)).status).toBe(400);
    }
    expect((await ws.admin.post('/v1/batches/B-0000000000000000/void', { reason: 'x' })).status).toBe(404);
  });
});

function codesOf(r: { problems: { code: string }[] }) {
  return r.problems.map((p) => p.code);
}
