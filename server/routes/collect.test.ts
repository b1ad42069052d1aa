import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LedgerStore } from '../db/port';
import { openDatabase } from '../db/client';
import { migrate } from '../db/migrate';
import { createWorkspace } from '../workspaces';
import { createApp } from '../app';
import { upsertItems, upsertLocations } from '../ledger/master-data';
import { fullCollection } from '../full-collection';

// A large post asks the runtime for a full garbage collection halfway through its write (its
// body's text is garbage by then); a small one does not. See server/full-collection.ts.
let dir: string;
let db: LedgerStore;
let token: string;
const today = new Date().toISOString().slice(0, 10);

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lotledger-collect-'));
  db = await openDatabase(`file:${path.join(dir, 'ledger.db')}`);
  await migrate(db);
  const ws = await createWorkspace(db, 'collect-test');
  token = ws.adminToken;
  await upsertItems(db, ws.workspaceId, [{ sku: 'GLV-M', name: 'Gloves M', unit: 'box', lotTracked: false, serialTracked: false, requiresExpiry: false, gtin: null }]);
  await upsertLocations(db, ws.workspaceId, [{ code: 'WH1-A', name: null }]);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const rows = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ type: 'receive', date: today, sku: 'GLV-M', qty: 1, to: 'WH1-A', ref: `${tag}-${i}` }));

describe('a full collection during a large post', () => {
  it('is asked for once by a post of 20,000 rows or more, and not by a smaller one', async () => {
    let collections = 0;
    const gc = fullCollection();
    const app = createApp({ store: db, rateLimit: false, collect: () => { collections++; gc(); } });
    const post = (body: unknown, key?: string) => app.request('/v1/batches', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(body),
    });
    expect((await post({ rows: rows(19_999, 'small') })).status).toBe(201);
    await new Promise((r) => setTimeout(r, 20));
    expect(collections).toBe(0);
    expect((await post({ rows: rows(20_000, 'large') }, 'large')).status).toBe(201);
    await new Promise((r) => setTimeout(r, 20));
    expect(collections).toBe(1);
    expect((await post({ rows: rows(20_000, 'dry'), dryRun: true })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 20));
    expect(collections).toBe(1); // a dry run writes nothing
  });
});
