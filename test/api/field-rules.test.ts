import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@libsql/client';
import { startTarget, type Target } from './target';
import { day, dryRun, freshWorkspace, postOk, receivingRows, type Workspace } from './fixtures';

let target: Target;
let ws: Workspace;
beforeAll(async () => {
  target = await startTarget();
  ws = await freshWorkspace(target, 'fields');
});
afterAll(() => target?.stop());

const errorsOf = (problems: { row: number; field: string; code: string; severity: string }[]) =>
  problems.filter((p) => p.severity === 'error').map((p) => `${p.row} ${p.field} ${p.code}`);

const glove = (extra: Record<string, unknown> = {}) =>
  ({ type: 'receive', date: day(0), sku: 'GLV-M', qty: 10, to: 'WH1-A', ref: 'PO-1', ...extra });

describe('the field rules, checked by the server', () => {
  it('passes every row of the clean packing list and posts it', async () => {
    const rows = receivingRows('receiving-packing-list.csv', day(-1));
    const check = await dryRun(ws.admin, rows);
    expect(check).toEqual({ ok: true, problems: [] });
    await postOk(ws.admin, rows);
  });

  it('marks each mistake of the messy receiving sheet on its row and field, and posts none of it', async () => {
    const rows = receivingRows('receiving-messy.csv', day(-1));
    const expected = [
      '1 lot required', '2 expiry expiry_conflict', '3 expiry required', '4 qty qty_must_be_one',
      '6 serial duplicate_serial', '7 serial invalid', '8 sku unknown_item', '9 qty invalid',
      '10 to unknown_location', '11 ref required', '12 expiry invalid',
    ];
    const check = await dryRun(ws.admin, rows);
    expect(check.ok).toBe(false);
    expect(errorsOf(check.problems)).toEqual(expected);
    const before = (await ws.admin.get('/v1/batches')).body.batches.length;
    const post = await ws.admin.post('/v1/batches', { rows });
    expect(post.status).toBe(422);
    expect(post.body.error.code).toBe('invalid_rows');
    expect(errorsOf(post.body.problems)).toEqual(expected);
    expect((await ws.admin.get('/v1/batches')).body.batches.length).toBe(before);
  });

  it('gives an unknown location the nearest known code as a hint', async () => {
    const { problems } = await dryRun(ws.admin, [glove({ to: 'WH1A' })]);
    expect(problems[0]).toMatchObject({ field: 'to', code: 'unknown_location' });
    expect(problems[0].message).toContain('WH1-A');
  });

  it('reads GS1 scans for item, lot and expiry, and refuses a GTIN with a wrong check digit', async () => {
    const rows = receivingRows('receiving-scans.csv', day(-1));
    const check = await dryRun(ws.admin, rows);
    expect(errorsOf(check.problems)).toEqual(['2 gs1 gtin_check_digit']);
    await postOk(ws.admin, rows.slice(0, 2));
    const lot = await ws.admin.get('/v1/batches');
    expect(lot.status).toBe(200);
  });

  it('reads a scan in the GS1 Digital Link form as the element string, and refuses a link out of order', async () => {
    const { problems } = await dryRun(ws.admin, [
      { type: 'receive', date: day(0), gs1: 'https://id.gs1.org/01/09506000134352/10/FLU2612C?17=271031', qty: 1, to: 'COLD-1', ref: 'PO-2' },
      { type: 'receive', date: day(0), gs1: 'https://id.gs1.org/01/09506000134352/10/FLU2612C?17=271031', lot: 'FLU9999', qty: 1, to: 'COLD-1', ref: 'PO-2' },
      { type: 'receive', date: day(0), gs1: 'https://id.gs1.org/01/09506000134352?17=271031&10=FLU2612C', qty: 1, to: 'COLD-1', ref: 'PO-2' },
    ]);
    expect(errorsOf(problems)).toEqual(['1 lot gs1_mismatch', '2 gs1 invalid']);
  });

  it('refuses a scan that disagrees with a typed field', async () => {
    const { problems } = await dryRun(ws.admin, [{
      type: 'receive', date: day(0), gs1: '(01)09506000134352(17)271031(10)FLU2612C', lot: 'FLU9999', qty: 1, to: 'COLD-1', ref: 'PO-2',
    }]);
    expect(errorsOf(problems)).toEqual(['0 lot gs1_mismatch']);
  });

  it('refuses dates after tomorrow, before 2000, or not on the calendar', async () => {
    const { problems } = await dryRun(ws.admin, [
      glove({ date: day(2) }), glove({ date: day(1) }), glove({ date: '1999-12-31' }), glove({ date: '2026-02-30' }), glove({ date: null }),
    ]);
    expect(errorsOf(problems)).toEqual(['0 date date_in_future', '2 date invalid', '3 date invalid', '4 date required']);
  });

  it('refuses quantities that are zero, negative, too precise or too large, and an unknown type', async () => {
    const { problems } = await dryRun(ws.admin, [
      glove({ qty: 0 }), glove({ qty: -1 }), glove({ qty: 1.0005 }), glove({ qty: 2e9 }), glove({ qty: 1.125 }), glove({ type: 'gift' }),
    ]);
    expect(errorsOf(problems)).toEqual(['0 qty invalid', '1 qty invalid', '2 qty invalid', '3 qty invalid', '5 type invalid']);
  });

  it('warns about a lot or serial on an item that tracks neither, and about goods received expired', async () => {
    const res = await ws.admin.post('/v1/batches', { rows: [
      glove({ lot: 'L1' }), glove({ serial: 'S1' }),
      { type: 'receive', date: day(0), sku: 'VAC-10', lot: 'OLD1', expiry: day(-3), qty: 2, to: 'COLD-1', ref: 'PO-3' },
    ] });
    expect(res.status).toBe(201);
    expect(res.body.warnings.map((p: { row: number; field: string; code: string; severity: string }) => `${p.row} ${p.field} ${p.code} ${p.severity}`))
      .toEqual(['0 lot not_tracked warning', '1 serial not_tracked warning', '2 expiry expired warning']);
  });

  it('refuses a transfer to the place it comes from', async () => {
    const { problems } = await dryRun(ws.admin, [{ type: 'transfer', date: day(0), sku: 'GLV-M', qty: 1, from: 'WH1-A', to: 'WH1-A' }]);
    expect(errorsOf(problems)).toEqual(['0 to same_location']);
  });

  it('stores nothing at all when a batch is refused, and nothing on a dry run', async () => {
    const db = createClient({ url: target.dbUrl });
    try {
      // Only this workspace: on the worker target other test files share the database.
      const { rows: [w] } = await db.execute({ sql: 'SELECT id FROM workspace WHERE name = ?', args: [ws.name] });
      const count = async () => Number((await db.execute({
        sql: `SELECT (SELECT count(*) FROM movement WHERE workspace_id = ?1) + (SELECT count(*) FROM batch WHERE workspace_id = ?1)
                   + (SELECT count(*) FROM lot WHERE workspace_id = ?1) + (SELECT count(*) FROM stock WHERE workspace_id = ?1)
                   + (SELECT count(*) FROM unit WHERE workspace_id = ?1) AS n`,
        args: [w.id],
      })).rows[0].n);
      const before = await count();
      const rows = [{ type: 'receive', date: day(0), sku: 'SAL-500', lot: 'NEW-LOT', expiry: day(300), qty: 5, to: 'WH1-A', ref: 'PO-9' }, glove({ qty: -2 })];
      expect((await ws.admin.post('/v1/batches', { rows })).status).toBe(422);
      expect((await ws.admin.post('/v1/batches', { rows: rows.slice(0, 1), dryRun: true })).body.ok).toBe(true);
      expect(await count()).toBe(before);
    } finally {
      db.close();
    }
  });
});
