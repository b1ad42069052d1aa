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

    const idempotency = { key: 'slow-1', bodyHash: hash() };
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
      const answer = await postBatch(other, auth, input, { now: new Date(), idempotency: { key: 'slow-2', bodyHash: Promise.resolve(hash) } });
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
