import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from '@libsql/client';
import { openDatabase } from '../db/client';
import { migrate } from '../db/migrate';
import { createWorkspace } from '../workspaces';
import { upsertItems, upsertLocations } from './master-data';
import { postBatch } from './post';
import { ApiError } from '../errors';
import type { Auth } from '../env';
import { interferingBeforeFirstWrite } from '../../test/support/racing-client';

let dir: string;
let url: string;
let db: Client;
let auth: Auth;
const today = new Date().toISOString().slice(0, 10);
const receipt = (serial: string) => ({ type: 'receive', date: today, sku: 'PUMP-3', serial, to: 'WH1-A', ref: 'PO-1' });

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lotledger-post-'));
  url = `file:${path.join(dir, 'ledger.db')}`;
  db = await openDatabase(url);
  await migrate(db);
  const { workspaceId } = await createWorkspace(db, 'post-test');
  auth = { workspaceId, workspace: 'post-test', role: 'clerk', tokenName: 'clerk' };
  await upsertItems(db, workspaceId, [{ sku: 'PUMP-3', name: 'Pump', unit: 'each', lotTracked: false, serialTracked: true, requiresExpiry: false, gtin: null }]);
  await upsertLocations(db, workspaceId, [{ code: 'WH1-A', name: null }]);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (client: Client, serial: string) =>
  postBatch(client, auth, { rows: [receipt(serial)], dryRun: false, source: null }, { now: new Date(), idempotencyKey: null });

describe('the write path', () => {
  it('re-checks and refuses a post when another one changed the ledger between its check and its write', async () => {
    // A second process (its own client, no shared in-process lock) posts the same serial
    // just after our checks have passed; our version guard must catch it.
    const other = await openDatabase(url);
    const racing = interferingBeforeFirstWrite(db, () => post(other, 'SN-RACE'));
    const refused = await post(racing, 'SN-RACE').catch((e: unknown) => e);
    other.close();
    expect(racing.interfered()).toBe(true);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).problems?.map((p) => p.code)).toEqual(['serial_exists']);
    const { rows } = await db.execute(`SELECT count(*) AS n FROM movement WHERE serial = 'SN-RACE'`);
    expect(Number(rows[0].n)).toBe(1);
  });

  it('posts after a retry when the interfering post touched something else', async () => {
    const other = await openDatabase(url);
    const racing = interferingBeforeFirstWrite(db, () => post(other, 'SN-OTHER'));
    const answer = await post(racing, 'SN-MINE');
    other.close();
    expect(answer.status).toBe(201);
    const { rows } = await db.execute('SELECT ledger_version FROM workspace WHERE id = ?', [auth.workspaceId]);
    // items upsert, the other post, ours
    expect(Number(rows[0].ledger_version)).toBe(3);
  });

  it('lets exactly one of many processes receive the same serial', async () => {
    const clients = await Promise.all(Array.from({ length: 4 }, () => openDatabase(url)));
    const outcomes = await Promise.all(clients.map((c) => post(c, 'SN-ONE').then(() => 'posted', (e: ApiError) => e.code)));
    for (const c of clients) c.close();
    expect(outcomes.filter((o) => o === 'posted')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'invalid_rows')).toHaveLength(3);
  });
});
