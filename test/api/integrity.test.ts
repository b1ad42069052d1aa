import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@libsql/client';
import { startTarget, type Target } from './target';
import { day, freshWorkspace, postOk } from './fixtures';

let target: Target;
beforeAll(async () => { target = await startTarget(); });
afterAll(() => target?.stop());

describe('the ledger under races and tampering', () => {
  it('lets exactly one of several racing posts receive the same serial', async () => {
    const ws = await freshWorkspace(target, 'race');
    const row = { type: 'receive', date: day(0), sku: 'PUMP-3', serial: 'RACE-1', to: 'WH1-A', ref: 'PO-1' };
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) =>
      ws.admin.post('/v1/batches', { rows: [row] }, { 'idempotency-key': `race-${i}` })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 422, 422, 422, 422, 422]);
    for (const a of answers.filter((x) => x.status === 422)) expect(a.body.problems[0].code).toBe('serial_exists');
  });

  it('never lets racing shipments take a lot below zero', async () => {
    const ws = await freshWorkspace(target, 'race-lot');
    await postOk(ws.admin, [{ type: 'receive', date: day(0), sku: 'VAC-10', lot: 'R1', expiry: day(100), qty: 10, to: 'COLD-1', ref: 'PO-1' }]);
    const ship = { type: 'ship', date: day(0), sku: 'VAC-10', lot: 'R1', qty: 4, from: 'COLD-1', party: 'P', ref: 'SO' };
    // five orders (a ref each): the same order five times would be repeats, not a race
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => ws.admin.post('/v1/batches', { rows: [{ ...ship, ref: `SO-${i}` }] })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(2);
    expect(answers.filter((a) => a.status === 422)).toHaveLength(3);
  });

  it('refuses to update or delete a movement, even straight in the database', async () => {
    const ws = await freshWorkspace(target, 'tamper');
    const batchId = await postOk(ws.admin, [{ type: 'receive', date: day(0), sku: 'GLV-M', qty: 3, to: 'WH1-A', ref: 'PO-1' }]);
    const db = createClient({ url: target.dbUrl });
    try {
      await expect(db.execute({ sql: 'UPDATE movement SET qty_milli = 1 WHERE batch_id = ?', args: [batchId] })).rejects.toThrow(/append-only/);
      await expect(db.execute({ sql: 'DELETE FROM movement WHERE batch_id = ?', args: [batchId] })).rejects.toThrow(/append-only/);
      const { rows } = await db.execute({ sql: 'SELECT qty_milli FROM movement WHERE batch_id = ?', args: [batchId] });
      expect(rows.map((r) => r.qty_milli)).toEqual([3000]);
    } finally {
      db.close();
    }
  });

  it('refuses a write that was checked against an older ledger', async () => {
    const ws = await freshWorkspace(target, 'guard');
    const db = createClient({ url: target.dbUrl });
    try {
      const { rows: [w] } = await db.execute({ sql: 'SELECT id, ledger_version FROM workspace WHERE name = ?', args: [ws.name] });
      await postOk(ws.admin, [{ type: 'receive', date: day(0), sku: 'GLV-M', qty: 1, to: 'WH1-A', ref: 'PO-1' }]);
      // a writer that read the version before that post may not commit
      await expect(db.execute({ sql: 'UPDATE workspace SET ledger_version = ? WHERE id = ?', args: [Number(w.ledger_version) + 1, w.id] }))
        .rejects.toThrow(/ledger_changed/);
    } finally {
      db.close();
    }
  });
});
