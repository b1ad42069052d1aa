import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from './target';
import { day, freshWorkspace, ledgerOf, postOk, type Workspace } from './fixtures';
import { postBatch } from '../../server/ledger/post';
import { MAX_ATTEMPTS } from '../../server/ledger/write-path';
import { LedgerError } from '../../server/ledger/errors';
import { interferingBeforeFirstWrite } from '../support/racing-client';
import { constraintFailures, EXPECTED_KINDS, kindsOf } from '../support/constraint-failures';
import type { LedgerStore } from '../../server/db/port';

let target: Target;
let ws: Workspace;
beforeAll(async () => {
  target = await startTarget();
  ws = await freshWorkspace(target, 'batches');
});
afterAll(() => target?.stop());

const gloves = (qty: number, ref = 'PO-1') => ({ type: 'receive', date: day(0), sku: 'GLV-M', qty, to: 'WH1-A', ref });

describe('reading batches', () => {
  it('lists batches newest first with who posted them', async () => {
    const a = await postOk(ws.admin, [gloves(1)]);
    const b = await postOk(ws.admin, [gloves(2), gloves(3)]);
    const { body } = await ws.admin.get('/v1/batches');
    expect(body.batches.slice(0, 2).map((x: { batchId: string; rows: number }) => [x.batchId, x.rows])).toEqual([[b, 2], [a, 1]]);
    expect(body.batches[0]).toMatchObject({ postedBy: 'admin', voidedBy: null, source: null });
  });

  it('filters by posting day and refuses a date that is no date', async () => {
    expect((await ws.admin.get(`/v1/batches?from=${day(1)}`)).body.batches).toEqual([]);
    expect((await ws.admin.get(`/v1/batches?from=${day(0)}&to=${day(0)}`)).body.batches.length).toBeGreaterThan(0);
    expect((await ws.admin.get(`/v1/batches?to=${day(-1)}`)).body.batches).toEqual([]);
    for (const q of ['from=yesterday', 'to=2026-13-01', `from=${day(0)}&to=${day(-1)}`]) {
      const res = await ws.admin.get(`/v1/batches?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('invalid_query');
    }
  });

  it('shows a batch with its movements in row order', async () => {
    const id = await postOk(ws.admin, [
      { type: 'receive', date: day(0), sku: 'PUMP-3', serial: 'BR-1', to: 'WH1-A', ref: 'PO-2', party: 'Acme', note: 'first' },
      { type: 'transfer', date: day(0), sku: 'PUMP-3', serial: 'BR-1', from: 'WH1-A', to: 'WH1-B' },
    ]);
    const { status, body } = await ws.admin.get(`/v1/batches/${id}`);
    expect(status).toBe(200);
    expect(body.batchId).toBe(id);
    expect(body.movements).toHaveLength(2);
    expect(body.movements[0]).toMatchObject({
      batchId: id, type: 'receive', sku: 'PUMP-3', lot: null, serial: 'BR-1', qty: 1, from: null, to: 'WH1-A',
      party: 'Acme', ref: 'PO-2', note: 'first', postedBy: 'admin', voidedBy: null, reverses: null,
    });
    expect(body.movements[1]).toMatchObject({ type: 'transfer', from: 'WH1-A', to: 'WH1-B' });
    expect((await ws.admin.get('/v1/batches/B-NOPE')).status).toBe(404);
  });
});

describe("posting while others write (this target's database: a file, or a libSQL server)", () => {
  it('tells a broken unique index from the version guard and from every other failure, by their codes', async () => {
    const own = await freshWorkspace(target, 'kinds');
    const { db, auth } = await ledgerOf(target, own);
    try {
      expect(kindsOf(await constraintFailures(db, auth.workspaceId))).toEqual(EXPECTED_KINDS);
    } finally {
      db.close();
    }
  });

  const bumpVersion = (db: LedgerStore, id: number) => () =>
    db.write([{ sql: 'UPDATE workspace SET ledger_version = ledger_version + 1 WHERE id = ?', args: [id] }]);
  const input = (ref: string) => ({ rows: [gloves(4, ref)], dryRun: false, source: null });

  it('checks a post again and posts it when another write changed the ledger between its checks and its write', async () => {
    const own = await freshWorkspace(target, 'retry');
    const { db, auth } = await ledgerOf(target, own);
    try {
      const racing = interferingBeforeFirstWrite(db, bumpVersion(db, auth.workspaceId));
      const answer = await postBatch(racing, auth, input('PO-RETRY'), { now: new Date() });
      expect(racing.interferences()).toBe(1);
      expect(answer.kind).toBe('posted');
      expect((await own.admin.get('/v1/batches')).body.batches).toHaveLength(1);
    } finally {
      db.close();
    }
  });

  it('gives up with contended, posting nothing, when other writes get in first every time', async () => {
    const own = await freshWorkspace(target, 'contended');
    const { db, auth } = await ledgerOf(target, own);
    try {
      const racing = interferingBeforeFirstWrite(db, bumpVersion(db, auth.workspaceId), Infinity);
      const refused = await postBatch(racing, auth, input('PO-LOST'), { now: new Date() }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(LedgerError);
      expect([(refused as LedgerError).code, racing.interferences()]).toEqual(['contended', MAX_ATTEMPTS]);
      expect((await own.admin.get('/v1/batches')).body.batches).toEqual([]);
    } finally {
      db.close();
    }
  });
});
