import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@libsql/client';
import { startTarget, type Target } from './target';
import { day, freshWorkspace, type Workspace } from './fixtures';
import { batchHash, parseBatchRequest } from '../../server/routes/batches';

let target: Target;
let ws: Workspace;
beforeAll(async () => {
  target = await startTarget();
  ws = await freshWorkspace(target, 'idem');
});
afterAll(() => target?.stop());

const rows = (qty: number) => [{ type: 'receive', date: day(0), sku: 'GLV-M', qty, to: 'WH1-A', ref: 'PO-1' }];
const post = (body: unknown, key: string) => ws.admin.post('/v1/batches', body, { 'idempotency-key': key });
const batchCount = async () => (await ws.admin.get('/v1/batches')).body.batches.length;

describe('idempotency keys', () => {
  it('answers a retry with the first answer, marked replayed, and posts nothing new', async () => {
    const first = await post({ rows: rows(4) }, 'retry-1');
    expect(first.status).toBe(201);
    const count = await batchCount();
    // the same body with its fields in another order is the same request
    const again = await ws.admin.raw('POST', '/v1/batches',
      `{"rows":[{"ref":"PO-1","to":"WH1-A","qty":4,"sku":"GLV-M","date":"${day(0)}","type":"receive"}]}`, { 'idempotency-key': 'retry-1' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    expect(await batchCount()).toBe(count);
  });

  it('refuses the same key with another body', async () => {
    await post({ rows: rows(5) }, 'retry-2');
    const other = await post({ rows: rows(6) }, 'retry-2');
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_conflict');
  });

  it('lets a refused batch be fixed and posted again under the same key', async () => {
    const bad = await post({ rows: rows(-1) }, 'retry-3');
    expect(bad.status).toBe(422);
    const fixed = await post({ rows: rows(1) }, 'retry-3');
    expect(fixed.status).toBe(201);
    expect(fixed.body.replayed).toBeUndefined();
  });

  it('answers 409 in progress while the first request holds the key, and takes over a key abandoned by a crash', async () => {
    const db = createClient({ url: target.dbUrl });
    try {
      const { rows: [w] } = await db.execute({ sql: 'SELECT id FROM workspace WHERE name = ?', args: [ws.name] });
      const body = { rows: rows(2) };
      // the hash the server computes for this body
      const hash = await batchHash(parseBatchRequest(body, 10));
      await db.execute({
        sql: `INSERT INTO idempotency (workspace_id, key, body_hash, state, created_at) VALUES (?, 'busy', ?, 'in_progress', ?)`,
        args: [w.id, hash, new Date().toISOString()],
      });
      const busy = await post(body, 'busy');
      expect(busy.status).toBe(409);
      expect(busy.body.error.code).toBe('idempotency_in_progress');
      // A claim taken before its body was hashed (the post hashes while it writes) is in
      // progress to any body until the post writes its hash with its answer.
      await db.execute({
        sql: `INSERT INTO idempotency (workspace_id, key, body_hash, state, created_at) VALUES (?, 'hashing', 'pending', 'in_progress', ?)`,
        args: [w.id, new Date().toISOString()],
      });
      for (const other of [body, { rows: rows(3) }]) {
        const hashing = await post(other, 'hashing');
        expect(hashing.status).toBe(409);
        expect(hashing.body.error.code).toBe('idempotency_in_progress');
      }
      const hashed = { rows: rows(7) };
      expect((await post(hashed, 'posted-hash')).status).toBe(201);
      const { rows: [kept] } = await db.execute({ sql: "SELECT body_hash FROM idempotency WHERE key = 'posted-hash'", args: [] });
      expect(kept.body_hash).toBe(await batchHash(parseBatchRequest(hashed, 10)));
      await db.execute({
        sql: `INSERT INTO idempotency (workspace_id, key, body_hash, state, created_at) VALUES (?, 'crashed', ?, 'in_progress', ?)`,
        args: [w.id, hash, new Date(Date.now() - 10 * 60 * 1000).toISOString()],
      });
      const taken = await post(body, 'crashed');
      expect(taken.status).toBe(201);
      expect((await post(body, 'crashed')).body.replayed).toBe(true);
    } finally {
      db.close();
    }
  });

  it('refuses an empty or over-long key', async () => {
    for (const key of ['', 'k'.repeat(256)]) {
      const res = await ws.admin.raw('POST', '/v1/batches', JSON.stringify({ rows: rows(1) }), { 'idempotency-key': key });
      expect(res.status).toBe(400);
    }
  });

  it('keeps keys apart per workspace', async () => {
    const other = await freshWorkspace(target, 'idem-other');
    const mine = await post({ rows: rows(7) }, 'shared-key');
    const theirs = await other.admin.post('/v1/batches', { rows: rows(7) }, { 'idempotency-key': 'shared-key' });
    expect(theirs.status).toBe(201);
    expect(theirs.body.batchId).not.toBe(mine.body.batchId);
  });
});
