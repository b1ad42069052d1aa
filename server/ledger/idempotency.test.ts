import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LedgerStore } from '../db/port';
import { openDatabase } from '../db/client';
import { migrate } from '../db/migrate';
import { createWorkspace } from '../workspaces';
import { createApp } from '../app';
import type { Posted } from '../../shared/api-types';
import type { Auth } from '../env';
import { interferingBeforeFirstWrite } from '../../test/support/racing-client';
import { upsertItems, upsertLocations } from './master-data';
import { postBatch, type PostInput } from './post';
import { ABANDONED_AFTER_MS, claimKey } from './idempotency';
import { batchHash } from '../routes/batches';

// Gloves track neither lot nor serial: receiving them twice breaks no ledger rule, so only
// the idempotency key stands between a taken-over retry and a double receipt.
let dir: string;
let url: string;
let db: LedgerStore;
let auth: Auth;
let adminToken: string;
const today = new Date().toISOString().slice(0, 10);
const input: PostInput = {
  rows: [{ type: 'receive', date: today, sku: 'GLV-M', qty: 40, to: 'WH1-A', ref: 'PO-7' }],
  dryRun: false, source: null,
};
const movements = async () => Number((await db.read('SELECT count(*) AS n FROM movement')).rows[0].n);

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lotledger-idem-'));
  url = `file:${path.join(dir, 'ledger.db')}`;
  db = await openDatabase(url);
  await migrate(db);
  const ws = await createWorkspace(db, 'idem-test');
  adminToken = ws.adminToken;
  auth = { workspaceId: ws.workspaceId, workspace: 'idem-test', role: 'admin', tokenName: 'admin' };
  await upsertItems(db, ws.workspaceId, [{ sku: 'GLV-M', name: 'Gloves M', unit: 'box', lotTracked: false, serialTracked: false, requiresExpiry: false, gtin: null }]);
  await upsertLocations(db, ws.workspaceId, [{ code: 'WH1-A', name: null }]);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a key taken over from a holder thought dead', () => {
  it('never posts twice when the first holder was only slow and writes after the takeover', async () => {
    const hash = () => batchHash(input);
    const t0 = new Date();
    expect(await claimKey(db, auth.workspaceId, 'slow-1', hash, t0)).toEqual({ replay: false });
    const later = new Date(t0.getTime() + ABANDONED_AFTER_MS + 1000);
    expect(await claimKey(db, auth.workspaceId, 'slow-1', hash, later)).toEqual({ replay: false });

    const idempotency = { key: 'slow-1', bodyHash: hash(), claimed: true };
    const taker = await postBatch(db, auth, input, { now: later, idempotency });
    expect(taker.kind).toBe('posted');
    const slow = await postBatch(db, auth, input, { now: later, idempotency }).catch((e: unknown) => e);
    expect(slow).toBeInstanceOf(Error);
    expect(await movements()).toBe(1);
  });

  it('answers the retry with the first holder\'s answer when that holder wrote while the retry was checking', async () => {
    const hash = await batchHash(input);
    await db.write([{
      sql: `INSERT INTO idempotency (workspace_id, key, body_hash, state, created_at) VALUES (?, 'slow-2', ?, 'in_progress', ?)`,
      args: [auth.workspaceId, hash, new Date(Date.now() - ABANDONED_AFTER_MS - 60_000).toISOString()],
    }]);
    // The first holder (another connection) finishes just before the retry's own write.
    const other = await openDatabase(url);
    let first: { batchId: string } | null = null;
    const racing = interferingBeforeFirstWrite(db, async () => {
      const answer = await postBatch(other, auth, input, { now: new Date(), idempotency: { key: 'slow-2', bodyHash: Promise.resolve(hash), claimed: true } });
      first = answer.body as { batchId: string };
    });
    const app = createApp({ store: racing, rateLimit: false });
    const res = await app.request('/v1/batches', {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json', 'idempotency-key': 'slow-2' },
      body: JSON.stringify(input),
    });
    other.close();
    expect(res.status).toBe(201);
    const body = await res.json() as Posted;
    expect(first).not.toBeNull();
    expect(body.batchId).toBe(first!.batchId);
    expect(body.replayed).toBe(true);
    expect(await movements()).toBe(1);
  });
});

describe('a new key on a file', () => {
  it('is claimed by the post\'s own write: no claim is ever committed apart from the answer', async () => {
    const app = createApp({ store: db, rateLimit: false });
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ type: 'receive', date: today, sku: 'GLV-M', qty: 1 + (i % 9), to: 'WH1-A', ref: `PO-${i}` }));
    const sent = { rows, dryRun: false, source: null };
    let answered = false;
    const posting = Promise.resolve(app.request('/v1/batches', {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json', 'idempotency-key': 'one-commit' },
      body: JSON.stringify(sent),
    })).then((res) => { answered = true; return res; });
    // What another connection sees of the key while the post is checked and written.
    const seen = new Set<string>();
    let looks = 0;
    while (!answered) {
      const { rows: found } = await db.read({ sql: "SELECT state FROM idempotency WHERE key = 'one-commit'", args: [] });
      seen.add(found.length === 0 ? 'none' : String(found[0].state));
      looks++;
    }
    const res = await posting;
    expect(res.status).toBe(201);
    expect(looks).toBeGreaterThan(5);
    expect([...seen].filter((s) => s !== 'none' && s !== 'done')).toEqual([]);
    const { rows: [kept] } = await db.read({ sql: "SELECT state, body_hash FROM idempotency WHERE key = 'one-commit'", args: [] });
    expect(kept).toMatchObject({ state: 'done', body_hash: await batchHash(sent) });
    // The same request again is the first answer, replayed; nothing more is posted.
    const again = await app.request('/v1/batches', {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json', 'idempotency-key': 'one-commit' },
      body: JSON.stringify(sent),
    });
    expect(await again.json()).toEqual({ ...(await res.json() as Posted), replayed: true });
    expect(await movements()).toBe(20_000);
  });
});
